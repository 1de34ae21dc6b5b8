"""Figures for the dashboard and reports, from the records of training, quizzes and
certificates, filtered by a StatsFilter (filters.py). Every function answers in a fixed number
of queries whatever the amount of data.

Definitions (the README repeats them for readers of the reports):
- a session is *held* when at least one matching person attended it (hadir or terlambat);
- *participants reached*: distinct people who attended at least once;
- *attendance rate*: of the registrations (not waitlisted or cancelled), the share whose person
  attended; walk-ins, who never registered, do not count either way;
- *quiz completion*: finished attempts / attempts started; *pass rate*: passed / finished, over
  post-tests and self-paced quizzes (a pre-test measures where people start: nobody passes it);
- *normalised gain* (Hake): (average post-test − average pre-test) / (100 − average pre-test);
- *certificates*: issued and not revoked, for the matching sessions' attendees (and, without a
  session filter, for self-paced quizzes taken in the period);
- *training hours (JP) delivered*: the session's JP for every attendance.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Case, Count, Exists, Max, OuterRef, Q, Sum, When
from django.utils import timezone

from content.certificates.models import Certificate
from content.people.models import ParticipantGroup
from content.people.models.users import ASN_GROUPS
from content.quizzes.models import Attempt, Purpose
from content.quizzes.models.choices import AttemptStatus
from content.stats.models import (
    AttemptCell,
    AttendanceCell,
    PersonDay,
    RegistrationCell,
    summary_is_current,
)
from content.training.models import Attendance, Registration, SessionPage
from content.training.models.choices import ATTENDED_STATUSES, RegistrationStatus


def sessions(stats_filter):
    found = SessionPage.objects.all()
    if stats_filter.start:
        found = found.filter(date__gte=stats_filter.start)
    if stats_filter.end:
        found = found.filter(date__lte=stats_filter.end)
    if stats_filter.topic:
        found = found.filter(topic=stats_filter.topic)
    if stats_filter.session:
        found = found.filter(pk=stats_filter.session.pk)
    return found


def of_agencies_and_group(records, stats_filter):
    """Records of the filter's agencies and group: anything with `agency` and
    `participant_group` (AtTheTime records, as they were then; people, as they are now)."""
    if stats_filter.agency is not None:
        records = records.filter(agency_id__in=stats_filter.agency_ids)
    if stats_filter.group:
        records = records.filter(participant_group__in=stats_filter.groups)
    return records


def attendances(stats_filter):
    """Attendances that count as attended, in the filter's sessions, agencies and group."""
    found = Attendance.objects.filter(
        status__in=ATTENDED_STATUSES, session__in=sessions(stats_filter)
    )
    return of_agencies_and_group(found, stats_filter)


def registrations(stats_filter):
    found = Registration.objects.filter(
        status=RegistrationStatus.REGISTERED, session__in=sessions(stats_filter)
    )
    return of_agencies_and_group(found, stats_filter)


def attempts(stats_filter):
    """Attempts at the filter's sessions' tests and, without a session filter, at self-paced
    quizzes started in the period (on the filter's topic)."""
    in_sessions = Q(session__in=sessions(stats_filter))
    if stats_filter.session is None:
        self_paced = Q(session__isnull=True, purpose=Purpose.SELF_PACED)
        # Bounds as instants, not started_at::date, so an index on started_at can serve them.
        if stats_filter.start:
            self_paced &= Q(started_at__gte=_start_of(stats_filter.start))
        if stats_filter.end:
            self_paced &= Q(started_at__lt=_start_of(stats_filter.end + datetime.timedelta(1)))
        if stats_filter.topic:
            self_paced &= Q(quiz__topic=stats_filter.topic)
        in_sessions |= self_paced
    return of_agencies_and_group(Attempt.objects.filter(in_sessions), stats_filter)


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def certificates(stats_filter):
    attended = attendances(stats_filter).filter(
        session=OuterRef("session"), participant=OuterRef("participant")
    )
    # The session filter stands outside the EXISTS too, so the database starts from the
    # filter's sessions' certificates instead of probing every certificate ever issued.
    for_sessions = Q(session__in=sessions(stats_filter)) & Exists(attended)
    if stats_filter.session is None:
        passed = attempts(stats_filter).filter(
            quiz=OuterRef("quiz"), participant=OuterRef("participant"), passed=True
        )
        for_sessions |= Q(quiz__isnull=False) & Exists(passed)
    return Certificate.objects.filter(for_sessions, revoked_at__isnull=True)


@dataclass(frozen=True)
class Headline:
    sessions_held: int
    participants: int
    attendances: int
    asn: int
    ptt: int
    registered: int
    registered_attended: int
    attempts_started: int
    attempts_finished: int
    attempts_assessed: int
    attempts_passed: int
    pre_average: Decimal | None
    post_average: Decimal | None
    certificates: int
    training_hours: int

    @property
    def attendance_rate(self):
        return _share(self.registered_attended, self.registered)

    @property
    def completion_rate(self):
        return _share(self.attempts_finished, self.attempts_started)

    @property
    def pass_rate(self):
        return _share(self.attempts_passed, self.attempts_assessed)

    @property
    def normalised_gain(self):
        """Hake's gain of the averages, from 0 (nothing learnt) to 1 (all that was missing)."""
        if self.pre_average is None or self.post_average is None or self.pre_average >= 100:
            return None
        gain = (self.post_average - self.pre_average) / (Decimal(100) - self.pre_average)
        return gain.quantize(Decimal("0.01"))


