"""The desk's writes (services/triage.py): each step of a case's status allowed or refused with
an Indonesian message, the reason a rejection needs, who may act, and the log each writes."""

import pytest
from wagtail.models import ModelLogEntry

from content.base.errors import NotAllowed
from content.reports.models import Case, Kind, Status
from content.reports.rules import status as status_rules
from content.reports.services import triage
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.reports import submit_report
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

FORWARD = [Status.VERIFIED, Status.IN_PROGRESS, Status.DONE]


@pytest.fixture
def desk():
    return UserFactory(username="petugas", groups=["Petugas Aduan"])


@pytest.fixture
def case():
    return submit_report(contact_email="pelapor@contoh.id", contact_consent=True).report.case


def entries(case, action=None):
    found = ModelLogEntry.objects.for_instance(case).order_by("pk")
    return list(found.filter(action=action) if action else found)


class TestStatusRules:
    @pytest.mark.parametrize(
        "current,new",
        [
            (Status.NEW, Status.VERIFIED),
            (Status.VERIFIED, Status.IN_PROGRESS),
            (Status.IN_PROGRESS, Status.DONE),
        ],
    )
    def test_each_step_forward_is_allowed(self, current, new):
        assert status_rules.may_change(current, new)

    @pytest.mark.parametrize("current", [Status.NEW, Status.VERIFIED, Status.IN_PROGRESS])
    def test_any_open_case_may_be_rejected_with_a_reason(self, current):
        assert status_rules.may_change(current, Status.REJECTED, "Bukan unggahan publik.")
        refused = status_rules.may_change(current, Status.REJECTED, "   ")
        assert not refused
        assert refused.message == "Tuliskan alasan penolakan: pelapor akan membacanya."

    @pytest.mark.parametrize(
        "current,new",
        [
            (Status.NEW, Status.IN_PROGRESS),
            (Status.NEW, Status.DONE),
            (Status.VERIFIED, Status.DONE),
            (Status.VERIFIED, Status.NEW),
            (Status.IN_PROGRESS, Status.VERIFIED),
        ],
    )
    def test_skipping_or_going_back_a_step_is_refused(self, current, new):
        refused = status_rules.may_change(current, new, "alasan")
        assert not refused
        assert refused.message.startswith(
            f"Status tidak dapat diubah dari {Status(current).label} ke {Status(new).label}."
        )
        assert "Langkah berikutnya:" in refused.message

    @pytest.mark.parametrize("closed", [Status.DONE, Status.REJECTED])
    def test_a_closed_case_only_reopens_to_verified_and_says_why(self, closed):
        assert status_rules.next_statuses(closed) == [Status.VERIFIED]
        assert not status_rules.may_change(closed, Status.VERIFIED, "")
        assert status_rules.may_change(closed, Status.VERIFIED, "Unggahan muncul lagi.")
        refused = status_rules.may_change(closed, Status.IN_PROGRESS, "x")
        assert refused.message.startswith("Kasus ini sudah ditutup")

    def test_the_same_status_again_and_an_unknown_one_are_refused(self):
        assert status_rules.may_change(Status.NEW, Status.NEW).message == (
            "Kasus ini sudah berstatus Baru."
        )
        assert status_rules.may_change(Status.NEW, "dihapus").message == "Status itu tidak dikenal."


