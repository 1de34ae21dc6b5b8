"""The demo's texts, kept as data files in content/demo/data/ (as bakerydemo keeps its
fixtures): one Markdown file per topic, material and fact-check, read in file-name order.

A file is a front matter between two `---` lines, one `key: value` a line (a line starting
with a space continues the value above, joined with one space), then the body. The front
matter is read here, not as YAML (no new dependency): every value is text as written, except
the numbers in NUMBERS and the comma-separated lists in LISTS.

    ---
    title: Kenali Ciri Hoaks di Grup WhatsApp Keluarga dan Kantor
    slug: kenali-ciri-hoaks-di-grup-whatsapp
    tags: hoaks, whatsapp, cek-fakta
    days_ago: 3
    ---

    A paragraph: lines up to a blank line, joined with one space.

    ## A heading

    > A quote, its lines joined with one space.
    > — Its attribution

Only those block shapes are read, and the text is plain, not inline Markdown: the demo escapes
it into the page's HTML. A fact-check's body is its explanation's paragraphs, then its sources
under `## Sumber` (`- [title](url) — publisher`) and its archived copies under `## Arsip`
(`- [note](url)`). A topic's body is its description.

The readers return what content/demo/articles.py builds pages from: a list of dicts, keys in the
front matter's order then the body's, body blocks as tuples (`("paragraph", text)`,
`("heading", text)`, `("quote", text, attribution)`).
"""

import re
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
NUMBERS = {"days_ago", "claim_first_seen_days_ago", "screenshots"}
LISTS = {"tags"}
SOURCES = "## Sumber"
ARCHIVE = "## Arsip"
_SOURCE = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>\S+)\) — (?P<publisher>.+)$")
_ARCHIVE = re.compile(r"^- \[(?P<note>[^\]]+)\]\((?P<url>\S+)\)$")


class TextError(ValueError):
    """A data file that does not read as the format above: the message names the file."""


def topics():
    return [
        {**fields, "description": _joined(_paragraphs(body, path), path)}
        for path, fields, body in _files("topics")
    ]


def articles():
    return [{**fields, "body": _blocks(body, path)} for path, fields, body in _files("articles")]


def fact_checks():
    items = []
    for path, fields, body in _files("fact_checks"):
        explanation, sources, archive = _sections(body, path)
        items.append(
            {
                **fields,
                "explanation": _paragraphs(explanation, path),
                "sources": [
                    _item(_SOURCE, line, path, ("title", "publisher", "url")) for line in sources
                ],
                "archive_links": [_item(_ARCHIVE, line, path, ("url", "note")) for line in archive],
            }
        )
    return items


def reports():
    """The report desk's demo cases (data/reports/): a front matter (slug, kind, status, days_ago
    and what the desk and the partner did), then one block per report: its link on the first
    line, then what the reporter wrote; a last line `kontak: ...` is the contact the reporter
    gave (with consent to be contacted)."""
    items = []
    for path, fields, body in _files("reports"):
        sent = []
        for chunk in _chunks(body):
            link, *text = chunk
            contact = ""
            if text and text[-1].startswith("kontak:"):
                contact = text.pop().partition(":")[2].strip()
            if not text:
                raise TextError(f"{path.name}: a report without a description: {link!r}")
            sent.append({"link": link, "description": " ".join(text), "contact": contact})
        if not sent:
            raise TextError(f"{path.name}: no report")
        items.append({**fields, "reports": sent})
    return items


def _files(folder):
    """(path, front matter, body lines) of every .md file in data/<folder>/, by file name."""
    for path in sorted((DATA / folder).glob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines or lines[0] != "---" or "---" not in lines[1:]:
            raise TextError(f"{path.name}: no front matter between two '---' lines")
        end = lines.index("---", 1)
        fields = _front_matter(lines[1:end], path)
        if fields.get("slug") and not path.stem.endswith(fields["slug"]):
            raise TextError(f"{path.name}: the file name does not end with its slug")
        yield path, fields, lines[end + 1 :]


def _front_matter(lines, path):
    fields = {}
    key = None
    for line in lines:
        if line[:1].isspace() and key:
            fields[key] = f"{fields[key]} {line.strip()}"
            continue
        key, colon, value = line.partition(":")
        if not colon or not key.strip():
            raise TextError(f"{path.name}: front matter line without 'key: value': {line!r}")
        key = key.strip()
        fields[key] = value.strip()
    for key in NUMBERS & fields.keys():
        fields[key] = int(fields[key])
    for key in LISTS & fields.keys():
        fields[key] = [item.strip() for item in fields[key].split(",") if item.strip()]
    return fields


def _chunks(lines):
    """The body's blocks: runs of non-blank lines."""
    chunk = []
    for line in [*lines, ""]:
        if line.strip():
            chunk.append(line.strip())
        elif chunk:
            yield chunk
            chunk = []


def _blocks(lines, path):
    blocks = []
    for chunk in _chunks(lines):
        if chunk[0].startswith("## "):
            if len(chunk) > 1:
                raise TextError(f"{path.name}: a heading must stand alone: {chunk[0]!r}")
            blocks.append(("heading", chunk[0][3:].strip()))
        elif chunk[0].startswith(">"):
            if not all(line.startswith(">") for line in chunk):
                raise TextError(f"{path.name}: every line of a quote starts with '>'")
            quoted = [line[1:].strip() for line in chunk]
            if len(quoted) < 2 or not quoted[-1].startswith("— "):
                raise TextError(f"{path.name}: a quote ends with '> — attribution'")
            blocks.append(("quote", " ".join(quoted[:-1]), quoted[-1][2:].strip()))
        else:
            blocks.append(("paragraph", " ".join(chunk)))
    return blocks


def _paragraphs(lines, path):
    blocks = _blocks(lines, path)
    if any(kind != "paragraph" for kind, *_ in blocks):
        raise TextError(f"{path.name}: only paragraphs are expected here")
    return [text for _, text in blocks]


def _joined(paragraphs, path):
    if len(paragraphs) != 1:
        raise TextError(f"{path.name}: one paragraph is expected, not {len(paragraphs)}")
    return paragraphs[0]


def _sections(lines, path):
    """A fact-check's body split into its explanation, its source lines and its archive
    lines."""
    parts = {None: [], SOURCES: [], ARCHIVE: []}
    current = None
    for line in lines:
        if line.strip() in (SOURCES, ARCHIVE):
            current = line.strip()
        elif current is None:
            parts[None].append(line)
        elif line.strip():
            parts[current].append(line.strip())
    return parts[None], parts[SOURCES], parts[ARCHIVE]


def _item(pattern, line, path, names):
    match = pattern.match(line)
    if match is None:
        raise TextError(f"{path.name}: not a list item of the expected shape: {line!r}")
    return tuple(match[name] for name in names)
