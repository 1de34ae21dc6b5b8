"""Formerly granted the Organizer and Analyst groups their participant permissions.

Those permissions are now declared in content/people/permissions.py and applied after every
migrate (content/base/permissions.py), so this migration does nothing; it stays for the history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = []
