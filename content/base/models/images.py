from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    WagtailImageField,
    get_upload_to,
)

from content.base.storages import public_storage


class LenteraImage(AbstractImage):
    """Wagtail's image with mandatory alt text: every picture on a public page is described.

    Images are the one kind of upload every visitor sees: they live in the PUBLIC storage, on
    purpose (the default storage is private). Their renditions follow
    (WAGTAILIMAGES_RENDITION_STORAGE)."""

    file = WagtailImageField(
        verbose_name=_("file"),
        upload_to=get_upload_to,
        width_field="width",
        height_field="height",
        storage=public_storage,
    )
    description = models.CharField(
        "teks alternatif (alt)",
        max_length=255,
        help_text="Jelaskan isi gambar untuk pembaca layar, misalnya 'Peserta di aula'.",
    )

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = "gambar"
        verbose_name_plural = "gambar"
        # Wagtail's choosers check this permission; a custom image model must declare it.
        permissions = [("choose_image", "Can choose image")]


class LenteraRendition(AbstractRendition):
    image = models.ForeignKey(LenteraImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
