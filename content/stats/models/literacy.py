"""The digital literacy index: what the task worker computes from every answer in the bank and
keeps, so that no page computes it in a request (content/stats/literacy/).

A run calibrates the items of each pillar with a Rasch model, scores every person measured on
the common scale, maps the scores to the 1-5 index and aggregates them into cells (city, agency
with its sub-agencies, ASN/PTT group, year, before/after training) with a bootstrap interval.
Screens read the latest finished run; the few runs before it are kept for comparison, older
ones deleted. Only the task worker writes these tables (services.py of content/stats/literacy).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from content.articles.pillars import Pillar
from content.base.changes import NotifyingQuerySet
from content.base.models import AnnouncedModel


class RunStatus(models.TextChoices):
    RUNNING = "berjalan", "Sedang dihitung"
    FINISHED = "selesai", "Selesai"
    FAILED = "gagal", "Gagal"


class Phase(models.TextChoices):
    """When a person was measured: before a session (its pre-test), after it (its post-test),
    the change for people measured both times, or their own view (the self-assessment)."""

    BEFORE = "sebelum", "Sebelum sosialisasi"
    AFTER = "sesudah", "Sesudah sosialisasi"
    CHANGE = "perubahan", "Perubahan (diukur dua kali)"
    SELF = "swanilai", "Swanilai"


# A cell's pillar: one of the four, or the overall index (the mean of the four).
OVERALL = ""


class LiteracyRun(models.Model):
    started_at = models.DateTimeField("mulai")
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    status = models.CharField(
        "status", max_length=12, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    # What the run read and how: enough for the PDF report's method section.
    attempts = models.PositiveIntegerField("percobaan dibaca", default=0)
    responses = models.PositiveIntegerField("jawaban dibaca", default=0)
    people = models.PositiveIntegerField("orang diukur", default=0)
    calibration_sample = models.PositiveIntegerField("percobaan untuk kalibrasi", default=0)
    bootstrap_samples = models.PositiveIntegerField("sampel bootstrap", default=0)
    seed = models.BigIntegerField("benih acak", default=0)
    method = models.TextField("metode", blank=True)
    error = models.TextField("galat", blank=True)

    class Meta:
        verbose_name = "perhitungan indeks literasi"
        verbose_name_plural = "perhitungan indeks literasi"
        ordering = ["-started_at", "-pk"]
        # Never two runs at once: a second start fails on this index (services/literacy.py).
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="berjalan"),
                name="stats_one_literacy_run_at_a_time",
            )
        ]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class ItemCalibration(models.Model):
    """One question's place on its pillar's scale, and how well the Rasch model fits it."""

    run = models.ForeignKey(LiteracyRun, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(
        "quizzes.Question", verbose_name="soal", on_delete=models.CASCADE, related_name="+"
    )
    pillar = models.CharField("pilar", max_length=12, choices=Pillar.choices)
    difficulty = models.FloatField("tingkat kesulitan (logit)")
    difficulty_se = models.FloatField("galat baku", null=True, blank=True)
    infit = models.FloatField("infit MNSQ", null=True, blank=True)
    outfit = models.FloatField("outfit MNSQ", null=True, blank=True)
    responses = models.PositiveIntegerField("jumlah jawaban")
    correct = models.PositiveIntegerField("jawaban benar")
    misfit = models.BooleanField("tidak cocok dengan model", default=False)

    class Meta:
        verbose_name = "kalibrasi soal"
        verbose_name_plural = "kalibrasi soal"
        constraints = [
            models.UniqueConstraint(fields=["run", "question"], name="stats_calibrate_item_once")
        ]

    def __str__(self):
        return f"{self.question_id}: {self.difficulty:+.2f}"


class LiteracyCell(models.Model):
    """The index of one group of people for one pillar (or overall), as the screens, the PDF
    report and open data show it. `index`, `low` and `high` are null when the small-cell rule
    withholds the cell (`suppressed`); `people` is then withheld too (null)."""

    run = models.ForeignKey(LiteracyRun, on_delete=models.CASCADE, related_name="cells")
    year = models.PositiveSmallIntegerField("tahun", null=True, blank=True)  # null: all years
    agency = models.ForeignKey(  # null: the whole city; else the agency with its sub-agencies
        "people.Agency", verbose_name="OPD", null=True, blank=True, on_delete=models.CASCADE
    )
    group = models.CharField("kelompok", max_length=8, blank=True)  # '', 'asn' or 'ptt'
    phase = models.CharField("pengukuran", max_length=12, choices=Phase.choices)
    pillar = models.CharField("pilar", max_length=12, choices=Pillar.choices, blank=True)
    people = models.PositiveIntegerField("jumlah orang", null=True, blank=True)
    index = models.FloatField("indeks", null=True, blank=True)
    low = models.FloatField("batas bawah 95%", null=True, blank=True)
    high = models.FloatField("batas atas 95%", null=True, blank=True)
    suppressed = models.BooleanField("disembunyikan", default=False)

    class Meta:
        verbose_name = "sel indeks literasi"
        verbose_name_plural = "sel indeks literasi"
        indexes = [models.Index(fields=["run", "phase", "year", "group"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(suppressed=True, index__isnull=True, people__isnull=True)
                | Q(suppressed=False, people__isnull=False),
                name="stats_literacy_cell_withheld_whole",
            )
        ]

    def __str__(self):
        return f"{self.year or 'semua'} {self.agency_id or 'kota'} {self.phase} {self.pillar}"


class PersonLiteracy(models.Model):
    """One person's score on a pillar in a year, before or after training (or their own
    self-assessment), for their profile in Akun saya; never shown to anyone else."""

    run = models.ForeignKey(LiteracyRun, on_delete=models.CASCADE, related_name="people_scores")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("tahun")
    phase = models.CharField("pengukuran", max_length=12, choices=Phase.choices)
    pillar = models.CharField("pilar", max_length=12, choices=Pillar.choices)
    score = models.FloatField("skor 1-5")
    ability = models.FloatField("kemampuan (logit)", null=True, blank=True)
    ability_se = models.FloatField("galat baku", null=True, blank=True)
    items = models.PositiveSmallIntegerField("jumlah soal", default=0)

    class Meta:
        verbose_name = "skor literasi peserta"
        verbose_name_plural = "skor literasi peserta"
        constraints = [
            models.UniqueConstraint(
                fields=["run", "participant", "year", "phase", "pillar"],
                name="stats_one_person_score_per_cell",
            )
        ]

    def __str__(self):
        return f"{self.participant_id} {self.year} {self.phase} {self.pillar}: {self.score:.2f}"


class NationalIndex(AnnouncedModel):
    """A published national figure (Indeks Literasi Digital), kept with its source: shown
    beside the city's, labelled as another instrument and population. Data migration 0004
    holds the figures the issue names; editors may add later years."""

    year = models.PositiveSmallIntegerField("tahun")
    pillar = models.CharField("pilar", max_length=12, choices=Pillar.choices, blank=True)
    value = models.DecimalField("indeks (1-5)", max_digits=3, decimal_places=2)
    source = models.CharField("sumber", max_length=300)

    objects = NotifyingQuerySet.as_manager()  # the cached index screens show it

    class Meta:
        verbose_name = "indeks literasi digital nasional"
        verbose_name_plural = "indeks literasi digital nasional"
        ordering = ["year", "pillar"]
        constraints = [
            models.UniqueConstraint(fields=["year", "pillar"], name="stats_one_national_figure")
        ]

    def __str__(self):
        return f"{self.year} {self.get_pillar_display() or 'keseluruhan'}: {self.value}"