def _share(part, whole):
    """A percentage with one decimal, or None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))


def _average(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def headline(stats_filter):
    """The dashboard's headline figures: from the summary tables while they are current (six
    queries), otherwise from the records (four queries; one more when a summary exists)."""
    if summary_serves(stats_filter):
        return _headline_from_summary(stats_filter)
    return _headline_from_records(stats_filter)


def summary_serves(stats_filter):
    """Whether the summary tables answer this filter: they are current (one query) and the
    filter names no single session (the records serve one session quickly)."""
    return stats_filter.session is None and summary_is_current()


def cells(model, stats_filter):
    """A summary table's rows (models/summary.py) in the filter's period, topic, agencies and
    group; the single-session filter is not one of theirs (the records serve it)."""
    found = model.objects.all()
    if stats_filter.start:
        found = found.filter(day__gte=stats_filter.start)
    if stats_filter.end:
        found = found.filter(day__lte=stats_filter.end)
    if stats_filter.topic:
        found = found.filter(topic_id=stats_filter.topic.pk)
    return of_agencies_and_group(found, stats_filter)


def _headline_from_summary(stats_filter):
    """headline() from the summary tables: additive figures summed, people counted exactly
    (distinct person ids of the person-day rows), the quiz certificates from the records."""
    attended = cells(AttendanceCell, stats_filter).aggregate(
        sessions_held=Count("session_id", distinct=True),
        attendances=Sum("attendances"),
        training_hours=Sum("training_hours"),
        certificates=Sum("certificates"),
    )
    # One row per person (was any of their rows ASN? PTT?), then counted: one grouping pass
    # instead of a sort per distinct count.
    per_person = (
        cells(PersonDay, stats_filter)
        .values("person_id")
        .annotate(
            was_asn=Max(Case(When(participant_group__in=ASN_GROUPS, then=1), default=0)),
            was_ptt=Max(Case(When(participant_group=ParticipantGroup.PTT, then=1), default=0)),
        )
        .order_by()
    )
    people = per_person.aggregate(
        participants=Count("person_id"), asn=Sum("was_asn"), ptt=Sum("was_ptt")
    )
    registered = cells(RegistrationCell, stats_filter).aggregate(
        registered=Sum("registered"), registered_attended=Sum("registered_attended")
    )
    tried = cells(AttemptCell, stats_filter).aggregate(
        **{
            name: Sum(name)
            for name in (
                "started",
                "finished",
                "assessed",
                "passed",
                "pre_sum",
                "pre_count",
                "post_sum",
                "post_count",
            )
        }
    )
    passed = attempts(stats_filter).filter(
        quiz=OuterRef("quiz"), participant=OuterRef("participant"), passed=True
    )
    of_quizzes = Certificate.objects.filter(quiz__isnull=False, revoked_at__isnull=True).filter(
        Exists(passed)
    )
    return Headline(
        sessions_held=attended["sessions_held"],
        participants=people["participants"],
        attendances=attended["attendances"] or 0,
        asn=people["asn"] or 0,
        ptt=people["ptt"] or 0,
        training_hours=attended["training_hours"] or 0,
        registered=registered["registered"] or 0,
        registered_attended=registered["registered_attended"] or 0,
        attempts_started=tried["started"] or 0,
        attempts_finished=tried["finished"] or 0,
        attempts_assessed=tried["assessed"] or 0,
        attempts_passed=tried["passed"] or 0,
        pre_average=_mean(tried["pre_sum"], tried["pre_count"]),
        post_average=_mean(tried["post_sum"], tried["post_count"]),
        certificates=(attended["certificates"] or 0) + of_quizzes.count(),
    )


def _mean(total, count):
    return None if not count else _average(Decimal(total) / count)


def _headline_from_records(stats_filter):
    attended = attendances(stats_filter).aggregate(
        sessions_held=Count("session", distinct=True),
        participants=Count("participant", distinct=True),
        attendances=Count("pk"),
        asn=Count("participant", distinct=True, filter=Q(participant_group__in=ASN_GROUPS)),
        ptt=Count("participant", distinct=True, filter=Q(participant_group=ParticipantGroup.PTT)),
        training_hours=Sum("session__training_hours"),
    )
    came = Attendance.objects.filter(
        session=OuterRef("session"),
        participant=OuterRef("participant"),
        status__in=ATTENDED_STATUSES,
    )
    registered = registrations(stats_filter).aggregate(
        registered=Count("pk"), registered_attended=Count("pk", filter=Exists(came))
    )
    finished = ~Q(status=AttemptStatus.IN_PROGRESS)
    assessed = finished & ~Q(purpose=Purpose.PRE)
    tried = attempts(stats_filter).aggregate(
        attempts_started=Count("pk"),
        attempts_finished=Count("pk", filter=finished),
        attempts_assessed=Count("pk", filter=assessed),
        attempts_passed=Count("pk", filter=assessed & Q(passed=True)),
        pre_average=Avg("score", filter=finished & Q(purpose=Purpose.PRE)),
        post_average=Avg("score", filter=finished & Q(purpose=Purpose.POST)),
    )
    return Headline(
        sessions_held=attended["sessions_held"],
        participants=attended["participants"],
        attendances=attended["attendances"],
        asn=attended["asn"],
        ptt=attended["ptt"],
        training_hours=attended["training_hours"] or 0,
        registered=registered["registered"],
        registered_attended=registered["registered_attended"],
        attempts_started=tried["attempts_started"],
        attempts_finished=tried["attempts_finished"],
        attempts_assessed=tried["attempts_assessed"],
        attempts_passed=tried["attempts_passed"],
        pre_average=_average(tried["pre_average"]),
        post_average=_average(tried["post_average"]),
        certificates=certificates(stats_filter).count(),
    )
