"""The site's structure, which every deployment needs and the demo data must not be the only
source of: the home page (Beranda) with its three sections, /materi/, /cek-fakta/ and /sesi/.

It replaces the "Welcome to your new Wagtail site!" page Wagtail's own migrations create, and only
that: a tree someone has already built (or an existing home page) is left alone. The header links
to these slugs. Group permissions on the sections are applied after migrating
(content/base/permissions.py).
"""

from django.db import migrations
from django.utils import timezone

HOME_TEXT = (
    "Materi literasi digital, cek fakta, dan sosialisasi untuk ASN dan warga Kota Lentera. "
    "Sebelum membagikan, cek dulu di sini."
)
SECTIONS = [
    # app label, model, title, slug, intro
    ("articles", "ArticleIndexPage", "Materi Literasi", "materi", ""),
    ("articles", "FactCheckIndexPage", "Cek Fakta", "cek-fakta", ""),
    (
        "training",
        "SessionIndexPage",
        "Sosialisasi",
        "sesi",
        "<p>Jadwal sosialisasi literasi digital untuk ASN dan PTT.</p>",
    ),
]


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )
    return content_type


def _is_untouched(apps, root):
    """Only Wagtail's welcome page under the root, with nothing under it."""
    Page = apps.get_model("wagtailcore", "Page")
    top = list(Page.objects.filter(depth=2))
    page_type = _content_type(apps, Page)
    return not top or (
        len(top) == 1 and top[0].content_type_id == page_type.pk and top[0].numchild == 0
    )


def create_site_structure(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    root = Page.objects.filter(depth=1).first()
    if root is None or HomePage.objects.exists() or not _is_untouched(apps, root):
        return
    now = timezone.now()
    welcome = Page.objects.filter(depth=2).first()

    def add(model, *, parent, position, title, slug, **fields):
        return model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=_content_type(apps, model),
            path=parent.path + f"{position:04d}",
            depth=parent.depth + 1,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            locale_id=root.locale_id,
            **fields,
        )

    home = add(
        HomePage,
        parent=root,
        position=root.numchild + 1,
        title="Beranda",
        slug="beranda",
        hero_title="Cerdas bermedia, bijak berbagi",
        hero_text=HOME_TEXT,
        numchild=len(SECTIONS),
    )
    for position, (app_label, model_name, title, slug, intro) in enumerate(SECTIONS, start=1):
        model = apps.get_model(app_label, model_name)
        add(model, parent=home, position=position, title=title, slug=slug, intro=intro)

    # Point the sites at the new home before the welcome page goes (a site's root cascades).
    if Site.objects.exists():
        Site.objects.filter(root_page=welcome).update(root_page=home)
        Site.objects.filter(site_name="").update(site_name="Lentera")
    else:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Lentera"
        )
    if welcome is not None:
        welcome.delete()
    Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("articles", "0002_initial"),
        ("training", "0002_organizer_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site_structure, migrations.RunPython.noop)]
