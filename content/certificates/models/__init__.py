from content.certificates.models.choices import (
    Orientation,
    PageSize,
    Role,
    VerificationResult,
)
from content.certificates.models.records import (
    BulkIssue,
    Certificate,
    NumberSequence,
    VerificationLookup,
)
from content.certificates.models.templates import CertificateTemplate, QuizRule, SessionRule

__all__ = [
    "BulkIssue",
    "Certificate",
    "CertificateTemplate",
    "NumberSequence",
    "Orientation",
    "PageSize",
    "QuizRule",
    "Role",
    "SessionRule",
    "VerificationLookup",
    "VerificationResult",
]
