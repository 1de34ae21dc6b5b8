"""The question bank: questions by topic, each with its options and an explanation."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from content.articles.models.fact_checks import FactCheckPage, Verdict
from content.articles.pillars import Indicator, Pillar
from content.quizzes.models.choices import MultipleScoring, QuestionKind

# A fact-check's cover may print its verdict ("[HOAKS] ..."); participants see a question's
# picture before they answer.
COVER_REFUSED = (
    "Gambar ini adalah gambar utama cek fakta dan dapat memuat labelnya. Pilih gambar klaim yang "
    "netral, tanpa label atau kesimpulan."
)


class Question(index.Indexed, ClusterableModel):
    topic = models.ForeignKey(
        "articles.Topic", verbose_name="topik", on_delete=models.PROTECT, related_name="questions"
    )
    kind = models.CharField(
        "jenis", max_length=12, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    text = models.TextField(
        "pertanyaan", help_text="Untuk soal Hoaks atau Fakta?, tulis klaim yang beredar."
    )
    # What the question measures, for the digital literacy index (stats): a pillar and, within
    # it, optionally one of the national framework's sub-indicators.
    pillar = models.CharField(
        "pilar literasi digital", max_length=12, choices=Pillar.choices, blank=True
    )
    indicator = models.CharField(
        "subindikator", max_length=24, choices=Indicator.choices, blank=True
    )
    image = models.ForeignKey(
        "base.LenteraImage",
        verbose_name="gambar",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Opsional, misalnya tangkapan layar klaim.",
    )
    scoring = models.CharField(
        "penilaian pilihan ganda",
        max_length=8,
        choices=MultipleScoring.choices,
        default=MultipleScoring.ALL_REQUIRED,
        help_text="Nilai sebagian: setiap jawaban benar menambah, setiap jawaban salah "
        "mengurangi, paling rendah nol.",
    )
    # The answer of the kinds whose options are always the same.
    statement_is_true = models.BooleanField(
        "pernyataan benar?", null=True, blank=True, help_text="Untuk soal Benar atau salah."
    )
    verdict = models.CharField(
        "label yang benar",
        max_length=16,
        choices=Verdict.choices,
        blank=True,
        help_text="Untuk soal Hoaks atau Fakta?.",
    )
    explanation = models.TextField(
        "penjelasan",
        blank=True,
        help_text="Ditampilkan setelah kuis selesai, bila diizinkan; untuk tes sosialisasi, "
        "setelah semua tes yang memuat soal ini ditutup.",
    )
    # Long enough for any page's full URL (slugs alone may be 255 characters).
    source_url = models.URLField("tautan penjelasan", max_length=500, blank=True)
    fact_check = models.OneToOneField(
        "articles.FactCheckPage",
        verbose_name="dari cek fakta",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The first time a participant was shown this question's correct answer (a review, see
    # selectors.answer_key_seals): from then on the answer may be known to anyone, and a quiz
    # asking it in a new session warns its organizer. Never cleared.
    answer_shown_at = models.DateTimeField(
        "jawaban pertama kali ditampilkan", null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diperbarui", auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("topic"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("pillar"), FieldPanel("indicator")]),
        FieldPanel("text"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("statement_is_true"), FieldPanel("verdict"), FieldPanel("scoring")],
            heading="Jawaban",
        ),
        InlinePanel(
            "options",
            label="Pilihan jawaban",
            heading="Pilihan jawaban (untuk pilihan tunggal dan ganda)",
        ),
        FieldPanel("explanation"),
        FieldPanel("source_url"),
    ]
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("topic"),
        index.FilterField("kind"),
        index.FilterField("pillar"),
    ]

    class Meta:
        ordering = ["topic", "pk"]
        verbose_name = "soal"
        verbose_name_plural = "bank soal"
        permissions = [("import_question", "Dapat mengimpor soal")]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    @property
    def has_fixed_options(self):
        return self.kind in (QuestionKind.TRUE_FALSE, QuestionKind.HOAX_OR_FACT)

    def clean(self):
        super().clean()
        if self.kind == QuestionKind.TRUE_FALSE and self.statement_is_true is None:
            raise ValidationError({"statement_is_true": "Pilih apakah pernyataan ini benar."})
        if self.kind == QuestionKind.HOAX_OR_FACT and not self.verdict:
            raise ValidationError({"verdict": "Pilih label yang benar untuk klaim ini."})
        if self.image_id and FactCheckPage.objects.filter(listing_image=self.image_id).exists():
            raise ValidationError({"image": COVER_REFUSED})


class Option(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField("pilihan", max_length=500)
    is_correct = models.BooleanField("benar", default=False)
    # What the browser sees instead of the id: random, so it says nothing of which option is
    # correct (ids follow the order the author typed, which often starts with the answer).
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    panels = [FieldRowPanel([FieldPanel("text"), FieldPanel("is_correct")])]

    class Meta(Orderable.Meta):
        verbose_name = "pilihan jawaban"
        verbose_name_plural = "pilihan jawaban"

    def __str__(self):
        return self.text
