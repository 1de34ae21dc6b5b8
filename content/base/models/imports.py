import uuid

from django.conf import settings
from django.db import models

from content.base import times
from content.base.models.records import OperationalRecord


class ImportJob(OperationalRecord):
    """One spreadsheet import, from upload to its last step. The task worker checks and
    applies it (see import_jobs.py); the admin page shows its progress and then its preview."""

    class Status(models.TextChoices):
        CHECKING = "checking", "Sedang diperiksa"
        CHECKED = "checked", "Sudah diperiksa"
        APPLYING = "applying", "Sedang diimpor"
        DONE = "done", "Selesai"
        FAILED = "failed", "Gagal"
        EXPIRED = "expired", "Kedaluwarsa"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    flow = models.CharField(max_length=60)
    # Where the uploaded file waits in the default storage; empty once it is deleted.
    file = models.CharField(max_length=255, blank=True)
    options = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)
    ok = models.BooleanField(default=False)
    summary = models.TextField(blank=True)
    # The first rows with errors: [{"number": 12, "label": "Siti", "errors": ["..."]}].
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    # A refusal or the final message, shown as it is.
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "impor"
        verbose_name_plural = "impor"
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return (
            f"{self.flow} {times.wib(self.created_at, 'Y-m-d H.i')} ({self.get_status_display()})"
        )

    @property
    def in_progress(self):
        return self.status in (self.Status.CHECKING, self.Status.APPLYING)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0
