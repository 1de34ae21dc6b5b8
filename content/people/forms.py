from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from content.people import selectors
from content.people.identity import normalize_number
from content.people.models import ParticipantGroup, Rank, User


class RegistrationForm(forms.ModelForm):
    """Self-registration. The NIP/NIK rules live in User.clean(), shared with the admin and
    the import; uniqueness is checked here and enforced again by database constraints."""

    participant_group = forms.ChoiceField(
        label="Saya adalah", choices=ParticipantGroup.choices, widget=forms.RadioSelect
    )
    # Longer than the stored 18/16 digits: people type spaces and dots, which clean_* removes.
    nip = forms.CharField(
        label="NIP",
        max_length=40,
        required=False,
        help_text="18 digit, boleh dengan spasi. Wajib untuk ASN.",
        error_messages={"unique": "NIP ini sudah terdaftar. Silakan masuk atau atur ulang sandi."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    nik = forms.CharField(
        label="NIK",
        max_length=40,
        required=False,
        help_text="16 digit sesuai KTP. Membantu mengenali PTT/non-ASN.",
        error_messages={"unique": "NIK ini sudah terdaftar. Silakan masuk atau atur ulang sandi."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(label="Email")
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

    def clean_nip(self):
        return normalize_number(self.cleaned_data["nip"]) or None

    def clean_nik(self):
        return normalize_number(self.cleaned_data["nik"]) or None

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "Email ini sudah terdaftar. Silakan masuk atau atur ulang kata sandi."
            )
        return email

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


class ContactForm(forms.ModelForm):
    email = forms.EmailField(label="Email")

    class Meta:
        model = User
        fields = ["email", "phone", "position"]


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(
        label="Alasan (opsional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label="Saya mengerti data pribadi saya akan dihapus dan akun tidak dapat dipakai lagi."
    )


class ParticipantPasswordResetForm(PasswordResetForm):
    """Also reaches imported participants, who have no password until they set one here."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True).exclude(email="")
