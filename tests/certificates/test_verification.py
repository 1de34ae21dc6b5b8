"""The public verification page, the holder's download and claim, revocation, and Akun saya."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from content.certificates import codes
from content.certificates.models import Certificate, VerificationLookup
from content.certificates.services import certificate_issue, certificate_revoke
from tests.factories.certificates import issues_for
from tests.factories.people import ParticipantFactory
from tests.factories.training import HeldSessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
NIP = "198703152010011002"


@pytest.fixture
def session(sessions):
    session = HeldSessionPageFactory(parent=sessions, title="Netralitas ASN", training_hours=6)
    issues_for(session)
    return session


@pytest.fixture
def holder(session):
    person = ParticipantFactory(full_name="Rina Wulandari", nip=NIP)
    mark_attendance(session, person)
    return person


@pytest.fixture
def certificate(holder, session):
    return certificate_issue(participant=holder, session=session)[0]


def _verify(client, code):
    return client.get(reverse("certificates:verify_code", args=[code]))


def test_the_code_page_shows_the_holder_and_no_digit_of_the_nip(client, certificate):
    response = _verify(client, codes.grouped(certificate.code).lower())
    html = response.content.decode()
    assert response.status_code == 200 and "Sertifikat sah" in html
    assert "Rina Wulandari" in html and "Netralitas ASN" in html and "6 JP" in html
    assert NIP[:8] not in html and NIP[-4:] not in html and "Cocokkan NIP" in html


@pytest.mark.parametrize("code", ["0" * 32, "tidak-ada", "<script>", "x" * 60, "ＡＢ"])
def test_unknown_and_malformed_codes_get_the_same_not_found_page(client, certificate, code):
    response = _verify(client, code)
    assert response.status_code == 404
    assert "Sertifikat tidak ditemukan" in response.content.decode()
    assert "Rina Wulandari" not in response.content.decode()


def test_every_lookup_is_logged_with_its_answer(client, certificate):
    _verify(client, certificate.code)
    _verify(client, "0" * 32)
    assert list(VerificationLookup.objects.order_by("pk").values_list("result", flat=True)) == [
        "sah",
        "tidak_dikenal",
    ]


def test_lookups_are_rate_limited_per_address(client, certificate):
    statuses = [_verify(client, "0" * 32).status_code for _ in range(31)]
    assert statuses[:30] == [404] * 30 and statuses[30] == 429
    assert _verify(client, certificate.code).status_code == 429  # blocked, whatever the code
    other = client.get(
        reverse("certificates:verify_code", args=[certificate.code]), REMOTE_ADDR="10.9.8.7"
    )
    assert other.status_code == 200


def test_a_revoked_certificate_says_so_at_once_with_the_reason(client, certificate):
    organizer = UserFactory(username="organizer", groups=["Organizer"])
    certificate_revoke(certificate=certificate, reason="Peserta tidak hadir penuh.", by=organizer)
    html = _verify(client, certificate.code).content.decode()
    assert "Sertifikat telah dicabut" in html and "Peserta tidak hadir penuh." in html


def test_revoking_needs_a_reason_and_happens_once(certificate):
    from content.base.errors import NotAllowed

    with pytest.raises(NotAllowed, match="alasan"):
        certificate_revoke(certificate=certificate, reason="  ", by=None)
    certificate_revoke(certificate=certificate, reason="Salah nama.", by=None)
    with pytest.raises(NotAllowed, match="sudah dicabut"):
        certificate_revoke(certificate=certificate, reason="Lagi.", by=None)


def test_organizers_revoke_in_the_admin(client, certificate):
    client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
    response = client.post(
        reverse("certificate:edit", args=[certificate.pk]), {"reason": "Data ganda."}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_reason == "Data ganda."


def test_the_pdf_downloads_for_its_holder_and_organizers_only(client, certificate, holder):
    url = reverse("certificates:download", args=[certificate.code])
    assert client.get(url)["Location"].startswith("/akun/masuk/")
    client.force_login(ParticipantFactory())
    assert client.get(url).status_code == 404
    client.force_login(holder)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
    assert client.get(url).status_code == 200


def test_analysts_read_the_list_but_never_get_a_pdf(client, certificate):
    """The README promises the PDF (full NIP, the office's signature) to its holder and
    organizers; analysts see certificates in the admin for the statistics, nothing more."""
    analyst = UserFactory(username="analis", groups=["Analyst"])
    client.force_login(analyst)

    assert analyst.has_perm("certificates.view_certificate")
    assert client.get(reverse("certificate:index")).status_code == 200
    assert client.get(reverse("certificates:download", args=[certificate.code])).status_code == 404


def test_the_pdf_is_kept_in_private_storage_and_sent_without_caching(
    client, settings, certificate, holder
):
    client.force_login(holder)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    certificate.refresh_from_db()

    assert (Path(settings.PRIVATE_MEDIA_ROOT) / certificate.pdf.name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / certificate.pdf.name).exists()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="sertifikat-{certificate.code[:8].lower()}.pdf"'
    )


def test_a_participant_takes_their_certificate_from_akun_saya(client, session, holder):
    client.force_login(holder)
    page = client.get("/akun/").content.decode()
    assert "Ambil sertifikat" in page and "0 dari 20 JP" in page
    response = client.post(reverse("certificates:claim", args=[session.pk]), follow=True)
    html = response.content.decode()
    assert "siap diunduh" in html and "6 dari 20 JP" in html and "Ambil sertifikat" not in html
    client.post(reverse("certificates:claim", args=[session.pk]))  # a double tap
    assert Certificate.objects.count() == 1 and Certificate.objects.get().pdf


def test_someone_who_did_not_attend_is_told_why(client, session):
    client.force_login(ParticipantFactory())
    response = client.post(reverse("certificates:claim", args=[session.pk]), follow=True)
    assert "peserta yang hadir" in response.content.decode()
    assert not Certificate.objects.exists()


def test_the_data_download_includes_certificates(client, certificate, holder):
    client.force_login(holder)
    data = json.loads(client.get("/akun/data-saya/").content)
    [row] = data["sertifikat"]
    assert row["nomor"] == certificate.number and row["jp"] == 6
    assert row["kode_verifikasi"] == codes.grouped(certificate.code)


def test_uploading_a_file_that_is_not_a_pdf_is_refused_clearly(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("sertifikat.pdf", b"bukan pdf", content_type="application/pdf")
    response = client.post(reverse("certificates:verify"), {"berkas": upload})
    assert response.status_code == 200 and "bukan PDF" in response.content.decode()


def test_a_passed_self_paced_quiz_offers_its_certificate(client):
    from content.quizzes import selectors as quiz_selectors
    from content.quizzes import services as quiz_services
    from tests.factories.certificates import issues_for_quiz
    from tests.factories.quizzes import correct_keys, make_quiz

    quiz = make_quiz(count=1, title="Hoaks atau Fakta?")
    issues_for_quiz(quiz, training_hours=1)
    person = ParticipantFactory()
    client.force_login(person)
    assert "Kuis Hoaks atau Fakta?" not in client.get("/akun/").content.decode()
    attempt = quiz_services.attempt_start(
        context=quiz_selectors.self_paced_context(quiz.slug), participant=person
    )
    quiz_services.attempt_submit(participant=person, key=attempt.key, answers=correct_keys(attempt))
    assert "Kuis Hoaks atau Fakta?" in client.get("/akun/").content.decode()
    response = client.post(reverse("certificates:claim_quiz", args=[quiz.pk]), follow=True)
    assert "siap diunduh" in response.content.decode()
    assert Certificate.objects.get().quiz == quiz


@pytest.mark.parametrize("typed", ["a/b", "../../etc", "  ", "%00", "ＡＢ/ＣＤ"])
def test_whatever_is_typed_in_the_form_leads_to_a_page_not_an_error(client, typed):
    response = client.get(reverse("certificates:verify"), {"kode": typed}, follow=True)
    assert response.status_code == 404
    assert "Sertifikat tidak ditemukan" in response.content.decode()


def test_a_code_typed_loosely_finds_its_certificate(client, certificate):
    typed = " " + codes.grouped(certificate.code).lower().replace("-", " ") + " "
    response = client.get(reverse("certificates:verify"), {"kode": typed}, follow=True)
    assert response.status_code == 200 and "Sertifikat sah" in response.content.decode()
