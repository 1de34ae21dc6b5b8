"""The URLs under a session page: registration, calendar, check-in, projector, daftar hadir;
and the context of the sessions index (/sesi/).

Views stay thin: each reads with selectors, writes with services and renders a template. They
are registered with content/base/page_views.py when training's ready() imports this module: the
page models import none of it. Each route is called as `view(page, request)`.
"""

import time

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers

from content.base import page_cache, page_views, reader_cache, site_address
from content.base.errors import NotAllowed
from content.base.qr import qr_svg
from content.base.site_address import absolute_url, page_url
from content.training import checkin_tokens, documents, extensions, selectors, services
from content.training.ics import session_calendar
from content.training.models import SessionIndexPage, SessionPage
from content.training.models.choices import RegistrationStatus

ORGANIZER_PERMISSION = "training.change_attendance"


def checkin_url(session_id, window):
    """The URL in the projector's QR code, on the site's public address (the phones in the room
    reach it, whatever address the projector's laptop uses), in capitals: QR codes store
    capitals, digits and a few signs compactly, so the code stays small and readable from afar."""
    path = reverse("checkin_scan", args=[checkin_tokens.make_token(session_id, window)])
    return absolute_url(path).upper()


def checkin_code_address():
    """Where to type the code, as the projector shows it: "lentera.example.go.id/presensi"."""
    return site_address.host() + reverse("checkin_code").rstrip("/")


def _require_organizer(request):
    if not request.user.has_perm(ORGANIZER_PERMISSION):
        raise PermissionDenied


@page_views.adds_context(SessionIndexPage)
def sessions_index(index, request, context):
    # Seats taken change with registrations, and sessions move to "past" at midnight.
    page_cache.depends_on(request, selectors.PAGE_CACHE_SCOPE)
    page_cache.fresh_until(request, selectors.next_midnight())
    ongoing, upcoming, past = selectors.sessions_by_time(SessionPage.objects.child_of(index))
    for session in ongoing + upcoming:
        page_cache.fresh_until(request, selectors.next_status_change(session))
    context.update(ongoing=ongoing, upcoming=upcoming, past=past)


def _absolute(page, route=None):
    """The page's (or a route's) URL on the site's public address."""
    return page_url(page) + (page.reverse_subpage(route) if route else "")


def session_view(page, request):
    # Seats taken change with registrations and the status with the clock: a cached copy
    # for visitors lasts until either moves.
    page_cache.depends_on(request, selectors.PAGE_CACHE_SCOPE)
    page_cache.fresh_until(request, selectors.next_status_change(page))
    # The same for every logged-in reader but for the parts the template renders with
    # {% personal %} (their registration, the organizer's tools: personal_parts.py).
    reader_cache.share_with_readers(request, page)
    taken = selectors.registered_count(page)
    checkin = selectors.checkin_state(page)
    closed_at = checkin.closed_at if checkin else None
    return page.render(
        request,
        context_overrides={
            "seats_taken": taken,
            "status": selectors.session_status(page, seats_taken=taken, closed_at=closed_at),
            "checkin": checkin,
            "page_links": extensions.session_links(page, request),
        },
    )


def register_view(page, request):
    if request.method != "POST":
        return redirect(page.url)
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    try:
        registration = services.registration_create(session=page, participant=request.user)
    except NotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        if registration.status == RegistrationStatus.WAITLISTED:
            messages.warning(request, "Kuota penuh. Anda masuk daftar tunggu.")
        else:
            messages.success(request, "Anda terdaftar. Konfirmasi dikirim ke email Anda.")
    return redirect(page.url)


def cancel_view(page, request):
    """Asks first (GET), then gives the seat up (POST): one tap on a phone must not."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = selectors.registration_of(page, request.user)
    if registration is None or not registration.is_active:
        return redirect(page.url)
    if request.method != "POST":
        response = TemplateResponse(
            request,
            "training/cancel_confirm.html",
            {"page": page, "registration": registration},
        )
        add_never_cache_headers(response)
        return response
    try:
        services.registration_cancel(session=page, participant=request.user)
    except NotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Pendaftaran Anda dibatalkan.")
    return redirect(page.url)


def calendar_view(page, request):
    response = HttpResponse(
        session_calendar(page, _absolute(page)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.ics"'
    return response


def projector_view(page, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _require_organizer(request)
    response = TemplateResponse(
        request,
        "training/projector.html",
        {
            "page": page,
            "checkin_address": checkin_code_address(),
            **_projector_state(page, request),
        },
    )
    add_never_cache_headers(response)
    return response


def projector_status_view(page, request):
    _require_organizer(request)
    state = _projector_state(page, request)
    state.pop("checkin", None)
    response = JsonResponse(state)
    add_never_cache_headers(response)
    return response


def _projector_state(page, request):
    window = checkin_tokens.Window.at()
    checkin = selectors.checkin_state(page)
    is_open = bool(checkin and checkin.checkin_open)
    return {
        "checkin": checkin,
        "open": is_open,
        "count": selectors.checked_in_count(page),
        "qr": qr_svg(checkin_url(page.pk, window), scale=8) if is_open else "",
        "code": checkin_tokens.make_code(page.pk, window) if is_open else "",
        "seconds_left": max(1, int(window.ends_at - time.time())),
    }


def checkin_open_view(page, request):
    return _toggle_checkin(page, request, open_it=True)


def checkin_close_view(page, request):
    return _toggle_checkin(page, request, open_it=False)


def _toggle_checkin(page, request, *, open_it):
    _require_organizer(request)
    if request.method == "POST":
        if open_it:
            services.checkin_open(session=page, by=request.user)
        else:
            services.checkin_close(session=page)
    return redirect(page.url + page.reverse_subpage("projector"))


def attendance_sheet_view(page, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _require_organizer(request)
    pdf = documents.attendance_sheet_pdf(page, public_url=_absolute(page))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="daftar-hadir-{page.slug}.pdf"'
    return response


page_views.add_routes(
    SessionPage,
    [
        path("", session_view, name="session_view"),
        path("daftar/", register_view, name="register"),
        path("batal/", cancel_view, name="cancel"),
        path("kalender/", calendar_view, name="calendar"),
        path("presensi/layar/", projector_view, name="projector"),
        path("presensi/layar/status/", projector_status_view, name="projector_status"),
        path("presensi/buka/", checkin_open_view, name="checkin_open"),
        path("presensi/tutup/", checkin_close_view, name="checkin_close"),
        path("daftar-hadir/", attendance_sheet_view, name="attendance_sheet"),
    ],
)
