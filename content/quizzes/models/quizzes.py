"""A quiz: which questions, how they are shown, when it is open and what follows it."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from content.base.changes import NotifyingQuerySet
from content.base.models import AnnouncedModel
from content.quizzes.models.choices import Layout, Purpose, Review


class Quiz(index.Indexed, ClusterableModel, AnnouncedModel):
    title = models.CharField("judul", max_length=200)
    slug = models.SlugField(
        "slug", max_length=100, unique=True, help_text="Alamat latihan mandiri: /kuis/<slug>/."
    )
    instructions = models.TextField("petunjuk", blank=True)
    topic = models.ForeignKey(
        "articles.Topic",
        verbose_name="topik",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quizzes",
    )
    layout = models.CharField(
        "tampilan", max_length=8, choices=Layout.choices, default=Layout.ONE_PER_SCREEN
    )
    shuffle_questions = models.BooleanField("acak urutan soal", default=False)
    shuffle_options = models.BooleanField("acak urutan pilihan", default=True)
    pass_mark = models.PositiveSmallIntegerField(
        "nilai lulus (%)", default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        "batas waktu (menit)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Kosongkan bila tanpa batas waktu.",
    )
    max_attempts = models.PositiveSmallIntegerField(
        "jumlah percobaan",
        null=True,
        blank=True,
        default=1,
        validators=[MinValueValidator(1)],
        help_text="Kosongkan bila tidak dibatasi.",
    )
    opens_at = models.DateTimeField("dibuka", null=True, blank=True)
    closes_at = models.DateTimeField(
        "ditutup",
        null=True,
        blank=True,
        help_text="Juga waktu tutup tes sosialisasi yang tidak punya waktu tutup sendiri.",
    )
    review = models.CharField(
        "setelah selesai, peserta melihat",
        max_length=12,
        choices=Review.choices,
        default=Review.EXPLANATIONS,
        help_text="Nilai selalu langsung ditampilkan. Jawaban yang benar dan penjelasan soal "
        "tes sosialisasi baru ditampilkan setelah semua tes yang memuat soal itu ditutup.",
    )
    picked_draw_count = models.PositiveSmallIntegerField(
        "ambil acak dari soal pilihan",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Misalnya 10 dari 30 soal pilihan: setiap peserta mendapat 10 soal acak yang "
        "berbeda. Kosongkan bila semua soal pilihan dipakai.",
    )
    collects_fact_checks = models.BooleanField(
        "soal dari cek fakta masuk otomatis",
        default=False,
        help_text="Soal Hoaks atau Fakta? dari setiap cek fakta yang diterbitkan sesudahnya "
        "ditambahkan ke soal pilihan kuis ini.",
    )
    self_paced = models.BooleanField(
        "terbuka untuk latihan mandiri",
        default=False,
        help_text="Peserta yang masuk dapat mengerjakannya di /kuis/<slug>/.",
    )
    featured = models.BooleanField("tampilkan di beranda", default=False)
    articles = ParentalManyToManyField(
        "articles.ArticlePage",
        verbose_name="materi terkait",
        blank=True,
        help_text="Materi ini menampilkan tautan 'Uji pemahaman Anda' ke kuis ini.",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diperbarui", auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("topic"),
        FieldPanel("instructions"),
        # Drawing comes first: for a session test it is the choice that keeps a key seen by one
        # participant from serving the next (see selectors.answer_key_seals).
        InlinePanel(
            "draws",
            label="Soal acak",
            heading="Soal acak dari bank soal (disarankan untuk pre-test dan post-test)",
            help_text="Setiap peserta mendapat soal acak yang berbeda dari topik yang dipilih, "
            "sehingga jawaban yang pernah dilihat satu peserta tidak berlaku untuk peserta lain. "
            "Pilih topik yang berisi jauh lebih banyak soal daripada jumlah yang diambil.",
        ),
        MultiFieldPanel(
            [
                InlinePanel("picked", label="Soal pilihan"),
                FieldPanel("picked_draw_count"),
                FieldPanel("collects_fact_checks"),
            ],
            heading="Soal dipilih satu per satu",
        ),
        MultiFieldPanel(
            [
                FieldPanel("layout"),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
                FieldRowPanel(
                    [
                        FieldPanel("pass_mark"),
                        FieldPanel("time_limit_minutes"),
                        FieldPanel("max_attempts"),
                    ]
                ),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("review"),
            ],
            heading="Pengaturan",
        ),
        MultiFieldPanel(
            [FieldPanel("self_paced"), FieldPanel("featured"), FieldPanel("articles")],
            heading="Latihan mandiri",
        ),
        InlinePanel("session_tests", label="Sosialisasi", heading="Dipakai di sosialisasi"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    objects = NotifyingQuerySet.as_manager()  # cached session pages show the tests

    class Meta:
        ordering = ["title"]
        verbose_name = "kuis"
        verbose_name_plural = "kuis"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Waktu tutup harus setelah waktu buka."})


class PickedQuestion(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="picked")
    question = models.ForeignKey(
        "quizzes.Question", verbose_name="soal", on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quizzes_pick_once")
        ]


class QuestionDraw(Orderable):
    """N questions drawn at random from a topic, again for every attempt."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draws")
    topic = models.ForeignKey(
        "articles.Topic", verbose_name="topik", on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveSmallIntegerField(
        "jumlah soal", validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    panels = [FieldRowPanel([FieldPanel("topic"), FieldPanel("count")])]


class SessionTest(Orderable, AnnouncedModel):
    """A quiz used as a session's pre-test or post-test. The session page links it at
    <session>/pre-test/ or <session>/post-test/ while it is open."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="session_tests")
    session = models.ForeignKey(
        "training.SessionPage",
        verbose_name="sosialisasi",
        on_delete=models.CASCADE,
        related_name="+",
    )
    purpose = models.CharField(
        "sebagai",
        max_length=8,
        choices=[(Purpose.PRE, Purpose.PRE.label), (Purpose.POST, Purpose.POST.label)],
    )
    opens_at = models.DateTimeField(
        "dibuka", null=True, blank=True, help_text="Kosongkan untuk memakai waktu kuis."
    )
    closes_at = models.DateTimeField(
        "ditutup",
        null=True,
        blank=True,
        help_text="Kosongkan untuk memakai waktu kuis. Jawaban yang benar ditampilkan setelah "
        "semua tes yang memuat soalnya ditutup; tanpa waktu tutup, jawaban tidak ditampilkan.",
    )

    # Answered just before a pre-test: each participant's own view of their literacy per pillar
    # beside the knowledge the test measures (models/self_assessment.py).
    self_assessment = models.ForeignKey(
        "quizzes.SelfAssessment",
        verbose_name="swanilai sebelum pre-test",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="session_tests",
        help_text="Hanya untuk pre-test: peserta mengisi swanilai literasi digital sebelum "
        "mengerjakan soal.",
    )

    panels = [
        FieldRowPanel([FieldPanel("session"), FieldPanel("purpose")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("self_assessment"),
    ]

    objects = NotifyingQuerySet.as_manager()  # cached session pages show the tests

    class Meta(Orderable.Meta):
        verbose_name = "tes sosialisasi"
        verbose_name_plural = "tes sosialisasi"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "purpose"], name="quizzes_one_test_per_session_and_purpose"
            ),
            models.CheckConstraint(
                condition=Q(self_assessment__isnull=True) | Q(purpose=Purpose.PRE),
                name="quizzes_self_assessment_only_before_pre_test",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} {self.session}"

    @property
    def window(self):
        """When the test can be taken: its own times, else the quiz's."""
        return (self.opens_at or self.quiz.opens_at, self.closes_at or self.quiz.closes_at)

    def clean(self):
        super().clean()
        if self.self_assessment_id and self.purpose != Purpose.PRE:
            raise ValidationError(
                {"self_assessment": "Swanilai hanya dapat dipasang pada pre-test."}
            )
