"""The certificate the site serves is the archival PDF/A-3b it claims to be.

Every check reads the signed file exactly as the holder downloads it (the download route,
through the test client; the bulk job's ZIP holds the same stored files, test_bulk.py). pikepdf,
an independent reader (qpdf underneath), checks the PDF/A rules named in the issue one by one:
no image asks to be interpolated, every font is embedded, an output intent carries an ICC
profile, nothing is encrypted, the XMP metadata says PDF/A-3B and says the same as the Info
dictionary, and the office's signature still covers the whole file. Then page (page-validation),
a full PDF/A validator from PyPI, runs its whole PDF/A-3B profile. veraPDF, the reference
validator, is a Java program that none of the registries this project installs from carries.
"""

import io
import subprocess
from datetime import datetime

import page
import pikepdf
import pytest
from django.urls import reverse
from pikepdf.models.metadata import decode_pdf_date

from content.certificates import signing
from content.certificates.services import certificate_issue
from tests.certificates import stream_lengths
from tests.factories.certificates import issues_for, make_template, mark_file
from tests.factories.images import ImageFactory
from tests.factories.people import ParticipantFactory
from tests.factories.training import HeldSessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db

# The Info dictionary's text entries and the XMP property each must equal (ISO 19005-3, 6.6.2.3.1).
TEXT_PAIRS = {
    "/Title": "dc:title",
    "/Author": "dc:creator",
    "/Subject": "dc:description",
    "/Keywords": "pdf:Keywords",
    "/Creator": "xmp:CreatorTool",
    "/Producer": "pdf:Producer",
}
DATE_PAIRS = {"/CreationDate": "xmp:CreateDate", "/ModDate": "xmp:ModifyDate"}


@pytest.fixture
def served(sessions, client):
    """The signed PDF of a certificate whose template has every image a template can have
    (background, stamp and two signatures), as its holder downloads it."""
    session = HeldSessionPageFactory(parent=sessions, title="Literasi Digital & Keamanan Siber — Ü")
    template = make_template(
        background=ImageFactory(),
        stamp=mark_file(),
        signatory_1_signature=mark_file(colour=(10, 10, 10, 255)),
        signatory_2_name="Ir. Bambang Wijaya",
        signatory_2_nip="196805121994031004",
        signatory_2_position="Sekretaris Dinas",
        signatory_2_signature=mark_file(colour=(200, 10, 10, 255)),
    )
    issues_for(session, template)
    holder = ParticipantFactory(full_name="Ni Luh Putu Ayu Dewi Ṣaraswati, S.Kom.")
    mark_attendance(session, holder)
    certificate, _ = certificate_issue(participant=holder, session=session)
    client.force_login(holder)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


@pytest.fixture
def pdf(served):
    with pikepdf.open(io.BytesIO(served)) as document:
        yield document


def _images(document):
    for obj in document.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image:
            yield obj


def test_the_certificate_has_images_to_check(pdf):
    # Background, stamp and both signatures (with their soft masks): a template without
    # images would pass the next test by having nothing to check.
    assert len(list(_images(pdf))) >= 4


def test_no_image_asks_to_be_interpolated(pdf):
    """ISO 19005-3, 6.2.8: an image's Interpolate key, if present, shall be false."""
    interpolated = [
        image.objgen for image in _images(pdf) if bool(image.get("/Interpolate", False))
    ]
    assert interpolated == []


def _fonts(document):
    for obj in document.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Font:
            yield obj


def test_every_font_is_embedded(pdf):
    """ISO 19005-3, 6.2.11.4.1: every font used for rendering is embedded (Type 3 fonts are
    content streams themselves)."""
    fonts = list(_fonts(pdf))
    assert fonts
    missing = []
    for font in fonts:
        if font.get("/Subtype") in (pikepdf.Name.Type0, pikepdf.Name.Type3):
            continue  # a Type0 font's glyphs are in its descendant, listed on its own
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or not any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
        ):
            missing.append(str(font.get("/BaseFont")))
    assert missing == []


