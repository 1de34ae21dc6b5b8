import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from content.base import throttle
from content.base.clients import client_address
from content.base.errors import NotAllowed
from content.people import confirmation_links, selectors, services, tasks
from content.people.account import account_sections
from content.people.forms import (
    ContactForm,
    DeletionRequestForm,
    EmailChangeForm,
    LoginForm,
    MergeRequestForm,
    NewNipForm,
    ParticipantPasswordResetForm,
    RegistrationForm,
)
from content.people.identity import canonical_email

RESET_PER_ADDRESS = {"limit": 3, "seconds": 60 * 60}
RESET_PER_CLIENT = {"limit": 10, "seconds": 60 * 60}
RESET_THROTTLED = (
    "Terlalu banyak permintaan atur ulang kata sandi. Periksa kotak masuk (dan folder spam) "
    "email Anda, atau coba lagi satu jam lagi."
)


def _next_url(request):
    """Where the person was going (a check-in scanned before having an account), if it is a
    page of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else ""


def register(request):
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url or "people:account")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
    return TemplateResponse(
        request,
        "people/register.html",
        {"form": form, "agencies": selectors.active_agencies(), "next": next_url},
    )


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
    if form.is_valid():
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
    return _account_page(request, email_form=form, status=400)


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
        context["changes"] = tasks.masked_changes(subject)
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
    if request.method == "POST" and form.is_valid():
        outcome = form.add_to(user, by=user)
        if outcome is not None:
            messages.success(request, _nip_added_message(user, outcome))
            return redirect("people:account")
    merge_form = MergeRequestForm(initial={"nip": form["nip"].value()}) if form.nip_taken else None
    return TemplateResponse(
        request,
        "people/add_nip.html",
        {"form": form, "nip_taken": form.nip_taken, "merge_form": merge_form},
    )


@login_required
@require_POST
def request_merge(request):
    """After a refused NIP: ask organizers to merge this account with the one that holds it,
    showing control of both (this account's password; the other's, or a link to its email)."""
    merge_form = MergeRequestForm(request.POST)
    if merge_form.is_valid():
        try:
            merge_request = services.merge_request_create(
                user=request.user,
                nip=merge_form.cleaned_data["nip"],
                password=merge_form.cleaned_data["password"],
                other_password=merge_form.cleaned_data["other_password"],
            )
        except ValidationError as error:
            merge_form.add_error(None, error)
        else:
            if merge_request:
                messages.success(request, MERGE_REQUESTED)
            else:
                messages.error(request, "NIP itu tidak terdaftar pada akun peserta lain.")
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
    "temui penyelenggara dengan KTP atau SK Anda. Setelah digabungkan, Anda dapat masuk dengan "
    "NIP, NIK, atau email."
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
        if not (
            throttle.hit("password-reset-address", email, **RESET_PER_ADDRESS)
            and throttle.hit(
                "password-reset-client", client_address(self.request), **RESET_PER_CLIENT
            )
        ):
            form.add_error(None, RESET_THROTTLED)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        tasks.send_password_reset.enqueue(email, self.request.get_host(), self.request.is_secure())
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")
