"""The emails about accounts, sent by the task worker after the change is committed, off the
request (tasks.py holds the thin task wrappers; the services queue them by name through
base/task_queue.py).

Emails about identity never carry a full NIP or NIK: the log's masked values, or none.
"""

from django.core.mail import send_mail
from django.template.loader import render_to_string

from content.base import site_address
from content.people import confirmation_links, password_reset
from content.people.identity import IdentifierKind
from content.people.models import IdentityChange, MergeRequest, PendingIdentityChange, User


def identity_change_notice_send(*, address, change_ids):
    """Tell the address an account had that its email, NIP or NIK changed: by whom, how control
    of the account was shown, and what to do if it was not them."""
    changes = list(
        IdentityChange.objects.filter(pk__in=change_ids).select_related("user", "changed_by")
    )
    if not changes:
        return
    context = {"user": changes[0].user, "changes": changes}
    _send(
        address,
        subject="Data login akun Lentera Anda diubah",
        template="people/email/identity_changed.txt",
        context=context,
    )


def identity_confirmation_send(*, pending_id, side):
    """Send the link that confirms a pending change: to the address on file ("akun": the owner
    shows control of the account) or to the new address ("email": its owner shows it is
    theirs). Nothing is sent for a change no longer pending."""
    pending = (
        PendingIdentityChange.objects.filter(pk=pending_id, status="pending")
        .select_related("user", "requested_by")
        .first()
    )
    if pending is None:
        return
    to_account = side == confirmation_links.ACCOUNT_SIDE
    address = pending.user.email if to_account else pending.new_email
    if not address:
        return
    context = {
        "user": pending.user,
        "pending": pending,
        "to_account": to_account,
        "by_owner": pending.requested_by_id == pending.user_id,
        "changes": confirmation_links.masked_changes(pending),
        "link": confirmation_links.absolute_url(confirmation_links.CHANGE, pending.pk, side),
        "hours": confirmation_links.hours_valid(),
    }
    _send(
        address,
        subject="Konfirmasi perubahan data login Lentera",
        template="people/email/identity_confirm.txt",
        context=context,
    )


def merge_confirmation_send(*, request_id, side):
    """Ask the owner of one account of a merge request, at its address on file, to confirm
    that both accounts are theirs."""
    merge_request = (
        MergeRequest.objects.filter(pk=request_id, status="pending")
        .select_related("requester__agency", "other__agency")
        .first()
    )
    if merge_request is None:
        return
    mine, theirs = (
        (merge_request.requester, merge_request.other)
        if side == confirmation_links.REQUESTER_SIDE
        else (merge_request.other, merge_request.requester)
    )
    if not mine.email:
        return
    context = {
        "user": mine,
        "other": theirs,
        "link": confirmation_links.absolute_url(confirmation_links.MERGE, merge_request.pk, side),
        "hours": confirmation_links.hours_valid(),
    }
    _send(
        mine.email,
        subject="Konfirmasi penggabungan akun Lentera",
        template="people/email/merge_confirm.txt",
        context=context,
    )


def signup_attempt_notice_send(*, user_id, kinds):
    """Tell an account's owner that someone tried to sign up with its NIP, NIK or email: the
    sign-up page said only that it is registered (views.register). Sent from the worker, so the
    page takes as long whether or not the account has an address to write to. Its links are on
    the site's public address (the email template's absolute_url), never the request's Host."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return
    context = {
        "user": user,
        "kinds": [IdentifierKind(kind).label for kind in kinds],
    }
    _send(
        user.email,
        subject="Ada yang mencoba mendaftar di Lentera dengan data akun Anda",
        template="people/email/signup_attempt.txt",
        context=context,
    )


def password_reset_send(*, email):
    """Send the reset link to the accounts with this address, if any. In the worker, so a known
    and an unknown address take the same time to answer. The link is on the site's public
    address (the template's absolute_url): a forged Host header cannot send it elsewhere."""
    form = password_reset.ParticipantPasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=site_address.host(), **password_reset.TEMPLATES)


def _send(address, *, subject, template, context):
    """One plain-text email from the site's address (DEFAULT_FROM_EMAIL) to `address`."""
    send_mail(
        subject=subject,
        message=render_to_string(template, context),
        from_email=None,
        recipient_list=[address],
    )
