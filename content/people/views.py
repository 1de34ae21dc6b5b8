import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from content.base import throttle
from content.base.clients import client_address
from content.base.errors import NotAllowed
from content.base.return_paths import local_path
from content.people import confirmation_links, lookups, selectors, services, tasks
from content.people.account import account_sections
from content.people.forms import (
    ContactForm,
    DeletionRequestForm,
    EmailChangeForm,
    LoginForm,
    MergeRequestForm,
    NewNipForm,
    RegistrationForm,
)
from content.people.identity import Identifier, IdentifierKind, canonical_email
from content.people.password_reset import ParticipantPasswordResetForm

HOUR = 60 * 60
RESET_THROTTLED = (
    "Terlalu banyak permintaan atur ulang kata sandi untuk email ini atau dari jaringan ini. "
    "Tautan yang sudah dikirim tetap berlaku 24 jam: periksa kotak masuk (dan folder spam) "
    "email Anda, atau coba lagi satu jam lagi."
)
# Someone who types an identifier already registered at sign-up: its owner hears of it once a
# day at most, however often it is tried.
SIGNUP_NOTICES_PER_DAY = 1
# Merge requests an account may send a day: enough for a real duplicate or two, too few to
# fill the organizers' screen.
MERGE_REQUESTS_PER_DAY = 5
MERGE_REQUESTS_THROTTLED = (
    "Anda sudah mengirim banyak permintaan penggabungan hari ini. Penyelenggara akan memeriksa "
    "yang sudah ada; coba lagi besok bila masih diperlukan."
)


def _next_url(request):
    """Where the person was going (a check-in scanned before having an account), if it is a
    page of this site."""
    return local_path(request.POST.get("next") or request.GET.get("next") or "")


def _notify_owners(request, found):
    """Tell the owners of identifiers someone tried to sign up with (lookups.py), once a day
    each: an owner who forgot the account learns how to get back in, a victim learns someone
    is trying. What the page shows does not depend on whether an email goes out."""
    kinds_by_owner = {}
    for identifier, user in found.items():
        kinds_by_owner.setdefault(user, []).append(str(identifier.kind))
    for user, kinds in kinds_by_owner.items():
        if user.email and throttle.hit(
            "signup-notice", user.pk, limit=SIGNUP_NOTICES_PER_DAY, seconds=24 * HOUR
        ):
            tasks.send_signup_attempt_notice.enqueue(user.pk, sorted(kinds))


