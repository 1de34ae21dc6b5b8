"""Where uploaded and generated files live: a private storage by default, a public one on purpose.

The default storage (``STORAGES["default"]``) is PRIVATE: no URL of the site or of a web server
maps to it. Certificates, bulk ZIPs, Wagtail documents, uploaded imports and anything a new
model's FileField stores land there unless someone chooses otherwise, and they leave it only
through a view that checks who asks (content/base/private_files.py).

The public storage (``STORAGES["public"]``, MEDIA_ROOT under MEDIA_URL, or the public S3 bucket)
holds only what every visitor may see: images and their renditions (models/images.py,
WAGTAILIMAGES_RENDITION_STORAGE). Anything else put there is public on purpose.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

PUBLIC = "public"
PRIVATE = "default"
# Wagtail's folders in the public storage: original images and their renditions.
PUBLIC_FOLDERS = ("images", "original_images")


def public_storage():
    """The storage images live in; a callable, so migrations name it rather than a folder."""
    return storages[PUBLIC]


def private_storage():
    return storages[PRIVATE]


@deconstructible(path="content.base.storages.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, a folder outside MEDIA_ROOT that nothing serves.

    It has no URL: ``url()`` raises ValueError, Django's own answer for files "not accessible
    via a URL", so a template or admin screen that tries to link one fails loudly instead of
    printing a link to a public folder. The location follows PRIVATE_MEDIA_ROOT when tests
    change it, as FileSystemStorage follows MEDIA_ROOT.
    """

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Berkas privat tidak mempunyai URL publik; kirim lewat private_files.")

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


class SignedUrls:
    """A private storage that a browser may fetch from directly with a short-lived signed URL
    (content/base/s3_storages.py): views redirect there instead of streaming the file."""

    def signed_url(self, name, *, content_type, disposition, cache_control, seconds):
        raise NotImplementedError
