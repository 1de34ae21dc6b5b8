"""Forwarding to Bawaslu in the admin: the desk's "Teruskan ke Bawaslu", and "Kasus Bawaslu", the
partner's screens (the forwarded cases with their evidence, and the outcome form).

Every partner screen fetches its case through selectors.partner.cases_for_partner: a case that
was not forwarded is not found (404) for the partner, whatever id is typed. The screens show a
PartnerCase (plain values built by the selector), never a Report row, so the reporter's contact,
account and consent cannot reach a partner's page. Screenshots and the evidence bundle are sent
by views that check who asks (the desk: any case; the partner: forwarded cases).
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from content.base.errors import NotAllowed
from content.base.private_files import send_private_file
from content.base.return_paths import local_path
from content.reports import documents, permissions
from content.reports.admin_cases import CaseAction, register_case_action
from content.reports.models import Case, Kind, PartnerOutcome, Platform, Status
from content.reports.selectors import partner as partner_selectors
from content.reports.services import partner

MENU_LABEL = "Kasus Bawaslu"
NO_OUTCOME = "belum"
PER_PAGE = 25


@hooks.register("register_log_actions")
def register_partner_log_actions(actions):
    actions.register_action(
        partner.FORWARD_ACTION, "Teruskan ke Bawaslu", "Kasus diteruskan ke Bawaslu"
    )
    actions.register_action(
        partner.OUTCOME_ACTION,
        "Hasil tindak lanjut Bawaslu",
        "Hasil tindak lanjut Bawaslu dicatat",
    )


# The partner's list ---------------------------------------------------------------------------


class PartnerCaseFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="Jenis", choices=Kind.choices, empty_label="Semua")
    platform = django_filters.ChoiceFilter(
        label="Platform", choices=Platform.choices, empty_label="Semua"
    )
    hasil = django_filters.ChoiceFilter(
        label="Hasil",
        choices=[(NO_OUTCOME, "Belum dicatat"), *PartnerOutcome.choices],
        empty_label="Semua",
        method="filter_outcome",
    )
    dari = django_filters.DateFilter(
        label="Diteruskan sejak",
        field_name="forwarded_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sampai = django_filters.DateFilter(
        label="Diteruskan sampai",
        field_name="forwarded_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Case
        fields = ["kind", "platform"]

    def filter_outcome(self, queryset, name, value):
        return queryset.filter(partner_outcome="" if value == NO_OUTCOME else value)


class PageForm(forms.Form):
    halaman = forms.IntegerField(min_value=1, max_value=100_000, required=False)


def _partner_only(request):
    if not partner_selectors.may_see_partner_cases(request.user):
        raise PermissionDenied


def _partner_case(request, case_id):
    _partner_only(request)
    return get_object_or_404(partner_selectors.cases_for_partner(request.user), pk=case_id)


@never_cache
def partner_case_list(request):
    _partner_only(request)
    cases = partner_selectors.cases_for_partner(request.user).order_by("-forwarded_at", "-pk")
    filters = PartnerCaseFilter(request.GET, queryset=cases)
    paging = PageForm(request.GET)
    number = paging.cleaned_data.get("halaman") if paging.is_valid() else None
    page = Paginator(filters.qs, PER_PAGE).get_page(number or 1)
    return TemplateResponse(
        request,
        "reports/admin/partner/list.html",
        {"title": MENU_LABEL, "filters": filters, "page": page},
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Hasil tindak lanjut", choices=PartnerOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Catatan",
        required=False,
        max_length=partner.NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Dibaca petugas aduan. Jangan tulis data pribadi pelapor.",
    )


def _detail(request, case, form=None, status=200):
    facts = partner_selectors.case_facts(case)
    initial = {"outcome": facts.outcome or None, "note": facts.outcome_note}
    return TemplateResponse(
        request,
        "reports/admin/partner/detail.html",
        {
            "title": f"Kasus #{case.pk}",
            "case": facts,
            "form": form or OutcomeForm(initial=initial),
        },
        status=status,
    )


@never_cache
def partner_case_detail(request, case_id):
    return _detail(request, _partner_case(request, case_id))


@never_cache
@require_POST
def partner_case_outcome(request, case_id):
    case = _partner_case(request, case_id)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _detail(request, case, form, status=400)
    try:
        done = partner.case_record_outcome(
            case, request.user, form.cleaned_data["outcome"], form.cleaned_data["note"]
        )
    except NotAllowed as refusal:
        form.add_error(None, refusal.message)
        return _detail(request, case, form, status=400)
    messages.success(request, done.message)
    return redirect("reports_partner_case", case_id=case.pk)


# Evidence: screenshots and the signed bundle (the desk: any case; the partner: forwarded) ----


def _evidence_case(request, case_id):
    user = request.user
    if not (partner_selectors.may_triage(user) or partner_selectors.may_see_partner_cases(user)):
        raise PermissionDenied
    return get_object_or_404(partner_selectors.cases_with_evidence_for(user), pk=case_id)


@never_cache
def case_screenshot(request, case_id, screenshot_id):
    _evidence_case(request, case_id)
    shot = partner_selectors.screenshot_for(request.user, case_id, screenshot_id)
    if shot is None:
        raise Http404
    return send_private_file(
        request,
        shot.image,
        filename=f"kasus-{case_id}-{shot.stored_sha256[:12]}.png",
        content_type="image/png",
        as_attachment=False,
    )


@never_cache
def case_evidence(request, case_id):
    case = _evidence_case(request, case_id)
    pdf, _ = documents.evidence_pdf(partner_selectors.case_facts(case))
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="bukti-kasus-{case.pk}-{day}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# The desk's "Teruskan ke Bawaslu" ------------------------------------------------------------


@never_cache
@require_POST
def case_forward(request, case_id):
    if not request.user.has_perm(permissions.FORWARD):
        raise PermissionDenied
    case = get_object_or_404(Case, pk=case_id)
    try:
        done = partner.case_forward(case, request.user, request.POST.get("note", ""))
    except NotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        (messages.success if done.changed else messages.info)(request, done.message)
    back = local_path(request.POST.get("next", ""))
    if back:
        return HttpResponseRedirect(back)
    if partner_selectors.may_triage(request.user):
        return redirect("aduan:case", case.pk)
    return redirect("wagtailadmin_home")


# The buttons on the desk's case page (admin_cases.CASE_ACTIONS).
register_case_action(
    CaseAction(
        label="Teruskan ke Bawaslu",
        url_name="reports_case_forward",
        method="post",
        permission=permissions.FORWARD,
        is_shown=lambda request, case: case.forwarded_at is None and case.status != Status.REJECTED,
        icon="mail",
        order=30,
    )
)
register_case_action(
    CaseAction(
        label="Unduh berkas bukti (PDF)",
        url_name="reports_case_evidence",
        permission=permissions.TRIAGE,
        icon="download",
        order=40,
    )
)


def get_urls():
    return [
        path("kasus-bawaslu/", partner_case_list, name="reports_partner_cases"),
        path("kasus-bawaslu/<int:case_id>/", partner_case_detail, name="reports_partner_case"),
        path(
            "kasus-bawaslu/<int:case_id>/hasil/",
            partner_case_outcome,
            name="reports_partner_outcome",
        ),
        path(
            "kasus-aduan/<int:case_id>/tangkapan-layar/<int:screenshot_id>/",
            case_screenshot,
            name="reports_case_screenshot",
        ),
        path("kasus-aduan/<int:case_id>/bukti.pdf", case_evidence, name="reports_case_evidence"),
        path("kasus-aduan/<int:case_id>/teruskan/", case_forward, name="reports_case_forward"),
    ]


@hooks.register("register_admin_urls")
def register_partner_admin_urls():
    return get_urls()


class PartnerMenuItem(MenuItem):
    def is_shown(self, request):
        return partner_selectors.may_see_partner_cases(request.user)


@hooks.register("register_admin_menu_item")
def register_partner_menu_item():
    return PartnerMenuItem(
        MENU_LABEL, reverse("reports_partner_cases"), icon_name="folder-open-inverse", order=275
    )
