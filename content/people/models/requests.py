from django.conf import settings
from django.db import models

from content.base.models import OperationalRecord


class DeletionRequest(OperationalRecord):
    """A participant's request to erase their personal data (UU 27/2022), and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Menunggu"
        DONE = "done", "Data dihapus"
        REJECTED = "rejected", "Ditolak"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        null=True,
        on_delete=models.SET_NULL,
        related_name="deletion_requests",
    )
    requester_label = models.CharField(
        "pemohon", max_length=200, help_text="Nama saat permohonan dibuat; tetap setelah dihapus."
    )
    reason = models.TextField("alasan", blank=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField("diajukan", auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diproses oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField("diproses", null=True, blank=True)
    note = models.TextField("catatan petugas", blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = "permohonan hapus data"
        verbose_name_plural = "permohonan hapus data"
        constraints = [
            # One open request per person: a doubled click does not make two.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="people_one_pending_deletion_request",
            )
        ]

    def __str__(self):
        return f"{self.requester_label} ({self.get_status_display()})"
