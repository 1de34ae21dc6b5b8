from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "content.certificates"
    label = "certificates"
    verbose_name = "Sertifikat"

    def ready(self):
        from content.base import permissions
        from content.certificates import (
            checks,  # noqa: F401 (registers the deploy check)
            erasure,  # noqa: F401 (registers the erasure handler)
            merging,  # noqa: F401 (registers the merge handler)
            pdf_streams,
            tasks,  # noqa: F401 (registers its background tasks)
        )
        from content.certificates import permissions as certificate_permissions

        permissions.declare(*certificate_permissions.GROUPS)
        # Streams whose data ends in CR get CR LF before endstream (PDF/A's stream length).
        pdf_streams.install()
