"""Organizers run sessions: registrations, check-in, attendance and its corrections.
Analysts read attendance for the statistics."""

from django.db import migrations

from content.base.migration_helpers import grant, group

ORGANIZER = [
    ("training", "attendance", "view_attendance"),
    ("training", "attendance", "add_attendance"),
    ("training", "attendance", "change_attendance"),
    ("training", "attendance", "import_attendance"),
    ("training", "registration", "view_registration"),
    ("training", "registration", "change_registration"),
    ("training", "attendancecorrection", "view_attendancecorrection"),
]
ANALYST = [
    ("training", "attendance", "view_attendance"),
    ("training", "registration", "view_registration"),
]


def grant_permissions(apps, schema_editor):
    grant(apps, group(apps, "Organizer"), ORGANIZER)
    grant(apps, group(apps, "Analyst"), ANALYST)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("people", "0002_organizer_analyst_groups"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