class TestChangeStatus:
    def test_the_whole_path_writes_each_step_to_the_log(self, case, desk):
        for status in FORWARD:
            triage.case_change_status(case=case, status=status, user=desk)
        case.refresh_from_db()
        assert case.status == Status.DONE
        assert case.closed_at is not None and case.first_response_at is not None
        logged = [
            (e.data["from"], e.data["to"], e.user_id) for e in entries(case, triage.LOG_STATUS)
        ]
        assert logged == [
            ("baru", "diverifikasi", desk.pk),
            ("diverifikasi", "ditindaklanjuti", desk.pk),
            ("ditindaklanjuti", "selesai", desk.pk),
        ]

    def test_a_refused_step_writes_nothing(self, case, desk):
        with pytest.raises(NotAllowed) as refusal:
            triage.case_change_status(case=case, status=Status.DONE, user=desk)
        assert refusal.value.message == (
            "Status tidak dapat diubah dari Baru ke Selesai. "
            "Langkah berikutnya: Diverifikasi atau Ditolak."
        )
        case.refresh_from_db()
        assert case.status == Status.NEW and case.first_response_at is None
        assert entries(case) == []

    @pytest.mark.parametrize("invisible", ["\u200b", "\u3164", " \u2800 "])
    def test_a_reason_or_answer_of_invisible_characters_is_none(self, case, desk, invisible):
        with pytest.raises(NotAllowed, match="Tuliskan alasan penolakan"):
            triage.case_change_status(
                case=case, status=Status.REJECTED, user=desk, reason=invisible
            )
        with pytest.raises(NotAllowed, match="terlihat"):
            triage.case_change_status(
                case=case, status=Status.VERIFIED, user=desk, reason=invisible
            )
        with pytest.raises(NotAllowed, match="tidak boleh kosong"):
            triage.case_set_public_answer(case=case, answer=invisible, user=desk)
        case.refresh_from_db()
        assert case.status == Status.NEW and case.public_answer == ""
        assert entries(case) == []

    def test_rejecting_needs_a_reason_which_the_case_keeps(self, case, desk):
        with pytest.raises(NotAllowed, match="Tuliskan alasan penolakan"):
            triage.case_change_status(case=case, status=Status.REJECTED, user=desk, reason=" ")
        triage.case_change_status(
            case=case, status=Status.REJECTED, user=desk, reason="Bukan unggahan publik."
        )
        case.refresh_from_db()
        assert case.status == Status.REJECTED
        assert case.reject_reason == "Bukan unggahan publik."
        assert case.closed_at is not None
        assert entries(case, triage.LOG_STATUS)[0].data["reason"] == "Bukan unggahan publik."

    def test_reopening_clears_the_close_and_the_rejection_and_keeps_the_first_response(
        self, case, desk
    ):
        triage.case_change_status(case=case, status=Status.REJECTED, user=desk, reason="Keliru")
        case.refresh_from_db()
        first_response = case.first_response_at
        triage.case_change_status(
            case=case, status=Status.VERIFIED, user=desk, reason="Ditolak karena keliru baca."
        )
        case.refresh_from_db()
        assert case.status == Status.VERIFIED
        assert case.closed_at is None and case.reject_reason == ""
        assert case.first_response_at == first_response

    def test_a_stale_screen_cannot_move_a_case_another_officer_moved(self, case, desk):
        other = UserFactory(username="petugas2", groups=["Petugas Aduan"])
        triage.case_change_status(case=case, status=Status.VERIFIED, user=other)
        with pytest.raises(NotAllowed) as refusal:
            triage.case_change_status(
                case=Case.objects.get(pk=case.pk),
                status=Status.REJECTED,
                user=desk,
                reason="Duplikat",
                expected=Status.NEW,
            )
        assert refusal.value.message.startswith(
            "Status kasus ini sudah diubah petugas lain menjadi Diverifikasi."
        )
        assert Case.objects.get(pk=case.pk).status == Status.VERIFIED

    def test_two_officers_verifying_the_same_case_move_it_once(self, case, desk):
        other = UserFactory(username="petugas2", groups=["Petugas Aduan"])
        stale = Case.objects.get(pk=case.pk)  # both loaded the case while it was baru
        triage.case_change_status(case=case, status=Status.VERIFIED, user=desk)
        with pytest.raises(NotAllowed, match="sudah berstatus Diverifikasi"):
            triage.case_change_status(case=stale, status=Status.VERIFIED, user=other)
        assert len(entries(case, triage.LOG_STATUS)) == 1

    def test_a_public_answer_given_with_a_status_is_logged_too(self, case, desk):
        triage.case_change_status(
            case=case, status=Status.VERIFIED, user=desk, public_answer="Sedang diperiksa."
        )
        case.refresh_from_db()
        assert case.public_answer == "Sedang diperiksa."
        assert [e.action for e in entries(case)] == [triage.LOG_STATUS, triage.LOG_ANSWER]

    @pytest.mark.parametrize("group", [None, "Mitra Bawaslu", "Editor", "Analyst"])
    def test_only_the_desk_may_change_a_status(self, case, group):
        user = UserFactory(username="lain", groups=[group] if group else [])
        with pytest.raises(NotAllowed, match="tidak berwenang"):
            triage.case_change_status(case=case, status=Status.VERIFIED, user=user)
        assert Case.objects.get(pk=case.pk).status == Status.NEW

    def test_a_superuser_may(self, case):
        admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
        triage.case_change_status(case=case, status=Status.VERIFIED, user=admin)
        assert Case.objects.get(pk=case.pk).status == Status.VERIFIED


