"""Images are public on purpose (their own storage); everything else moves to the private one.

The default storage became private (content/base/storages.py). Files stored before lived in the
one public media folder, where /media/images/%2e%2e/... could reach them: on local disk they are
moved here to PRIVATE_MEDIA_ROOT under the same names (content/base/file_moves.py), so every
record keeps pointing at its file. With S3, run `manage.py move_private_files` (README).
"""

import logging

import wagtail.images.models
from django.db import migrations

import content.base.storages
from content.base.file_moves import local_location, move_private_files

logger = logging.getLogger("lentera.files")


def move_to_private_storage(apps, schema_editor):
    public, private = content.base.storages.public_storage(), content.base.storages.private_storage()
    if local_location(public) is None or local_location(private) is None:
        logger.warning(
            "Media on S3: run `manage.py move_private_files` to move certificates, documents "
            "and imports to the private bucket."
        )
        return
    report = move_private_files(source=public, target=private)
    for name in report.conflicts:
        logger.warning("Not moved to private storage (a different file has its name): %s", name)


class Migration(migrations.Migration):
    dependencies = [("base", "0007_image_permissions_belong_to_wagtail")]

    operations = [
        migrations.AlterField(
            model_name="lenteraimage",
            name="file",
            field=wagtail.images.models.WagtailImageField(
                height_field="height",
                storage=content.base.storages.public_storage,
                upload_to=wagtail.images.models.get_upload_to,
                verbose_name="file",
                width_field="width",
            ),
        ),
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop),
    ]
