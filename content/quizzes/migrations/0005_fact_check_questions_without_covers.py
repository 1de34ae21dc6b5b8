"""Questions made from fact-checks before this release took the page's listing image, which may
print the verdict ("[HOAKS] ..."): they lose it. An editor can give them a neutral picture."""

from django.db import migrations
from django.db.models import F


def drop_covers(apps, schema_editor):
    Question = apps.get_model("quizzes", "Question")
    Question.objects.filter(
        fact_check__isnull=False, image__isnull=False, image=F("fact_check__listing_image")
    ).update(image=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_factcheck_question_choice"),
        ("quizzes", "0004_quiz_collects_fact_checks"),
    ]

    operations = [migrations.RunPython(drop_covers, migrations.RunPython.noop)]
