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

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy

from content.base import times
from content.base.admin_menu import PermissionMenuItem
from content.base.errors import NotAllowed
from content.people.models import Agency, Participant
from content.reports import permissions
from content.reports.models import Case, CaseLogEntry, Kind, Platform, Report, Screenshot, Status
from content.reports.rules import links as link_rules
from content.reports.rules import sla
from content.reports.rules import status as status_rules
from content.reports.selectors import queue
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
    # The desk's log has its own table and reader rule (models/log.py).
    for model in (Case, Report, Screenshot):
        actions.register_model(model, CaseLogEntry)
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


# ---------------------------------------------------------------------------------------------
# Who sees the desk's screens
# ---------------------------------------------------------------------------------------------


class DeskPolicy(ModelPermissionPolicy):
    """The queue's policy: "view" for holders of reports.triage_case, nothing else for anyone.
    The partner's reports.view_case does not open it; no one gets Wagtail's add, edit or
    delete screens (writes go through services/triage.py)."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm(permissions.TRIAGE)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


DESK_POLICY = DeskPolicy(Case)
desk_only = permission_required(permissions.TRIAGE, raise_exception=True)


def case_url(case):
    return reverse("aduan:case", args=[case.pk])


# ---------------------------------------------------------------------------------------------
# The queue
# ---------------------------------------------------------------------------------------------


def _officer_choices():
    return [(queue.UNASSIGNED, "Belum ada petugas")] + [
        (str(officer.pk), str(officer)) for officer in queue.officers()
    ]


class CaseFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label="Status", choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Jenis", choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    platform = django_filters.MultipleChoiceFilter(
        label="Platform", choices=Platform.choices, widget=forms.CheckboxSelectMultiple
    )
    agency = django_filters.ModelChoiceFilter(
        label="OPD", queryset=Agency.objects.all(), empty_label="Semua OPD"
    )
    opened = django_filters.DateFromToRangeFilter(
        label="Diterima antara", widget=DateRangePickerWidget
    )
    officer = django_filters.ChoiceFilter(
        label="Petugas", choices=_officer_choices, empty_label="Semua petugas"
    )

    class Meta:
        model = Case
        fields = []

    def filter_queryset(self, queryset):
        """The selector applies the filters (selectors/queue.py), the one place the queue's
        query is written."""
        data = self.form.cleaned_data
        opened = data.get("opened")
        return queue.filter_cases(
            queryset,
            status=data.get("status"),
            kind=data.get("kind"),
            platform=data.get("platform"),
            agency=data.get("agency"),
            opened_from=_date(opened.start) if opened else None,
            opened_to=_date(opened.stop) if opened else None,
            officer=data.get("officer") or None,
        )


def _date(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


class SlaColumn(Column):
    """The case's clock: waiting for a first response, open, or closed in; a red badge with
    words when it is past a limit (never colour alone)."""

    cell_template_name = "reports/admin/cases/sla_cell.html"

    def get_value(self, instance):
        return sla.case_clock(instance, now=timezone.now())

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["case"] = instance
        return context


def _first_domain(case):
    return link_rules.domain_of(case.first_link) if case.first_link else "-"


class CaseIndexView(IndexView):
    permission_policy = DESK_POLICY
    any_permission_required = ["view"]
    filterset_class = CaseFilterSet
    page_title = "Antrean aduan"
    # Oldest open case first (selectors/queue.base_queryset orders the same way).
    default_ordering = ("closed_rank", "opened_at", "pk")
    is_searchable = False

    def get_base_queryset(self):
        return queue.base_queryset()

    def get_edit_url(self, instance):
        return case_url(instance)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "number",
                label="No.",
                accessor=lambda case: f"#{case.pk}",
                get_url=case_url,
                classname="w-whitespace-nowrap",
            ),
            Column("kind", label="Jenis", accessor="get_kind_display"),
            Column("platform", label="Platform", accessor="get_platform_display"),
            Column("domain", label="Domain tautan", accessor=_first_domain),
            Column("report_count", label="Pelapor", sort_key="report_count"),
            Column("status", label="Status", accessor="get_status_display", sort_key="status"),
            Column("opened_at", label="Diterima", accessor=_opened_text, sort_key="opened_at"),
            SlaColumn("sla", label="Waktu layanan"),
            Column("assigned_to", label="Petugas", accessor=_officer_text),
        ]


def _opened_text(case):
    return times.wib(case.opened_at, "j M Y H.i")


def _officer_text(case):
    return str(case.assigned_to) if case.assigned_to_id else "-"


# ---------------------------------------------------------------------------------------------
# A case's page and its forms
# ---------------------------------------------------------------------------------------------


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Status baru", choices=())
    reason = forms.CharField(
        label="Alasan",
        required=False,
        max_length=status_rules.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wajib untuk Ditolak (pelapor membacanya) dan untuk membuka kembali kasus.",
    )
    public_answer = forms.CharField(
        label="Jawaban untuk pelapor (opsional)",
        required=False,
        max_length=triage.PUBLIC_ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ditampilkan di halaman status laporan. Jangan tulis data pribadi.",
    )
    expected = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, initial={"expected": case.status}, **kwargs)
        self.fields["status"].choices = [
            (
                status,
                f"Buka kembali: {status_rules.label(status)}"
                if status_rules.is_reopening(case.status, status)
                else status_rules.label(status),
            )
            for status in status_rules.next_statuses(case.status)
        ]


class AnswerForm(forms.Form):
    public_answer = forms.CharField(
        label="Jawaban untuk pelapor",
        max_length=triage.PUBLIC_ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ditampilkan di halaman status laporan. Jangan tulis data pribadi.",
    )


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(
        label="Petugas",
        queryset=Participant.objects.none(),
        required=False,
        empty_label="Belum ada petugas",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = queue.officers()


class AgencyForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="OPD",
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        empty_label="Tidak ada / belum diketahui",
    )


class PersonSearchForm(forms.Form):
    cari = forms.CharField(
        label="Cari peserta (nama atau NIP)", min_length=3, max_length=100, required=False
    )


class PersonLinkForm(forms.Form):
    participant = forms.ModelChoiceField(
        queryset=Participant.objects.all(), required=False, widget=forms.HiddenInput
    )


def _load(case_id):
    try:
        return queue.case_detail(case_id)
    except Case.DoesNotExist as missing:
        raise Http404("Kasus tidak ditemukan.") from missing


def _render_case(request, case, *, personal=None):
    now = timezone.now()
    search = PersonSearchForm(request.GET or None)
    found = []
    if search.is_valid() and search.cleaned_data["cari"]:
        found = list(queue.participants_matching(search.cleaned_data["cari"]))
    context = {
        "case": case,
        "title": f"Kasus #{case.pk}",
        "clock": sla.case_clock(case, now=now),
        "limit_hours": settings.REPORT_FIRST_RESPONSE_HOURS,
        "limit_days": settings.REPORT_CLOSE_DAYS,
        "reports": [_report_view(report) for report in case.reports.all()],
        "case_links": [
            (link.normalised, link_rules.domain_of(link.normalised)) for link in case.links.all()
        ],
        "history": [_history_view(entry) for entry in queue.history(case)],
        "actions": case_actions(request, case),
        "status_form": StatusForm(case=case),
        "answer_form": AnswerForm(initial={"public_answer": case.public_answer}),
        "assign_form": AssignForm(initial={"officer": case.assigned_to_id}),
        "agency_form": AgencyForm(initial={"agency": case.agency_id}),
        "person_search": search,
        "people_found": found,
        "is_asn_case": case.kind == Kind.ASN_CAMPAIGN,
        "personal": personal,
        "may_see_contacts": request.user.has_perm(permissions.VIEW_CONTACT),
        "index_url": reverse("aduan:index"),
    }
    return TemplateResponse(request, "reports/admin/cases/case.html", context)


@dataclass(frozen=True)
class LinkView:
    text: str
    domain: str
    href: str  # "" when the link is not an http(s) address: then it is text only


def _link_view(text):
    text = str(text)
    lowered = text.strip().lower()
    href = text.strip() if lowered.startswith(("https://", "http://")) else ""
    return LinkView(text=text, domain=link_rules.domain_of(text) if href else "", href=href)


@dataclass(frozen=True)
class ReportView:
    report: object
    links: list
    screenshots: list


def _report_view(report):
    return ReportView(
        report=report,
        links=[_link_view(link) for link in report.links or []],
        screenshots=list(report.screenshots.all()),
    )


_ACTION_WORDS = {
    triage.LOG_STATUS: "Status",
    triage.LOG_ASSIGN: "Petugas",
    triage.LOG_ANSWER: "Jawaban untuk pelapor",
    triage.LOG_AGENCY: "OPD",
    triage.LOG_PERSON: "ASN yang dilaporkan",
    triage.LOG_VIEW_PERSONAL: "Data pribadi dibuka",
}


def _history_view(entry):
    data = entry.data
    if entry.action == triage.LOG_STATUS:
        text = f"{status_rules.label(data.get('from'))} → {status_rules.label(data.get('to'))}"
        if data.get("reason"):
            text += f" (alasan: {data['reason']})"
    elif entry.action in (triage.LOG_ASSIGN, triage.LOG_AGENCY):
        text = data.get("to") or "dikosongkan"
    elif entry.action == triage.LOG_PERSON:
        text = "ditautkan" if data.get("to_id") else "tautan dilepas"
    elif entry.action == triage.LOG_ANSWER:
        text = data.get("answer", "")
    elif entry.action == triage.LOG_VIEW_PERSONAL:
        text = (
            "kontak pelapor dan ASN yang dilaporkan"
            if data.get("contacts")
            else ("ASN yang dilaporkan")
        )
    else:
        text = ""
    return {
        "timestamp": entry.timestamp,
        "what": _ACTION_WORDS.get(entry.action, entry.action),
        "text": text,
        "user": entry.user,
    }


@never_cache
def case_view(request, case_id):
    return _render_case(request, _load(case_id))


def _after(request, case_id, call, success):
    """Runs a service call; a refusal becomes an error message. Back to the case page."""
    try:
        call()
    except NotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, success)
    return redirect("aduan:case", case_id)


def _form_errors(request, form, case_id):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("aduan:case", case_id)


def change_status(request, case_id):
    case = _load(case_id)
    form = StatusForm(request.POST, case=case)
    if not form.is_valid():
        return _form_errors(request, form, case_id)
    data = form.cleaned_data
    return _after(
        request,
        case_id,
        lambda: triage.case_change_status(
            case=case,
            status=data["status"],
            user=request.user,
            reason=data["reason"],
            public_answer=data["public_answer"] or None,
            expected=data["expected"],
        ),
        f"Status kasus #{case.pk} diubah menjadi {status_rules.label(data['status'])}.",
    )


def set_answer(request, case_id):
    case = _load(case_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form, case_id)
    return _after(
        request,
        case_id,
        lambda: triage.case_set_public_answer(
            case=case, answer=form.cleaned_data["public_answer"], user=request.user
        ),
        "Jawaban untuk pelapor disimpan.",
    )


def assign(request, case_id):
    case = _load(case_id)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form, case_id)
    officer = form.cleaned_data["officer"]
    return _after(
        request,
        case_id,
        lambda: triage.case_assign(case=case, officer=officer, user=request.user),
        f"Kasus #{case.pk} diberikan kepada {officer}."
        if officer
        else "Petugas kasus dikosongkan.",
    )


def set_agency(request, case_id):
    case = _load(case_id)
    form = AgencyForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form, case_id)
    agency = form.cleaned_data["agency"]
    return _after(
        request,
        case_id,
        lambda: triage.case_set_agency(case=case, agency=agency, user=request.user),
        f"OPD kasus: {agency}." if agency else "OPD kasus dikosongkan.",
    )


def link_person(request, case_id):
    case = _load(case_id)
    form = PersonLinkForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form, case_id)
    participant = form.cleaned_data["participant"]
    return _after(
        request,
        case_id,
        lambda: triage.case_link_person(case=case, participant=participant, user=request.user),
        "ASN yang dilaporkan ditautkan." if participant else "Tautan ASN yang dilaporkan dilepas.",
    )


@never_cache
def show_personal(request, case_id):
    """ "Tampilkan kontak pelapor": the case page again, with its personal data, after the look
    is logged (services/triage.case_view_personal). Never kept in a URL or a redirect."""
    case = _load(case_id)
    try:
        personal = triage.case_view_personal(case=case, user=request.user)
    except NotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("aduan:case", case_id)
    return _render_case(request, case, personal=personal)


# ---------------------------------------------------------------------------------------------
# The viewset, the menu, the hooks
# ---------------------------------------------------------------------------------------------


class CaseViewSet(ModelViewSet):
    """The queue (Wagtail's index view, filters and ordering) and a case's page with its forms.
    No add, edit, copy, delete, history or usage screen: those would write past the services."""

    model = Case
    name = "aduan"
    url_prefix = "aduan"
    icon = "warning"
    menu_label = "Antrean kasus"
    add_to_admin_menu = False
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = CaseIndexView
    list_per_page = 50

    def get_urlpatterns(self):
        write = lambda view: desk_only(require_POST(view))  # noqa: E731
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:case_id>/", desk_only(case_view), name="case"),
            path("<int:case_id>/status/", write(change_status), name="status"),
            path("<int:case_id>/jawaban/", write(set_answer), name="answer"),
            path("<int:case_id>/petugas/", write(assign), name="assign"),
            path("<int:case_id>/opd/", write(set_agency), name="agency"),
            path("<int:case_id>/asn/", write(link_person), name="person"),
            path("<int:case_id>/data-pribadi/", write(show_personal), name="personal"),
        ]

    def register_admin_url_finder(self):
        # The admin's links to a case (its log entries, for one) open the case's page.
        register_admin_url_finder(Case, CaseURLFinder)


class CaseURLFinder(ModelAdminURLFinder):
    def construct_edit_url(self, instance):
        return case_url(instance)

    def get_edit_url(self, instance):
        if self.user is not None and not self.user.has_perm(permissions.TRIAGE):
            return None
        return self.construct_edit_url(instance)


case_viewset = CaseViewSet()

# Items of the "Aduan" menu; other desk screens may append theirs (a wagtail MenuItem).
DESK_MENU_ITEMS = [
    PermissionMenuItem(
        "Antrean kasus",
        reverse_lazy("aduan:index"),
        name="aduan-antrean",
        icon_name="list-ul",
        order=100,
        permission=permissions.TRIAGE,
    )
]


class DeskMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(permissions.TRIAGE)


@hooks.register("register_admin_viewset")
def register_case_viewset():
    return case_viewset


@hooks.register("register_admin_menu_item")
def register_desk_menu():
    return DeskMenuItem("Aduan", Menu(items=DESK_MENU_ITEMS), icon_name="warning", order=270)
