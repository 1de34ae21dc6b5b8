"""Collection permissions on base.LenteraImage grant nothing: Wagtail checks image permissions
against wagtailimages.Image even with a custom image model. The groups get the right ones from
their declarations (content/*/permissions.py); the useless rows go."""

from django.db import migrations


def remove_useless(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        permission__content_type__app_label="base",
        permission__content_type__model="lenteraimage",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0006_import_jobs"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_useless, migrations.RunPython.noop)]
