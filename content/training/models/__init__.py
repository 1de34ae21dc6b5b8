from content.training.models.choices import (
    AttendanceMethod,
    AttendanceStatus,
    RegistrationStatus,
    SessionMode,
    TargetGroup,
)
from content.training.models.pages import (
    SessionIndexPage,
    SessionMaterial,
    SessionPage,
    SessionSpeaker,
)
from content.training.models.records import (
    Attendance,
    AttendanceCorrection,
    Registration,
    SessionState,
)

__all__ = [
    "Attendance",
    "AttendanceCorrection",
    "AttendanceMethod",
    "AttendanceStatus",
    "Registration",
    "RegistrationStatus",
    "SessionIndexPage",
    "SessionMaterial",
    "SessionMode",
    "SessionPage",
    "SessionSpeaker",
    "SessionState",
    "TargetGroup",
]
