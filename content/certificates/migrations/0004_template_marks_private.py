"""The signatures and the stamp become private files of the template (step 1 of 3).

The image fields keep their images under a legacy name until 0005 has copied their bytes into
the new private fields; 0006 drops them.
"""

from django.db import migrations

import content.base.file_names
import content.base.private_images

MARKS = {
    "signatory_1_signature": "tanda tangan 1",
    "signatory_2_signature": "tanda tangan 2",
    "stamp": "stempel",
}
HELP = (
    "PNG (sebaiknya berlatar transparan) atau JPEG. Disimpan privat: tidak masuk pustaka gambar "
    "dan tidak punya alamat publik."
)


def _field(name):
    help_text = HELP
    if name == "stamp":
        help_text = f"Opsional; dicetak di atas tanda tangan pertama. {HELP}"
    return content.base.private_images.PrivateImageField(
        blank=True,
        help_text=help_text,
        upload_to=content.base.file_names.RandomName("certificates/templates"),
        verbose_name=MARKS[name],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0008_private_storage"),
        ("certificates", "0003_download_permission"),
    ]

    operations = [
        *(migrations.RenameField("certificatetemplate", name, f"legacy_{name}") for name in MARKS),
        *(
            migrations.AddField(model_name="certificatetemplate", name=name, field=_field(name))
            for name in MARKS
        ),
    ]
