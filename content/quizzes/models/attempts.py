"""Attempts: one participant taking one quiz, in one context (a session's pre- or post-test, or
self-paced), with one row per question holding the order shown and the answer saved."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from content.base.models import OperationalRecord
from content.quizzes.models.choices import AttemptStatus, Purpose
from content.training.models.records import AtTheTime


def _unique_per_context(fields, name, condition=None):
    """A uniqueness rule over (quiz, participant, session, purpose, *fields) that also holds for
    self-paced attempts, whose session is NULL (NULLs never collide in a plain unique index)."""
    condition = condition or Q()
    return [
        models.UniqueConstraint(
            fields=["quiz", "participant", "session", "purpose", *fields],
            condition=condition & Q(session__isnull=False),
            name=f"{name}_in_session",
        ),
        models.UniqueConstraint(
            fields=["quiz", "participant", "purpose", *fields],
            condition=condition & Q(session__isnull=True),
            name=f"{name}_self_paced",
        ),
    ]


class Attempt(AtTheTime, OperationalRecord):
    # In URLs instead of the id: attempts of others cannot be counted or guessed.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    quiz = models.ForeignKey(
        "quizzes.Quiz", verbose_name="kuis", on_delete=models.PROTECT, related_name="attempts"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="peserta",
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    session = models.ForeignKey(
        "training.SessionPage",
        verbose_name="sosialisasi",
        null=True,
        blank=True,
        # As its registrations and attendance do, a deleted session takes its tests' attempts.
        on_delete=models.CASCADE,
        related_name="+",
    )
    purpose = models.CharField("jenis", max_length=8, choices=Purpose.choices)
    number = models.PositiveSmallIntegerField("percobaan ke-")
    status = models.CharField(
        "status", max_length=12, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    # Draws the questions and orders questions and options: the same attempt always shows the
    # same paper, and the draw can be reproduced from it.
    seed = models.BigIntegerField("benih acak")
    started_at = models.DateTimeField("mulai")
    deadline = models.DateTimeField("batas waktu", null=True, blank=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    points = models.DecimalField("poin", max_digits=7, decimal_places=3, null=True, blank=True)
    max_points = models.PositiveSmallIntegerField("poin maksimum")
    score = models.DecimalField("nilai", max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField("lulus", null=True, blank=True)

    class Meta:
        verbose_name = "percobaan kuis"
        verbose_name_plural = "percobaan kuis"
        ordering = ["-started_at", "pk"]
        constraints = [
            # Starting twice at once makes one attempt, not two with the same number...
            *_unique_per_context(["number"], "quizzes_attempt_number"),
            # ...and a participant has at most one attempt open per quiz and context.
            *_unique_per_context(
                [], "quizzes_one_open_attempt", Q(status=AttemptStatus.IN_PROGRESS)
            ),
            # Pre- and post-tests belong to a session; self-paced attempts to none.
            models.CheckConstraint(
                condition=Q(purpose=Purpose.SELF_PACED, session__isnull=True)
                | Q(purpose__in=[Purpose.PRE, Purpose.POST], session__isnull=False),
                name="quizzes_attempt_session_matches_purpose",
            ),
            # A finished attempt has its time and score, within 0-100.
            models.CheckConstraint(
                condition=Q(status=AttemptStatus.IN_PROGRESS)
                | Q(finished_at__isnull=False, score__gte=0, score__lte=100, passed__isnull=False),
                name="quizzes_finished_attempt_is_scored",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return f"{self.participant} - {self.quiz} ({self.get_purpose_display()})"

    @property
    def is_open(self):
        return self.status == AttemptStatus.IN_PROGRESS

    @property
    def is_finished(self):
        return not self.is_open

    @property
    def judged(self):
        """A pre-test measures what people knew before: its score is shown without a pass or
        fail (the pass flag is still stored, for statistics)."""
        return self.purpose != Purpose.PRE


class Answer(OperationalRecord):
    """One question of an attempt: where it was shown, in which option order, what was chosen
    and, once the attempt is finished, what it earned."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField("nomor")
    question = models.ForeignKey(
        "quizzes.Question", verbose_name="soal", on_delete=models.PROTECT, related_name="+"
    )
    # Option ids in the order shown, and the ids chosen (empty until answered).
    option_order = models.JSONField(default=list)
    chosen = models.JSONField(default=list)
    answered_at = models.DateTimeField("dijawab", null=True, blank=True)
    # Between 0 and 1; set when the attempt is scored.
    points = models.DecimalField("poin", max_digits=4, decimal_places=3, null=True, blank=True)

    class Meta:
        verbose_name = "jawaban"
        verbose_name_plural = "jawaban"
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="quizzes_answer_position"),
            models.UniqueConstraint(fields=["attempt", "question"], name="quizzes_answer_question"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0, points__lte=1),
                name="quizzes_answer_points_between_0_and_1",
            ),
        ]

    @property
    def is_correct(self):
        return self.points is not None and self.points == 1
