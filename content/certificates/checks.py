"""A deployment that cannot sign certificates fails the first time someone claims one: say so
at deploy time instead."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from content.certificates import signing


@register(deploy=True)
def signing_key_opens(app_configs, **kwargs):
    try:
        signing.signer()
    except (ImproperlyConfigured, OSError, ValueError) as problem:
        return [
            Error(
                f"Kunci tanda tangan sertifikat tidak dapat dibuka: {problem}",
                hint=(
                    "Set CERTIFICATE_SIGNING_P12 to the office's PKCS#12 file and "
                    "CERTIFICATE_SIGNING_PASSPHRASE to its passphrase, on web and worker "
                    "processes."
                ),
                id="lentera.E002",
            )
        ]
    return []
