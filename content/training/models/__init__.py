from content.training.models.pages import (
    SessionIndexPage,
    SessionMaterial,
    SessionMode,
    SessionPage,
    SessionSpeaker,
    TargetGroup,
)
from content.training.models.records import (
    Attendance,
    AttendanceCorrection,
    AttendanceMethod,
    AttendanceStatus,
    Registration,
    RegistrationStatus,
    SessionState,
)

__all__ = [
    "Attendance",
    "AttendanceCorrection",
    "AttendanceMethod",
    "AttendanceStatus",
    "SessionState",
    "Registration",
    "RegistrationStatus",
    "SessionIndexPage",
    "SessionMaterial",
    "SessionMode",
    "SessionPage",
    "SessionSpeaker",
    "TargetGroup",
]
