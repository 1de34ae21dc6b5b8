"""How a certificate looks and is numbered, and which sessions and quizzes issue it."""

import string

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from content.base.file_names import RandomName
from content.base.private_images import PrivateImageField
from content.certificates.models.choices import Orientation, PageSize, Role

BODY_PLACEHOLDERS = ("nama", "nip", "instansi", "sesi", "tanggal", "jp", "peran", "nilai")
NUMBER_PLACEHOLDERS = ("seq", "bulan", "bulan_romawi", "tahun")
NUMBER_FORMAT_HELP = "Pakai hanya {seq} (boleh {seq:03d}), {bulan}, {bulan_romawi}, {tahun}."
DEFAULT_NUMBER_FORMAT = "{seq:03d}/SERT-LD/DISKOMINFO/{bulan_romawi}/{tahun}"


def placeholders_in(text):
    """The {names} a text uses, as (name, format spec, conversion) triples."""
    return [
        (name, spec, conversion)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    ]


def check_body(text, field):
    unknown = sorted(
        {name for name, _, _ in placeholders_in(text) if name not in BODY_PLACEHOLDERS}
    )
    if unknown:
        allowed = ", ".join(f"{{{name}}}" for name in BODY_PLACEHOLDERS)
        raise ValidationError({field: f"Isian {unknown[0]!r} tidak dikenal. Pakai: {allowed}."})


def check_number_format(text):
    try:
        fields = placeholders_in(text)
    except ValueError as error:
        raise ValidationError(
            {"number_format": f"Format nomor tidak dapat dibaca: {error}."}
        ) from error
    names = [name for name, _, _ in fields]
    bad = [name for name, spec, conversion in fields if name not in NUMBER_PLACEHOLDERS]
    bad += [name for name, spec, conversion in fields if conversion or (spec and name != "seq")]
    if bad:
        raise ValidationError({"number_format": NUMBER_FORMAT_HELP})
    if "seq" not in names or "tahun" not in names:
        # Sequences restart every year: without the year, next year's 001 repeats this year's.
        raise ValidationError({"number_format": "Format nomor harus memuat {seq} dan {tahun}."})


ROLE_DEFAULTS = {
    # The name is printed large above the text: the defaults do not repeat it.
    Role.PARTICIPANT: "Telah mengikuti {sesi} yang diselenggarakan pada {tanggal} selama {jp} "
    "jam pelajaran.",
    Role.SPEAKER: "Atas kesediaannya menjadi narasumber pada {sesi}, {tanggal}.",
    Role.COMMITTEE: "Atas pengabdiannya sebagai panitia {sesi}, {tanggal}.",
}


# The signing officials' signatures and the office stamp are what a forger would need: they are
# private files of the template (content/base/private_images.py), never Wagtail images, which
# are public and in every editor's library. The background carries no secret and stays one.
MARKS_FOLDER = "certificates/templates"
# {field: the name of its preview in the admin URL (admin_preview.template_mark)}.
MARK_FIELDS = {
    "signatory_1_signature": "ttd-1",
    "signatory_2_signature": "ttd-2",
    "stamp": "stempel",
}
MARK_HELP = (
    "PNG (sebaiknya berlatar transparan) atau JPEG. Disimpan privat: tidak masuk pustaka gambar "
    "dan tidak punya alamat publik."
)


def _mark(verbose_name, help_text=MARK_HELP):
    return PrivateImageField(
        verbose_name, upload_to=RandomName(MARKS_FOLDER), blank=True, help_text=help_text
    )


