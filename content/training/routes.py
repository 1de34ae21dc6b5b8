"""The URLs under a session page: registration, calendar, check-in, projector, daftar hadir.

Views stay thin: each reads with selectors, writes with services and renders a template. The
page model mixes these routes in, so nothing imported here may import the page models.
"""

import time

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from content.base import page_cache, reader_cache, site_address
from content.base.errors import NotAllowed
from content.base.qr import qr_svg
from content.base.site_address import absolute_url, page_url
from content.training import checkin_tokens, documents, extensions, selectors, services
from content.training.ics import session_calendar
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


class SessionRoutesMixin(RoutablePageMixin):
    @classmethod
    def get_subpage_urls(cls):
        # Routes other apps add (the quizzes' pre-test/ and post-test/), after training's own.
        return (*super().get_subpage_urls(), *extensions.session_routes())

    def _absolute(self, route=None):
        """The page's (or a route's) URL on the site's public address."""
        return page_url(self) + (self.reverse_subpage(route) if route else "")

    @path("")
    def session_view(self, request):
        # Seats taken change with registrations and the status with the clock: a cached copy
        # for visitors lasts until either moves.
        page_cache.depends_on(request, selectors.PAGE_CACHE_SCOPE)
        page_cache.fresh_until(request, selectors.next_status_change(self))
        # The same for every logged-in reader but for the parts the template renders with
        # {% personal %} (their registration, the organizer's tools: personal_parts.py).
        reader_cache.share_with_readers(request, self)
        taken = selectors.registered_count(self)
        checkin = selectors.checkin_state(self)
        closed_at = checkin.closed_at if checkin else None
        return self.render(
            request,
            context_overrides={
                "seats_taken": taken,
                "status": selectors.session_status(self, seats_taken=taken, closed_at=closed_at),
                "checkin": checkin,
                "page_links": extensions.session_links(self, request),
            },
        )

    @path("daftar/", name="register")
    def register_view(self, request):
        if request.method != "POST":
            return redirect(self.url)
        if not request.user.is_authenticated:
            return redirect_to_login(self.url)
        try:
            registration = services.registration_create(session=self, participant=request.user)
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.warning(request, "Kuota penuh. Anda masuk daftar tunggu.")
            else:
                messages.success(request, "Anda terdaftar. Konfirmasi dikirim ke email Anda.")
        return redirect(self.url)

    @path("batal/", name="cancel")
    def cancel_view(self, request):
        """Asks first (GET), then gives the seat up (POST): one tap on a phone must not."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        registration = selectors.registration_of(self, request.user)
        if registration is None or not registration.is_active:
            return redirect(self.url)
        if request.method != "POST":
            response = TemplateResponse(
                request,
                "training/cancel_confirm.html",
                {"page": self, "registration": registration},
            )
            add_never_cache_headers(response)
            return response
        try:
            services.registration_cancel(session=self, participant=request.user)
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, "Pendaftaran Anda dibatalkan.")
        return redirect(self.url)

    @path("kalender/", name="calendar")
    def calendar_view(self, request):
        response = HttpResponse(
            session_calendar(self, self._absolute()),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response

    @path("presensi/layar/", name="projector")
    def projector_view(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        _require_organizer(request)
        response = TemplateResponse(
            request,
            "training/projector.html",
            {
                "page": self,
                "checkin_address": checkin_code_address(),
                **self._projector_state(request),
            },
        )
        add_never_cache_headers(response)
        return response

    @path("presensi/layar/status/", name="projector_status")
    def projector_status_view(self, request):
        _require_organizer(request)
        state = self._projector_state(request)
        state.pop("checkin", None)
        response = JsonResponse(state)
        add_never_cache_headers(response)
        return response

    def _projector_state(self, request):
        window = checkin_tokens.Window.at()
        checkin = selectors.checkin_state(self)
        is_open = bool(checkin and checkin.checkin_open)
        return {
            "checkin": checkin,
            "open": is_open,
            "count": selectors.checked_in_count(self),
            "qr": qr_svg(checkin_url(self.pk, window), scale=8) if is_open else "",
            "code": checkin_tokens.make_code(self.pk, window) if is_open else "",
            "seconds_left": max(1, int(window.ends_at - time.time())),
        }

    @path("presensi/buka/", name="checkin_open")
    def checkin_open_view(self, request):
        return self._toggle_checkin(request, open_it=True)

    @path("presensi/tutup/", name="checkin_close")
    def checkin_close_view(self, request):
        return self._toggle_checkin(request, open_it=False)

    def _toggle_checkin(self, request, *, open_it):
        _require_organizer(request)
        if request.method == "POST":
            if open_it:
                services.checkin_open(session=self, by=request.user)
            else:
                services.checkin_close(session=self)
        return redirect(self.url + self.reverse_subpage("projector"))

    @path("daftar-hadir/", name="attendance_sheet")
    def attendance_sheet_view(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        _require_organizer(request)
        pdf = documents.attendance_sheet_pdf(self, public_url=self._absolute())
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="daftar-hadir-{self.slug}.pdf"'
        return response
