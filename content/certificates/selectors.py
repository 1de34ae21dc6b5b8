"""Reads for certificates: verification by code or by uploaded file, and the holder's own."""

import datetime
import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, F, FilteredRelation, OuterRef, Q
from django.utils import timezone

from content.certificates import codes, documents, rules, signing, uploaded_pdf
from content.certificates.models import (
    Certificate,
    QuizRule,
    Role,
    SessionRule,
    VerificationResult,
)
from content.people.erasure import identifier_traces
from content.quizzes import selectors as quiz_selectors
from content.quizzes.contexts import Context
from content.quizzes.models import Attempt, AttemptStatus, Purpose, SessionTest
from content.quizzes.models.choices import SESSION_TEST_ROUTES
from content.training import rules as training_rules
from content.training import selectors as training_selectors
from content.training.models import Attendance, Registration, SessionPage
from content.training.models.choices import ATTENDED_STATUSES, RegistrationStatus

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
    # Read with bounded counts in a child process; raises NotAllowed for a file too complex.
    signature = uploaded_pdf.signature_report(data)
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


def claimable_sessions(user, *, now=None):
    """Sessions whose certificate the person may take now (rules.session_certificate_missing
    finds nothing missing) and has not yet."""
    return [state.session for state in pending_sessions(user, now=now) if state.certificate_ready]


def _certificate_sessions(user):
    """Sessions that issue certificates where the person holds a seat or was recorded present,
    newest first."""
    seated = Registration.objects.filter(
        participant=user, status=RegistrationStatus.REGISTERED
    ).values("session_id")
    attended = Attendance.objects.filter(participant=user, status__in=ATTENDED_STATUSES).values(
        "session_id"
    )
    return SessionPage.objects.filter(
        Q(pk__in=seated) | Q(pk__in=attended), pk__in=SessionRule.objects.values("session_id")
    ).order_by("-date", "-start_time", "-pk")


def pending_sessions(user, *, certificates=None, now=None):
    """The person's ParticipantStates in sessions whose certificate they may still get: they
    attended, or hold a seat in one not over yet, and have no certificate of it. Each says
    whether it is ready, and if not what is missing and when it will be."""
    states = session_states(user, _certificate_sessions(user), now=now, certificates=certificates)
    return [
        state
        for state in states.values()
        if state.certificate is None and (state.attended or (state.has_seat and not state.is_over))
    ]


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
    Five queries: the certificates, the sessions they may still get one of (with their tests and
    attempts: session_states), and the quizzes they may still claim."""
    target = settings.YEARLY_TRAINING_HOURS_TARGET
    certificates = owned_by(user)
    hours = training_hours_in(certificates, timezone.localdate().year)
    return {
        "certificates": certificates,
        "pending": pending_sessions(user, certificates=certificates),
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


# A participant's state in sessions: the session page and Akun saya ------------------------------
#
# The one place that says where a person stands in a session: registered or not, checked in at
# what time, which tests they did with what score, and whether the certificate is theirs to take,
# and if not, what is missing and when it will be ready (rules.session_certificate_missing, the
# rule certificate_issue applies). A fixed number of queries for any number of sessions. Never
# rendered into a shared page: the session page shows it through a personal part.


@dataclass(frozen=True)
class TestState:
    purpose: str
    label: str  # "Pre-test"
    url: str
    now: datetime.datetime
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    is_open: bool
    best: Attempt | None  # the best finished attempt
    in_progress: Attempt | None
    attempts_left: bool

    @property
    def done(self):
        return self.best is not None

    @property
    def not_yet_open(self):
        return self.opens_at is not None and self.now < self.opens_at

    @property
    def closed(self):
        return self.closes_at is not None and self.now >= self.closes_at

    @property
    def may_start(self):
        """Offered as a link: open, nothing under way, and an attempt left (a retake only
        while not passed)."""
        if not self.is_open or self.in_progress is not None or not self.attempts_left:
            return False
        return self.best is None or not self.best.passed


@dataclass(frozen=True)
class ParticipantState:
    """A person's state in one session at `now`."""

    session: SessionPage
    now: datetime.datetime
    registration_status: str | None
    attendance_status: str | None
    checked_in_at: datetime.datetime | None
    checkin_open: bool
    closed_at: datetime.datetime | None
    tests: tuple = ()
    issues_certificate: bool = False
    certificate: Certificate | None = None
    missing: tuple = ()

    @property
    def over_at(self):
        return training_rules.over_at(self.session, self.closed_at)

    @property
    def is_over(self):
        return self.now >= self.over_at

    @property
    def has_started(self):
        return self.now >= self.session.starts_at

    @property
    def attended(self):
        return self.attendance_status in ATTENDED_STATUSES

    @property
    def has_seat(self):
        return self.registration_status == RegistrationStatus.REGISTERED

    @property
    def participation(self):
        """(key, label): the person's part in the session as it stands."""
        return training_selectors.participation(
            self.session,
            registration_status=self.registration_status,
            attendance_status=self.attendance_status,
            closed_at=self.closed_at,
            now=self.now,
        )

    @property
    def takes_part(self):
        return self.attended or self.has_seat

    @property
    def post_test(self):
        return next((test for test in self.tests if test.purpose == Purpose.POST), None)

    @property
    def certificate_ready(self):
        """The certificate can be taken now (it has not been yet)."""
        return self.issues_certificate and self.certificate is None and not self.missing

    @property
    def waits_only_for_the_end(self):
        return [item.key for item in self.missing] == ["session_end"]

    @property
    def missing_keys(self):
        return {item.key for item in self.missing}


