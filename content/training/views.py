"""Check-in, outside the page tree: the short URL inside the projector's QR code, and the page
where people who cannot scan type the code shown under it.

A valid scan made before logging in (or signing up) is remembered in the session for a while,
so the person is checked in when they come back, even though the QR code has changed since. The
page such a scan lands on says which session it was and offers sign-up first, then login.
"""

import time

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from content.base import throttle
from content.base.errors import NotAllowed
from content.training import checkin_limits, checkin_tokens, selectors, services
from content.training.models.choices import AttendanceMethod

# A valid scan made before logging in still counts when the person comes back within this time.
CHECKIN_PASS_SECONDS = 10 * 60
_PASSES = "checkin_passes"


def _page(request, session=None, status=200, **context):
    response = TemplateResponse(
        request, "training/checkin.html", {"page": session, **context}, status=status
    )
    add_never_cache_headers(response)
    return response


def _record(request, session, method):
    try:
        attendance, created = services.attendance_record(
            session=session,
            participant=request.user,
            method=method,
            facts=session.checkin_facts,
        )
    except NotAllowed as refusal:
        return _page(request, session, error=refusal.message, status=403)
    return _page(request, session, attendance=attendance, created=created)


def _remember_pass(request, session):
    request.session.setdefault(_PASSES, {})[str(session.pk)] = time.time()
    request.session.modified = True


def _has_pass(request, session):
    granted = request.session.get(_PASSES, {}).get(str(session.pk))
    return granted is not None and time.time() - granted <= CHECKIN_PASS_SECONDS


def _use_pass(request, session):
    if request.session.get(_PASSES, {}).pop(str(session.pk), None) is not None:
        request.session.modified = True


def _walk_in_landing(request, session):
    """Someone not logged in made a valid scan: which session it was, that the scan is held
    while they sign up or log in, and the two ways on, sign-up first (most who scan without
    being logged in have no account yet). Only what the public session page shows, and only
    the title when the page is restricted."""
    response = TemplateResponse(
        request,
        "training/checkin_walk_in.html",
        {
            "page": session,
            "next": request.get_full_path(),
            "public": not session.get_view_restrictions().exists(),
            "pass_minutes": CHECKIN_PASS_SECONDS // 60,
        },
    )
    add_never_cache_headers(response)
    return response


def checkin_scan(request, token):
    """The URL in the projector's QR code."""
    # With a logged-in participant, the one query also reads what their check-in decides on.
    session = selectors.checkin_session(checkin_tokens.session_of(token), user=request.user)
    if session is None:
        raise Http404
    try:
        checkin_tokens.check_token(token, session.pk)
    except checkin_tokens.InvalidToken as invalid:
        if not _has_pass(request, session):
            return _page(request, session, error=invalid.message, ask_code=True, status=403)
    else:
        if not request.user.is_authenticated:
            if not session.checkin_is_open:
                # Nothing to hold: the check-in after logging in would be refused anyway.
                return _page(request, session, error=services.CHECKIN_CLOSED, status=403)
            # Logging in (or signing up) may take longer than the token lives.
            _remember_pass(request, session)
    if not request.user.is_authenticated:
        return _walk_in_landing(request, session)
    _use_pass(request, session)
    return _record(request, session, AttendanceMethod.QR)


def checkin_code(request):
    """Type the six characters shown under the QR code; they name the session themselves."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method != "POST":
        return _page(request, ask_code=True)
    # Guessing is counted per account and site-wide, never per address (checkin_limits.py).
    refused = checkin_limits.refusing(request.user)
    if refused is not None:
        return throttle.mark_throttled(_page(request, error=checkin_limits.THROTTLED), refused)
    session = selectors.session_with_code(request.POST.get("code", ""), user=request.user)
    if session is None:
        checkin_limits.count_wrong_code(request.user)
        return _page(request, ask_code=True, error=checkin_tokens.WRONG_CODE, status=403)
    return _record(request, session, AttendanceMethod.CODE)
