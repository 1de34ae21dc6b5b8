"""Training's part in people's account merges and group changes, registered with people when
the app is ready (apps.py). The writes are training's services (services/merging.py: what
moves, what is kept, seats freed); here only what one account holds, for the merge screen."""

from content.people.merging import register_merge_handler
from content.people.regrouping import register_group_change_handler
from content.training.models import Attendance, Registration
from content.training.models.choices import AttendanceStatus, RegistrationStatus
from content.training.services.merging import training_records_merge, training_records_restamp


def training_records(user):
    """What one account holds, for the merge screen: its registrations and attendance."""
    registrations = Registration.objects.filter(participant=user)
    attendance = Attendance.objects.filter(participant=user)
    attended = attendance.filter(status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE])
    active = registrations.exclude(status=RegistrationStatus.CANCELLED)
    return [
        ("Pendaftaran sosialisasi", f"{registrations.count()} ({active.count()} aktif)"),
        ("Kehadiran", f"{attendance.count()} ({attended.count()} hadir)"),
    ]


register_merge_handler(
    "training", training_records_merge, title="Sosialisasi", records=training_records
)
register_group_change_handler("training", training_records_restamp)
