"""Log in with a NIP, a NIK, an email address or (for staff) a username."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils.crypto import salted_hmac

from content.people.identity import canonical_identifier
from content.people.selectors import person_by_identifier

_THROTTLE_KEYS = "_lentera_throttle_keys"


def unknown_identifier_key(typed):
    canonical = canonical_identifier(typed).value.lower()
    return "lain-" + salted_hmac("lentera.login-throttle", canonical).hexdigest()[:24]


def throttle_key(request, credentials):
    """What the login throttle counts failures against (django-axes' AXES_USERNAME_CALLABLE).

    The person, not the spelling: when the identifier names an account, every identifier of
    that account (NIP, NIK, email, in any spelling) counts as one, and what is stored is the
    account number rather than what was typed. An identifier that names nobody counts in its
    canonical spelling, stored as a keyed hash: axes' tables never hold a NIP or an email.
    Remembered on the request: axes asks several times per login.
    """
    typed = (credentials or {}).get("username") or ""
    keys = getattr(request, _THROTTLE_KEYS, None) if request is not None else None
    if keys is None:
        keys = {}
        if request is not None:
            setattr(request, _THROTTLE_KEYS, keys)
    if typed not in keys:
        user = person_by_identifier(typed)
        keys[typed] = f"akun-{user.pk}" if user else unknown_identifier_key(typed)
    return keys[typed]


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
