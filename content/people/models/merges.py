from django.conf import settings
from django.db import models

from content.base.models import ChangeLogRecord, OperationalRecord
from content.people.models.changes import Proof


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
    """A request to merge two accounts of one person, and the proof that the person controls
    each of them. A participant makes one when the NIP they add is held by another account
    (services.merge_request_create: their own password, and the other account's password or a
    link to its email); an organizer makes one from the merge screen, which sends a link to
    each account's email. Organizers see it on the duplicates screen; a merge of the two
    accounts closes it, and a merge needs both sides proven (or, for an account with neither a
    password nor an email, the organizer's recorded in-person check)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Menunggu"
        DONE = "done", "Sudah digabungkan"
        CANCELLED = "cancelled", "Ditolak pemilik akun"

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
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diajukan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # How control of each account was shown, and when; blank while it has not been.
    requester_proof = models.CharField(
        "bukti kendali akun pemohon", max_length=10, choices=Proof.choices, blank=True
    )
    requester_confirmed_at = models.DateTimeField("akun pemohon terbukti", null=True, blank=True)
    other_proof = models.CharField(
        "bukti kendali akun lain", max_length=10, choices=Proof.choices, blank=True
    )
    other_confirmed_at = models.DateTimeField("akun lain terbukti", null=True, blank=True)

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

    def confirmed_at_for(self, user):
        """When control of `user`'s account (one of the two) was shown, or None."""
        if user.pk == self.requester_id:
            return self.requester_confirmed_at
        if user.pk == self.other_id:
            return self.other_confirmed_at
        return None

    def link_open(self, side):
        """Whether a link for `side` ("pemohon" or "lain") may still be followed."""
        if self.status != self.Status.PENDING:
            return False
        confirmed = self.requester_confirmed_at if side == "pemohon" else self.other_confirmed_at
        return confirmed is None

    def proof_for(self, user):
        if user.pk == self.requester_id:
            return self.requester_proof
        return self.other_proof if user.pk == self.other_id else ""
