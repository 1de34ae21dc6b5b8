"""Uploaded images are bounded by what decoding them costs, not only by their bytes.

Wagtail refuses an upload of more than WAGTAILIMAGES_MAX_IMAGE_PIXELS (width x height) from the
file's header, before anything is decoded; Pillow is set at start (apps.py) so that it refuses
to open an image of more pixels than that, whatever opens it later (renditions, certificate
backgrounds, Wagtail's avatar upload, which resizes in the request). Wagtail's Pillow backend
counts one frame for an animated GIF, WebP or PNG, so the image form counts them here: never
past IMAGE_MAX_FRAMES, and never past the frames that fit in the pixel budget, so a GIF of a
hundred thousand frames costs only that many seeks.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.forms import BaseImageForm

from content.base.numbers import thousands


def frames_within(file, *, frames_allowed):
    """How many frames the image in `file` has, counted up to `frames_allowed` + 1 at most:
    each frame is read only to find the next."""
    file.seek(0)
    try:
        with PILImage.open(file) as picture:
            if not getattr(picture, "is_animated", False):
                return 1
            count = 1
            while count <= frames_allowed:
                try:
                    picture.seek(count)
                except EOFError:
                    break
                count += 1
            return count
    finally:
        file.seek(0)


def check_frames(upload):
    """Refuse an animated image with more frames than allowed, or whose frames together hold
    more pixels than allowed."""
    max_frames = settings.IMAGE_MAX_FRAMES
    max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    width, height = upload.image.get_size()
    per_frame = max(1, width * height)
    allowed = max(1, min(max_frames, max_pixels // per_frame))
    try:
        frames = frames_within(upload, frames_allowed=allowed)
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        raise ValidationError("Berkas gambar ini rusak atau tidak dapat dibaca.") from error
    if frames > max_frames:
        raise ValidationError(
            f"Gambar bergerak ini memuat lebih dari {thousands(max_frames)} bingkai (frame); "
            "kurangi jumlah bingkainya atau unggah gambar diam."
        )
    if frames > allowed:
        raise ValidationError(
            f"Gambar bergerak ini terlalu besar setelah dibuka: {width}×{height} piksel kali "
            f"{frames} bingkai lebih dari {thousands(max_pixels)} piksel. Perkecil ukurannya atau "
            "kurangi jumlah bingkainya."
        )


class LenteraImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), with animated images bounded."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Only a new upload carries the Willow image Wagtail's field opened from its header.
        if upload is not None and getattr(upload, "image", None) is not None:
            check_frames(upload)
        return upload
