"""The certificate's pages in the admin lead to its PDF (for those the download rule allows, by
the private download view) and to its public verification page, not only to revocation."""

import datetime

import pytest
from django.utils import timezone

from content.certificates.services import certificate_issue
from tests.factories.certificates import issues_for
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(sessions):
    session = SessionPageFactory(parent=sessions, date=datetime.date(2026, 11, 20))
    issues_for(session)
    person = ParticipantFactory()
    mark_attendance(session, person)
    moment = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))
    return certificate_issue(participant=person, session=session, now=moment)[0]


@pytest.mark.parametrize("page", ["inspect", "edit"])
def test_an_organizer_gets_the_pdf_and_the_verification_page_from_the_admin(
    client, organizer, certificate, page
):
    html = client.get(f"/admin/certificate/{page}/{certificate.pk}/").content.decode()
    download = f'href="/sertifikat/unduh/{certificate.code}/"'
    verify = f'href="/sertifikat/verifikasi/{certificate.code}/"'
    assert download in html and "Unduh PDF" in html
    assert verify in html and "Buka verifikasi" in html
    # The link leads to the PDF, through the private download rule.
    response = client.get(f"/sertifikat/unduh/{certificate.code}/")
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content])[:5]
        == b"%PDF-"
    )


def test_an_analyst_sees_the_verification_link_but_not_the_pdf(client, certificate):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    html = client.get(f"/admin/certificate/inspect/{certificate.pk}/").content.decode()
    assert f'href="/sertifikat/verifikasi/{certificate.code}/"' in html
    assert "Unduh PDF" not in html and "/sertifikat/unduh/" not in html
