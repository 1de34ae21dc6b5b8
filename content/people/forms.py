from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from content.base.errors import NotAllowed
from content.base.input_rules import ascii_digits
from content.people import selectors, services
from content.people.identity import (
    FUTURE_DATE_MESSAGE,
    Identifier,
    IdentifierKind,
    normalize_number,
    parse_email,
)
from content.people.models import InPersonCheck, ParticipantGroup, Rank, User
from content.people.services.identity_changes import check_new_nip

TAKEN_MESSAGES = {
    "nip": "NIP ini sudah terdaftar. Silakan masuk, atau atur ulang kata sandi bila lupa.",
    "nik": "NIK ini sudah terdaftar. Silakan masuk, atau atur ulang kata sandi bila lupa.",
    "email": "Email ini sudah terdaftar. Silakan masuk, atau atur ulang kata sandi bila lupa.",
}


class IdentityNumberField(forms.CharField):
    """A NIP or NIK as people type it (spaces, dots, other scripts' digits), cleaned to its
    canonical spelling, or one clear message. The meaning of the digits is checked by
    User.clean."""

    def __init__(self, *, digits, label, **kwargs):
        self.digits = digits
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(label=label, **kwargs)

    def to_python(self, value):
        number = normalize_number(super().to_python(value))
        if not number:
            return None
        if not ascii_digits(number, self.digits):
            raise forms.ValidationError(
                f"{self.label} harus terdiri dari {self.digits} digit angka.", code="format"
            )
        return number


class PlainEmailField(forms.EmailField):
    """An email in its canonical spelling (identity.parse_email: email-validator's parser, not
    Django's pattern), plain ASCII only, or the parser's Indonesian message."""

    default_validators = []

    def to_python(self, value):
        value = super().to_python(value)
        return parse_email(value) if value else ""