def _own(name, user_id):
    return FilteredRelation(name, condition=Q(**{f"{name}__participant_id": user_id}))


def _sessions_for(user, sessions):
    """`sessions` (a SessionPage queryset) in one query with the person's registration and
    attendance, the session's closing and check-in state, and whether it issues certificates."""
    return (
        sessions.select_related("state")
        .annotate(
            own_registration=_own("registrations", user.pk),
            own_attendance=_own("attendances", user.pk),
        )
        .annotate(
            own_registration_status=F("own_registration__status"),
            own_attendance_status=F("own_attendance__status"),
            own_checked_in_at=F("own_attendance__checked_in_at"),
            issues_certificate=Exists(SessionRule.objects.filter(session_id=OuterRef("pk"))),
        )
    )


def _best_finished(attempts):
    """The attempt a test's result is: the highest score, the earliest of equals."""
    finished = [a for a in attempts if a.status != AttemptStatus.IN_PROGRESS]
    return min(finished, key=lambda a: (-(a.score or 0), a.finished_at), default=None)


def _test_states(session, tests, attempts, now):
    states = []
    for test in sorted(tests, key=lambda t: t.purpose != Purpose.PRE):
        opens_at, closes_at = test.window
        mine = [a for a in attempts if a.purpose == test.purpose and a.quiz_id == test.quiz_id]
        best = _best_finished(mine)
        limit = test.quiz.max_attempts
        context = Context(
            quiz=test.quiz, purpose=test.purpose, opens_at=opens_at, closes_at=closes_at
        )
        states.append(
            TestState(
                purpose=test.purpose,
                label=Purpose(test.purpose).label,
                url=session.url + session.reverse_subpage(f"{test.purpose}_test"),
                now=now,
                opens_at=opens_at,
                closes_at=closes_at,
                is_open=quiz_selectors.is_open(context, now=now),
                best=best,
                in_progress=next((a for a in mine if a.status == AttemptStatus.IN_PROGRESS), None),
                attempts_left=limit is None or len(mine) < limit,
            )
        )
    return tuple(states)


