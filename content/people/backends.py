"""Log in with a NIP, a NIK, an email address or (for staff) a username, and the login throttle
that django-axes keeps for it."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Sum
from django.utils.crypto import salted_hmac

from content.people.identity import canonical_identifier
from content.people.selectors import person_by_identifier


def identifier_key(typed):
    """What the login throttle stores for an identifier as typed: its canonical spelling (every
    way of writing one NIP is one), keyed-hashed, so axes' tables never hold a NIP or an email.
    Known and unknown identifiers are keyed alike, without asking the database."""
    canonical = canonical_identifier(typed or "").value.lower()
    return "id-" + salted_hmac("lentera.login-throttle", canonical).hexdigest()[:24]


def legacy_identifier_key(typed):
    """The key an identifier that named nobody had before identifier_key (erasure still
    deletes such records)."""
    canonical = canonical_identifier(typed or "").value.lower()
    return "lain-" + salted_hmac("lentera.login-throttle", canonical).hexdigest()[:24]


def account_identifier_keys(user):
    """The throttle keys of every identifier `user` logs in with."""
    values = (user.nip, user.nik, user.email, user.username)
    return {identifier_key(value) for value in values if value}


def throttle_key(request, credentials):
    """What the login throttle counts failures against (django-axes' AXES_USERNAME_CALLABLE).

    The identifier, not the account. Counting every NIP, NIK and email of one person together
    made the lockout itself an oracle: lock the pair (address, email) with five wrong
    passwords, then try candidate NIPs once each, and the one that answered "locked" was the
    person's NIP. Keyed per identifier, a lockout says nothing about any other identifier, and
    an owner locked out of one can still log in with another.
    """
    return identifier_key((credentials or {}).get("username") or "")


class LoginThrottleHandler(AxesDatabaseHandler):
    """Two ceilings where django-axes has one (its maintainers' advice for this: a handler).

    Axes counts failures per (client address, identifier), its AXES_LOCKOUT_PARAMETERS, and
    locks that pair at AXES_FAILURE_LIMIT: an attacker at a venue's shared address locks that
    identifier from that address only. Here the failures of one identifier from every address
    are added up too, and at the higher LOGIN_FAILURES_PER_IDENTIFIER the identifier is locked
    from everywhere: many addresses together cannot guess on without end. Both expire with
    AXES_COOLOFF_TIME; a completed password reset clears them (services.login_lockouts_clear).
    """

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if failures >= limit:
            return failures
        everywhere = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(total=Sum("failures_since_start"))["total"]
        if (everywhere or 0) >= settings.LOGIN_FAILURES_PER_IDENTIFIER:
            return limit
        return failures


class IdentifierBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = person_by_identifier(username)
        if user is None:
            # Run the hasher anyway so a missing account takes as long as a wrong password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
