"""Background work for accounts: emails go out after the change is committed, off the request."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from content.people.identity import IdentifierKind
from content.people.models import IdentityChange, User

PASSWORD_RESET_TEMPLATES = {
    "email_template_name": "people/email/password_reset.txt",
    "subject_template_name": "people/email/password_reset_subject.txt",
}


@task()
def send_identity_change_notice(address, change_ids):
    """Tell the address an account had that someone else changed its email, NIP or NIK."""
    changes = list(
        IdentityChange.objects.filter(pk__in=change_ids).select_related("user", "changed_by")
    )
    if not changes:
        return
    context = {"user": changes[0].user, "changes": changes}
    send_mail(
        subject="Data akun Lentera Anda diubah oleh petugas",
        message=render_to_string("people/email/identity_changed.txt", context),
        from_email=None,
        recipient_list=[address],
    )


@task()
def send_signup_attempt_notice(user_id, kinds, domain, use_https):
    """Tell an account's owner that someone tried to sign up with its NIP, NIK or email: the
    sign-up page said only that it is registered (views.register). Sent from the worker, so the
    page takes as long whether or not the account has an address to write to."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return
    context = {
        "user": user,
        "kinds": [IdentifierKind(kind).label for kind in kinds],
        "base": f"{'https' if use_https else 'http'}://{domain}",
    }
    send_mail(
        subject="Ada yang mencoba mendaftar di Lentera dengan data akun Anda",
        message=render_to_string("people/email/signup_attempt.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


@task()
def send_password_reset(email, domain, use_https):
    """Send the reset link to the accounts with this address, if any. In the worker, so a known
    and an unknown address take the same time to answer."""
    # Imported here: the forms call the services, which queue this module's tasks.
    from content.people.forms import ParticipantPasswordResetForm

    form = ParticipantPasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https, **PASSWORD_RESET_TEMPLATES)
