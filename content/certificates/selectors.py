"""Reads for certificates: verification by code or by uploaded file, and the holder's own."""

import datetime
import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from content.certificates import codes, documents, signing
from content.certificates.models import (
    Certificate,
    QuizRule,
    SessionRule,
    VerificationResult,
)
from content.people.erasure import identifier_traces
from content.quizzes.models import Attempt
from content.training.models import Attendance
from content.training.models.choices import ATTENDED_STATUSES

# An unfinished bulk issue that has not moved for this long lost its worker: a worker stopped
# mid-task leaves its task "running" in the queue for ever. A chunk of certificates takes
# seconds, so ten minutes of silence is never merely a slow job.
STALLED_AFTER = datetime.timedelta(minutes=10)
CLAIM = re.compile(re.escape(documents.CLAIM_PREFIX.encode()) + rb"([0-9A-Z]{32})")


@dataclass(frozen=True)
class Verification:
    result: str  # a VerificationResult
    certificate: Certificate | None = None
    # For an uploaded file: what pyHanko found of the office's signature on it.
    signature: signing.SignatureCheck | None = None

    @property
    def found(self):
        return self.certificate is not None


def is_stalled(bulk, *, now=None):
    return bulk.unfinished and bulk.moved_at < (now or timezone.now()) - STALLED_AFTER


def status_of(certificate, *, now=None):
    now = now or timezone.now()
    if certificate.is_revoked:
        return VerificationResult.REVOKED
    if certificate.expires_at and certificate.expires_at <= now:
        return VerificationResult.EXPIRED
    return VerificationResult.VALID


def _verifiable():
    # The holder's account says whether their personal data was erased.
    return Certificate.objects.select_related("template", "session", "participant")


def by_code(text):
    """One query whatever was typed, so an unknown and a malformed code take the same path."""
    # A malformed code looks up a value no code can have: the same query as an unknown one.
    code = codes.normalize(text) or "-"
    certificate = _verifiable().filter(code=code).first()
    if certificate is None:
        return Verification(VerificationResult.UNKNOWN)
    return Verification(status_of(certificate), certificate)


def by_upload(data):
    """Is this file a certificate we issued, unchanged? Its SHA-256 must be one we stored; a
    file that names one of our certificates but differs from it was altered."""
    digest = hashlib.sha256(data).hexdigest()
    certificate = _verifiable().filter(pdf_sha256=digest).first()
    signature = signing.signature_check(data)
    if certificate is not None:
        return Verification(status_of(certificate), certificate, signature)
    claim = CLAIM.search(data)
    claimed = _verifiable().filter(code=claim.group(1).decode()).first() if claim else None
    if claimed is not None:
        return Verification(VerificationResult.ALTERED, claimed, signature)
    return Verification(VerificationResult.UNKNOWN, None, signature)


def nip_checkable(certificate):
    """Whether a verifier can match a typed NIP against this certificate: it was issued with a
    NIP and its holder's data has not been erased."""
    return bool(certificate.holder_nip) and not certificate.holder_erased


def nip_matches(certificate, typed):
    """Whether `typed` (already in canonical digits) is the NIP printed on the certificate.
    The public page never shows any digit of it: a NIP is a birth date, an appointment month,
    a gender and a sequence number, and each digit shown is one less to guess."""
    if not nip_checkable(certificate):
        return False
    return hmac.compare_digest(certificate.holder_nip.encode(), typed.encode())


def holder_traces(accounts):
    """(names, other traces) the certificates of these accounts hold of their person: the name
    and NIP as printed at issue, which may differ from the account's today."""
    names, traces = set(), set()
    for name, nip in Certificate.objects.filter(participant__in=accounts).values_list(
        "holder_name", "holder_nip"
    ):
        names.add(name)
        traces |= {nip, *identifier_traces(nip=nip)}
    return names, traces


def claimable_sessions(user):
    """Sessions that issue certificates where the person attended and has none yet."""
    attended = Attendance.objects.filter(participant=user, status__in=ATTENDED_STATUSES).values(
        "session_id"
    )
    issued = Certificate.objects.filter(participant=user, session__isnull=False).values(
        "session_id"
    )
    rules = (
        SessionRule.objects.filter(session_id__in=attended)
        .exclude(session_id__in=issued)
        .select_related("session")
        .order_by("-session__date")
    )
    return [rule.session for rule in rules]


def claimable_quizzes(user):
    """Self-paced quizzes with a certificate that the person passed and has none of yet."""
    passed = Attempt.objects.filter(participant=user, session__isnull=True, passed=True).values(
        "quiz_id"
    )
    issued = Certificate.objects.filter(participant=user, quiz__isnull=False).values("quiz_id")
    rules = (
        QuizRule.objects.filter(quiz_id__in=passed)
        .exclude(quiz_id__in=issued)
        .select_related("quiz")
        .order_by("quiz__title")
    )
    return [rule.quiz for rule in rules]


def owned_by(user):
    return list(
        Certificate.objects.filter(participant=user)
        .select_related("session")
        .order_by("-issued_at")
    )


def training_hours_in(certificates, year):
    """JP earned in a year: certificates of events that year, revoked ones not counted."""
    return sum(
        certificate.training_hours
        for certificate in certificates
        if certificate.event_date.year == year and not certificate.is_revoked
    )


def account_summary(user):
    """Akun saya: the person's certificates and their JP this year against the yearly target.
    Three queries: the certificates, and the sessions and quizzes they may still claim."""
    target = settings.YEARLY_TRAINING_HOURS_TARGET
    certificates = owned_by(user)
    hours = training_hours_in(certificates, timezone.localdate().year)
    return {
        "certificates": certificates,
        "claimable": claimable_sessions(user),
        "claimable_quizzes": claimable_quizzes(user),
        "hours": hours,
        "target": target,
        "percent": min(100, round(100 * hours / target)) if target else 100,
        "year": timezone.localdate().year,
    }


def export_for(user):
    return [
        {
            "nomor": certificate.number,
            "kode_verifikasi": codes.grouped(certificate.code),
            "peran": certificate.get_role_display(),
            "kegiatan": certificate.event_title,
            "tanggal_kegiatan": certificate.event_date.isoformat(),
            "jp": certificate.training_hours,
            "nilai": str(certificate.score) if certificate.score is not None else None,
            "diterbitkan": certificate.issued_at.isoformat(),
            "dicabut": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
            "alasan_pencabutan": certificate.revoked_reason or None,
        }
        for certificate in owned_by(user)
    ]
