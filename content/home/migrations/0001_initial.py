"""The home page moves from `base` to `home`, keeping its table's rows and its content type.

`base` is the ground every app stands on and may import none of them, while the home page shows
the latest materials and fact-checks; so the home page now belongs to the top app. On a database
that already has it: the model changes app in Django's state only, its table is renamed from
base_homepage to home_homepage, and its content type row is relabelled, so every page (and
revision) that points at it stays valid. On a new database the same steps simply run in order.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor, old="base", new="home"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="homepage").exists():
        ContentType.objects.filter(app_label=old, model="homepage").update(app_label=new)


def relabel_back(apps, schema_editor):
    relabel_content_type(apps, schema_editor, old="home", new="base")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("base", "0004_image_alt_text_help"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]
    # base then forgets the model (in Django's state only; see base 0005).
    run_before = [("base", "0005_homepage_moved_to_home")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "hero_title",
                            models.CharField(
                                default="Cerdas bermedia, bijak berbagi",
                                max_length=200,
                                verbose_name="judul utama",
                            ),
                        ),
                        ("hero_text", models.TextField(blank=True, verbose_name="teks pembuka")),
                        (
                            "social_image",
                            models.ForeignKey(
                                blank=True,
                                help_text=(
                                    "Ditampilkan saat tautan dibagikan. Jika kosong, gambar utama "
                                    "halaman dipakai."
                                ),
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="base.lenteraimage",
                                verbose_name="gambar untuk media sosial",
                            ),
                        ),
                    ],
                    options={"verbose_name": "beranda", "db_table": "base_homepage"},
                    bases=("wagtailcore.page",),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="homepage", table=None),
        migrations.RunPython(relabel_content_type, relabel_back),
    ]