class OneMessagePerField:
    """For forms on the user model: a field the form itself refused (a NIP with a letter in
    it) is not refused a second time by User.clean for being empty."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            for name in [name for name in errors.error_dict if name in self._errors]:
                del errors.error_dict[name]
            if not errors.error_dict:
                return
        super()._update_errors(errors)


class RegisteredAnsweredByView:
    """For forms whose answer "already registered" the view gives, after counting it
    (lookups.py): the form checks everything else, including the model's other constraints,
    and never asks the database whether a NIP, NIK or email is taken."""

    LOOKED_UP = frozenset({"nip", "nik", "email"})

    def _get_validation_exclusions(self):
        # Django's ModelForm validates the model's unique fields and constraints on what this
        # returns; the constraints that name these fields are what User.clean checks (the
        # spelling) and the lookup answers (the uniqueness). The database enforces both.
        return super()._get_validation_exclusions() | self.LOOKED_UP


class RegistrationForm(OneMessagePerField, RegisteredAnsweredByView, forms.ModelForm):
    """Self-registration. The NIP/NIK rules live in User.clean(), shared with the admin and
    the import. Whether an identifier is taken is answered by the view once everything else is
    valid (a counted answer, lookups.py), and enforced again by database constraints."""

    participant_group = forms.ChoiceField(
        label="Saya adalah", choices=ParticipantGroup.choices, widget=forms.RadioSelect
    )
    nip = IdentityNumberField(
        digits=18, label="NIP", help_text="18 digit, boleh dengan spasi. Wajib untuk ASN."
    )
    nik = IdentityNumberField(
        digits=16, label="NIK", help_text="16 digit sesuai KTP. Membantu mengenali PTT/non-ASN."
    )
    # The model field's own checks are left to the lookup (RegisteredAnsweredByView): its
    # length is checked here.
    email = PlainEmailField(label="Email", max_length=254)
    password1 = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Ulangi kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = [
            "participant_group",
            "nip",
            "nik",
            "full_name",
            "agency",
            "position",
            "rank",
            "email",
            "phone",
        ]
        labels = {"agency": "OPD / unit kerja"}
        help_texts = {"rank": "Khusus PNS."}
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("full_name", "agency", "position"):
            self.fields[name].required = True
        self.fields["agency"].queryset = selectors.active_agencies()
        self.fields["agency"].empty_label = "Pilih OPD"
        self.fields["rank"].choices = [("", "Pilih pangkat/golongan"), *Rank.choices]
        # Required for some groups only (User.clean decides): no "(opsional)" mark.
        self.fields["nip"].conditional = self.fields["rank"].conditional = True
        for field in self.fields.values():
            field.error_messages["required"] = f"{field.label} wajib diisi."

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "Kedua kata sandi tidak sama.")
        elif password1:
            try:
                password_validation.validate_password(password1, self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def identifiers(self):
        """The NIP, NIK and email of a valid form, canonical, as the view looks them up."""
        kinds = (IdentifierKind.NIP, IdentifierKind.NIK, IdentifierKind.EMAIL)
        values = (self.instance.nip, self.instance.nik, self.instance.email)
        return [Identifier(kind, value) for kind, value in zip(kinds, values, strict=True) if value]

    def refuse_taken(self, kinds):
        """Say, on each field, that its identifier is registered already."""
        for kind in kinds:
            self.add_error(str(kind), TAKEN_MESSAGES[str(kind)])


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="NIP, NIK, atau email",
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "NIP/NIK/email atau kata sandi salah. Periksa kembali lalu coba lagi.",
        "inactive": "Akun ini tidak aktif.",
    }


def current_password_field(label="Kata sandi saat ini", **kwargs):
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        **kwargs,
    )


class ContactForm(forms.ModelForm):
    """Phone and position; the login email changes through EmailChangeForm."""

    class Meta:
        model = User
        fields = ["phone", "position"]
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})}


class EmailChangeForm(forms.Form):
    """A new login email: the current password shows the person at the keyboard is the owner;
    the new address is set once its owner follows the link sent to it."""

    email = PlainEmailField(
        label="Email baru",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    password = current_password_field(
        help_text="Agar email tidak dapat diubah orang lain lewat sesi yang lupa ditutup."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = "Email baru wajib diisi."
        self.fields["password"].error_messages["required"] = "Kata sandi saat ini wajib diisi."


class InPersonCheckFields(forms.Form):
    """The organizer's record of an in-person check, for accounts with neither a password nor
    an email (services/identity_control.py refuses it for others)."""

    in_person_check = forms.ChoiceField(
        label="Pemeriksaan langsung",
        choices=[("", "Tidak ada (akun dikonfirmasi lewat email)"), *InPersonCheck.choices],
        required=False,
        help_text="Hanya untuk akun tanpa email dan kata sandi: periksa dokumen aslinya di "
        "depan Anda. Akun lain dikonfirmasi pemiliknya lewat tautan ke emailnya.",
    )
    proof_note = forms.CharField(
        label="Catatan pemeriksaan",
        required=False,
        max_length=300,
        help_text="Misalnya nomor SK, dan siapa yang datang.",
    )

    def control_proof(self):
        """The in-person ControlProof given, or None (then the rule decides)."""
        check = self.cleaned_data.get("in_person_check")
        if not check:
            return None
        return services.ControlProof.in_person(check, self.cleaned_data.get("proof_note"))


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(
        label="Alasan", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label="Saya mengerti data pribadi saya akan dihapus dan akun tidak dapat dipakai lagi."
    )


class ParticipantAdminForm(OneMessagePerField, WagtailAdminModelForm):
    """The organizers' form: numbers and emails are cleaned as on the sign-up form. A group
    changed here takes effect from a date, as an added NIP does (services.participant_save).
    A changed email, NIP or NIK waits for its owner's confirmation by email, or, for an account
    with neither a password nor an email, takes the organizer's in-person check."""

    nip = IdentityNumberField(digits=18, label="NIP")
    nik = IdentityNumberField(digits=16, label="NIK")
    email = PlainEmailField(label="Email", required=False)
    group_since = forms.DateField(
        label="Kelompok berlaku sejak",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Hanya bila kelompok diubah (misalnya PTT diangkat PPPK). Kegiatan sejak "
        "tanggal ini ikut kelompok baru; yang sebelumnya tetap. Kosongkan bila berlaku hari ini.",
    )

    in_person_check = InPersonCheckFields.base_fields["in_person_check"]
    proof_note = InPersonCheckFields.base_fields["proof_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            # A new person's group has no "before", and a new account moves nobody's.
            for name in ("group_since", "in_person_check", "proof_note"):
                del self.fields[name]

    control_proof = InPersonCheckFields.control_proof

    def clean_group_since(self):
        since = self.cleaned_data["group_since"]
        if since and since > timezone.localdate():
            raise ValidationError(FUTURE_DATE_MESSAGE)
        return since

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("group_since") and "participant_group" not in self.changed_data:
            self.add_error("group_since", "Isi tanggal ini hanya bila kelompok peserta diubah.")
        return cleaned_data


class NewNipForm(forms.Form):
    """A NIP added to an account that had none (a PTT appointed PPPK or PNS). The meaning of the
    digits is checked by services.participant_add_nip, with the identity module's messages."""

    nip = IdentityNumberField(digits=18, label="NIP baru", required=True)
    participant_group = forms.ChoiceField(
        label="Diangkat sebagai",
        choices=[(ParticipantGroup.PPPK.value, "PPPK"), (ParticipantGroup.PNS.value, "PNS")],
        initial=ParticipantGroup.PPPK.value,
        widget=forms.RadioSelect,
    )
    effective_date = forms.DateField(
        label="Berlaku sejak (TMT)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Kosongkan bila berlaku hari ini. Kegiatan sebelum tanggal ini tetap tercatat "
        "dengan kelompok lama.",
    )

    password = current_password_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nip"].error_messages["required"] = "NIP baru wajib diisi."
        if "password" in self.fields:
            self.fields["password"].error_messages["required"] = "Kata sandi saat ini wajib diisi."

    def control_proof(self):
        return services.ControlProof.by_password(self.cleaned_data["password"])

    def clean(self):
        """Every rule of the NIP that needs no lookup, so a NIP the service would refuse anyway
        (an impossible date, a group that does not fit) is refused here, before the view
        counts a lookup (lookups.py)."""
        cleaned = super().clean()
        if not self.errors:
            try:
                check_new_nip(
                    cleaned["nip"],
                    group=cleaned.get("participant_group") or None,
                    effective_date=cleaned.get("effective_date"),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def add_to(self, participant, *, by):
        """Give `participant` the NIP through the service, which holds every rule. The
        service's Outcome (applied, or waiting for the owner's link) when it was accepted, or
        None with its refusal on the form, in Indonesian."""
        try:
            outcome = services.participant_add_nip(
                participant=participant,
                by=by,
                nip=self.cleaned_data["nip"],
                group=self.cleaned_data["participant_group"] or None,
                effective_date=self.cleaned_data["effective_date"],
                proof=self.control_proof(),
            )
        except ValidationError as error:
            self.add_error(None, error)
        except NotAllowed as refusal:
            self.add_error(None, refusal.message)
        else:
            return outcome or services.identity_control.Outcome()
        return None

    @property
    def nip_taken(self):
        return any(error.code == "nip_taken" for error in self.errors.as_data().get("nip", []))


class OrganizerNewNipForm(NewNipForm):
    """The organizer's version: the group may be left to what the NIP says; control of the
    account is shown by its owner's link, or (no password, no email) the organizer's check."""

    password = None
    in_person_check = InPersonCheckFields.base_fields["in_person_check"]
    proof_note = InPersonCheckFields.base_fields["proof_note"]
    control_proof = InPersonCheckFields.control_proof

    participant_group = forms.ChoiceField(
        label="Diangkat sebagai",
        choices=[
            ("", "Sesuai NIP"),
            (ParticipantGroup.PPPK.value, "PPPK"),
            (ParticipantGroup.PNS.value, "PNS"),
        ],
        required=False,
        # The explanation is help text: in the option it made the select wider than a phone.
        help_text="Sesuai NIP: PPPK bila digit ke-13 dan ke-14 berisi 21, selain itu PNS.",
    )


class MergeRequestForm(forms.Form):
    """A participant asks to merge their account with the one holding the NIP they tried to
    add: their own password, and the other account's password if they know it (otherwise a
    link goes to that account's email)."""

    nip = IdentityNumberField(digits=18, label="NIP", widget=forms.HiddenInput, required=True)
    password = current_password_field("Kata sandi akun ini (yang sedang Anda pakai)")
    other_password = current_password_field(
        "Kata sandi akun yang memegang NIP itu",
        required=False,
        help_text="Bila Anda lupa, kosongkan: tautan konfirmasi dikirim ke email akun itu bila "
        "ada; bila tidak ada, temui penyelenggara dengan KTP atau SK Anda.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].error_messages["required"] = "Kata sandi akun ini wajib diisi."
        self.fields["other_password"].widget.attrs["autocomplete"] = "off"


class MergeForm(forms.Form):
    """The organizer's merge: which account is kept; for an account with neither a password
    nor an email whose owner has not confirmed, the in-person check (per account)."""

    survivor = forms.TypedChoiceField(
        label="Akun yang dipertahankan",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="Sebaiknya akun yang dipakai orangnya untuk masuk (yang memiliki email dan "
        "kata sandi): kata sandi tidak pernah berpindah, dan email akun lain baru berpindah "
        "setelah pemiliknya mengonfirmasi lewat tautan.",
    )
    confirm = forms.BooleanField(
        label="Saya sudah memeriksa bahwa kedua akun milik orang yang sama. Akun lainnya akan "
        "dinonaktifkan; penggabungan tidak dapat dibatalkan."
    )

    def __init__(self, *args, accounts, in_person_for=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [
            (account.pk, f"{account} ({account.get_participant_group_display()})")
            for account in accounts
        ]
        self.in_person_for = list(in_person_for)
        for account in self.in_person_for:
            check = forms.ChoiceField(
                label=f"Pemeriksaan langsung: {account}",
                choices=[("", "Pilih yang diperiksa"), *InPersonCheck.choices],
            )
            note = forms.CharField(label=f"Catatan pemeriksaan: {account}", max_length=300)
            check.error_messages["required"] = (
                f"Akun {account} tidak memiliki email maupun kata sandi: periksa KTP/SK "
                "orangnya langsung, lalu pilih yang diperiksa."
            )
            note.error_messages["required"] = "Tulis catatan pemeriksaan."
            self.fields[f"in_person_check_{account.pk}"] = check
            self.fields[f"proof_note_{account.pk}"] = note

    def in_person(self):
        """{account pk: ControlProof} of the in-person checks recorded on this form."""
        return {
            account.pk: services.ControlProof.in_person(
                self.cleaned_data[f"in_person_check_{account.pk}"],
                self.cleaned_data[f"proof_note_{account.pk}"],
            )
            for account in self.in_person_for
        }
