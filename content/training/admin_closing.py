"""'Tutup sesi' in the Wagtail admin: an organizer ends a session before its planned end, so its
certificates can be issued (certificates wait for the session to be over). A button on the
session's editor header and in the page listing's menu; a confirmation screen; the service
(services.session_close) does the rest."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.admin.widgets import Button

from content.base.errors import NotAllowed
from content.training import rules, selectors, services
from content.training.models import SessionPage
from content.training.services.sessions import ORGANIZER_PERMISSION

LABEL = "Tutup sesi"


@permission_required(ORGANIZER_PERMISSION, raise_exception=True)
def session_close(request, page_id):
    """GET: what closing does, and when the session would end by itself. POST: close it."""
    session = get_object_or_404(SessionPage, pk=page_id)
    state = selectors.checkin_state(session)
    if request.method == "POST":
        try:
            services.session_close(session=session, by=request.user)
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                f"Sesi {session.title} ditutup. Sertifikatnya kini dapat diterbitkan dan "
                "diambil peserta.",
            )
        return redirect("wagtailadmin_pages:edit", session.pk)
    now = timezone.now()
    return TemplateResponse(
        request,
        "training/admin/session_close.html",
        {
            "page": session,
            "title": LABEL,
            "closed_at": state.closed_at if state else None,
            "over": rules.is_over(session, state.closed_at if state else None, now=now),
            "started": now >= session.starts_at,
        },
    )


def close_button(page, user, *, priority):
    """The button, for a session's header and its listing menu; none for other pages and for
    people who may not manage attendance."""
    model = page.specific_class
    if model is None or not issubclass(model, SessionPage):
        return []
    if not user.has_perm(ORGANIZER_PERMISSION):
        return []
    url = reverse("training_session_close", args=[page.pk])
    return [Button(LABEL, url, icon_name="lock", priority=priority)]


def get_urls():
    return [path("sosialisasi/<int:page_id>/tutup/", session_close, name="training_session_close")]
