"""Demo topics, materials and fact-checks with generated cover images (part of load_demo_data).
Their texts are data files in content/demo/data/, read by content/demo/texts.py.

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

from content.articles.models import ArticlePage, FactCheckPage, Topic
from content.articles.pillars import Pillar
from content.demo import texts

TOPIC_COLOURS = {
    "literasi-digital": ((11, 79, 108), (18, 112, 143)),
    "anti-hoaks": ((164, 22, 26), (214, 92, 40)),
    "netralitas-asn": ((38, 70, 83), (42, 157, 143)),
    "keamanan-digital": ((53, 40, 102), (91, 63, 140)),
}

# The pillar of digital literacy each demo topic builds (Topic.pillar): the index's "where to
# aim" suggests a topic's materials and sessions for an agency weak on its pillar. Literasi
# Digital holds being a responsible presence online (ethics on social media, a lasting digital
# footprint, guiding children), the nearest of the four topics to budaya digital, so every
# pillar has materials and sessions to aim at.
TOPIC_PILLARS = {
    "literasi-digital": Pillar.BUDAYA,
    "anti-hoaks": Pillar.KECAKAPAN,
    "netralitas-asn": Pillar.ETIKA,
    "keamanan-digital": Pillar.KEAMANAN,
}


def load(note, *, materials, fact_checks):
    topics = _topics(note)
    for item in texts.articles():
        _article(note, materials, topics, item)
    for item in texts.fact_checks():
        _fact_check(note, fact_checks, topics, item)


def _topics(note):
    topics = {}
    for data in texts.topics():
        pillar = TOPIC_PILLARS.get(data["slug"], "")
        topic, created = Topic.objects.get_or_create(
            slug=data["slug"], defaults={**data, "pillar": pillar}
        )
        if created:
            note(f"topik {topic.name}")
        elif pillar and not topic.pillar:  # loaded before topics had pillars
            topic.pillar = pillar
            topic.save(update_fields=["pillar"])
            note(f"pilar topik {topic.name}")
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
        # Published as a "Hoaks atau Fakta?" question, with a picture of the claim alone: the
        # cover above prints the verdict in its title.
        make_question=True,
        question_image=claim_image(item),
    )
    page.tags.add(*item["tags"])
    _publish(note, index, page)


def claim_image(item):
    """The neutral picture of a demo fact-check's claim, for its quiz question: the claim as a
    chat message, and where it spread. Made from nothing that tells the verdict (not the title,
    the slug or the verdict), so its pixels, title, alt text and file name cannot give the
    answer away."""
    digest = hashlib.sha1(item["claim"].encode()).hexdigest()[:10]
    title = f"Gambar klaim {digest}"
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(
        title=title,
        description=f"Pesan berantai yang beredar di {item['claim_origin']}",
        file=ImageFile(
            io.BytesIO(claim_picture(item["claim"], item["claim_origin"])),
            name=f"klaim-{digest}.png",
        ),
    )
    image.save()
    return image


def _wrap(text, width):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def claim_picture(claim, origin):
    """PNG bytes of a 1000x640 picture of a claim as a forwarded chat message: the claim's
    words and where it spread, nothing else."""
    width, height = 1000, 640
    image = PILImage.new("RGB", (width, height), (229, 221, 213))
    draw = ImageDraw.Draw(image)
    shapes = random.Random(claim)
    for _ in range(14):
        x, y, r = shapes.randint(0, width), shapes.randint(0, height), shapes.randint(8, 26)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(214, 205, 196), width=3)
    small, body = ImageFont.load_default(size=24), ImageFont.load_default(size=30)
    lines = _wrap(claim, 46)[:10]
    bubble_height = 110 + 42 * len(lines)
    top = max(30, (height - bubble_height) // 2)
    draw.rounded_rectangle(
        [50, top, width - 50, top + bubble_height], radius=24, fill=(255, 255, 255)
    )
    draw.text((80, top + 24), "Diteruskan berkali-kali", fill=(110, 110, 110), font=small)
    y = top + 64
    for line in lines:
        draw.text((80, y), line, fill=(20, 20, 20), font=body)
        y += 42
    draw.text((80, y + 8), f"Beredar di: {origin}", fill=(110, 110, 110), font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


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
