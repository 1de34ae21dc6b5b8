"""Background work for accounts: emails go out after the change is committed, off the request."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from content.people.models import IdentityChange


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
