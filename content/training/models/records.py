"""Operational records of a session: registrations, attendance and its corrections.

These are plain Django models, not page content: they change during the event and must never
wait for a page revision to be published.
"""

from django.conf import settings
from django.db import models

from content.base.models import ChangeLogRecord, OperationalRecord
from content.people.models import ParticipantGroup
from content.training.models.choices import (
    AttendanceMethod,
    AttendanceStatus,
    RegistrationStatus,
)


class SessionState(OperationalRecord):
    """Per-session state that is not page content: whether check-in is open.

    Also the row that registrations lock (select_for_update) so that seats are counted one
    request at a time.
    """

    session = models.OneToOneField(
        "training.SessionPage",
        verbose_name="sosialisasi",
        on_delete=models.CASCADE,
        related_name="state",
    )
    checkin_opened_at = models.DateTimeField("presensi dibuka", null=True, blank=True)
    checkin_opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="presensi dibuka oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checkin_closed_at = models.DateTimeField("presensi ditutup", null=True, blank=True)
    # "Tutup sesi": the organizer ends the session before its planned end (its certificates
    # may then be issued). Closing after the planned end changes nothing.
    closed_at = models.DateTimeField("sesi ditutup", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="sesi ditutup oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self):
        return f"Status {self.session}"

    @property
    def checkin_open(self):
        return self.checkin_opened_at is not None and self.checkin_closed_at is None


class AtTheTime(models.Model):
    """The participant's agency and group when the record was made. Statistics per agency read
    these, so they do not change when someone later moves to another agency."""

    agency = models.ForeignKey(
        "people.Agency",
        verbose_name="OPD saat itu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    participant_group = models.CharField(
        "kelompok saat itu", max_length=8, choices=ParticipantGroup.choices, blank=True
    )

    class Meta:
        abstract = True

    @staticmethod
    def fields_for(participant):
        return {
            "agency_id": participant.agency_id,
            "participant_group": participant.participant_group,
        }

    def note_participant(self, participant):
        for name, value in self.fields_for(participant).items():
            setattr(self, name, value)


class Registration(AtTheTime, OperationalRecord):
    session = models.ForeignKey(
        "training.SessionPage",
        verbose_name="sosialisasi",
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="peserta",
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField("status", max_length=12, choices=RegistrationStatus.choices)
    # When the person last asked for a seat: the waiting list is served in this order.
    requested_at = models.DateTimeField("waktu daftar")
    updated_at = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        verbose_name = "pendaftaran"
        verbose_name_plural = "pendaftaran"
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="training_one_registration_per_person"
            )
        ]
        indexes = [models.Index(fields=["session", "status", "requested_at"])]

    def __str__(self):
        return f"{self.participant} - {self.session}"

    @property
    def has_seat(self):
        return self.status == RegistrationStatus.REGISTERED

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_active(self):
        return self.has_seat or self.is_waiting


class Attendance(AtTheTime, OperationalRecord):
    session = models.ForeignKey(
        "training.SessionPage",
        verbose_name="sosialisasi",
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="peserta",
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField("status", max_length=12, choices=AttendanceStatus.choices)
    method = models.CharField("cara presensi", max_length=8, choices=AttendanceMethod.choices)
    checked_in_at = models.DateTimeField("waktu presensi")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    override_reason = models.CharField(
        "alasan pengecualian",
        max_length=200,
        blank=True,
        help_text="Diisi bila petugas mencatat kehadiran di luar aturan (sesi belum mulai, "
        "peserta di luar sasaran).",
    )

    class Meta:
        verbose_name = "kehadiran"
        verbose_name_plural = "kehadiran"
        ordering = ["checked_in_at", "pk"]
        constraints = [
            # One attendance per person per session, however many times they scan.
            models.UniqueConstraint(
                fields=["session", "participant"], name="training_one_attendance_per_person"
            )
        ]
        indexes = [
            # "Did this registered person come?" (statistics, per registration) answered from
            # the index alone, without reading each attendance row for its status.
            models.Index(
                fields=["session", "participant", "status"], name="training_attendance_came"
            )
        ]
        permissions = [("import_attendance", "Dapat mengimpor daftar hadir")]

    def __str__(self):
        return f"{self.participant} - {self.get_status_display()}"


class AttendanceCorrection(ChangeLogRecord):
    """Every change an organizer makes to an attendance status: who, when, from what to what."""

    attendance = models.ForeignKey(
        Attendance, verbose_name="kehadiran", on_delete=models.CASCADE, related_name="corrections"
    )
    old_status = models.CharField("status lama", max_length=12, choices=AttendanceStatus.choices)
    new_status = models.CharField("status baru", max_length=12, choices=AttendanceStatus.choices)
    reason = models.CharField("alasan", max_length=200, blank=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = "koreksi kehadiran"
        verbose_name_plural = "koreksi kehadiran"

    def __str__(self):
        return f"{self.get_old_status_display()} → {self.get_new_status_display()}"
