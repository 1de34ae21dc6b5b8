"""The summary tables (models/summary.py) rebuilt from the records, by the task worker's
refresh (tasks.refresh_figures) and by `manage.py build_stats_summary`.

Each table is emptied and filled again by one INSERT ... SELECT of a grouped query, built with
the ORM so the same code runs on PostgreSQL and SQLite. The whole rebuild is one transaction
holding the SummaryState row's lock, so two refreshes at once run one after the other and never
insert a table twice. The summary generation is read *before* any record is: a write that
commits after that bumps it (warming.schedule_refresh), so a rebuild that may have missed the
write is never taken as current.

After the commit, PostgreSQL's VACUUM (ANALYZE) tidies the tables: emptying and filling them
leaves every old row dead, and a table never analysed has no statistics. Before it, a year's
figures read twice the rows (the dead ones too) with plans made for a few thousand, 1.6 s
against 0.55 s after it on the benchmark's million attendances."""

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Floor, TruncDate
from django.utils import timezone

from content.certificates.models import Certificate
from content.quizzes.models import Attempt, Purpose
from content.quizzes.models.choices import AttemptStatus
from content.stats.models import (
    AttemptCell,
    AttendanceCell,
    PersonDay,
    RegistrationCell,
    SummaryState,
    summary_generation,
)
from content.stats.models.summary import TOKEN_KEY
from content.training.models import Attendance, Registration
from content.training.models.choices import ATTENDED_STATUSES, RegistrationStatus

logger = logging.getLogger(__name__)

CELL = ("day", "topic_id", "agency_id", "participant_group")
FINISHED = ~Q(status=AttemptStatus.IN_PROGRESS)
ASSESSED = FINISHED & ~Q(purpose=Purpose.PRE)


def _attended():
    return Attendance.objects.filter(status__in=ATTENDED_STATUSES)


def _session_cell(queryset):
    return queryset.annotate(day=F("session__date"), topic_id=F("session__topic_id"))


def attendance_cells():
    certificates = (
        Certificate.objects.filter(
            session=OuterRef("session"),
            participant=OuterRef("participant"),
            revoked_at__isnull=True,
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _session_cell(_attended())
        .annotate(certs=Coalesce(Subquery(certificates, output_field=IntegerField()), 0))
        .values("session_id", *CELL)
        .annotate(
            attendances=Count("pk"),
            training_hours=Coalesce(Sum("session__training_hours"), 0),
            certificates=Sum("certs"),
        )
        .order_by()
    )


def registration_cells():
    came = _attended().filter(session=OuterRef("session"), participant=OuterRef("participant"))
    return (
        _session_cell(Registration.objects.filter(status=RegistrationStatus.REGISTERED))
        .values("session_id", *CELL)
        .annotate(
            registered=Count("pk"),
            registered_attended=Count("pk", filter=Exists(came)),
        )
        .order_by()
    )


def _attempt_figures():
    pre, post = FINISHED & Q(purpose=Purpose.PRE), FINISHED & Q(purpose=Purpose.POST)
    return {
        "started": Count("pk"),
        "finished": Count("pk", filter=FINISHED),
        "assessed": Count("pk", filter=ASSESSED),
        "passed": Count("pk", filter=ASSESSED & Q(passed=True)),
        "pre_sum": Sum("score", filter=pre),
        "pre_count": Count("score", filter=pre),
        "post_sum": Sum("score", filter=post),
        "post_count": Count("score", filter=post),
    }


def _band():
    """The score's band of ten points, 100 in the last (series.score_distribution's bins)."""
    tenth = Floor(F("score") / Value(10))
    return Case(
        When(Q(status=AttemptStatus.IN_PROGRESS) | Q(score__isnull=True), then=None),
        When(score__gte=90, then=Value(9)),
        default=Cast(tenth, IntegerField()),
        output_field=IntegerField(),
    )


def _attempt_cells(found):
    found = found.annotate(band=_band())
    return found.values("session_id", *CELL, "purpose", "band").annotate(**_attempt_figures())


def attempt_cells_of_sessions():
    return _attempt_cells(_session_cell(Attempt.objects.filter(session__isnull=False))).order_by()


def attempt_cells_self_paced():
    """Self-paced attempts by the local day they started (selectors.attempts bounds them by
    the office's days) and their quiz's topic."""
    found = Attempt.objects.filter(session__isnull=True, purpose=Purpose.SELF_PACED).annotate(
        day=TruncDate("started_at", tzinfo=timezone.get_current_timezone()),
        topic_id=F("quiz__topic_id"),
    )
    return _attempt_cells(found).order_by()


def person_days():
    found = _session_cell(_attended()).values(*CELL, person_id=F("participant_id"))
    return found.distinct().order_by()


def _insert_from(model, queryset):
    """INSERT INTO model's table the rows of `queryset`, its columns in values() order."""
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    columns = [model._meta.get_field(name).column for name in _selected_names(queryset)]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) {sql}", params)
        return cursor.rowcount


def _selected_names(queryset):
    """The names of the SELECT's columns in their order (Django 5.2 keeps values()' order,
    annotations included, in query.selected)."""
    query = queryset.query
    if query.selected is not None:
        return list(query.selected)
    return [*query.values_select, *query.annotation_select]


TABLES = (
    (AttendanceCell, attendance_cells),
    (RegistrationCell, registration_cells),
    (AttemptCell, attempt_cells_of_sessions),
    (AttemptCell, attempt_cells_self_paced),
    (PersonDay, person_days),
)
SUMMARY_MODELS = tuple(dict.fromkeys(model for model, _ in TABLES))  # each once, in order


@transaction.atomic
def summary_rebuild():
    """Empty and fill again every summary table; returns {table: rows}. Afterwards the
    selectors read the tables, until the next write behind the figures commits."""
    began = time.perf_counter()
    state = SummaryState.objects.select_for_update().filter(pk=1).first()
    if state is None:
        # The first build: the row is created, then locked (a rival's create waits on it).
        SummaryState.objects.get_or_create(pk=1, defaults=_state(0, 0))
        state = SummaryState.objects.select_for_update().get(pk=1)
    generation = summary_generation()  # before any record is read
    for model in SUMMARY_MODELS:
        model.objects.all().delete()
    rows = {}
    for model, rows_of in TABLES:
        name = model._meta.model_name
        rows[name] = rows.get(name, 0) + _insert_from(model, rows_of())
    for field, value in _state(generation, time.perf_counter() - began).items():
        setattr(state, field, value)
    state.token = SummaryState._meta.get_field("token").default()
    state.save()
    token = (state.token.hex, generation)
    transaction.on_commit(lambda: cache.set(TOKEN_KEY, token, None))
    transaction.on_commit(_tidy_tables)
    return rows


def _tidy_tables():
    """VACUUM (ANALYZE) the rebuilt tables on PostgreSQL, once the build has committed. A
    callback runs inside a transaction only when a test runs the ones it captured: there VACUUM
    cannot run, ANALYZE alone does. Slower reads, never wrong ones, when it fails: logged, not
    raised."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in SUMMARY_MODELS)
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {tables}")
    except DatabaseError:
        logger.warning("Could not %s the statistics summary tables", command, exc_info=True)


def _state(generation, seconds):
    return {"generation": generation, "built_at": timezone.now(), "seconds": seconds}
