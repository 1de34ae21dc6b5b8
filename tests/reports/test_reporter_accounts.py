"""A reporter's account: erased, its reports lose the link and the contact (and every trace in
the desk's text); merged, its reports follow the surviving account."""

import pytest

from content.people import services as people
from content.people.merging import merge_handlers
from content.reports.models import Case, Report
from content.reports.services.merging import MOVED, reports_merge
from tests.factories.people import ParticipantFactory, prove_control_of_both, ptt
from tests.factories.reports import submit_report
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

NAME = "Larasati Wulandari Pramesti"
EMAIL = "larasati.pramesti@contoh.go.id"
PHONE = "081377665544"


@pytest.fixture
def person():
    return ParticipantFactory(full_name=NAME, email=EMAIL, phone=PHONE)


def _erase(person):
    organizer = UserFactory(username="organizer", groups=["Organizer"])
    request = people.deletion_request_create(user=person, reason="")
    people.participant_erase(deletion_request=request, by=organizer)


class TestErasure:
    def test_own_reports_lose_reporter_contact_and_name_and_keep_the_evidence(self, person):
        own = submit_report(
            links=["https://x.com/akun/status/11"],
            description=f"Saya {NAME} menerima pesan ini; Larasati bisa dihubungi di {PHONE}.",
            contact_email="laras.lain@contoh.id",
            contact_phone="0813 7766 5544",
            contact_consent=True,
            reporter=person,
        ).report
        _erase(person)

        own.refresh_from_db()
        assert own.reporter_id is None
        assert (own.contact_email, own.contact_phone, own.contact_consent) == ("", "", False)
        assert own.contact_erased_at is not None
        assert "Larasati" not in own.description and PHONE not in own.description
        assert "menerima pesan ini" in own.description
        # The evidence and the case stay.
        assert own.links == ["https://x.com/akun/status/11"]
        assert Case.objects.filter(pk=own.case_id).exists()

    def test_anonymous_reports_with_the_persons_contact_lose_it(self, person):
        by_email = submit_report(
            links=["https://x.com/akun/status/12"],
            contact_email=EMAIL.upper(),
            contact_consent=True,
        ).report
        by_phone = submit_report(
            links=["https://x.com/akun/status/13"], contact_phone="+62 813-7766-5544"
        ).report
        stranger = submit_report(
            links=["https://x.com/akun/status/14"], contact_phone="081377665599"
        ).report
        _erase(person)

        for report in (by_email, by_phone):
            report.refresh_from_db()
            assert (report.contact_email, report.contact_phone) == ("", "")
            assert report.contact_erased_at is not None
        stranger.refresh_from_db()
        assert stranger.contact_phone == "081377665599" and stranger.contact_erased_at is None

    def test_other_reports_and_cases_naming_the_person_are_scrubbed(self, person):
        other = submit_report(
            links=["https://www.facebook.com/permalink.php?story_fbid=5&id=6"],
            description=f"ASN {NAME} mengajak memilih calon nomor 2 di grup kantor.",
        ).report
        _erase(person)

        other.refresh_from_db()
        assert NAME not in other.description and "mengajak memilih" in other.description
        assert NAME not in Case.objects.get(pk=other.case_id).summary

    def test_the_handler_is_registered_and_other_reporters_keep_theirs(self, person):
        kept = submit_report(
            links=["https://x.com/akun/status/15"],
            contact_email="budi@contoh.id",
            reporter=ParticipantFactory(full_name="Budi Santoso"),
        ).report
        _erase(person)
        kept.refresh_from_db()
        assert kept.reporter_id and kept.contact_email == "budi@contoh.id"


class TestMerge:
    def test_reports_and_the_reported_person_follow_the_survivor(self):
        organizer = UserFactory(username="penyelenggara", groups=["Organizer"])
        loser = ptt(full_name="Rudi Hartono", email="rudi.ptt@contoh.id")
        survivor = ParticipantFactory(full_name="Rudi Hartono, S.E.", email="rudi@contoh.go.id")
        sent = submit_report(links=["https://x.com/akun/status/21"], reporter=loser).report
        about = submit_report(links=["https://x.com/akun/status/22"]).report
        # The desk named the loser's account as the ASN reported (fixture state: the triage
        # service that sets it is another stream's).
        Case.objects.filter(pk=about.case_id).update(reported_person=loser)
        prove_control_of_both(loser, survivor, by=organizer)

        record = people.participants_merge(survivor=survivor, loser=loser, by=organizer)

        assert Report.objects.get(pk=sent.pk).reporter_id == survivor.pk
        assert Case.objects.get(pk=about.case_id).reported_person_id == survivor.pk
        # The merge record (read by organizers) tells no counts.
        assert record.summary["reports"] == MOVED

    def test_the_service_alone_moves_them(self):
        loser, survivor = ptt(), ParticipantFactory()
        sent = submit_report(reporter=loser).report
        assert reports_merge(survivor=survivor, loser=loser, by=None) == MOVED
        assert Report.objects.get(pk=sent.pk).reporter_id == survivor.pk
        assert "reports" in dict(merge_handlers())
