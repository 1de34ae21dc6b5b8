"""Formerly granted the Organizer and Analyst groups their session permissions.

Those permissions are now declared in content/training/permissions.py and applied after every
migrate (content/base/permissions.py), so this migration does nothing; it stays for the history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("people", "0002_organizer_analyst_groups"),
    ]

    operations = []