def test_an_output_intent_carries_an_icc_profile(pdf):
    """ISO 19005-3, 6.2.4.2: a PDF/A output intent (GTS_PDFA1) with an ICC profile whose
    number of colour components matches the profile's colour space."""
    intents = [
        intent
        for intent in pdf.Root.get("/OutputIntents", [])
        if intent.get("/S") == pikepdf.Name("/GTS_PDFA1")
    ]
    assert len(intents) == 1
    profile = intents[0].DestOutputProfile
    icc = profile.read_bytes()
    assert icc[36:40] == b"acsp"  # the ICC profile's signature
    components = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}[icc[16:20]]
    assert int(profile.N) == components


def test_nothing_is_encrypted(pdf, served):
    assert not pdf.is_encrypted and "/Encrypt" not in pdf.trailer
    assert "/ID" in pdf.trailer  # 6.1.3: the trailer has a file identifier


def _xmp(document):
    return document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)


def test_the_xmp_metadata_says_pdf_a_3b(pdf):
    meta = _xmp(pdf)
    assert meta.get("pdfaid:part") == "3"
    assert meta.get("pdfaid:conformance") == "B"
    stream = pdf.Root.Metadata
    assert stream.Type == pikepdf.Name.Metadata and stream.Subtype == pikepdf.Name.XML
    # Unfiltered, as page's PDFA3B-METADATA-FILTER-001 asks (PDF/A-1 forbade the filter outright):
    # pyHanko kept WeasyPrint's compressed stream when it rewrote it.
    assert "/Filter" not in stream


def _text(value):
    if isinstance(value, (list, set)):
        return ", ".join(sorted(value)) if isinstance(value, set) else ", ".join(value)
    return str(value)


def test_the_xmp_says_what_the_info_dictionary_says(pdf):
    """6.6.2.3.1: every Info entry present has its XMP equivalent, with the same value (the
    signature's incremental update rewrote Info's Producer and ModDate, not the XMP's)."""
    info = pdf.trailer.Info
    meta = _xmp(pdf)
    for key, prop in TEXT_PAIRS.items():
        if key in info:
            assert _text(meta.get(prop)) == str(info[key]), key
    for key, prop in DATE_PAIRS.items():
        if key in info:
            assert prop in meta, key
            assert datetime.fromisoformat(meta[prop]) == decode_pdf_date(str(info[key])), key
    # Both name who made the file, when it was issued and when it was signed.
    assert {"/Producer", "/Title", "/CreationDate", "/ModDate"} <= set(info.keys())
    assert "WeasyPrint" in str(info.Producer) and "pyHanko" in str(info.Producer)


def test_every_annotation_prints_and_shows(pdf):
    """6.3.2: annotations have the Print flag and none of Hidden, Invisible, NoView (the
    signature's widget included)."""
    for sheet in pdf.pages:
        for annotation in sheet.get("/Annots", []):
            flags = int(annotation.get("/F", 0))
            assert flags & 4, annotation.get("/Subtype")
            assert not flags & (1 | 2 | 32), annotation.get("/Subtype")


def test_the_signature_still_covers_the_whole_file(served, tmp_path):
    assert signing.signature_intact(served)
    path = tmp_path / "sertifikat.pdf"
    path.write_bytes(served)
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature Validation: Signature is Valid." in report
    assert "Total document signed" in report


def test_every_stream_length_counts_its_data_exactly(served):
    """6.1.7.1, read from the bytes of every revision, replaced objects included: /Length
    counts the bytes between the end-of-line marker after `stream` and the one before
    `endstream`. A stream whose data ends in CR broke it in about one certificate in thirty;
    test_pdf_streams.py writes that case every time."""
    assert len(stream_lengths.streams(served)) > 10
    assert stream_lengths.nonconforming(served) == []


def test_a_pdf_a_validator_finds_the_file_conformant(served):
    """page (page-validation), a PDF/A-1 to 3 validator that passes veraPDF's test corpus,
    checks every rule of the PDF/A-3B profile, not only those above."""
    report = page.validate_pdf_bytes(served, profile=page.ValidationProfile.PDF_A_3B)
    assert [(failure.rule_id, failure.message) for failure in report.failures] == []
    assert report.is_compliant and report.rules.total > 100
