"""The certificate as a file: archival PDF/A-3b, the right text, a QR code that leads to its
verification page, the office's signature, and nothing fetched or injected from a name."""

import io
import subprocess

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from content.certificates import documents, links, selectors, signing
from content.certificates.models import VerificationResult
from content.certificates.services import certificate_issue, certificate_render
from tests.factories.certificates import issues_for, make_template, mark_file
from tests.factories.images import ImageFactory, png_file
from tests.factories.people import ParticipantFactory
from tests.factories.training import HeldSessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(sessions):
    session = HeldSessionPageFactory(parent=sessions, title="Literasi Digital Angkatan 3")
    issues_for(session, make_template(background=ImageFactory(), stamp=mark_file()))
    person = ParticipantFactory(full_name="Ahmad Fauzi, S.Kom.")
    mark_attendance(session, person)
    certificate, _ = certificate_issue(participant=person, session=session)
    certificate = certificate_render(
        certificate=certificate, verify_url=links.verify_url(certificate.code)
    )
    with certificate.pdf.open("rb") as handle:
        return certificate, handle.read()


def _text(pdf):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def test_the_pdf_is_pdf_a_3b_by_its_metadata(issued):
    _, pdf = issued
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp
    assert 'pdfaid:conformance="B"' in xmp or "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert len(reader.pages) == 1


def test_its_text_holds_the_name_number_and_session(issued):
    certificate, pdf = issued
    text = _text(pdf)
    for expected in ("Ahmad Fauzi, S.Kom.", certificate.number, "Literasi Digital Angkatan 3"):
        assert expected in text


def test_its_qr_code_leads_to_the_verification_page_of_its_holder(issued, client, tmp_path):
    certificate, pdf = issued
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", "c.pdf", "c"], cwd=tmp_path, check=True
    )
    decoded = [result.text for result in zxingcpp.read_barcodes(Image.open(tmp_path / "c.png"))]
    assert decoded == [links.verify_url(certificate.code)]
    page = client.get(decoded[0].removeprefix("http://localhost"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sertifikat sah" in html and "Ahmad Fauzi, S.Kom." in html


def test_the_signature_validates_and_one_changed_byte_is_caught(issued):
    certificate, pdf = issued
    assert signing.signature_intact(pdf)
    assert selectors.by_upload(pdf).result == VerificationResult.VALID
    altered = bytearray(pdf)
    altered[len(altered) // 3] ^= 0x01
    verification = selectors.by_upload(bytes(altered))
    assert verification.result == VerificationResult.ALTERED
    assert verification.certificate == certificate
    assert not signing.signature_intact(bytes(altered))


def test_a_pdf_of_someone_else_is_unknown(issued):
    other = documents.render_pdf("<html><body><p>Sertifikat palsu</p></body></html>", {})
    verification = selectors.by_upload(other)
    assert verification.result == VerificationResult.UNKNOWN and verification.certificate is None


def test_the_pdf_is_rendered_once(issued):
    certificate, pdf = issued
    again = certificate_render(certificate=certificate, verify_url="http://lain.example/")
    with again.pdf.open("rb") as handle:
        assert handle.read() == pdf


def test_names_print_as_text_and_never_as_markup(sessions):
    session = HeldSessionPageFactory(parent=sessions, title="<b>Sesi</b> & {nama}")
    issues_for(session, make_template(body_participant="Untuk {nama} di {sesi}. {tidak_ada}"))
    person = ParticipantFactory(full_name='<img src="file:///etc/passwd"> Budi')
    mark_attendance(session, person)
    certificate, _ = certificate_issue(participant=person, session=session)
    html, _ = documents.render_html(certificate, verify_url="http://localhost/v/")
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt; Budi" in html
    assert "&lt;b&gt;Sesi&lt;/b&gt; &amp; {nama}" in html  # a placeholder inside a value stays
    pdf = certificate_render(certificate=certificate, verify_url="http://localhost/v/").pdf
    with pdf.open("rb") as handle:
        assert '<img src="file:///etc/passwd"> Budi' in _text(handle.read())


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:6379/",
        "https://contoh.go.id/gambar.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "aset:../../etc/passwd",
        "aset:tidak-ada",
    ],
)
def test_the_renderer_fetches_nothing_but_the_templates_own_images(url):
    fetch = documents.url_fetcher_for({"latar": (b"\x89PNG", "image/png")})
    with pytest.raises(documents.BlockedFetch):
        fetch(url)
    assert fetch("aset:latar").read() == b"\x89PNG"


def test_a_page_that_asks_for_outside_files_renders_without_them():
    html = '<html><body><img src="file:///etc/hostname"><p>teks</p></body></html>'
    pdf = documents.render_pdf(html, {})
    assert b"%PDF" in pdf[:8] and "teks" in _text(pdf)


def test_backgrounds_are_scaled_down_before_rendering(sessions):
    image = ImageFactory(file=png_file(size=(4000, 3000)))
    template = make_template(background=image)
    data, mime = documents._assets(template)["latar"]
    assert mime == "image/jpeg"
    assert max(Image.open(io.BytesIO(data)).size) == documents.BACKGROUND_MAX_PX


def _background_colour(pdf):
    """The one primary colour the top-left of the page is painted in, else its RGB."""
    import pypdfium2

    page = pypdfium2.PdfDocument(pdf)[0]
    rgb = page.render(scale=0.5).to_pil().convert("RGB").getpixel((40, 40))
    for name, channel in (("merah", 0), ("hijau", 1), ("biru", 2)):
        others = [value for index, value in enumerate(rgb) if index != channel]
        if rgb[channel] > 120 and max(others) < 80:
            return name
    return rgb


def test_renders_in_one_process_share_decoded_images_but_never_across_templates(sessions):
    """WeasyPrint's image cache is kept between renders, keyed by which files the assets are:
    a second template, or the same template after its background is replaced, prints its own."""

    def background(colour):
        return ImageFactory(file=png_file(size=(400, 280), colour=colour))

    red = make_template(background=background((200, 0, 0)))
    blue = make_template(background=background((0, 0, 200)), number_format="{seq}/BIRU/{tahun}")

    def render(template):
        html = (
            "<style>@page { margin: 0 } body { margin: 0 }</style>"
            "<div style='height: 5cm; background: url(aset:latar)'></div>"
        )
        return documents.render_pdf(html, documents._assets(template))

    assert _background_colour(render(red)) == "merah"
    assert _background_colour(render(blue)) == "biru"
    assert _background_colour(render(red)) == "merah"
    red.background.file = png_file(name="hijau.png", size=(400, 280), colour=(0, 160, 0))
    red.background.file_hash = ""  # as the admin's image form leaves it for a new file
    red.background.save()
    assert _background_colour(render(red)) == "hijau"