def _image(verbose_name, help_text=""):
    return models.ForeignKey(
        "base.LenteraImage",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class CertificateTemplate(ClusterableModel):
    name = models.CharField("nama templat", max_length=200)
    page_size = models.CharField(
        "ukuran kertas", max_length=8, choices=PageSize.choices, default=PageSize.A4
    )
    orientation = models.CharField(
        "orientasi", max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    background = _image("latar", "JPEG atau PNG; diperkecil otomatis sebelum dicetak.")
    title = models.CharField("judul", max_length=100, default="SERTIFIKAT")
    body_participant = models.TextField(
        "teks untuk peserta",
        default=ROLE_DEFAULTS[Role.PARTICIPANT],
        help_text="Isian: {nama}, {nip}, {instansi}, {sesi}, {tanggal}, {jp}, {peran}, {nilai}.",
    )
    body_speaker = models.TextField("teks untuk narasumber", default=ROLE_DEFAULTS[Role.SPEAKER])
    body_committee = models.TextField("teks untuk panitia", default=ROLE_DEFAULTS[Role.COMMITTEE])
    issuer = models.CharField(
        "penerbit", max_length=200, default="Dinas Komunikasi dan Informatika Kota Lentera"
    )
    signatory_1_name = models.CharField("nama penanda tangan 1", max_length=200)
    signatory_1_nip = models.CharField("NIP penanda tangan 1", max_length=18, blank=True)
    signatory_1_position = models.CharField("jabatan penanda tangan 1", max_length=200)
    signatory_1_signature = _mark("tanda tangan 1")
    signatory_2_name = models.CharField("nama penanda tangan 2", max_length=200, blank=True)
    signatory_2_nip = models.CharField("NIP penanda tangan 2", max_length=18, blank=True)
    signatory_2_position = models.CharField("jabatan penanda tangan 2", max_length=200, blank=True)
    signatory_2_signature = _mark("tanda tangan 2")
    stamp = _mark("stempel", f"Opsional; dicetak di atas tanda tangan pertama. {MARK_HELP}")
    # Unique: two templates with one format would print the same number twice.
    number_format = models.CharField(
        "format nomor",
        max_length=100,
        unique=True,
        default=DEFAULT_NUMBER_FORMAT,
        help_text="Isian: {seq} (urutan per templat per tahun; {seq:03d} untuk 001), {bulan}, "
        "{bulan_romawi}, {tahun}.",
    )
    valid_years = models.PositiveSmallIntegerField(
        "berlaku (tahun)", null=True, blank=True, help_text="Kosongkan bila berlaku seterusnya."
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("page_size"), FieldPanel("orientation")]),
        FieldPanel("background"),
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldPanel("body_participant"),
                FieldPanel("body_speaker"),
                FieldPanel("body_committee"),
            ],
            heading="Teks per peran",
        ),
        FieldPanel("issuer"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("signatory_1_name"), FieldPanel("signatory_1_nip")]),
                FieldPanel("signatory_1_position"),
                FieldPanel("signatory_1_signature"),
                FieldRowPanel([FieldPanel("signatory_2_name"), FieldPanel("signatory_2_nip")]),
                FieldPanel("signatory_2_position"),
                FieldPanel("signatory_2_signature"),
                FieldPanel("stamp"),
            ],
            heading="Penanda tangan",
        ),
        FieldRowPanel([FieldPanel("number_format"), FieldPanel("valid_years")]),
        InlinePanel("session_rules", label="Sosialisasi", heading="Diterbitkan untuk sosialisasi"),
        InlinePanel("quiz_rules", label="Kuis", heading="Diterbitkan untuk kuis mandiri"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "templat sertifikat"
        verbose_name_plural = "templat sertifikat"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        for field in ("body_participant", "body_speaker", "body_committee"):
            check_body(getattr(self, field), field)
        check_number_format(self.number_format)
        if self.signatory_2_name and not self.signatory_2_position:
            raise ValidationError({"signatory_2_position": "Isi jabatan penanda tangan kedua."})

    def private_image_url(self, field_name):
        """Where the admin shows a signature or the stamp (PrivateImageInput)."""
        return reverse("certificates_template_mark", args=[self.pk, MARK_FIELDS[field_name]])

    def body_for(self, role):
        return {
            Role.PARTICIPANT: self.body_participant,
            Role.SPEAKER: self.body_speaker,
            Role.COMMITTEE: self.body_committee,
        }[role]

    @property
    def signatories(self):
        people = [(1, self.signatory_1_name), (2, self.signatory_2_name)]
        return [
            {
                "name": name,
                "nip": getattr(self, f"signatory_{n}_nip"),
                "position": getattr(self, f"signatory_{n}_position"),
                "signature": getattr(self, f"signatory_{n}_signature"),
            }
            for n, name in people
            if name
        ]


class SessionRule(Orderable):
    """A session issues this template once it is over: to participants who attended (hadir or
    terlambat) and passed its post-test if it has one (unless the session turns that off); to
    its speakers and committee when organizers issue them."""

    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="session_rules"
    )
    session = models.OneToOneField(
        "training.SessionPage",
        verbose_name="sosialisasi",
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Whether passing the post-test is required is the session's own choice
    # (SessionPage.certificate_requires_post_test, on unless turned off on purpose).
    panels = [FieldPanel("session")]

    class Meta(Orderable.Meta):
        verbose_name = "aturan sosialisasi"


class QuizRule(Orderable):
    """A self-paced quiz issues this template to those who pass it."""

    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="quiz_rules")
    quiz = models.OneToOneField(
        "quizzes.Quiz", verbose_name="kuis", on_delete=models.CASCADE, related_name="+"
    )
    training_hours = models.PositiveSmallIntegerField("jam pelajaran (JP)", default=1)

    panels = [FieldRowPanel([FieldPanel("quiz"), FieldPanel("training_hours")])]

    class Meta(Orderable.Meta):
        verbose_name = "aturan kuis"
