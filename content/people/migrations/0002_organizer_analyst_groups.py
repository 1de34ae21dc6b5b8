"""Organizer (penyelenggara) and Analyst groups, with what each may do with participants.

Organizers manage participants, agencies and deletion requests and import lists; analysts read.
Later features (sessions, statistics) add their own permissions to these groups.
"""

from django.db import migrations

from content.base.migration_helpers import grant, group

ORGANIZER = [
    ("people", "participant", "view_participant"),
    ("people", "participant", "add_participant"),
    ("people", "participant", "change_participant"),
    ("people", "participant", "import_participant"),
    ("people", "agency", "view_agency"),
    ("people", "agency", "add_agency"),
    ("people", "agency", "change_agency"),
    ("people", "deletionrequest", "view_deletionrequest"),
    ("people", "deletionrequest", "change_deletionrequest"),
]
ANALYST = [
    ("people", "participant", "view_participant"),
    ("people", "agency", "view_agency"),
]


def create_groups(apps, schema_editor):
    grant(apps, group(apps, "Organizer"), ORGANIZER)
    grant(apps, group(apps, "Analyst"), ANALYST)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
