from content.stats.models.literacy import (
    OVERALL,
    ItemCalibration,
    LiteracyCell,
    LiteracyRun,
    NationalIndex,
    PersonLiteracy,
    Phase,
    RunStatus,
)
from content.stats.models.records import (
    AgencyHeadcount,
    OpenDataFile,
    OpenDataRelease,
    PublishedRecordError,
)
from content.stats.models.summary import (
    SUMMARY_SCOPE,
    AttemptCell,
    AttendanceCell,
    PersonDay,
    RegistrationCell,
    SummaryState,
    summary_generation,
    summary_is_current,
)

__all__ = [
    "OVERALL",
    "SUMMARY_SCOPE",
    "AttemptCell",
    "AttendanceCell",
    "PersonDay",
    "RegistrationCell",
    "SummaryState",
    "summary_generation",
    "summary_is_current",
    "AgencyHeadcount",
    "ItemCalibration",
    "LiteracyCell",
    "LiteracyRun",
    "NationalIndex",
    "OpenDataFile",
    "OpenDataRelease",
    "PersonLiteracy",
    "Phase",
    "PublishedRecordError",
    "RunStatus",
]
