"""Log in with a NIP, a NIK, an email address or (for staff) a username."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from content.people.identity import normalize_number


def find_user_by_identifier(identifier):
    """The user an identifier names, or None. Digits are a NIP (18) or a NIK (16)."""
    User = get_user_model()
    identifier = (identifier or "").strip()
    digits = normalize_number(identifier)
    if digits.isdigit() and len(digits) == 18:
        lookup = {"nip": digits}
    elif digits.isdigit() and len(digits) == 16:
        lookup = {"nik": digits}
    elif "@" in identifier:
        lookup = {"email__iexact": identifier}
    else:
        lookup = {"username": identifier}
    return User._default_manager.filter(**lookup).first()


def normalize_identifier(request, credentials):
    """One spelling per identifier, so the login throttle counts "1985 0101..." and
    "19850101..." as the same account (django-axes' AXES_USERNAME_CALLABLE)."""
    identifier = (credentials or {}).get("username") or ""
    digits = normalize_number(identifier.strip())
    return digits if digits.isdigit() else identifier.strip().lower()


class IdentifierBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = find_user_by_identifier(username)
        if user is None:
            # Run the hasher anyway so a missing account takes as long as a wrong password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
