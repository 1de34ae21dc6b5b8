"""The desk's triage in the admin: the "Aduan" menu, the queue of cases and a case's page.

Who: holders of reports.triage_case (the "Petugas Aduan" group) and superusers. The partner
(Mitra Bawaslu) has its own screens (admin_partner.py) and never sees this queue.

Every write goes through services/triage.py: the queue is a Wagtail index view with no add, edit,
copy or delete screen, and the case page's forms each call one service.

Buttons other screens add to a case's page (CASE_ACTIONS)
------------------------------------------------------------
Other admin modules of the desk put their buttons on the case page by registering a CaseAction
when they are imported (wagtail_hooks.py imports admin_cases first, then the others):

    from content.reports.admin_cases import CaseAction, register_case_action

    register_case_action(
        CaseAction(
            label="Buat cek fakta",
            url_name="reports_factcheck_draft",  # reversed with args=[case.pk]
            method="post",                         # a form with the CSRF token; "get": a link
            permission="reports.triage_case",      # or is_shown=lambda request, case: ...
            order=10,
        )
    )

The case page shows them in `order`, in the header's action bar (the template's
`case_actions` block, templates/reports/admin/cases/case.html).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from content.reports.rules import status as status_rules
from content.reports.services import triage

# ---------------------------------------------------------------------------------------------
# Buttons on a case's page, added by other screens
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseAction:
    label: str
    url_name: str = ""
    # Instead of url_name: a function of the case giving the URL.
    url: Callable | None = None
    method: str = "get"
    permission: str = ""
    # A function (request, case) -> bool; shown only when it says so (and the permission holds).
    is_shown: Callable | None = None
    icon: str = ""
    order: int = 100
    # Extra hidden fields of a POST button: {name: value}.
    fields: dict = field(default_factory=dict)

    def url_for(self, case):
        if self.url is not None:
            return self.url(case)
        return reverse(self.url_name, args=[case.pk])

    def shown_to(self, request, case):
        if self.permission and not request.user.has_perm(self.permission):
            return False
        return self.is_shown is None or bool(self.is_shown(request, case))


CASE_ACTIONS = []


def register_case_action(action):
    """Adds a button to every case's page (see the module's docstring)."""
    CASE_ACTIONS.append(action)
    return action


def case_actions(request, case):
    """The buttons this user sees on this case's page: (action, url) in order."""
    shown = [action for action in CASE_ACTIONS if action.shown_to(request, case)]
    return [(action, action.url_for(case)) for action in sorted(shown, key=lambda a: a.order)]


# ---------------------------------------------------------------------------------------------
# The audit log's actions
# ---------------------------------------------------------------------------------------------


class StatusFormatter(LogFormatter):
    label = "Ubah status aduan"

    def format_message(self, log_entry):
        data = log_entry.data or {}
        before = status_rules.label(data.get("from", ""))
        after = status_rules.label(data.get("to", ""))
        reason = data.get("reason")
        return f"Status: {before} → {after}" + (f" (alasan: {reason})" if reason else "")


@hooks.register("register_log_actions")
def register_case_log_actions(actions):
    actions.register_action(triage.LOG_STATUS)(StatusFormatter)
    actions.register_action(triage.LOG_ASSIGN, "Tugaskan petugas aduan", "Petugas kasus diubah")
    actions.register_action(
        triage.LOG_ANSWER, "Jawaban untuk pelapor", "Jawaban untuk pelapor diubah"
    )
    actions.register_action(triage.LOG_AGENCY, "OPD kasus aduan", "OPD kasus diubah")
    actions.register_action(
        triage.LOG_PERSON, "Tautkan ASN yang dilaporkan", "ASN yang dilaporkan diubah"
    )
    actions.register_action(
        triage.LOG_VIEW_PERSONAL,
        "Lihat data pribadi aduan",
        "Kontak pelapor dan data ASN yang dilaporkan dibuka",
    )
