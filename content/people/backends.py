"""Log in with a NIP, a NIK, an email address or (for staff) a username."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from content.people.identity import canonical_identifier
from content.people.selectors import person_by_identifier


def normalize_identifier(request, credentials):
    """One spelling per identifier, so the login throttle counts "1985 0101..." and
    "19850101..." as the same account (django-axes' AXES_USERNAME_CALLABLE)."""
    identifier = canonical_identifier((credentials or {}).get("username"))
    return identifier.value.lower()


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
