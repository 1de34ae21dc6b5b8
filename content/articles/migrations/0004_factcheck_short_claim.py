"""Fact-checks get a short claim (ClaimReview's claimReviewed: Google asks for a short sentence,
and the full claim ran to hundreds of characters) and a required claim author with its kind
(ClaimReview's itemReviewed.author). Existing fact-checks, and their revisions (an editor's next
edit, or a scheduled publication, starts from the latest revision), are filled in: the claim's
first sentence cut at a word to 100 characters, and an unknown author named as such with where
the claim went round."""

import re

from django.db import migrations, models

SHORT = 100
AUTHOR = 200


def short_claim(claim):
    """The claim's first sentence, cut at a word to fit SHORT characters (with an ellipsis)."""
    text = " ".join((claim or "").split())
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0] or text
    if len(sentence) <= SHORT:
        return sentence
    cut = sentence[: SHORT - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def unknown_author(origin):
    origin = " ".join((origin or "").split())
    name = f"Tidak diketahui (beredar di {origin})" if origin else "Tidak diketahui"
    return name if len(name) <= AUTHOR else name[: AUTHOR - 2] + "…)"


def _filled(values):
    """The fields to set on a fact-check (or a revision's content) that lacks them."""
    changes = {}
    if not values.get("claim_short"):
        changes["claim_short"] = short_claim(values.get("claim"))
    if not values.get("claim_author"):
        changes["claim_author"] = unknown_author(values.get("claim_origin"))
    if not values.get("claim_author_kind"):
        changes["claim_author_kind"] = "person"
    return changes


def fill(apps, schema_editor):
    FactCheckPage = apps.get_model("articles", "FactCheckPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in FactCheckPage.objects.only("claim", "claim_origin", "claim_author"):
        values = {"claim": page.claim, "claim_origin": page.claim_origin}
        values["claim_author"] = page.claim_author
        values["claim_author_kind"] = "person"
        changes = _filled(values)
        if changes:
            FactCheckPage.objects.filter(pk=page.pk).update(**changes)
    content_type = ContentType.objects.filter(app_label="articles", model="factcheckpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content or {}
        changes = _filled(content)
        if changes:
            revision.content = {**content, **changes}
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_factcheck_question_choice"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="factcheckpage",
            name="claim_short",
            field=models.CharField(
                default="",
                help_text=(
                    "Klaim dalam satu kalimat pendek, sebaiknya kurang dari 75 karakter, "
                    "misalnya \u201cRekrutmen CPNS Pemkot dibuka lewat WhatsApp tanpa tes\u201d. "
                    "Mesin pencari menampilkannya di hasil pencarian."
                ),
                max_length=100,
                verbose_name="klaim singkat",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="factcheckpage",
            name="claim_author_kind",
            field=models.CharField(
                choices=[
                    ("person", "Orang atau akun pribadi"),
                    ("organization", "Lembaga, media, atau akun lembaga"),
                ],
                default="person",
                max_length=16,
                verbose_name="jenis pembuat klaim",
            ),
        ),
        migrations.AlterField(
            model_name="factcheckpage",
            name="claim_author",
            field=models.CharField(
                help_text=(
                    "Siapa yang membuat atau pertama menyebarkan klaim, misalnya nama akun. Bila "
                    "tidak diketahui, tulis \u201cTidak diketahui\u201d dan tempat beredarnya."
                ),
                max_length=200,
                verbose_name="pembuat klaim",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
