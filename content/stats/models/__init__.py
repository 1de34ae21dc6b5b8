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

__all__ = [
    "OVERALL",
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
