import pytest
from wagtail.models import ModelLogEntry

from content.base.errors import NotAllowed
from content.reports.models import Case, PartnerOutcome, Status
from content.reports.services import partner
from tests.factories.reports import submit_report
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return UserFactory(username="petugas", groups=["Petugas Aduan"])


@pytest.fixture
def bawaslu():
    return UserFactory(username="bawaslu", groups=["Mitra Bawaslu"])


@pytest.fixture
def case():
    return submit_report().report.case


def _logged(case, action):
    return ModelLogEntry.objects.filter(object_id=str(case.pk), action=action)


class TestCaseForward:
    def test_forwarding_records_who_and_when_and_logs_it(self, case, desk):
        done = partner.case_forward(case, desk, note="Mohon ditindaklanjuti")
        assert done.changed
        stored = Case.objects.get(pk=case.pk)
        assert stored.forwarded_at is not None and stored.forwarded_by == desk
        assert case.forwarded_at == stored.forwarded_at
        entry = _logged(case, partner.FORWARD_ACTION).get()
        assert entry.user == desk
        assert entry.data["note"] == "Mohon ditindaklanjuti"

    def test_second_forward_changes_nothing_and_says_so(self, case, desk):
        first = partner.case_forward(case, desk)
        other = UserFactory(username="petugas2", groups=["Petugas Aduan"])
        second = partner.case_forward(Case.objects.get(pk=case.pk), other)
        assert not second.changed
        assert "sudah diteruskan" in second.message
        stored = Case.objects.get(pk=case.pk)
        assert stored.forwarded_at == first.case.forwarded_at
        assert stored.forwarded_by == desk
        assert _logged(case, partner.FORWARD_ACTION).count() == 1

    def test_the_partner_cannot_forward(self, case, bawaslu):
        with pytest.raises(NotAllowed):
            partner.case_forward(case, bawaslu)
        assert Case.objects.get(pk=case.pk).forwarded_at is None

    def test_a_rejected_case_is_not_forwarded(self, case, desk):
        Case.objects.filter(pk=case.pk).update(status=Status.REJECTED)
        with pytest.raises(NotAllowed):
            partner.case_forward(case, desk)
        assert Case.objects.get(pk=case.pk).forwarded_at is None


class TestCaseRecordOutcome:
    def test_partner_records_an_outcome_on_a_forwarded_case(self, case, desk, bawaslu):
        partner.case_forward(case, desk)
        done = partner.case_record_outcome(
            case, bawaslu, PartnerOutcome.NOT_A_VIOLATION, "Sudah diperiksa"
        )
        assert done.changed
        stored = Case.objects.get(pk=case.pk)
        assert stored.partner_outcome == PartnerOutcome.NOT_A_VIOLATION
        assert stored.partner_note == "Sudah diperiksa"
        assert stored.partner_outcome_at is not None
        entry = _logged(case, partner.OUTCOME_ACTION).get()
        assert entry.user == bawaslu and entry.data["outcome"] == "bukan_pelanggaran"

    def test_not_on_a_case_that_was_not_forwarded(self, case, bawaslu):
        with pytest.raises(NotAllowed, match="belum diteruskan"):
            partner.case_record_outcome(case, bawaslu, PartnerOutcome.ACTED_ON, "")
        assert Case.objects.get(pk=case.pk).partner_outcome == ""
        assert not _logged(case, partner.OUTCOME_ACTION).exists()

    def test_only_an_outcome_from_the_list(self, case, desk, bawaslu):
        partner.case_forward(case, desk)
        with pytest.raises(NotAllowed):
            partner.case_record_outcome(case, bawaslu, "dipenjara", "")
        assert Case.objects.get(pk=case.pk).partner_outcome == ""

    def test_the_desk_cannot_record_the_partners_outcome(self, case, desk):
        partner.case_forward(case, desk)
        with pytest.raises(NotAllowed):
            partner.case_record_outcome(case, desk, PartnerOutcome.ACTED_ON, "")
        assert Case.objects.get(pk=case.pk).partner_outcome == ""

    def test_a_corrected_outcome_is_logged_again_and_the_last_stands(self, case, desk, bawaslu):
        partner.case_forward(case, desk)
        partner.case_record_outcome(case, bawaslu, PartnerOutcome.ACTED_ON, "")
        partner.case_record_outcome(case, bawaslu, PartnerOutcome.NOT_OUR_AUTHORITY, "Ranah KPU")
        assert Case.objects.get(pk=case.pk).partner_outcome == PartnerOutcome.NOT_OUR_AUTHORITY
        assert _logged(case, partner.OUTCOME_ACTION).count() == 2
