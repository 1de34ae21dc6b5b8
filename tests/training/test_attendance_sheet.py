import io

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from content.training import documents, services
from tests.factories.people import AgencyFactory, ParticipantFactory, ptt
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def _text(pdf):
    # Names wrap inside their cell: compare with whitespace collapsed.
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def _registered(session, count):
    agency = AgencyFactory(name="Dinas Komunikasi dan Informatika")
    people = []
    for number in range(count):
        make = ptt if number % 4 == 0 else ParticipantFactory
        person = make(full_name=f"Peserta Nomor {number:03d}", agency=agency)
        services.registration_create(session=session, participant=person)
        people.append(person)
    return people


@pytest.mark.parametrize("count", [5, 500])
def test_the_sheet_lists_every_participant(sessions, count):
    session = SessionPageFactory(parent=sessions, title="Netralitas ASN")
    people = _registered(session, count)

    pdf = documents.attendance_sheet_pdf(session, public_url="http://testserver/sesi/x/")

    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    assert "DAFTAR HADIR" in text and "Netralitas ASN" in text
    for person in people:
        assert person.full_name in text
    asn = next(p for p in people if p.nip)
    assert asn.nip in text
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert (pages == 1) if count == 5 else (pages > 10)


def test_signature_boxes_alternate_left_and_right(sessions):
    session = SessionPageFactory(parent=sessions)
    _registered(session, 4)
    rows = [{"number": n, "person": None} for n in range(1, 5)]
    html = render_to_string(
        "training/attendance_sheet.html", {"session": session, "rows": rows, "qr": ""}
    )
    assert [part.split('"')[0] for part in html.split('<span class="')[1:]] == [
        "left",
        "right",
        "left",
        "right",
    ]


def test_the_qr_code_points_to_the_public_page_not_to_check_in(sessions, client):
    session = SessionPageFactory(parent=sessions)
    client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
    public_url = f"http://testserver{session.url}"
    expected = documents.qr_svg(public_url)

    html = documents.attendance_sheet_html(session, public_url=public_url)

    assert expected in html
    assert "presensi" not in public_url
    response = client.get(f"{session.url}daftar-hadir/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_participants_cannot_print_the_sheet(client, sessions):
    session = SessionPageFactory(parent=sessions)
    client.force_login(ParticipantFactory())
    assert client.get(f"{session.url}daftar-hadir/").status_code == 403


@pytest.mark.parametrize(
    "title",
    ['Anti-Hoaks & Netralitas; "ASN" 2026', "Literasi </style><b>Digital</b> \\ Lanjutan"],
)
def test_the_footer_prints_any_title_as_written(sessions, title):
    session = SessionPageFactory(parent=sessions, title=title)
    pdf = documents.attendance_sheet_pdf(session, public_url="http://testserver/sesi/x/")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert f"Daftar hadir - {title}" in reader.pages[0].extract_text()
