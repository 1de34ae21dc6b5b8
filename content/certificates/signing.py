"""The office's digital signature on every certificate (PAdES, with pyHanko), and checking it.

The key and certificate come from a PKCS#12 file named by CERTIFICATE_SIGNING_P12, opened with
CERTIFICATE_SIGNING_PASSPHRASE. `make run` makes a self-signed demo key outside the repository
(`manage.py make_signing_key`); production uses the office's own.
"""

import functools
import io
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata import model as xmp_model
from pyhanko.pdf_utils.metadata import xmp_xml
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.attributes import CMSAttributeProvider, SigningCertificateV2Provider
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

FIELD = "TandaTanganDinas"


class KeptAttribute(CMSAttributeProvider):
    """A signed attribute whose value never changes for one signer, built on first use."""

    def __init__(self, provider):
        self.provider = provider
        self.attribute_type = provider.attribute_type
        self.attribute = None

    async def build_attr_value(self, dry_run=False):
        return await self.provider.build_attr_value(dry_run=dry_run)

    async def get_attribute(self, dry_run=False):
        if self.attribute is None:
            self.attribute = await self.provider.get_attribute(dry_run=dry_run)
        return self.attribute


class KeptKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner, made for signing hundreds of certificates in a row (the bulk
    issue): it parses the private key once, where SimpleSigner parses and re-validates it for
    every signature (about 35 ms for RSA-2048), and it remembers how large its signature came
    out, so that each PDF is signed once instead of twice (pyHanko otherwise signs a dummy
    first, to measure the space to reserve in the file)."""

    container_size = None

    @functools.cached_property
    def private_key(self):
        return serialization.load_der_private_key(self.signing_key.dump(), password=None)

    def sign_raw(self, data, digest_algorithm):
        try:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:
            mechanism = None
        if mechanism == "rsassa_pkcs1v15" and isinstance(self.private_key, RSAPrivateKey):
            hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
            return self.private_key.sign(data, PKCS1v15(), hash_algorithm)
        # Other keys (PSS, elliptic curves) as pyHanko signs them.
        return super().sign_raw(data, digest_algorithm)

    def _signed_attr_providers(self, *args, **kwargs):
        # The signing-certificate-v2 attribute names this signer's certificate by its hash: the
        # same for every signature, so it is built once (about a fifth of a signature's time,
        # most of it asn1crypto encoding the certificate again) and handed back as it is.
        for provider in super()._signed_attr_providers(*args, **kwargs):
            if type(provider) is SigningCertificateV2Provider:
                yield self._kept_certificate_attribute
            else:
                yield provider

    @functools.cached_property
    def _kept_certificate_attribute(self):
        return KeptAttribute(SigningCertificateV2Provider(self.signing_cert))

    async def async_sign(self, *args, **kwargs):
        signed = await super().async_sign(*args, **kwargs)
        self.container_size = max(self.container_size or 0, len(signed.dump()))
        return signed

    @property
    def bytes_reserved(self):
        """Room for the signature in the file: pyHanko's own estimate (twice the size, for hex,
        plus half again), once a signature has been made; None (pyHanko measures) before."""
        if self.container_size is None:
            return None
        hex_length = 2 * self.container_size
        return hex_length + 2 * (hex_length // 4)


@functools.lru_cache(maxsize=4)
def _signer(path, passphrase):
    if not path:
        raise ImproperlyConfigured(
            "CERTIFICATE_SIGNING_P12 is not set: certificates cannot be signed."
        )
    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=passphrase.encode() or None)
    if signer is None:
        raise ImproperlyConfigured(f"Cannot open the signing key {path}.")
    return KeptKeySigner(
        signing_cert=signer.signing_cert,
        signing_key=signer.signing_key,
        cert_registry=signer.cert_registry,
        signature_mechanism=signer.signature_mechanism,
        prefer_pss=signer.prefer_pss,
    )


def signer():
    return _signer(settings.CERTIFICATE_SIGNING_P12, settings.CERTIFICATE_SIGNING_PASSPHRASE)


class ArchivalWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer, keeping a PDF/A file's two sets of metadata in step.

    PDF/A asks that every entry of the Info dictionary have its XMP equivalent with the same
    value (ISO 19005-3, 6.6.2.3.1). pyHanko, when it writes the signature's revision, appends
    itself to Info's /Producer ("WeasyPrint 70.0; pyHanko 0.38.0") but writes itself alone
    into the XMP's pdf:Producer, and moves xmp:ModifyDate while Info's /ModDate stays behind
    (or absent), each with its own reading of the clock. After pyHanko's update, both say the
    same: Info's producer, and one modification time, the signing's, in WIB.

    `_update_meta` is pyHanko's hook for this, run once as the revision is written; pyHanko is
    pinned, and tests/certificates/test_pdfa.py reads the served file to check the result."""

    _in_step = False

    def _update_meta(self):
        # pyHanko writes the revision more than once (to measure, then to sign): the first
        # time settles the metadata, later ones would only read the clock again.
        if self._in_step:
            return
        super()._update_meta()
        # get() would hand back the reference; indexing reads the object.
        metadata = self.root["/Metadata"] if "/Metadata" in self.root else None  # noqa: SIM401
        if self._info is None or not isinstance(metadata, xmp_xml.MetadataStream):
            return
        info = self._info.get_object()
        signed_at = timezone.localtime().replace(microsecond=0)
        info["/ModDate"] = generic.pdf_date(signed_at)
        self.mark_update(self._info)
        fields = {name: value for root in metadata.xmp for name, value in root}
        fields[xmp_model.PDF_PRODUCER] = xmp_model.XmpValue(str(info["/Producer"]))
        fields[xmp_model.XMP_MODDATE] = xmp_model.XmpValue(signed_at.isoformat())
        # A new stream in this revision: the one pyHanko rewrote is no longer referenced.
        self.root["/Metadata"] = self.add_object(
            xmp_xml.MetadataStream.from_xmp([xmp_model.XmpStructure(fields)])
        )
        self.update_root()
        self._in_step = True


