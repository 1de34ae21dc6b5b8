"""The desk's work on a case: its status, its officer, its public answer, the agency (OPD) and the
account of the ASN reported, and every look at a case's personal data.

Every function here:
- is keyword-only and takes the acting `user`, who needs reports.triage_case (the desk,
  superusers); a refusal raises NotAllowed with one Indonesian sentence and writes nothing;
- locks the case's row (select_for_update) inside a transaction and decides on the row as it is
  now, so two officers acting at once cannot skip a step (both "diverifikasi" from baru: the
  second is refused, the case is not moved twice);
- writes to Wagtail's log (`wagtail.log_actions.log`) in the same transaction, under the actions
  admin_cases.py registers (LOG_* below). The log never holds a reporter's contact or the name of
  the person reported: ids only.

Status changes follow rules/status.py; first_response_at and closed_at (rules/sla.py) are set
here and nowhere else.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from content.base.errors import NotAllowed
from content.base.text_rules import has_visible_text, visible_reason
from content.people.models import Participant
from content.reports import permissions
from content.reports.models import Case, Kind, Status
from content.reports.rules import status as status_rules
from content.reports.selectors import queue

LOG_STATUS = "lentera.report.status"
LOG_ASSIGN = "lentera.report.assign"
LOG_ANSWER = "lentera.report.answer"
LOG_AGENCY = "lentera.report.agency"
LOG_PERSON = "lentera.report.person"
LOG_VIEW_PERSONAL = "lentera.report.view_personal"

PUBLIC_ANSWER_MAX_LENGTH = 4000

REFUSED = "Anda tidak berwenang menangani kasus aduan."


def _require_triage(user):
    if user is None or not user.is_active or not user.has_perm(permissions.TRIAGE):
        raise NotAllowed(REFUSED)


def _locked(case):
    return Case.objects.select_for_update().get(pk=case.pk)


def _copy_back(case, locked, fields):
    """The caller's instance shows what was written."""
    for field in fields:
        setattr(case, field, getattr(locked, field))


def _relink(case, field, value, user, action, *, named):
    """Points the case's `field` at `value` (None clears it) on the locked row, and logs the
    change with ids (and the new value's name when `named`). Nothing is written or logged when
    the row already points there."""
    with transaction.atomic():
        locked = _locked(case)
        previous = getattr(locked, f"{field}_id")
        value_id = value.pk if value is not None else None
        if previous == value_id:
            return locked
        setattr(locked, field, value)
        locked.save(update_fields=[field])
        data = {"from_id": previous, "to_id": value_id}
        if named:
            data["to"] = str(value) if value is not None else ""
        log(locked, action, user=user, data=data)
    _copy_back(case, locked, [field])
    return locked


def _clean_answer(answer):
    answer = (answer or "").strip()
    if not has_visible_text(answer):
        raise NotAllowed("Jawaban untuk pelapor tidak boleh kosong.")
    if len(answer) > PUBLIC_ANSWER_MAX_LENGTH:
        raise NotAllowed(
            f"Jawaban untuk pelapor paling panjang {PUBLIC_ANSWER_MAX_LENGTH} karakter."
        )
    return answer


