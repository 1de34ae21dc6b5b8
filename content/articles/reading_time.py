"""Estimated reading time of a StreamField body."""

import math
import re

from django.utils.html import strip_tags

# Adults read Indonesian prose at roughly 200 words per minute.
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+", re.UNICODE)


def _block_text(block):
    value = block.value
    if block.block_type == "paragraph":
        return strip_tags(value.source)
    if block.block_type == "heading":
        return value["text"]
    if block.block_type == "quote":
        return value["text"]
    if block.block_type in ("figure", "video"):
        return value.get("caption") or ""
    return ""


def reading_minutes(body, *extra_texts):
    """Whole minutes needed to read the body (and any extra plain texts); at least one."""
    text = " ".join([*(_block_text(block) for block in body), *extra_texts])
    words = len(_WORD.findall(text))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
