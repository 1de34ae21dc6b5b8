"""Demo topics, materials and fact-checks with generated cover images (part of load_demo_data).

Every step looks for what it would create first, so running it again changes nothing.
"""

import datetime
import hashlib
import io
import random

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from content.articles import demo_content
from content.articles.models import ArticlePage, FactCheckPage, Topic

TOPIC_COLOURS = {
    "literasi-digital": ((11, 79, 108), (18, 112, 143)),
    "anti-hoaks": ((164, 22, 26), (214, 92, 40)),
    "netralitas-asn": ((38, 70, 83), (42, 157, 143)),
    "keamanan-digital": ((53, 40, 102), (91, 63, 140)),
}


def load(note, *, materials, fact_checks):
    topics = _topics(note)
    for item in demo_content.ARTICLES:
        _article(note, materials, topics, item)
    for item in demo_content.FACT_CHECKS:
        _fact_check(note, fact_checks, topics, item)


def _topics(note):
    topics = {}
    for data in demo_content.TOPICS:
        topic, created = Topic.objects.get_or_create(slug=data["slug"], defaults=data)
        if created:
            note(f"topik {topic.name}")
        topics[topic.slug] = topic
    return topics


def _image(title, alt, topic_slug):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(title=title, description=alt, file=_cover_image(title, topic_slug))
    image.save()
    return image


def _publish(note, index, page):
    index.add_child(instance=page)
    page.save_revision().publish()
    note(page.title)


def _article(note, index, topics, item):
    if ArticlePage.objects.child_of(index).filter(slug=item["slug"]).exists():
        return
    page = ArticlePage(
        title=item["title"],
        slug=item["slug"],
        summary=item["summary"],
        topic=topics[item["topic"]],
        audience=item["audience"],
        author_name=item["author"],
        published_date=_days_ago(item["days_ago"]),
        listing_image=_image(item["title"], f"Ilustrasi: {item['title']}", item["topic"]),
        body=[_body_block(block) for block in item["body"]],
    )
    page.tags.add(*item["tags"])
    _publish(note, index, page)


def _fact_check(note, index, topics, item):
    if FactCheckPage.objects.child_of(index).filter(slug=item["slug"]).exists():
        return
    page = FactCheckPage(
        title=item["title"],
        slug=item["slug"],
        summary=item["summary"],
        topic=topics[item["topic"]],
        author_name=item["author"],
        published_date=_days_ago(item["days_ago"]),
        verdict=item["verdict"],
        claim=item["claim"],
        claim_short=item["claim_short"],
        claim_author=item["claim_author"],
        claim_author_kind=item["claim_author_kind"],
        claim_origin=item["claim_origin"],
        claim_first_seen=_days_ago(item["claim_first_seen_days_ago"]),
        explanation="".join(f"<p>{escape(p)}</p>" for p in item["explanation"]),
        sources=[
            {"type": "source", "value": {"title": t, "publisher": p, "url": u}}
            for t, p, u in item["sources"]
        ],
        archive_links=[
            {"type": "archive", "value": {"url": u, "note": n}} for u, n in item["archive_links"]
        ],
        listing_image=_image(
            item["title"], f"Tangkapan layar klaim: {item['title']}", item["topic"]
        ),
    )
    page.tags.add(*item["tags"])
    _publish(note, index, page)


def _days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def _body_block(block):
    kind, *values = block
    if kind == "heading":
        return {"type": "heading", "value": {"text": values[0], "level": "h2"}}
    if kind == "quote":
        return {"type": "quote", "value": {"text": values[0], "attribution": values[1]}}
    return {"type": "paragraph", "value": f"<p>{escape(values[0])}</p>"}


def _cover_image(title, topic_slug):
    """A 1200x675 cover: the topic's colours, a few soft shapes and the title."""
    start, end = TOPIC_COLOURS.get(topic_slug, TOPIC_COLOURS["literasi-digital"])
    width, height = 1200, 675
    image = PILImage.new("RGB", (width, height), start)
    draw = ImageDraw.Draw(image)
    for x in range(width):
        ratio = x / width
        colour = tuple(int(a + (b - a) * ratio) for a, b in zip(start, end, strict=True))
        draw.line([(x, 0), (x, height)], fill=colour)
    shapes = random.Random(title)
    for _ in range(6):
        cx, cy, r = shapes.randint(0, width), shapes.randint(0, height), shapes.randint(40, 180)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(255, 255, 255), width=3)
    font = ImageFont.load_default(size=54)
    lines, line = [], ""
    for word in title.split():
        if len(line) + len(word) > 30:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    y = height - 90 - 66 * len(lines)
    for text in lines:
        draw.text((70, y), text, fill=(255, 255, 255), font=font)
        y += 66
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    buffer.seek(0)
    digest = hashlib.sha1(title.encode()).hexdigest()[:10]
    return ImageFile(buffer, name=f"{topic_slug}-{digest}.png")
