"""Images that are not for the public: kept in the private storage, checked like uploads are.

Wagtail images live in the public storage (storages.py) and appear in every editor's image
library, which is right for pictures on pages and wrong for a signing official's signature or an
office stamp, which anyone could fetch and print on a forged paper. Such an image is a
``PrivateImageField`` on the model that uses it: a FileField of the default (private) storage
under a random name (file_names.RandomName), uploaded on that model's admin form, and shown
there only through a view that checks who asks and ends with private_files.send_private_file.

What an upload may be, bounded as Wagtail's image uploads are (image_uploads.py, settings
WAGTAILIMAGES_MAX_UPLOAD_SIZE and WAGTAILIMAGES_MAX_IMAGE_PIXELS): a still PNG or JPEG, of at
most that many bytes and pixels, that decodes completely. The pixels are counted from the header
before anything is decoded, and the decoding runs in a child process whose memory and CPU the
kernel caps (isolated.py), so a damaged or hostile file costs the web process nothing. A refused
file is a form error in Indonesian; nothing is stored.
"""

import io

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from PIL import Image as PILImage
from PIL import ImageFile as PILImageFile

from content.base import isolated
from content.base.numbers import thousands

FORMATS = {"PNG": ".png", "JPEG": ".jpg"}
CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg"}
NOT_AN_IMAGE = "Berkas ini bukan gambar PNG atau JPEG."
DAMAGED = "Berkas gambar ini rusak atau tidak dapat dibaca."
ANIMATED = "Gunakan gambar diam, bukan gambar bergerak."


class ImageRefused(ValueError):
    """Why an uploaded image is refused, in Indonesian."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __reduce__(self):
        return type(self), (self.message,)


def _inspect(data, max_pixels):
    """The format and size of the still PNG or JPEG in `data`, decoded fully; ImageRefused
    otherwise. Runs in the isolated child."""
    # WeasyPrint sets this for the whole process when it is imported; a cut-off file would
    # then "load" with grey where its end was missing. Set only in the child.
    PILImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        picture = PILImage.open(io.BytesIO(data))
    except PILImage.DecompressionBombError as error:
        raise ImageRefused(_too_many_pixels(None, None, max_pixels)) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageRefused(NOT_AN_IMAGE) from error
    with picture:
        if picture.format not in FORMATS:
            raise ImageRefused(NOT_AN_IMAGE)
        width, height = picture.size
        if width < 1 or height < 1 or width * height > max_pixels:
            raise ImageRefused(_too_many_pixels(width, height, max_pixels))
        if getattr(picture, "is_animated", False):
            raise ImageRefused(ANIMATED)
        try:
            picture.load()
        except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
            raise ImageRefused(DAMAGED) from error
        return picture.format, width, height


def _too_many_pixels(width, height, max_pixels):
    size = f"{width}×{height} piksel" if width else "Ukurannya"
    return (
        f"Gambar ini terlalu besar setelah dibuka: {size}, lebih dari {thousands(max_pixels)} "
        "piksel. Perkecil ukurannya lalu unggah lagi."
    )


def check_image(data):
    """The suffix (".png" or ".jpg") of the still image in `data`; ImageRefused when it is not
    one the site keeps: too many bytes, not PNG or JPEG, too many pixels, animated, damaged,
    or too costly to decode."""
    max_bytes = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if len(data) > max_bytes:
        raise ImageRefused(
            f"Berkas lebih dari {thousands(max_bytes // (1024 * 1024))} MB; perkecil gambarnya."
        )
    try:
        found, _, _ = isolated.run(
            _inspect,
            data,
            settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
            memory_mb=settings.UPLOAD_PARSE_MEMORY_MB,
            cpu_seconds=settings.UPLOAD_PARSE_CPU_SECONDS,
        )
    except isolated.TooComplex as error:
        raise ImageRefused(error.message) from error
    return FORMATS[found]


def content_type_of(name):
    """The image type of a stored private image, by the suffix its checked upload was given."""
    for suffix, content_type in CONTENT_TYPES.items():
        if str(name).lower().endswith(suffix):
            return content_type
    return "application/octet-stream"


class PrivateImageInput(forms.ClearableFileInput):
    """A file input that shows the stored image through the model's preview view, never through
    a URL of the storage (the private storage has none: its url() raises)."""

    template_name = "base/widgets/private_image_input.html"
    clear_checkbox_label = "Hapus gambar ini"
    initial_text = "Sekarang"
    input_text = "Ganti"

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/png,image/jpeg", **(attrs or {})})

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        preview = None
        if self.is_initial(value):
            instance = getattr(value, "instance", None)
            field = getattr(value, "field", None)
            if instance is not None and instance.pk and field is not None:
                preview = instance.private_image_url(field.name)
        context["widget"]["preview_url"] = preview
        return context


class PrivateImageFormField(forms.FileField):
    """Checks a new upload (check_image) and names it by what it is."""

    widget = PrivateImageInput

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            value.seek(0)
            try:
                suffix = check_image(value.read())
            except ImageRefused as refusal:
                raise forms.ValidationError(refusal.message, code="invalid_image") from refusal
            value.seek(0)
            value.name = f"gambar{suffix}"
        return value


class PrivateImageField(models.FileField):
    """A FileField for an image no public URL may serve: the default (private) storage, a
    checked upload (PrivateImageFormField). The model gives `private_image_url(field_name)`,
    the address of a view that checks who asks before it sends the file."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PrivateImageFormField, **kwargs})
