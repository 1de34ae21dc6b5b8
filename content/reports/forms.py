"""The public report form (/lapor/): what a report may hold, each refusal in Indonesian.

The form's token is signed (django.core.signing, its own salt) and carries the form's one-time
nonce and when the form was served: the nonce becomes the report's form_token (a doubled submit
is one report with one code), and the time gives the minimum fill time and the token's age.

Contact and consent go together: a contact is kept only with consent to be contacted, and consent
without a contact is refused too (the reporter would wait for a call that cannot come). Without
either the report is anonymous, and the tracking code on screen is the only way back to it.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from content.people.identity import normalize_number, parse_email
from content.reports.models import Kind
from content.reports.rules import codes, images, links

TOKEN_SALT = "lentera.reports.form"
# A form left open longer than this (a tab from yesterday) is served again: its token says when
# it was served, and a very old one proves nothing about who filled it.
TOKEN_MAX_AGE = datetime.timedelta(hours=6)
MAX_LINKS = 5
MAX_DESCRIPTION = 5000
MAX_CONTACT = 254
EARLIEST_SEEN = datetime.date(2000, 1, 1)

EXPIRED_MESSAGE = (
    "Formulir ini sudah terlalu lama terbuka atau tidak lagi berlaku. Muat ulang halaman "
    "(laporan belum terkirim), lalu isi dan kirim lagi."
)
TOO_FAST_MESSAGE = (
    "Formulir terkirim terlalu cepat. Periksa kembali isian Anda, pilih lagi tangkapan layarnya "
    "bila ada, lalu tekan Kirim laporan sekali lagi."
)
NOTHING_TO_SEE_MESSAGE = "Isi minimal satu tautan unggahan atau lampirkan satu tangkapan layar."
CONSENT_WITHOUT_CONTACT_MESSAGE = (
    "Anda mencentang bersedia dihubungi, tetapi belum mengisi email atau nomor telepon. Isi "
    "kontak Anda, atau hapus centangnya untuk melapor tanpa identitas."
)
CONTACT_WITHOUT_CONSENT_MESSAGE = (
    "Kami hanya menyimpan kontak Anda bila Anda bersedia dihubungi. Centang persetujuan di bawah, "
    "atau kosongkan kolom kontak untuk melapor tanpa identitas."
)
CONTACT_MESSAGE = (
    "Isi alamat email (misalnya nama@contoh.com) atau nomor telepon Indonesia (misalnya "
    "0812 3456 7890 atau +62 812 3456 7890)."
)
FILES_AGAIN = "Pilih lagi tangkapan layar Anda: berkas tidak ikut terkirim ulang."


# The token ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormToken:
    nonce: str
    served_at: datetime.datetime


def token_issue(now=None):
    """A new signed token for a form served at `now`."""
    now = now or timezone.now()
    return signing.dumps({"n": codes.new_form_token(), "t": int(now.timestamp())}, salt=TOKEN_SALT)


def token_read(text):
    """The FormToken `text` carries, or None if it is not one this site signed."""
    try:
        payload = signing.loads(text or "", salt=TOKEN_SALT)
        nonce, served = payload["n"], payload["t"]
    except (signing.BadSignature, TypeError, KeyError, ValueError):
        return None
    if not isinstance(nonce, str) or not isinstance(served, int) or len(nonce) > 64:
        return None
    return FormToken(nonce, datetime.datetime.fromtimestamp(served, tz=datetime.UTC))


def token_refusal(token, now=None):
    """Why a form with `token` cannot be taken now (an Indonesian message), or None."""
    now = now or timezone.now()
    if token is None or now - token.served_at > TOKEN_MAX_AGE:
        return EXPIRED_MESSAGE
    if now - token.served_at < datetime.timedelta(seconds=settings.REPORT_MIN_FILL_SECONDS):
        return TOO_FAST_MESSAGE
    return None


# Fields -------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ScreenshotsField(forms.FileField):
    """Up to MAX_SCREENSHOTS images, each checked by its content and re-encoded
    (rules/images.py): the cleaned value is a tuple of KeptImage."""

    widget = MultipleFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"})

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            uploads = [item for item in data if item]
        else:
            uploads = [data] if data else []
        if len(uploads) > images.MAX_SCREENSHOTS:
            raise ValidationError(
                f"Lampirkan paling banyak {images.MAX_SCREENSHOTS} tangkapan layar."
            )
        kept, errors = [], []
        for number, upload in enumerate(uploads, start=1):
            name = f"Tangkapan layar ke-{number}"
            if getattr(upload, "size", 0) > images.MAX_BYTES:
                errors.append(
                    images.TOO_MANY_BYTES.format(
                        name=name, limit=images.megabytes(images.MAX_BYTES)
                    )
                )
                continue
            try:
                kept.append(images.keep(upload.read(images.MAX_BYTES + 1), name=name))
            except images.ScreenshotRefused as refused:
                errors.append(str(refused))
        if errors:
            raise ValidationError(errors)
        return tuple(kept)


@dataclass(frozen=True)
class ShownLink:
    url: str
    domain: str
    platform: str


def parse_links(text):
    """The links in `text` (one a line, blank lines skipped, duplicates once), or a
    ValidationError naming each bad line."""
    lines = [unicodedata.normalize("NFKC", line).strip() for line in (text or "").splitlines()]
    found, errors = [], []
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        problem = _link_problem(line)
        if problem:
            errors.append(f"Baris {number}: {problem}")
        elif line not in found:
            found.append(line)
    if errors:
        raise ValidationError(errors)
    if len(found) > MAX_LINKS:
        raise ValidationError(f"Isi paling banyak {MAX_LINKS} tautan, satu per baris.")
    return found


def _link_problem(line):
    if len(line) > links.MAX_LINK_LENGTH:
        return f"tautan lebih dari {links.MAX_LINK_LENGTH} karakter."
    if re.search(r"\s", line):
        return "satu baris hanya boleh berisi satu tautan, tanpa spasi."
    try:
        parts = urlsplit(line)
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        return "tautan tidak dapat dibaca."
    if parts.scheme.lower() not in ("http", "https"):
        return "tautan harus diawali http:// atau https://."
    if not host or "." not in host.strip("."):
        return "tautan tidak memuat nama situs (misalnya facebook.com)."
    if parts.username or parts.password:
        return "tautan tidak boleh memuat nama pengguna atau kata sandi."
    return None


def shown_links(urls):
    """Each link with the domain and platform it was recognised as, to show it back."""
    return [ShownLink(url, links.domain_of(url), links.platform_of(url).label) for url in urls]


def parse_phone(text):
    """An Indonesian phone number in one spelling (+62 and the national number, digits only),
    from 0812-3456-7890, +62 812 3456 7890, 62812..., (021) 555 1234; None if it is none."""
    digits = normalize_number(text).replace("(", "").replace(")", "")
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("62"):
            return None
        digits = digits[2:]
    elif digits.startswith("62"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    else:
        return None
    if not re.fullmatch(r"[2-9][0-9]{7,11}", digits, re.ASCII):
        return None
    return f"+62{digits}"


@dataclass(frozen=True)
class Contact:
    email: str = ""
    phone: str = ""

    @property
    def key(self):
        return self.email or self.phone


def parse_contact(text):
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return Contact()
    if "@" in text:
        return Contact(email=parse_email(text))
    phone = parse_phone(text)
    if phone is None:
        raise ValidationError(CONTACT_MESSAGE, code="invalid")
    return Contact(phone=phone)


# The form -----------------------------------------------------------------------------------


class ReportForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    # The honeypot: hidden from people (the `hidden` wrapper in the template), filled by bots.
    website = forms.CharField(required=False, label="Situs web", max_length=200)
    kind = forms.ChoiceField(
        label="Apa yang ingin Anda laporkan?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Pilih jenis laporan.",
            "invalid_choice": "Pilih jenis laporan.",
        },
    )
    links = forms.CharField(
        label="Tautan unggahan",
        required=False,
        max_length=MAX_LINKS * (links.MAX_LINK_LENGTH + 2),
        widget=forms.Textarea(
            attrs={"rows": 3, "inputmode": "url", "autocapitalize": "off", "spellcheck": "false"}
        ),
        help_text=(
            f"Satu tautan per baris, paling banyak {MAX_LINKS}. Salin dari tombol Bagikan "
            "di aplikasinya. Kami tidak membuka tautan ini dari server."
        ),
    )
    seen_at = forms.DateField(
        label="Kapan Anda melihatnya?",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Isi tanggal dengan benar, misalnya 17-08-2026."},
    )
    description = forms.CharField(
        label="Apa isinya?",
        required=False,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "Ringkas isi unggahan atau pesan yang Anda terima, dan mengapa Anda melaporkannya."
        ),
    )
    screenshots = ScreenshotsField(
        label="Tangkapan layar",
        required=False,
        help_text=(
            f"Paling banyak {images.MAX_SCREENSHOTS} gambar (PNG, JPEG, WebP, atau GIF), "
            f"masing-masing paling besar {images.megabytes(images.MAX_BYTES)} MB. Data lokasi "
            "dan kamera di dalam berkas dihapus."
        ),
    )
    contact = forms.CharField(
        label="Email atau nomor telepon",
        required=False,
        max_length=MAX_CONTACT,
        widget=forms.TextInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        help_text=(
            "Boleh dikosongkan. Hanya dilihat petugas aduan, tidak pernah diteruskan ke pihak "
            "lain. Bila email diisi, kode pelacakan juga kami kirim ke sana."
        ),
    )
    consent = forms.BooleanField(label="", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = settings.REPORT_CONTACT_RETENTION_DAYS
        self.fields["consent"].label = (
            "Saya bersedia dihubungi petugas tentang laporan ini. Kontak saya disimpan sampai "
            f"{days} hari setelah laporan selesai ditangani, lalu dihapus."
        )
        self.fields["links"].error_messages["max_length"] = (
            f"Isi paling banyak {MAX_LINKS} tautan, satu per baris."
        )
        self.fields["description"].error_messages["max_length"] = (
            f"Isi paling banyak {MAX_DESCRIPTION} karakter."
        )
        self.fields["contact"].error_messages["max_length"] = CONTACT_MESSAGE

    @classmethod
    def shown_again(cls, data):
        """The form as it was filled, not validated (nothing decoded, no field errors): for a
        report refused as a whole (its token, its size)."""
        kept = ("kind", "links", "seen_at", "description", "contact", "consent")
        return cls(initial={name: data.get(name) for name in kept if data.get(name)})

    @property
    def is_honeypot_hit(self):
        return bool((self.data.get("website") or "").strip())

    def clean_links(self):
        return parse_links(self.cleaned_data.get("links"))

    def clean_seen_at(self):
        seen = self.cleaned_data.get("seen_at")
        if seen is not None and seen > timezone.localdate():
            raise ValidationError("Tanggal dilihat tidak boleh setelah hari ini.")
        if seen is not None and seen < EARLIEST_SEEN:
            raise ValidationError("Periksa tahunnya: tanggal ini terlalu lama.")
        return seen

    def clean_contact(self):
        return parse_contact(self.cleaned_data.get("contact"))

    def clean(self):
        cleaned = super().clean()
        both_read = "links" in cleaned and "screenshots" in cleaned
        if both_read and not cleaned["links"] and not cleaned["screenshots"]:
            raise ValidationError(NOTHING_TO_SEE_MESSAGE, code="nothing")
        contact = cleaned.get("contact")
        if contact is not None:
            if cleaned.get("consent") and not contact.key:
                self.add_error("consent", CONSENT_WITHOUT_CONTACT_MESSAGE)
            elif contact.key and not cleaned.get("consent"):
                self.add_error("contact", CONTACT_WITHOUT_CONSENT_MESSAGE)
        return cleaned

    def seen_moment(self):
        """The date seen, as the model keeps it: that day's start in the site's time zone."""
        seen = self.cleaned_data.get("seen_at")
        if seen is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(seen, datetime.time()))

    def recognised_links(self):
        """The links as typed, with their platforms, for showing back (valid or not yet)."""
        source = self.data if self.is_bound else self.initial
        try:
            return shown_links(parse_links(source.get("links", "")))
        except ValidationError:
            return []
