from django.conf import settings
from django.db import models

from content.base.models import ChangeLogRecord


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