def sign(pdf, *, reason, location):
    writer = ArchivalWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD, subfilter=SigSeedSubFilter.PADES, reason=reason, location=location
    )
    office = signer()
    return signers.sign_pdf(
        writer, metadata, signer=office, bytes_reserved=office.bytes_reserved
    ).getvalue()


# What pyHanko's validator found, in the words the verification page uses.
COVERAGE_LABELS = {
    SignatureCoverageLevel.ENTIRE_FILE: "seluruh berkas",
    SignatureCoverageLevel.ENTIRE_REVISION: (
        "hanya versi yang ditandatangani; sesudahnya ada tambahan (pembaruan bertahap)"
    ),
    SignatureCoverageLevel.CONTIGUOUS_BLOCK_FROM_START: "hanya sebagian berkas dari awalnya",
    SignatureCoverageLevel.UNCLEAR: "tidak jelas",
}
MODIFICATION_LABELS = {
    ModificationLevel.NONE: "tidak ada perubahan",
    ModificationLevel.LTA_UPDATES: "pembaruan data arsip atau metadata berkas",
    ModificationLevel.FORM_FILLING: "pengisian formulir atau tanda tangan tambahan",
    ModificationLevel.ANNOTATIONS: "penambahan atau perubahan anotasi",
    ModificationLevel.OTHER: "perubahan isi atau struktur berkas di luar yang diizinkan",
}


@dataclass(frozen=True)
class SignatureCheck:
    """The office's signature on an uploaded file as pyHanko's validator reports it.

    pyHanko's own bottom line accepts a signature whose signed revision is intact even when
    the file was extended afterwards (an incremental update that, say, rewrites the metadata
    is judged LTA_UPDATES and allowed). A certificate is never extended after it is issued, so
    here a signature is *intact* only when it covers the entire file."""

    found: bool = False
    # The signed bytes hash to the value signed and the signature checks out.
    valid: bool = False
    # Made by the office's current key.
    trusted: bool = False
    coverage: SignatureCoverageLevel | None = None
    modification_level: ModificationLevel | None = None
    docmdp_ok: bool | None = None

    @property
    def intact(self):
        return (
            self.found
            and self.valid
            and self.trusted
            and self.coverage == SignatureCoverageLevel.ENTIRE_FILE
        )

    @property
    def changed_after_signing(self):
        """A valid signature over an earlier version of the file: something was added since."""
        return self.found and self.valid and self.coverage != SignatureCoverageLevel.ENTIRE_FILE

    @property
    def coverage_name(self):
        return self.coverage.name if self.coverage is not None else ""

    @property
    def coverage_label(self):
        return COVERAGE_LABELS.get(self.coverage, "tidak diketahui")

    @property
    def modification_name(self):
        level = self.modification_level
        return level.name if level is not None else ""

    @property
    def modification_label(self):
        return MODIFICATION_LABELS.get(self.modification_level, "tidak dapat dianalisis")


def _office_signature(reader):
    """The office's signature field (an attacker may add signatures of their own after it),
    else the first signature in the file."""
    signatures = reader.embedded_signatures
    for embedded in signatures:
        if embedded.field_name == FIELD:
            return embedded
    return signatures[0] if signatures else None


def signature_check(pdf):
    """Validate the office's signature on `pdf` with pyHanko, with the difference analysis of
    anything appended after it; a damaged or hostile file is reported as having none."""
    try:
        embedded = _office_signature(PdfFileReader(io.BytesIO(pdf)))
        if embedded is None:
            return SignatureCheck()
        context = ValidationContext(trust_roots=[signer().signing_cert])
        status = validate_pdf_signature(embedded, context)
    except Exception:  # noqa: BLE001 (a damaged or hostile upload has no readable signature)
        return SignatureCheck()
    return SignatureCheck(
        found=True,
        valid=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        coverage=status.coverage,
        modification_level=status.modification_level,
        docmdp_ok=status.docmdp_ok,
    )


def signature_intact(pdf):
    """True when the PDF carries this office's valid signature over the whole file."""
    return signature_check(pdf).intact
