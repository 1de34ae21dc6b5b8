"""A self-assessment (swanilai): short Likert statements, 1 (sangat tidak setuju) to 5 (sangat
setuju), each about one pillar of digital literacy, some worded the other way round. An
organizer attaches one to a session's pre-test, so each participant gives a self-assessment
and a knowledge score per pillar before the session.

There is no right answer, so it is not a quiz: no attempts, no scores, nothing to hide before
submission. A participant answers once per session (unique response), all statements at once.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from content.articles.pillars import Pillar
from content.base.models import OperationalRecord

LIKERT_LOW, LIKERT_HIGH = 1, 5


class SelfAssessment(ClusterableModel):
    title = models.CharField("judul", max_length=200)
    instructions = models.TextField(
        "petunjuk",
        blank=True,
        help_text="Ditampilkan di atas pernyataan, misalnya: tidak ada jawaban benar atau salah.",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diperbarui", auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("instructions"),
        InlinePanel("statements", label="Pernyataan", min_num=1),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = "swanilai literasi digital"
        verbose_name_plural = "swanilai literasi digital"

    def __str__(self):
        return self.title


class Statement(Orderable):
    assessment = ParentalKey(SelfAssessment, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField("pernyataan", max_length=300)
    pillar = models.CharField("pilar", max_length=12, choices=Pillar.choices)
    # "Saya sering membagikan pesan tanpa membaca isinya": agreeing means less literacy, so the
    # rating counts as 6 - rating (content/quizzes/likert.py).
    reversed = models.BooleanField(
        "pernyataan terbalik",
        default=False,
        help_text="Centang bila setuju berarti literasi lebih rendah; nilainya dibalik.",
    )

    panels = [FieldPanel("text"), FieldRowPanel([FieldPanel("pillar"), FieldPanel("reversed")])]

    class Meta(Orderable.Meta):
        verbose_name = "pernyataan swanilai"
        verbose_name_plural = "pernyataan swanilai"

    def __str__(self):
        return self.text


class SelfAssessmentResponse(OperationalRecord):
    """One participant's answers to a session's self-assessment, given once."""

    assessment = models.ForeignKey(
        SelfAssessment, verbose_name="swanilai", on_delete=models.PROTECT, related_name="responses"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="peserta",
        on_delete=models.CASCADE,
        related_name="self_assessments",
    )
    session = models.ForeignKey(
        "training.SessionPage",
        verbose_name="sosialisasi",
        on_delete=models.CASCADE,
        related_name="+",
    )
    submitted_at = models.DateTimeField("dikirim")

    class Meta:
        verbose_name = "jawaban swanilai"
        verbose_name_plural = "jawaban swanilai"
        ordering = ["-submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "session"], name="quizzes_one_self_assessment_per_session"
            )
        ]

    def __str__(self):
        return f"{self.participant} - {self.assessment}"


class Rating(OperationalRecord):
    response = models.ForeignKey(
        SelfAssessmentResponse, on_delete=models.CASCADE, related_name="ratings"
    )
    statement = models.ForeignKey(
        Statement, verbose_name="pernyataan", on_delete=models.PROTECT, related_name="ratings"
    )
    value = models.PositiveSmallIntegerField(
        "nilai", validators=[MinValueValidator(LIKERT_LOW), MaxValueValidator(LIKERT_HIGH)]
    )

    class Meta:
        verbose_name = "nilai pernyataan"
        verbose_name_plural = "nilai pernyataan"
        constraints = [
            models.UniqueConstraint(
                fields=["response", "statement"], name="quizzes_rate_statement_once"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=LIKERT_LOW, value__lte=LIKERT_HIGH),
                name="quizzes_rating_on_likert_scale",
            ),
        ]
