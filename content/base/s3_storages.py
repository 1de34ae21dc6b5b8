"""The private S3 bucket (AWS_PRIVATE_STORAGE_BUCKET_NAME), named only from the settings so that
boto3 is imported only where S3 is used.

A private bucket blocks all public access; a browser reaches one of its files only through a
URL signed for that file, valid PRIVATE_MEDIA_URL_SECONDS, which a view hands out after it has
checked who asks (content/base/private_files.py).
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage

from content.base.storages import SignedUrls


@deconstructible(path="content.base.s3_storages.PrivateS3Storage")
class PrivateS3Storage(SignedUrls, S3Storage):
    def __init__(self, **settings):
        super().__init__(**settings)
        # A custom domain (a CDN) is not signed by S3 and may cache; an unsigned URL is a public
        # one. Either would make a private file public: refuse to start.
        if self.custom_domain or not self.querystring_auth:
            raise ImproperlyConfigured(
                "The private S3 storage must use signed URLs (querystring_auth) and no "
                "custom domain."
            )

    def signed_url(self, name, *, content_type, disposition, cache_control, seconds):
        # S3 answers with these headers instead of the object's own, so the browser saves the
        # file under our name and no shared cache keeps it.
        return self.url(
            name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
                "ResponseCacheControl": cache_control,
            },
            expire=seconds,
        )
