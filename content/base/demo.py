"""Builds the demo site: page tree, topics, materials, fact-checks, images and staff accounts.

Every step looks for what it would create first, so running it again changes nothing.
"""

import datetime
import hashlib
import io
import os
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Page, Site, Workflow, WorkflowPage

from content.articles.models import (
    ArticleIndexPage,
    ArticlePage,
    FactCheckIndexPage,
    FactCheckPage,
    Topic,
)
from content.base import demo_content
from content.base.models import HomePage, SiteSettings
from content.people import demo as people_demo
from content.training import demo as training_demo

DEMO_STAFF = [
    # username, password, group (None: superuser), name
    ("admin", "lentera-admin", None, "Administrator Lentera"),
    ("editor", "lentera-editor", "Editor", "Rina Kartika"),
    ("moderator", "lentera-moderator", "Moderator", "Bambang Sutrisno"),
    ("organizer", "lentera-organizer", "Organizer", "Sri Wahyuni"),
]
TOPIC_COLOURS = {
    "literasi-digital": ((11, 79, 108), (18, 112, 143)),
    "anti-hoaks": ((164, 22, 26), (214, 92, 40)),
    "netralitas-asn": ((38, 70, 83), (42, 157, 143)),
    "keamanan-digital": ((53, 40, 102), (91, 63, 140)),
}


class DemoLoader:
    def __init__(self, log):
        self.log = log
        self.created = 0

    def _note(self, message):
        self.created += 1
        self.log(f"  + {message}")

    @transaction.atomic
    def run(self):
        home = self.home_page()
        self.site_settings(Site.objects.get(root_page=home))
        materials = self.index(home, ArticleIndexPage, "Materi Literasi", "materi")
        fact_checks = self.index(home, FactCheckIndexPage, "Cek Fakta", "cek-fakta")
        self.assign_workflow(materials, fact_checks)
        topics = self.topics()
        for item in demo_content.ARTICLES:
            self.article(materials, topics, item)
        for item in demo_content.FACT_CHECKS:
            self.fact_check(fact_checks, topics, item)
        self.staff()
        people_demo.load_agencies(self._note)
        people_demo.load_participants(self._note)
        training_demo.load(
            self._note, home=home, organizer_user=get_user_model().objects.get(username="organizer")
        )
        return self.created

    def home_page(self):
        home = HomePage.objects.first()
        if home is not None:
            return home
        root = Page.get_first_root_node()
        # Wagtail's first migration leaves a "Welcome" page and a site pointing at it.
        for page in root.get_children().exact_type(Page):
            page.delete()
        home = root.add_child(
            instance=HomePage(
                title="Beranda",
                slug="beranda",
                hero_title="Cerdas bermedia, bijak berbagi",
                hero_text=(
                    "Materi literasi digital, cek fakta, dan sosialisasi untuk ASN dan warga "
                    "Kota Lentera. Sebelum membagikan, cek dulu di sini."
                ),
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": os.environ.get("SITE_HOSTNAME", "127.0.0.1"),
                "port": int(os.environ.get("PORT", "8000")),
                "root_page": home,
                "site_name": "Lentera",
            },
        )
        self._note("beranda dan situs")
        return home

    def site_settings(self, site):
        settings = SiteSettings.for_site(site)
        if settings.contact_email:
            return
        settings.address = "Jl. Merdeka No. 1, Kota Lentera"
        settings.contact_email = "kominfo@lentera.go.id"
        settings.contact_phone = "(0274) 123456"
        settings.hoax_report_whatsapp = "6281100001111"
        settings.footer_text = "Dikelola oleh Bidang Informasi dan Komunikasi Publik."
        settings.instagram_url = "https://www.instagram.com/diskominfo"
        settings.youtube_url = "https://www.youtube.com/@diskominfo"
        settings.save()
        self._note("pengaturan situs")

    def index(self, home, model, title, slug):
        page = model.objects.child_of(home).first()
        if page is None:
            page = home.add_child(instance=model(title=title, slug=slug))
            page.save_revision().publish()
            self._note(f"halaman {title}")
        return page

    def assign_workflow(self, *sections):
        workflow = Workflow.objects.get(name="Tinjauan Moderator")
        for section in sections:
            _, created = WorkflowPage.objects.get_or_create(
                page=section, defaults={"workflow": workflow}
            )
            if created:
                self._note(f"alur kerja pada {section.title}")

    def topics(self):
        topics = {}
        for data in demo_content.TOPICS:
            topic, created = Topic.objects.get_or_create(slug=data["slug"], defaults=data)
            if created:
                self._note(f"topik {topic.name}")
            topics[topic.slug] = topic
        return topics

    def image(self, title, alt, topic_slug):
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        image = Image(title=title, description=alt, file=_cover_image(title, topic_slug))
        image.save()
        return image

    def _publish(self, index, page):
        index.add_child(instance=page)
        page.save_revision().publish()
        self._note(page.title)

    def article(self, index, topics, item):
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
            listing_image=self.image(item["title"], f"Ilustrasi: {item['title']}", item["topic"]),
            body=[_body_block(block) for block in item["body"]],
        )
        page.tags.add(*item["tags"])
        self._publish(index, page)

    def fact_check(self, index, topics, item):
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
            claim_origin=item["claim_origin"],
            claim_first_seen=_days_ago(item["claim_first_seen_days_ago"]),
            explanation="".join(f"<p>{escape(p)}</p>" for p in item["explanation"]),
            sources=[
                {"type": "source", "value": {"title": t, "publisher": p, "url": u}}
                for t, p, u in item["sources"]
            ],
            archive_links=[
                {"type": "archive", "value": {"url": u, "note": n}}
                for u, n in item["archive_links"]
            ],
            listing_image=self.image(
                item["title"], f"Tangkapan layar klaim: {item['title']}", item["topic"]
            ),
        )
        page.tags.add(*item["tags"])
        self._publish(index, page)

    def staff(self):
        User = get_user_model()
        for username, password, group_name, full_name in DEMO_STAFF:
            if User.objects.filter(username=username).exists():
                continue
            first, _, last = full_name.partition(" ")
            user = User(
                username=username,
                email=f"{username}@lentera.go.id",
                first_name=first,
                last_name=last,
                is_staff=group_name is None,
                is_superuser=group_name is None,
            )
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            self._note(f"akun {username}")


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
