"""Checking an uploaded certificate: its signature is reported as pyHanko's validator sees it
(coverage, modification level, DocMDP) and called intact only when it covers the whole file.

The changed files are real incremental updates written with pyHanko's IncrementalPdfFileWriter
after the office signed: the signed revision stays byte for byte intact, which is exactly what
fooled the old check. poppler's pdfsig, an independent reader, must agree with every answer.
"""

import io
import re
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation.status import SignatureCoverageLevel

from content.certificates import links, selectors, signing
from content.certificates.management.commands.make_signing_key import self_signed_p12
from content.certificates.models import VerificationResult
from content.certificates.services import certificate_issue, certificate_render
from tests.factories.certificates import issues_for
from tests.factories.people import ParticipantFactory
from tests.factories.training import HeldSessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(sessions):
    session = HeldSessionPageFactory(parent=sessions, title="Literasi Digital Angkatan 9")
    issues_for(session)
    person = ParticipantFactory(full_name="Dewi Lestari")
    mark_attendance(session, person)
    certificate, _ = certificate_issue(participant=person, session=session)
    certificate = certificate_render(
        certificate=certificate, verify_url=links.verify_url(certificate.code)
    )
    with certificate.pdf.open("rb") as handle:
        return certificate, handle.read()


def _written(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def retitled(pdf):
    """The document information dictionary rewritten: a new title."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    info = writer.trailer.raw_get("/Info")
    info.get_object()["/Title"] = generic.TextStringObject("Sertifikat Kepala Dinas")
    writer.mark_update(info)
    return _written(writer)


def annotated(pdf):
    """A text box laid over the page, where a name or a score could be printed anew."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    note = writer.add_object(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Annot"),
                generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
                generic.NameObject("/Rect"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (100, 300, 500, 340)]
                ),
                generic.NameObject("/Contents"): generic.TextStringObject("Nilai: 100"),
                generic.NameObject("/DA"): generic.TextStringObject("/Helv 18 Tf 0 g"),
            }
        )
    )
    annotations = page.get("/Annots")
    if annotations is None:
        page["/Annots"] = generic.ArrayObject([note])
    else:
        annotations.get_object().append(note)
    writer.update_container(page)
    return _written(writer)


def countersigned(pdf, tmp_path):
    """A second signature, by a stranger's key, in a field of its own."""
    path = tmp_path / "orang-lain.p12"
    path.write_bytes(self_signed_p12("lain", common_name="Orang Lain"))
    stranger = signers.SimpleSigner.load_pkcs12(str(path), passphrase=b"lain")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(field_name="TandaTanganLain")
    return signers.sign_pdf(writer, metadata, signer=stranger).getvalue()


def _pdfsig(pdf, tmp_path):
    """poppler's report of the office's signature (the first): (whole file?, valid?)."""
    path = tmp_path / "unggahan.pdf"
    path.write_bytes(pdf)
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    first = re.split(r"Signature #\d+:", report)[1]
    assert "Signature Field Name: TandaTanganDinas" in first
    return "- Total document signed" in first, "Signature is Valid." in first


class TestTheIssuedFile:
    def test_is_genuine_with_its_signature_intact_over_the_whole_file(self, issued, tmp_path):
        certificate, pdf = issued
        verification = selectors.by_upload(pdf)
        assert verification.result == VerificationResult.VALID
        signature = verification.signature
        assert signature.intact and not signature.changed_after_signing
        assert signature.coverage == SignatureCoverageLevel.ENTIRE_FILE
        assert signature.modification_level == ModificationLevel.NONE
        assert _pdfsig(pdf, tmp_path) == (True, True)

    def test_its_page_says_utuh(self, client, issued):
        _, pdf = issued
        html = _upload(client, pdf)
        assert "Sertifikat sah" in html and "<strong>utuh</strong>" in html
        assert "ENTIRE_FILE" in html and "diubah setelah ditandatangani" not in html


def _upload(client, pdf, *, status=200):
    upload = SimpleUploadedFile("sertifikat.pdf", pdf, content_type="application/pdf")
    response = client.post(reverse("certificates:verify"), {"berkas": upload})
    assert response.status_code == status
    return response.content.decode()


CHANGES = {
    # pyHanko's difference analysis calls a rewritten /Info an LTA update and its bottom line
    # accepts it: the reason coverage, not the bottom line, decides here.
    "metadata": (retitled, ModificationLevel.LTA_UPDATES),
    "annotation": (annotated, ModificationLevel.OTHER),
    "second signature": (countersigned, ModificationLevel.FORM_FILLING),
}


@pytest.mark.parametrize("change", CHANGES)
class TestAFileUpdatedAfterSigning:
    def _changed(self, issued, change, tmp_path):
        certificate, pdf = issued
        make, _ = CHANGES[change]
        changed = make(pdf, tmp_path) if make is countersigned else make(pdf)
        assert changed.startswith(pdf) and len(changed) > len(pdf)  # an incremental update
        return certificate, changed

    def test_is_reported_changed_with_pyhankos_coverage_and_modification_level(
        self, issued, change, tmp_path
    ):
        certificate, changed = self._changed(issued, change, tmp_path)
        verification = selectors.by_upload(changed)
        assert verification.result == VerificationResult.ALTERED
        assert verification.certificate == certificate
        signature = verification.signature
        assert signature.valid and signature.trusted  # the office's bytes are untouched...
        assert not signature.intact and signature.changed_after_signing  # ...but not the file
        assert signature.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        assert signature.modification_level == CHANGES[change][1]
        assert not signing.signature_intact(changed)

    def test_pdfsig_agrees(self, issued, change, tmp_path):
        _, changed = self._changed(issued, change, tmp_path)
        whole_file, valid = _pdfsig(changed, tmp_path)
        assert (whole_file, valid) == (False, True)
        assert signing.signature_check(changed).intact == whole_file

    def test_the_page_says_diubah_setelah_ditandatangani_with_the_level(
        self, client, issued, change, tmp_path
    ):
        _, changed = self._changed(issued, change, tmp_path)
        html = _upload(client, changed)
        assert "Berkas telah diubah" in html
        assert "<strong>diubah setelah ditandatangani</strong>" in html
        assert CHANGES[change][1].name in html and "ENTIRE_REVISION" in html
        assert "<strong>utuh</strong>" not in html


def test_a_changed_byte_inside_the_signed_part_breaks_the_signature(client, issued, tmp_path):
    _, pdf = issued
    altered = bytearray(pdf)
    altered[len(altered) // 3] ^= 0x01
    signature = signing.signature_check(bytes(altered))
    assert signature.found and not signature.valid and not signature.intact
    assert _pdfsig(bytes(altered), tmp_path)[1] is False
    assert "<strong>rusak</strong>" in _upload(client, bytes(altered))


def test_a_pdf_without_a_signature_says_so(client):
    from content.certificates import documents

    pdf = documents.render_pdf("<html><body><p>Sertifikat palsu</p></body></html>", {})
    assert signing.signature_check(pdf).found is False
    assert "tidak memiliki tanda tangan digital" in _upload(client, pdf, status=404)
