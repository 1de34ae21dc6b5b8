"""Copy each template's signature and stamp images into its private fields (step 2 of 3).

The bytes are copied from the Wagtail image's original file (public storage) into the private
storage under a random name; a GIF or WebP is converted to PNG, the formats the new fields hold.
The Wagtail images themselves are left as they are: an image may also be used on a page, and a
migration cannot tell that safely. Each one copied is logged, so an editor can delete it from
the image library (README, "Tanda tangan dan stempel"): until then its file stays public.
"""

import io
import logging

from django.core.files.base import ContentFile
from django.db import migrations
from PIL import Image as PILImage

logger = logging.getLogger("lentera.files")
MARKS = ("signatory_1_signature", "signatory_2_signature", "stamp")
KEPT_FORMATS = {"PNG": ".png", "JPEG": ".jpg"}


def _mark_bytes(image):
    """(bytes, suffix) of a Wagtail image as a PNG or JPEG, or None when it cannot be read."""
    try:
        with image.file.open("rb") as handle:
            data = handle.read()
        with PILImage.open(io.BytesIO(data)) as picture:
            if picture.format in KEPT_FORMATS:
                return data, KEPT_FORMATS[picture.format]
            out = io.BytesIO()
            picture.convert("RGBA").save(out, format="PNG")
            return out.getvalue(), ".png"
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError):
        return None


def copy_template_marks(apps, schema_editor):
    Template = apps.get_model("certificates", "CertificateTemplate")
    Image = apps.get_model("base", "LenteraImage")
    for template in Template.objects.order_by("pk"):
        copied = []
        for name in MARKS:
            image_id = getattr(template, f"legacy_{name}_id")
            if image_id is None or getattr(template, name):
                continue  # nothing to copy, or copied by an earlier run
            image = Image.objects.filter(pk=image_id).first()
            found = _mark_bytes(image) if image is not None else None
            if found is None:
                logger.warning(
                    "Certificate template %s: image %s of %s could not be read; upload it again.",
                    template.pk,
                    image_id,
                    name,
                )
                continue
            data, suffix = found
            getattr(template, name).save(f"gambar{suffix}", ContentFile(data), save=False)
            copied.append(name)
            logger.warning(
                "Certificate template %s: %s copied to private storage; delete image %s (%r) "
                "from the image library unless a page uses it: its file is public.",
                template.pk,
                name,
                image.pk,
                image.title,
            )
        if copied:
            template.save(update_fields=copied)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0004_template_marks_private")]

    operations = [migrations.RunPython(copy_template_marks, migrations.RunPython.noop)]
