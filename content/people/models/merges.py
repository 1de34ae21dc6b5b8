from django.conf import settings
from django.db import models

from content.base.models import ChangeLogRecord, OperationalRecord


class MergeRecord(ChangeLogRecord):
    """Two accounts of one person made into one: who merged them, when, and what moved.

    The merged account (the loser) stays, deactivated and without identifiers, so the records
    that still point at it and this log keep their meaning. One merge per loser: the unique
    constraint makes a doubled or concurrent request fail instead of merging twice.
    """

    survivor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="akun yang dipertahankan",
        on_delete=models.PROTECT,
        related_name="merges_received",
    )
    loser = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="akun yang digabungkan",
        on_delete=models.PROTECT,
        related_name="merged_into",
    )
    # Names as they were at the merge: the loser's is no longer shown anywhere else.
    survivor_label = models.CharField("dipertahankan", max_length=200)
    loser_label = models.CharField("digabungkan", max_length=200)
    # JSON-ready: the identifiers (masked) that moved, and per app what moved and was dropped.
    summary = models.JSONField("ringkasan", default=dict)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = "penggabungan akun"
        verbose_name_plural = "penggabungan akun"

    def __str__(self):
        return f"{self.loser_label} → {self.survivor_label}"


class MergeRequest(OperationalRecord):
    """A participant's request to merge their account with the one that already holds their
    NIP (services.merge_request_create); organizers see it on the duplicates screen, and a
    merge of the two accounts closes it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Menunggu"
        DONE = "done", "Sudah digabungkan"

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pemohon",
        on_delete=models.CASCADE,
        related_name="merge_requests",
    )
    other = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="akun lain",
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField("diajukan", auto_now_add=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = "permintaan penggabungan akun"
        verbose_name_plural = "permintaan penggabungan akun"
        constraints = [
            # A doubled click does not make two requests.
            models.UniqueConstraint(
                fields=["requester", "other"],
                condition=models.Q(status="pending"),
                name="people_one_pending_merge_request",
            )
        ]

    def __str__(self):
        return f"{self.requester} ↔ {self.other}"
