"""Issuing a whole session's certificates from the admin (organizers: issue_certificate).

The organizer picks a session that issues certificates and whether to email them; the task
worker does the rest (services/bulk.py) while the job's page shows a progress bar, polled from
a small JSON endpoint by static/js/bulk_issue.js. The page lists who was refused and why, offers
"Lanjutkan" to continue a job a worker restart left unfinished, and, once done, the ZIP of every
PDF.
"""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from content.base.admin_menu import PermissionMenuItem
from content.base.errors import NotAllowed
from content.base.private_files import send_private_file
from content.certificates import rules, selectors, services
from content.certificates.models import BulkIssue, SessionRule
from content.certificates.services.issuing import ORGANIZER_PERMISSION
from content.training.models import SessionPage
from content.training.models.choices import ATTENDED_STATUSES

TITLE = "Penerbitan sertifikat massal"
MENU_LABEL = "Sertifikat massal"
RECENT_JOBS = 10


def _sessions():
    """Sessions that issue certificates, newest first, with how many attended."""
    return (
        SessionPage.objects.filter(pk__in=SessionRule.objects.values("session"))
        .annotate(
            attendees=Count("attendances", filter=Q(attendances__status__in=ATTENDED_STATUSES))
        )
        .order_by("-date", "title")
    )


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        date = formats.date_format(obj.date, "SHORT_DATE_FORMAT")
        return f"{date} · {obj.title} ({obj.attendees} hadir)"


class BulkIssueForm(forms.Form):
    session = SessionChoiceField(
        label="Sosialisasi",
        queryset=SessionPage.objects.none(),
        empty_label="Pilih sosialisasi",
        help_text="Hanya sosialisasi yang menerbitkan sertifikat (lihat Templat sertifikat).",
    )
    send_email = forms.BooleanField(
        label="Kirim lewat email",
        required=False,
        help_text="Setiap pemegang menerima sertifikatnya (PDF) di alamat email akunnya.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = _sessions()


def _percent(bulk):
    return min(100, round(100 * bulk.done / bulk.total)) if bulk.total else 0


@never_cache
def bulk_start(request):
    form = BulkIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bulk, created = services.bulk_issue_start(
                session=form.cleaned_data["session"],
                by=request.user,
                send_email=form.cleaned_data["send_email"],
            )
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
        else:
            if not created:
                messages.warning(
                    request, "Penerbitan untuk sosialisasi ini belum selesai. Ini penerbitannya."
                )
            return redirect("certificates_bulk_job", bulk_id=bulk.pk)
    recent = BulkIssue.objects.select_related("session", "created_by")[:RECENT_JOBS]
    return TemplateResponse(
        request,
        "certificates/admin/bulk_start.html",
        {"form": form, "title": TITLE, "recent": recent},
    )


def _job(bulk_id):
    return get_object_or_404(BulkIssue.objects.select_related("session"), pk=bulk_id)


@never_cache
def bulk_job(request, bulk_id):
    bulk = _job(bulk_id)
    return TemplateResponse(
        request,
        "certificates/admin/bulk_job.html",
        {
            "bulk": bulk,
            "title": TITLE,
            "percent": _percent(bulk),
            "in_progress": bulk.unfinished,
            "stalled": selectors.is_stalled(bulk),
            "failures": sorted(bulk.failures, key=lambda failure: failure["name"].lower()),
        },
    )


@never_cache
def bulk_status(request, bulk_id):
    """What the progress bar polls."""
    bulk = _job(bulk_id)
    return JsonResponse(
        {
            "status": bulk.status,
            "label": bulk.get_status_display(),
            "done": bulk.done,
            "total": bulk.total,
            "percent": _percent(bulk),
            "failures": len(bulk.failures),
            "stalled": selectors.is_stalled(bulk),
        }
    )


@never_cache
def bulk_resume(request, bulk_id):
    bulk = _job(bulk_id)
    try:
        services.bulk_issue_resume(bulk=bulk, by=request.user)
    except NotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Penerbitan dilanjutkan.")
    return redirect("certificates_bulk_job", bulk_id=bulk.pk)


@never_cache
def bulk_archive(request, bulk_id):
    bulk = _job(bulk_id)
    if not bulk.archive:
        raise Http404("Berkas ZIP belum dibuat.")
    return send_private_file(
        request,
        bulk.archive,
        filename=f"sertifikat-{bulk.session.slug}.zip",
        content_type="application/zip",
    )


def get_urls():
    allowed = permission_required(ORGANIZER_PERMISSION, raise_exception=True)
    return [
        path("sertifikat-massal/", allowed(bulk_start), name="certificates_bulk"),
        path("sertifikat-massal/<uuid:bulk_id>/", allowed(bulk_job), name="certificates_bulk_job"),
        path(
            "sertifikat-massal/<uuid:bulk_id>/status/",
            allowed(bulk_status),
            name="certificates_bulk_status",
        ),
        path(
            "sertifikat-massal/<uuid:bulk_id>/lanjutkan/",
            allowed(require_POST(bulk_resume)),
            name="certificates_bulk_resume",
        ),
        path(
            "sertifikat-massal/<uuid:bulk_id>/zip/",
            # The ZIP holds every holder's PDF: it needs what any one of them needs too.
            allowed(permission_required(rules.DOWNLOAD_ANY, raise_exception=True)(bulk_archive)),
            name="certificates_bulk_archive",
        ),
    ]


def menu_item(*, order):
    return PermissionMenuItem(
        MENU_LABEL,
        reverse("certificates_bulk"),
        icon_name="doc-full",
        order=order,
        permission=ORGANIZER_PERMISSION,
    )
