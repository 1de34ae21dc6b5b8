"""The period summary for the MoU meetings with Bawaslu, in the admin: pick a date range, download
the signed PDF (aggregates only: documents.summary_pdf). For the desk, the partner and
superusers."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from content.reports import documents
from content.reports.selectors import partner as partner_selectors
from content.reports.selectors import summary as summary_selectors

MENU_LABEL = "Ringkasan aduan"


def may_download(user):
    return partner_selectors.may_triage(user) or partner_selectors.may_see_partner_cases(user)


def _default_period():
    today = timezone.localdate()
    return today.replace(day=1), today


class PeriodForm(forms.Form):
    dari = forms.DateField(label="Dari tanggal", widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label="Sampai tanggal", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("dari"), data.get("sampai")
        if start and end:
            if end < start:
                raise forms.ValidationError("Tanggal akhir tidak boleh sebelum tanggal awal.")
            if (end - start).days >= summary_selectors.MAX_DAYS:
                raise forms.ValidationError("Periode paling panjang satu tahun.")
        return data


def _form(request):
    if "dari" in request.GET or "sampai" in request.GET:
        return PeriodForm(request.GET)
    start, end = _default_period()
    return PeriodForm({"dari": start.isoformat(), "sampai": end.isoformat()})


def _page(request, form, status=200):
    return TemplateResponse(
        request,
        "reports/admin/partner/summary.html",
        {"title": MENU_LABEL, "form": form},
        status=status,
    )


@never_cache
def summary_page(request):
    if not may_download(request.user):
        raise PermissionDenied
    start, end = _default_period()
    return _page(request, PeriodForm(initial={"dari": start, "sampai": end}))


@never_cache
def summary_download(request):
    if not may_download(request.user):
        raise PermissionDenied
    form = _form(request)
    if not form.is_valid():
        return _page(request, form, status=400)
    start, end = form.cleaned_data["dari"], form.cleaned_data["sampai"]
    pdf, _ = documents.summary_pdf(summary_selectors.period_summary(start, end))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"ringkasan-aduan-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@hooks.register("register_admin_urls")
def register_summary_admin_urls():
    return [
        path("ringkasan-aduan/", summary_page, name="reports_summary"),
        path("ringkasan-aduan/unduh.pdf", summary_download, name="reports_summary_pdf"),
    ]


class SummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return may_download(request.user)


@hooks.register("register_admin_menu_item")
def register_summary_menu_item():
    return SummaryMenuItem(MENU_LABEL, reverse("reports_summary"), icon_name="doc-full", order=276)