def case_change_status(
    *, case, status, user, reason="", public_answer=None, expected=None, now=None
):
    """Moves the case to `status` (rules/status.py), with a reason (required for ditolak and for
    reopening) and, optionally, a new public answer in the same step.

    `expected`: the status the officer saw on screen. When given and the case has moved since
    (another officer acted), the change is refused instead of applied to a case the officer has
    not seen. Returns the case as written."""
    _require_triage(user)
    now = now or timezone.now()
    reason = (reason or "").strip()
    answer = _clean_answer(public_answer) if public_answer not in (None, "") else None
    with transaction.atomic():
        locked = _locked(case)
        current = locked.status
        if expected is not None and expected != current:
            raise NotAllowed(
                f"Status kasus ini sudah diubah petugas lain menjadi "
                f"{status_rules.label(current)}. Periksa lagi sebelum mengubahnya."
            )
        decision = status_rules.may_change(current, status, reason)
        if not decision:
            raise NotAllowed(decision.message)
        # An optional reason is either nothing or readable text.
        reason = visible_reason(reason, required=False)
        fields = ["status"]
        locked.status = status
        # The first response: the first status change away from baru (or the first public
        # answer, case_set_public_answer), whichever comes first.
        if locked.first_response_at is None:
            locked.first_response_at = now
            fields.append("first_response_at")
        if status_rules.is_closing(status):
            locked.closed_at = now
            fields.append("closed_at")
        elif status_rules.is_reopening(current, status):
            locked.closed_at = None
            fields.append("closed_at")
        if status == Status.REJECTED:
            locked.reject_reason = reason
            fields.append("reject_reason")
        elif locked.reject_reason:
            # A reopened case no longer shows the old rejection on the reporter's status page.
            locked.reject_reason = ""
            fields.append("reject_reason")
        if answer is not None and answer != locked.public_answer:
            locked.public_answer = answer
            fields.append("public_answer")
        locked.save(update_fields=fields)
        log(
            locked,
            LOG_STATUS,
            user=user,
            data={"from": current, "to": status, "reason": reason},
        )
        if "public_answer" in fields:
            log(locked, LOG_ANSWER, user=user, data={"answer": answer})
    _copy_back(case, locked, fields)
    return locked


def case_set_public_answer(*, case, answer, user, now=None):
    """The answer the reporter's status page shows (no personal data: the form says so). The
    first public answer is a first response if the case had none yet."""
    _require_triage(user)
    now = now or timezone.now()
    answer = _clean_answer(answer)
    with transaction.atomic():
        locked = _locked(case)
        if answer == locked.public_answer:
            return locked
        locked.public_answer = answer
        fields = ["public_answer"]
        if locked.first_response_at is None:
            locked.first_response_at = now
            fields.append("first_response_at")
        locked.save(update_fields=fields)
        log(locked, LOG_ANSWER, user=user, data={"answer": answer})
    _copy_back(case, locked, fields)
    return locked


def case_assign(*, case, officer, user):
    """Gives the case to a desk officer (someone holding reports.triage_case), or to no one
    (officer=None)."""
    _require_triage(user)
    if officer is not None and not (officer.is_active and officer.has_perm(permissions.TRIAGE)):
        raise NotAllowed(
            f"{officer} bukan petugas aduan: kasus hanya dapat diberikan kepada petugas."
        )
    return _relink(case, "assigned_to", officer, user, LOG_ASSIGN, named=True)


def case_set_agency(*, case, agency, user):
    """The OPD the case concerns (an ASN's agency, or the agency a hoax speaks for); None clears
    it. Seen by the desk and the partner, never on a public page."""
    _require_triage(user)
    return _relink(case, "agency", agency, user, LOG_AGENCY, named=True)


def case_link_person(*, case, participant, user):
    """Links an ASN-campaigning case to the participant account of the person reported (or
    unlinks it: participant=None). Personal data: shown to the desk and the partner only, never
    on a public page and never in that participant's own Akun saya; the log keeps the id only."""
    _require_triage(user)
    if participant is not None and not Participant.objects.filter(pk=participant.pk).exists():
        raise NotAllowed("Hanya akun peserta yang dapat ditautkan sebagai ASN yang dilaporkan.")
    if participant is not None and case.kind != Kind.ASN_CAMPAIGN:
        raise NotAllowed("ASN yang dilaporkan hanya dicatat pada aduan jenis ASN ikut kampanye.")
    # The log keeps the id only: the name of the person reported is the desk's to see.
    return _relink(case, "reported_person", participant, user, LOG_PERSON, named=False)


def case_view_personal(*, case, user):
    """The case's personal data for the officer who asked to see it, and the log entry that
    says so: the reporters' contacts (with reports.view_reporter_contact) and the person
    reported. The only way the admin shows them."""
    _require_triage(user)
    with_contacts = user.has_perm(permissions.VIEW_CONTACT)
    personal = queue.personal_data(case, with_contacts=with_contacts)
    with transaction.atomic():
        log(
            case,
            LOG_VIEW_PERSONAL,
            user=user,
            data={
                "contacts": with_contacts,
                "reports": [contact.report_id for contact in personal.contacts],
                "person_id": case.reported_person_id,
            },
        )
    return personal
