"""The password-reset email: whom it reaches and what it says.

Django's PasswordResetForm builds and sends the email (one per account with the address, with a
one-time link); this subclass widens who it reaches. It lives below the services so that the
task worker's sender (services/emails.py) and the page's form (forms.py) share it without the
services importing the forms.
"""

from django.contrib.auth.forms import PasswordResetForm

from content.people.identity import canonical_email
from content.people.models import User

TEMPLATES = {
    "email_template_name": "people/email/password_reset.txt",
    "subject_template_name": "people/email/password_reset_subject.txt",
}


class ParticipantPasswordResetForm(PasswordResetForm):
    """Also reaches imported participants, who have no password until they set one here."""

    def get_users(self, email):
        email = canonical_email(email)
        return User.objects.filter(email=email, is_active=True).exclude(email="")