class TestOtherWrites:
    def test_assigning_to_an_officer_and_back_to_nobody_is_logged(self, case, desk):
        triage.case_assign(case=case, officer=desk, user=desk)
        assert Case.objects.get(pk=case.pk).assigned_to == desk
        triage.case_assign(case=case, officer=None, user=desk)
        assert Case.objects.get(pk=case.pk).assigned_to is None
        assert [e.data["to_id"] for e in entries(case, triage.LOG_ASSIGN)] == [desk.pk, None]

    def test_a_case_is_never_given_to_someone_outside_the_desk(self, case, desk):
        partner = UserFactory(username="bawaslu", groups=["Mitra Bawaslu"])
        with pytest.raises(NotAllowed, match="bukan petugas aduan"):
            triage.case_assign(case=case, officer=partner, user=desk)
        assert Case.objects.get(pk=case.pk).assigned_to is None

    def test_the_agency_is_set_and_logged(self, case, desk):
        agency = AgencyFactory()
        triage.case_set_agency(case=case, agency=agency, user=desk)
        assert Case.objects.get(pk=case.pk).agency == agency
        assert entries(case, triage.LOG_AGENCY)[0].data["to_id"] == agency.pk

    def test_the_person_reported_is_linked_only_on_asn_cases_and_the_log_names_no_one(self, desk):
        person = ParticipantFactory(full_name="Budi Santoso")
        hoax = submit_report(kind=Kind.HOAX).report.case
        with pytest.raises(NotAllowed, match="hanya dicatat pada aduan jenis ASN ikut kampanye"):
            triage.case_link_person(case=hoax, participant=person, user=desk)
        asn = submit_report(kind=Kind.ASN_CAMPAIGN, links=["https://x.com/a/status/9"]).report.case
        triage.case_link_person(case=asn, participant=person, user=desk)
        assert Case.objects.get(pk=asn.pk).reported_person == person
        (entry,) = entries(asn, triage.LOG_PERSON)
        assert entry.data == {"from_id": None, "to_id": person.pk}
        assert "Budi" not in str(entry.data) and "Budi" not in entry.label

    def test_only_a_participant_account_can_be_the_person_reported(self, desk):
        asn = submit_report(kind=Kind.ASN_CAMPAIGN).report.case
        with pytest.raises(NotAllowed, match="Hanya akun peserta"):
            triage.case_link_person(case=asn, participant=desk, user=desk)

    def test_an_empty_public_answer_is_refused(self, case, desk):
        with pytest.raises(NotAllowed, match="tidak boleh kosong"):
            triage.case_set_public_answer(case=case, answer="  ", user=desk)


class TestViewPersonal:
    def test_looking_at_the_contacts_is_logged_with_who_looked(self, case, desk):
        personal = triage.case_view_personal(case=case, user=desk)
        assert [c.email for c in personal.contacts] == ["pelapor@contoh.id"]
        (entry,) = entries(case, triage.LOG_VIEW_PERSONAL)
        assert entry.user == desk
        assert entry.data["contacts"] is True
        assert "pelapor@contoh.id" not in str(entry.data)

    def test_the_partner_cannot_look(self, case):
        partner = UserFactory(username="bawaslu", groups=["Mitra Bawaslu"])
        with pytest.raises(NotAllowed):
            triage.case_view_personal(case=case, user=partner)
        assert entries(case) == []