def session_states(user, sessions, *, now=None, certificates=None):
    """{session id: ParticipantState} of `user` in `sessions` (a SessionPage queryset), in four
    queries whatever their number (three when the person's `certificates` are given)."""
    now = now or timezone.now()
    rows = list(_sessions_for(user, sessions))
    ids = [session.pk for session in rows]
    tests = list(
        SessionTest.objects.filter(
            session_id__in=ids, purpose__in=list(SESSION_TEST_ROUTES)
        ).select_related("quiz")
    )
    attempts = list(
        Attempt.objects.filter(participant=user, session_id__in=ids).only(
            "session_id", "quiz_id", "purpose", "status", "score", "passed", "finished_at"
        )
    )
    if certificates is None:
        certificates = Certificate.objects.filter(
            participant=user, session_id__in=ids, role=Role.PARTICIPANT
        )
    by_session = {
        c.session_id: c for c in certificates if c.session_id and c.role == Role.PARTICIPANT
    }
    states = {}
    for session in rows:
        state = getattr(session, "state", None) if _has_state(session) else None
        own_tests = _test_states(
            session,
            [t for t in tests if t.session_id == session.pk],
            [a for a in attempts if a.session_id == session.pk],
            now,
        )
        closed_at = state.closed_at if state else None
        post = next((t for t in own_tests if t.purpose == Purpose.POST), None)
        facts = rules.SessionCertificateFacts(
            over_at=training_rules.over_at(session, closed_at),
            attended=session.own_attendance_status in ATTENDED_STATUSES,
            post_test_required=post is not None and session.certificate_requires_post_test,
            post_test_passed=bool(post and post.best and post.best.passed),
        )
        states[session.pk] = ParticipantState(
            session=session,
            now=now,
            registration_status=session.own_registration_status,
            attendance_status=session.own_attendance_status,
            checked_in_at=session.own_checked_in_at,
            checkin_open=bool(state and state.checkin_open),
            closed_at=closed_at,
            tests=own_tests,
            issues_certificate=session.issues_certificate,
            certificate=by_session.get(session.pk),
            missing=tuple(rules.session_certificate_missing(facts, now=now)),
        )
    return states


def _has_state(session):
    try:
        session.state  # noqa: B018 (read through select_related; absent when never opened)
    except SessionPage.state.RelatedObjectDoesNotExist:
        return False
    return True


def session_state_by_id(user, session_id, *, now=None):
    """`user`'s ParticipantState in the session with this id (None for a visitor, or no such
    session): the session page's."""
    if not user.is_authenticated:
        return None
    return session_states(user, SessionPage.objects.filter(pk=session_id), now=now).get(session_id)


def certificate_facts(session, participant):
    """The facts certificate_issue decides a participant's session certificate on."""
    states = session_states(participant, SessionPage.objects.filter(pk=session.pk))
    state = states.get(session.pk)
    post = state.post_test if state else None
    return rules.SessionCertificateFacts(
        over_at=state.over_at,
        attended=state.attended,
        post_test_required=post is not None and session.certificate_requires_post_test,
        post_test_passed=bool(post and post.best and post.best.passed),
    ), (post.best if post else None)


def certificate_facts_for(session, participants):
    """{participant id: (facts, best post-test attempt)} for many participants of one session:
    what certificate_facts gives one of them, in four queries whatever their number (the
    session's closing, their attendance, the post-test, their attempts at it). The bulk issue
    decides a chunk of attendees on it (services/issuing.py, certificates_issue_for_session)."""
    ids = [participant.pk for participant in participants]
    over_at = training_selectors.over_at(session)
    attended = set(
        Attendance.objects.filter(
            session=session, participant_id__in=ids, status__in=ATTENDED_STATUSES
        ).values_list("participant_id", flat=True)
    )
    post = (
        SessionTest.objects.filter(session=session, purpose=Purpose.POST)
        .only("session_id", "quiz_id", "purpose")
        .first()
    )
    attempts = {}
    if post is not None:
        for attempt in Attempt.objects.filter(
            participant_id__in=ids, session=session, quiz_id=post.quiz_id, purpose=Purpose.POST
        ).only("participant_id", "quiz_id", "purpose", "status", "score", "passed", "finished_at"):
            attempts.setdefault(attempt.participant_id, []).append(attempt)
    required = post is not None and session.certificate_requires_post_test
    found = {}
    for participant_id in ids:
        best = _best_finished(attempts.get(participant_id, ())) if post is not None else None
        facts = rules.SessionCertificateFacts(
            over_at=over_at,
            attended=participant_id in attended,
            post_test_required=required,
            post_test_passed=bool(best and best.passed),
        )
        found[participant_id] = (facts, best)
    return found
