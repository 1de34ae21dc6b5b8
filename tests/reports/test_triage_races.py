"""Officers acting on one case at the same instant (PostgreSQL: real row locks; CI's pass)."""

import pytest
from wagtail.models import ModelLogEntry

from content.base.errors import NotAllowed
from content.reports.models import Case, Status
from content.reports.services import triage
from tests.concurrency import all_at_once
from tests.factories.reports import submit_report
from tests.factories.users import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_eight_officers_moving_a_new_case_at_once_move_it_one_step():
    officers = [UserFactory(username=f"petugas{n}", groups=["Petugas Aduan"]) for n in range(8)]
    case_id = submit_report().report.case_id
    # Half verify, half try to skip ahead from what they saw: none may skip a step.
    wanted = [Status.VERIFIED, Status.IN_PROGRESS] * 4

    def act(n):
        try:
            triage.case_change_status(
                case=Case.objects.get(pk=case_id), status=wanted[n], user=officers[n]
            )
        except NotAllowed:
            return "refused"
        return "done"

    results, errors = all_at_once(act, list(range(8)))
    assert errors == []
    case = Case.objects.get(pk=case_id)
    changes = list(
        ModelLogEntry.objects.filter(action=triage.LOG_STATUS, object_id=str(case_id))
        .order_by("pk")
        .values_list("data", flat=True)
    )
    # Each logged change is one step from the status before it; the case ends where they lead.
    previous = Status.NEW
    for change in changes:
        assert change["from"] == previous
        previous = change["to"]
    assert case.status == previous
    assert results.count("done") == len(changes)
    assert 1 <= len(changes) <= 2
