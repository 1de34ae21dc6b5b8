"""The parts of a session page that are the reader's own: their registration and, for an
organizer, the check-in tools. The page renders them with `{% personal %}` (see
content/base/reader_cache.py), so a copy shared by every logged-in reader never holds them."""

from django.template.loader import render_to_string

from content.base.reader_cache import known_plain_reader, personal_part
from content.training import extensions, selectors
from content.training.models import SessionPage
from content.training.routes import ORGANIZER_PERMISSION


def _subpage_url(session_url, route):
    return session_url + SessionPage.get_resolver().reverse(route)


@personal_part("training.registration")
def registration(request, *, session_id, session_url, status, online_url):
    """Registered, waiting, or not: the message and the button for this reader."""
    registration = selectors.registration_of(session_id, request.user)
    context = {
        "registration": registration,
        "waitlist_position": selectors.waitlist_position(registration),
        "status": status,
        "online_url": online_url,
        "cancel_url": _subpage_url(session_url, "cancel"),
        "register_url": _subpage_url(session_url, "register"),
    }
    return render_to_string("training/includes/session_registration.html", context, request)


@personal_part("training.organizer")
def organizer(request, *, session_url, checkin_open):
    """The projector and attendance sheet links, for organizers only."""
    if known_plain_reader(request) or not request.user.has_perm(ORGANIZER_PERMISSION):
        return ""
    context = {
        "checkin_open": checkin_open,
        "projector_url": _subpage_url(session_url, "projector"),
        "sheet_url": _subpage_url(session_url, "attendance_sheet"),
    }
    return render_to_string("training/includes/session_organizer.html", context, request)


@personal_part("training.participant")
def participant(request, *, session_id, checkin_open):
    """The reader's own state in the session (apps above training fill it in: attendance, tests,
    certificate); without one, the check-in code form while check-in is open."""
    html = extensions.participant_panel(request, session_id)
    if html is not None:
        return html
    if not checkin_open:
        return ""
    return render_to_string("training/includes/session_checkin.html", {}, request)
