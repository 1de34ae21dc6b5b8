"""The words of the quiz domain, as choices, apart from the models so that scoring, rules and
selectors can use them without importing the models."""

from django.db import models


class QuestionKind(models.TextChoices):
    SINGLE = "tunggal", "Pilihan ganda (satu jawaban benar)"
    MULTIPLE = "ganda", "Pilihan ganda kompleks (lebih dari satu jawaban benar)"
    TRUE_FALSE = "benar_salah", "Benar atau salah"
    HOAX_OR_FACT = "hoaks_fakta", "Hoaks atau Fakta?"


class MultipleScoring(models.TextChoices):
    ALL_REQUIRED = "semua", "Benar hanya bila semua jawaban benar dipilih"
    PARTIAL = "sebagian", "Nilai sebagian"


class Layout(models.TextChoices):
    ONE_PER_SCREEN = "satu", "Satu soal per layar"
    ALL_ON_ONE_PAGE = "semua", "Semua soal dalam satu halaman"


class Review(models.TextChoices):
    """What a participant sees after finishing, as Moodle's review options let authors choose."""

    SCORE = "nilai", "Nilai saja"
    ANSWERS = "jawaban", "Nilai dan jawaban yang benar"
    EXPLANATIONS = "penjelasan", "Nilai, jawaban yang benar, dan penjelasan"


class Purpose(models.TextChoices):
    PRE = "pre", "Pre-test"
    POST = "post", "Post-test"
    SELF_PACED = "mandiri", "Latihan mandiri"


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "berjalan", "Sedang dikerjakan"
    SUBMITTED = "selesai", "Selesai"
    TIMED_OUT = "waktu_habis", "Ditutup karena waktu habis"


# The route under a session page for each of its tests: <session>/pre-test/, <session>/post-test/.
SESSION_TEST_ROUTES = {Purpose.PRE: "pre-test", Purpose.POST: "post-test"}
