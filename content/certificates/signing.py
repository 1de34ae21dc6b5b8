"""The office's digital signature on every certificate (PAdES, with pyHanko), and checking it.

The key and certificate come from a PKCS#12 file named by CERTIFICATE_SIGNING_P12, opened with
CERTIFICATE_SIGNING_PASSPHRASE. `make run` makes a self-signed demo key outside the repository
(`manage.py make_signing_key`); production uses the office's own.
"""

import functools
import io

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

FIELD = "TandaTanganDinas"


@functools.lru_cache(maxsize=4)
def _signer(path, passphrase):
    if not path:
        raise ImproperlyConfigured(
            "CERTIFICATE_SIGNING_P12 is not set: certificates cannot be signed."
        )
    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=passphrase.encode() or None)
    if signer is None:
        raise ImproperlyConfigured(f"Cannot open the signing key {path}.")
    return signer


def signer():
    return _signer(settings.CERTIFICATE_SIGNING_P12, settings.CERTIFICATE_SIGNING_PASSPHRASE)


def sign(pdf, *, reason, location):
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD, subfilter=SigSeedSubFilter.PADES, reason=reason, location=location
    )
    return signers.sign_pdf(writer, metadata, signer=signer()).getvalue()


def signature_intact(pdf):
    """True when the PDF carries this office's signature over the whole file, unaltered."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        signatures = reader.embedded_signatures
        if not signatures:
            return False
        context = ValidationContext(trust_roots=[signer().signing_cert])
        status = validate_pdf_signature(signatures[-1], context)
    except Exception:  # noqa: BLE001 (a damaged or hostile upload is simply not intact)
        return False
    return bool(status.intact and status.valid and status.trusted)