def register(request):
    """Sign-up. It cannot answer alike for a free and a registered NIP (a walk-in is logged in
    at once, see lookups.py), so that answer is counted and throttled, and given only once
    everything else on the form is valid."""
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url or "people:account")
    form = RegistrationForm(request.POST or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        identifiers = form.identifiers()
        refused = lookups.lookup_spend(request, identifiers=identifiers)
        found = {} if refused else selectors.people_by_identifiers(identifiers)
        if refused:
            form.add_error(None, lookups.THROTTLED_MESSAGE)
        elif found:
            form.refuse_taken(sorted({identifier.kind for identifier in found}))
            _notify_owners(request, found)
        else:
            try:
                user = services.participant_register(
                    user=form.save(commit=False), password=form.cleaned_data["password1"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                login(request, user, backend="content.people.backends.IdentifierBackend")
                messages.success(request, "Pendaftaran berhasil. Selamat datang di Lentera!")
                return redirect(next_url or "people:account")
    response = TemplateResponse(
        request,
        "people/register.html",
        {"form": form, "agencies": selectors.active_agencies(), "next": next_url},
    )
    return throttle.mark_throttled(response, refused) if refused else response


class LoginView(auth_views.LoginView):
    template_name = "people/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def _account_page(request, *, contact_form=None, email_form=None, status=200):
    user = request.user
    return TemplateResponse(
        request,
        "people/account.html",
        {
            "contact_form": contact_form or ContactForm(instance=user),
            "email_form": email_form or EmailChangeForm(),
            "pending_change": selectors.pending_identity_change(user),
            "deletion_form": DeletionRequestForm(),
            "pending_deletion": selectors.pending_deletion_request(user),
            "sections": [
                {"section": section, "items": section.items(user)} for section in account_sections()
            ],
        },
        status=status,
    )


@login_required
def account(request):
    user = request.user
    contact_form = ContactForm(request.POST or None, instance=user)
    if request.method == "POST" and contact_form.is_valid():
        try:
            services.participant_update_contact(user=user, **contact_form.cleaned_data)
        except ValidationError as error:
            contact_form.add_error(None, error)
        else:
            messages.success(request, "Data kontak tersimpan.")
            return redirect("people:account")
    return _account_page(request, contact_form=contact_form)


@login_required
@require_POST
def change_email(request):
    """A new login email: the current password now, the new address's link later."""
    form = EmailChangeForm(request.POST)
    refused = None
    if form.is_valid():
        # "Taken by another account" or "link sent": a counted answer (lookups.py). It could
        # be generic only if a change that can never complete were shown as waiting too.
        email = Identifier(IdentifierKind.EMAIL, form.cleaned_data["email"])
        refused = lookups.lookup_spend(request, identifiers=[email], account=request.user)
    if refused:
        form.add_error(None, lookups.THROTTLED_MESSAGE)
    elif form.is_valid():
        try:
            services.participant_change_email(
                user=request.user,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except NotAllowed as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                f"Tautan konfirmasi dikirim ke {form.cleaned_data['email']}. Email akun Anda "
                "baru berubah setelah tautan itu dibuka.",
            )
            return redirect(f"{reverse('people:account')}#email-heading")
    response = _account_page(request, email_form=form, status=400)
    return throttle.mark_throttled(response, refused) if refused else response


@login_required
@require_POST
def cancel_email_change(request):
    if services.identity_change_cancel(user=request.user):
        messages.success(request, "Perubahan email dibatalkan. Email akun Anda tetap.")
    return redirect(f"{reverse('people:account')}#email-heading")


def confirm_identity(request, token):
    """A link from an email: show what it confirms, and confirm or refuse it on a POST (mail
    scanners open links, so a GET changes nothing). No login needed: the link is the proof."""
    found = selectors.confirmation_link_subject(token)
    if found is None:
        return TemplateResponse(
            request,
            "people/confirm_identity.html",
            {"invalid": services.identity_control.LINK_INVALID},
            status=404,
        )
    target, subject = found
    decision = request.POST.get("keputusan")
    if request.method == "POST" and decision in ("terima", "tolak"):
        accept = decision == "terima"
        try:
            if target.kind == confirmation_links.CHANGE:
                outcome = services.identity_change_confirm(target=target, accept=accept)
                text = _change_confirmed_text(outcome, accept)
            else:
                services.merge_request_confirm(target=target, accept=accept)
                text = (
                    "Terima kasih. Penyelenggara kini dapat menggabungkan kedua akun Anda."
                    if accept
                    else "Permintaan penggabungan ditolak. Tidak ada akun yang digabungkan."
                )
        except NotAllowed as refusal:
            text = refusal.message
        return TemplateResponse(request, "people/confirm_identity.html", {"done": text})
    context = {"target": target, "subject": subject, "is_change": target.kind == "ubah"}
    if context["is_change"]:
        context["changes"] = confirmation_links.masked_changes(subject)
        context["to_account"] = target.side == confirmation_links.ACCOUNT_SIDE
    else:
        mine_is_requester = target.side == confirmation_links.REQUESTER_SIDE
        context["mine"] = subject.requester if mine_is_requester else subject.other
        context["theirs"] = subject.other if mine_is_requester else subject.requester
    return TemplateResponse(request, "people/confirm_identity.html", context)


def _change_confirmed_text(outcome, accept):
    if not accept:
        return "Perubahan dibatalkan. Data login akun tetap seperti sebelumnya."
    if outcome.refused:
        return outcome.refused
    if outcome.applied:
        return "Terima kasih. Perubahan sudah diterapkan pada akun."
    return (
        "Terima kasih, konfirmasi Anda tercatat. Perubahan diterapkan setelah tautan lain yang "
        "dikirim ke alamat email baru juga dibuka."
    )


def _nip_added_message(user, outcome):
    if outcome.pending is not None:
        return "Tautan konfirmasi dikirim ke email akun ini; NIP tersimpan setelah tautan dibuka."
    return (
        f"NIP tersimpan. Anda kini tercatat sebagai {user.get_participant_group_display()}"
        "; riwayat kegiatan dan sertifikat Anda tetap di akun ini."
    )


@login_required
def add_nip(request):
    """A PTT appointed PPPK or PNS adds the NIP to the account they already have, keeping its
    history; the group changes from the date given. Their current password shows it is them."""
    user = request.user
    if not user.is_participant or user.nip:
        messages.info(request, "Akun ini sudah memiliki NIP atau bukan akun peserta.")
        return redirect("people:account")
    form = NewNipForm(request.POST or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        # "Saved" or "registered to another account": a counted answer (lookups.py), given
        # only for a NIP that passed every other rule (NewNipForm.clean).
        nip = Identifier(IdentifierKind.NIP, form.cleaned_data["nip"])
        refused = lookups.lookup_spend(request, identifiers=[nip], account=user)
        if refused:
            form.add_error(None, lookups.THROTTLED_MESSAGE)
        else:
            outcome = form.add_to(user, by=user)
            if outcome is not None:
                messages.success(request, _nip_added_message(user, outcome))
                return redirect("people:account")
    merge_form = MergeRequestForm(initial={"nip": form["nip"].value()}) if form.nip_taken else None
    response = TemplateResponse(
        request,
        "people/add_nip.html",
        {"form": form, "nip_taken": form.nip_taken, "merge_form": merge_form},
    )
    return throttle.mark_throttled(response, refused) if refused else response


@login_required
@require_POST
def request_merge(request):
    """After a refused NIP: ask organizers to merge this account with the one that holds it,
    showing control of both (this account's password; the other's, or a link to its email).

    The answer is the same whether or not the NIP names another participant's account (it
    said "not registered" before: an oracle). The service checks this account's password
    before it looks the NIP up, and refuses a wrong password for the other account alike
    whether or not there is one; only a real request reaches the organizers."""
    if not throttle.hit(
        "merge-request", request.user.pk, limit=MERGE_REQUESTS_PER_DAY, seconds=24 * HOUR
    ):
        messages.error(request, MERGE_REQUESTS_THROTTLED)
        return redirect("people:account")
    merge_form = MergeRequestForm(request.POST)
    if merge_form.is_valid():
        try:
            services.merge_request_create(
                user=request.user,
                nip=merge_form.cleaned_data["nip"],
                password=merge_form.cleaned_data["password"],
                other_password=merge_form.cleaned_data["other_password"],
            )
        except ValidationError as error:
            merge_form.add_error(None, error)
        else:
            messages.success(request, MERGE_REQUESTED)
            return redirect("people:account")
    form = NewNipForm(initial={"nip": request.POST.get("nip", "")})
    return TemplateResponse(
        request,
        "people/add_nip.html",
        {"form": form, "nip_taken": True, "merge_form": merge_form},
        status=400,
    )


MERGE_REQUESTED = (
    "Permintaan penggabungan akun terkirim. Bila Anda tidak mengisi kata sandi akun yang lain, "
    "buka tautan konfirmasi yang dikirim ke email akun itu; bila akun itu tidak memiliki email, "
    "kirim lagi dengan kata sandinya, atau temui penyelenggara dengan KTP atau SK Anda. Setelah "
    "digabungkan, Anda dapat masuk dengan NIP, NIK, atau email."
)


@login_required
def my_data(request):
    """Download everything held about the logged-in person, as JSON (UU 27/2022)."""
    data = selectors.participant_data_export(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="data-saya-lentera.json"'
    return response


@login_required
@require_POST
def request_deletion(request):
    form = DeletionRequestForm(request.POST)
    if form.is_valid():
        try:
            services.deletion_request_create(user=request.user, reason=form.cleaned_data["reason"])
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                "Permohonan hapus data diterima. Petugas akan memprosesnya dan mengabari Anda "
                "lewat email.",
            )
    elif "reason" in form.errors:
        messages.error(request, f"Alasan: {form.errors['reason'][0]}")
    else:
        messages.error(request, "Centang pernyataan persetujuan untuk mengajukan penghapusan data.")
    return redirect("people:account")


class PasswordResetView(auth_views.PasswordResetView):
    """The request only queues the email (see tasks.send_password_reset), after counting the
    requests for this address and from this client."""

    template_name = "people/password_reset.html"
    form_class = ParticipantPasswordResetForm
    success_url = reverse_lazy("people:password_reset_done")

    def form_valid(self, form):
        email = canonical_email(form.cleaned_data["email"])
        address = client_address(self.request)
        # Per email *and* address first: an attacker at a venue's shared address uses up only
        # that pair, and every request they make still sends the owner a working link. Per
        # email from anywhere, higher; per address, for one machine mailing many people.
        refused = throttle.spend(
            [
                throttle.Counter(
                    "password-reset-email-address",
                    f"{email} {address}",
                    throttle.Rate(settings.PASSWORD_RESETS_PER_EMAIL_AND_ADDRESS, HOUR),
                ),
                throttle.Counter(
                    "password-reset-email",
                    email,
                    throttle.Rate(settings.PASSWORD_RESETS_PER_EMAIL, HOUR),
                ),
                throttle.Counter(
                    "password-reset-address",
                    address,
                    throttle.Rate(settings.PASSWORD_RESETS_PER_ADDRESS, HOUR),
                ),
            ]
        )
        if refused:
            form.add_error(None, RESET_THROTTLED)
            return throttle.mark_throttled(self.form_invalid(form), refused)
        tasks.send_password_reset.enqueue(email)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A link that was sent works whatever the login throttle says (it never asks it), and a
    new password both logs its owner in and clears every lockout of the account: whoever
    locked it, from the venue's address or from many, cannot keep its owner out. Later reset
    requests, throttled or not, never retire a link already sent (Django's tokens change only
    with the password or the last login)."""

    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")
    post_reset_login = True
    post_reset_login_backend = "content.people.backends.IdentifierBackend"

    def form_valid(self, form):
        services.login_lockouts_clear(user=form.user)
        return super().form_valid(form)
