"""The certificate's page holds whatever it is given: the longest name, agency and event title
the fields allow stay on one page, inside it, and clear of the signatures and QR code."""

import pypdfium2
import pytest

from content.certificates import documents
from content.certificates.models import Certificate
from content.certificates.services import certificate_issue, certificate_render
from content.demo import certificates as demo
from tests.factories.certificates import issues_for, make_template
from tests.factories.people import ParticipantFactory
from tests.factories.training import HeldSessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db

LONG_NAME = (
    "Prof. Dr. Ir. Raden Mas Muhammad Abdurrahman Wahyudi Kusumaningrat Prawirodirdjo "
    "Hadikusumo Setyobudi Wicaksono Mangkunegoro Tjokroaminoto, S.T., M.T., M.Kom., Ph.D."
)
LONG_AGENCY = (
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Lentera, Bidang Pengolahan "
    "Data, Sistem Informasi, Pengaduan, Kebijakan dan Pelaporan Layanan Perizinan Berusaha"
)
LONG_TITLE = (
    "Sosialisasi Literasi Digital, Keamanan Siber, Pelindungan Data Pribadi, dan Etika "
    "Bermedia Sosial bagi Aparatur Sipil Negara di Lingkungan Pemerintah Kota Lentera Tahun "
    "Anggaran 2026 Angkatan Kedua Belas Gelombang Ketiga Sesi Pagi (Kelas Gabungan OPD)"
)
MM = 72 / 25.4  # PDF points per millimetre


def _noted(message):
    pass


def _certificate(sessions, template, *, long):
    session = HeldSessionPageFactory(
        parent=sessions, title=LONG_TITLE if long else "Literasi Digital"
    )
    issues_for(session, template)
    person = ParticipantFactory(full_name="Ahmad Fauzi, S.Kom.")
    mark_attendance(session, person)
    certificate, _ = certificate_issue(participant=person, session=session)
    if long:
        # What the fields allow at most: a name as registered, an agency as it was named.
        Certificate.objects.filter(pk=certificate.pk).update(
            holder_name=LONG_NAME[:200], holder_agency=LONG_AGENCY[:200]
        )
        certificate.refresh_from_db()
    return certificate


def _pdf(certificate):
    certificate = certificate_render(
        certificate=certificate,
        verify_url=f"http://127.0.0.1:8000/sertifikat/verifikasi/{certificate.code}/",
    )
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def _box(text_page, text):
    """(left, bottom, right, top) in points of where `text` is on the page, from its first
    character to its last (pdfium's text search)."""
    searcher = text_page.search(text, match_case=True)
    found = searcher.get_next()
    assert found is not None, f"{text!r} is not on the page"
    start, count = found
    first = text_page.get_charbox(start)
    last = text_page.get_charbox(start + count - 1)
    return (
        min(first[0], last[0]),
        min(first[1], last[1]),
        max(first[2], last[2]),
        max(first[3], last[3]),
    )


def _char_boxes(text_page):
    boxes = []
    for index in range(text_page.count_chars()):
        left, bottom, right, top = text_page.get_charbox(index)
        if right > left and top > bottom:  # not a space pdfium made up
            boxes.append((left, bottom, right, top))
    return boxes


def _assert_one_tidy_page(pdf, *, first_signatory_position):
    """One page; every letter on it at least 8 mm inside its edges; the text ends above the
    signatures and the QR code's caption. Returns the page's text."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        assert len(document) == 1
        page = document[0]
        width, height = page.get_size()
        text_page = page.get_textpage()
        boxes = _char_boxes(text_page)
        assert min(box[0] for box in boxes) >= 8 * MM
        assert min(box[1] for box in boxes) >= 8 * MM
        assert max(box[2] for box in boxes) <= width - 8 * MM
        assert max(box[3] for box in boxes) <= height - 8 * MM
        issued_line = _box(text_page, "Diterbitkan")
        assert issued_line[1] > _box(text_page, first_signatory_position)[3] + 2 * MM
        assert issued_line[1] > _box(text_page, "Pindai kode QR")[3] + 2 * MM
        return " ".join(text_page.get_text_range().split())
    finally:
        document.close()


@pytest.mark.parametrize(
    ("page_size", "orientation"),
    [("A4", "landscape"), ("A4", "portrait"), ("F4", "landscape"), ("letter", "landscape")],
)
def test_the_demo_template_keeps_the_longest_texts_on_one_page(sessions, page_size, orientation):
    template = demo._template(_noted)
    template.page_size, template.orientation = page_size, orientation
    template.title = "SERTIFIKAT KEIKUTSERTAAN DAN PENGHARGAAN PENGEMBANGAN KOMPETENSI"
    template.save()
    certificate = _certificate(sessions, template, long=True)
    printed = _assert_one_tidy_page(
        _pdf(certificate), first_signatory_position="Kepala Dinas Komunikasi"
    )
    # The whole name and event title are printed, not cut off.
    assert " ".join(LONG_NAME[:200].split()[-3:]) in printed
    assert "(Kelas Gabungan OPD)" in printed


def test_a_plain_template_whose_text_names_the_holder_fits_too(sessions):
    """No background, no images, one signatory, the default text (which names the holder)."""
    template = make_template(issuer="Dinas Komunikasi dan Informatika Kota Lentera")
    certificate = _certificate(sessions, template, long=True)
    _assert_one_tidy_page(_pdf(certificate), first_signatory_position="Kepala Dinas Kominfo")


def test_a_short_certificate_names_its_holder_once_in_large_type(sessions):
    template = demo._template(_noted)
    certificate = _certificate(sessions, template, long=False)
    html, _ = documents.render_html(certificate, verify_url="http://localhost/v/")
    assert html.count("Ahmad Fauzi, S.Kom.") == 2  # the description meta, and once on the page
    assert "diberikan kepada" in html
    _assert_one_tidy_page(_pdf(certificate), first_signatory_position="Kepala Dinas Komunikasi")
