"""The figures of the admin's statistics reports (admin_reports.py shows and exports them), read
from the records of training, quizzes and certificates through selectors.py and a StatsFilter.

Every report answers in a fixed number of queries whatever the amount of data: each figure is
grouped by agency (or session, or person) in SQL and the groups are joined here by their id.

Definitions beyond those in selectors.py:
- per agency, a record counts for the agency it kept at the time (Attendance.agency,
  Attempt.agency...), never the person's current one; each agency is its own row (a kecamatan's
  row does not include its kelurahan), while the agency *filter* takes the agencies under it;
- *headcount*: the agency's AgencyHeadcount for the year the period ends in (this year without
  an end); the coverage denominator follows the group filter: ASN for ASN, PNS and PPPK (the
  headcount does not split them), PTT for PTT, ASN + PTT for everyone;
- *registered on the platform*: active participant accounts whose *current* agency (and group)
  it is, the one figure that is not kept at the time;
- *coverage*: people who attended at least once in the period / headcount, in percent;
- *JP per ASN*: JP of the attendances of ASN (at the time) / the ASN headcount;
- *normalised gain* of an agency or session: Hake's gain of its pre- and post-test averages,
  as on the dashboard;
- *JP earned by a participant in a year*: the JP of every session of that year the person
  attended (hadir or terlambat). Attendance rather than certificates, so that a certificate
  not yet claimed (or a template not yet set up) does not hold the figure back, and so the
  figure adds up with the JP on the dashboard and in the agency report. JP from self-paced
  quizzes (certificates of a quiz) are therefore not counted.
"""

from dataclasses import dataclass
from decimal import Decimal

import pygal
from django.conf import settings
from django.db.models import Avg, Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from content.articles.pillars import Pillar
from content.people.models import Agency, ParticipantGroup, User
from content.people.models.users import ASN_GROUPS
from content.quizzes.models import Purpose
from content.quizzes.models.choices import AttemptStatus
from content.stats import charts, selectors
from content.stats.literacy.method import INSTRUMENT_NOTE, MAPPING_TEXT, METHOD_TEXT, MIN_PEOPLE
from content.stats.models import (
    OVERALL,
    AgencyHeadcount,
    AttemptCell,
    AttendanceCell,
    LiteracyCell,
    LiteracyRun,
    NationalIndex,
    PersonDay,
    Phase,
    RunStatus,
)
from content.training.models import Attendance
from content.training.models.choices import ATTENDED_STATUSES, AttendanceStatus

DEFAULT_THRESHOLD = 50
YES, NO = "Ya", "Tidak"


def share(part, whole):
    """A percentage with one decimal, or None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))


def average(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def gain(pre, post):
    """Hake's normalised gain of two averages, or None."""
    if pre is None or post is None or pre >= 100:
        return None
    return ((post - pre) / (Decimal(100) - pre)).quantize(Decimal("0.01"))


def headcount_year(stats_filter):
    """The year whose official headcount is the denominator: the year the period ends in."""
    if stats_filter.end:
        return stats_filter.end.year
    if stats_filter.start:
        return max(stats_filter.start.year, timezone.localdate().year)
    return timezone.localdate().year


def _agencies(stats_filter):
    found = Agency.objects.all()
    if stats_filter.agency is not None:
        found = found.filter(pk__in=stats_filter.agency_ids)
    return list(found.order_by("name"))


def _headcounts(stats_filter, year):
    found = AgencyHeadcount.objects.filter(year=year)
    if stats_filter.agency is not None:
        found = found.filter(agency_id__in=stats_filter.agency_ids)
    return {headcount.agency_id: headcount for headcount in found}


def _by(queryset, key, **aggregates):
    """{key value: {aggregate: value}} from one grouped query."""
    return {row.pop(key): row for row in queryset.values(key).annotate(**aggregates).order_by()}


FINISHED = ~Q(status=AttemptStatus.IN_PROGRESS)
ASSESSED = FINISHED & ~Q(purpose=Purpose.PRE)


def _quiz_figures():
    return {
        "assessed": Count("pk", filter=ASSESSED),
        "passed": Count("pk", filter=ASSESSED & Q(passed=True)),
        "pre": Avg("score", filter=FINISHED & Q(purpose=Purpose.PRE)),
        "post": Avg("score", filter=FINISHED & Q(purpose=Purpose.POST)),
    }


# 1. Coverage per agency -------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyCoverage:
    agency: Agency
    group: str
    headcount_asn: int | None
    headcount_ptt: int | None
    registered: int
    attended: int
    attendances: int
    assessed: int
    passed: int
    pre_average: Decimal | None
    post_average: Decimal | None
    asn_training_hours: int

    @property
    def agency_name(self):
        return self.agency.name

    @property
    def headcount(self):
        """The coverage denominator for the group filter, or None without a headcount."""
        if self.headcount_asn is None:
            return None
        if self.group == ParticipantGroup.PTT:
            return self.headcount_ptt
        if self.group:
            return self.headcount_asn
        return self.headcount_asn + self.headcount_ptt

    @property
    def coverage(self):
        return share(self.attended, self.headcount)

    @property
    def pass_rate(self):
        return share(self.passed, self.assessed)

    @property
    def normalised_gain(self):
        return gain(self.pre_average, self.post_average)

    @property
    def training_hours_per_asn(self):
        if not self.headcount_asn:
            return None
        return (Decimal(self.asn_training_hours) / self.headcount_asn).quantize(Decimal("0.1"))


def agency_coverage(stats_filter):
    """Coverage per agency, best first; agencies without a headcount last. Five queries (seven
    from the summary tables)."""
    agencies = _agencies(stats_filter)
    headcounts = _headcounts(stats_filter, headcount_year(stats_filter))
    people = User.objects.filter(is_active=True, agency__isnull=False).exclude(participant_group="")
    people = selectors.of_agencies_and_group(people, stats_filter)
    registered = _by(people, "agency_id", registered=Count("pk"))
    if selectors.summary_serves(stats_filter):
        attended, tried = _coverage_from_summary(stats_filter)
    else:
        attended = _by(
            selectors.attendances(stats_filter),
            "agency_id",
            attended=Count("participant", distinct=True),
            attendances=Count("pk"),
            asn_training_hours=Sum(
                "session__training_hours", filter=Q(participant_group__in=ASN_GROUPS)
            ),
        )
        tried = _by(selectors.attempts(stats_filter), "agency_id", **_quiz_figures())
    rows = []
    for agency in agencies:
        headcount = headcounts.get(agency.pk)
        came, quiz = attended.get(agency.pk, {}), tried.get(agency.pk, {})
        row = AgencyCoverage(
            agency=agency,
            group=stats_filter.group,
            headcount_asn=headcount.asn if headcount else None,
            headcount_ptt=headcount.ptt if headcount else None,
            registered=registered.get(agency.pk, {}).get("registered", 0),
            attended=came.get("attended", 0),
            attendances=came.get("attendances", 0),
            asn_training_hours=came.get("asn_training_hours") or 0,
            assessed=quiz.get("assessed", 0),
            passed=quiz.get("passed", 0),
            pre_average=average(quiz.get("pre")),
            post_average=average(quiz.get("post")),
        )
        if agency.is_active or headcount or row.registered or row.attendances or quiz:
            rows.append(row)
    return sorted(
        rows,
        key=lambda row: (
            row.coverage is None,
            -(row.coverage or 0),
            -row.attended,
            row.agency_name,
        ),
    )


def _coverage_from_summary(stats_filter):
    """agency_coverage's attendance and quiz figures per agency from the summary tables (people
    counted exactly from the person-day rows): ({agency: figures}, {agency: figures})."""
    attended = _by(
        selectors.cells(PersonDay, stats_filter),
        "agency_id",
        attended=Count("person_id", distinct=True),
    )
    hours = _by(
        selectors.cells(AttendanceCell, stats_filter),
        "agency_id",
        attendances=Sum("attendances"),
        asn_training_hours=Sum("training_hours", filter=Q(participant_group__in=ASN_GROUPS)),
    )
    for agency_id, figures in hours.items():
        attended.setdefault(agency_id, {}).update(figures)
    summed = ("assessed", "passed", "pre_sum", "pre_count", "post_sum", "post_count")
    tried = _by(
        selectors.cells(AttemptCell, stats_filter),
        "agency_id",
        **{name: Sum(name) for name in summed},
    )
    for figures in tried.values():
        for phase in ("pre", "post"):
            total, count = figures.pop(f"{phase}_sum"), figures.pop(f"{phase}_count")
            figures[phase] = Decimal(total) / count if count else None
    return attended, tried


# 2. Coverage of a topic ---------------------------------------------------------------------


@dataclass(frozen=True)
class TopicCoverage:
    agency: Agency
    headcount_asn: int | None
    attended_asn: int
    threshold: int

    @property
    def agency_name(self):
        return self.agency.name

    @property
    def coverage(self):
        return share(self.attended_asn, self.headcount_asn)

    @property
    def below_threshold(self):
        """True or False, None when the agency has no headcount to measure against."""
        return None if self.coverage is None else self.coverage < self.threshold

    @property
    def below_threshold_label(self):
        return {True: YES, False: NO, None: ""}[self.below_threshold]


def topic_coverage(stats_filter, *, threshold=DEFAULT_THRESHOLD, only_below=False):
    """Per agency: its ASN headcount and the ASN (at the time) who attended at least one
    session of the filter's topic in the period. Lowest coverage first, so the agencies below
    the threshold come first; agencies without a headcount last. Three queries (four from the
    summary tables)."""
    agencies = _agencies(stats_filter)
    headcounts = _headcounts(stats_filter, headcount_year(stats_filter))
    if selectors.summary_serves(stats_filter):
        asn = selectors.cells(PersonDay, stats_filter).filter(participant_group__in=ASN_GROUPS)
        attended = _by(asn, "agency_id", attended=Count("person_id", distinct=True))
    else:
        asn = selectors.attendances(stats_filter).filter(participant_group__in=ASN_GROUPS)
        attended = _by(asn, "agency_id", attended=Count("participant", distinct=True))
    rows = []
    for agency in agencies:
        headcount = headcounts.get(agency.pk)
        row = TopicCoverage(
            agency=agency,
            headcount_asn=headcount.asn if headcount else None,
            attended_asn=attended.get(agency.pk, {}).get("attended", 0),
            threshold=threshold,
        )
        if not (agency.is_active or headcount or row.attended_asn):
            continue
        if only_below and not row.below_threshold:
            continue
        rows.append(row)
    return sorted(rows, key=lambda row: (row.coverage is None, row.coverage or 0, row.agency_name))


# 3. Per session -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionFigures:
    session: object
    registered: int
    present: int
    late: int
    excused: int
    absent: int
    pre_average: Decimal | None
    post_average: Decimal | None
    certificates: int

    @property
    def title(self):
        return self.session.title

    @property
    def date(self):
        return self.session.date

    @property
    def topic(self):
        return str(self.session.topic) if self.session.topic_id else ""

    @property
    def training_hours(self):
        return self.session.training_hours

    @property
    def normalised_gain(self):
        return gain(self.pre_average, self.post_average)


def session_figures(stats_filter):
    """Each session of the period (and topic, or the one session), oldest first, with the
    records of the filter's agencies and group. Five queries."""
    found = list(selectors.sessions(stats_filter).select_related("topic").order_by("date", "pk"))
    marked = Attendance.objects.filter(session__in=selectors.sessions(stats_filter))
    marked = selectors.of_agencies_and_group(marked, stats_filter)
    statuses = _by(
        marked,
        "session_id",
        **{status.value: Count("pk", filter=Q(status=status.value)) for status in AttendanceStatus},
    )
    registered = _by(selectors.registrations(stats_filter), "session_id", registered=Count("pk"))
    tested = selectors.attempts(stats_filter).filter(session__isnull=False)
    tried = _by(tested, "session_id", **_quiz_figures())
    issued = selectors.certificates(stats_filter).filter(session__isnull=False)
    certificates = _by(issued, "session_id", certificates=Count("pk"))
    rows = []
    for session in found:
        counts, quiz = statuses.get(session.pk, {}), tried.get(session.pk, {})
        rows.append(
            SessionFigures(
                session=session,
                registered=registered.get(session.pk, {}).get("registered", 0),
                present=counts.get(AttendanceStatus.PRESENT.value, 0),
                late=counts.get(AttendanceStatus.LATE.value, 0),
                excused=counts.get(AttendanceStatus.EXCUSED.value, 0),
                absent=counts.get(AttendanceStatus.ABSENT.value, 0),
                pre_average=average(quiz.get("pre")),
                post_average=average(quiz.get("post")),
                certificates=certificates.get(session.pk, {}).get("certificates", 0),
            )
        )
    return rows


# 4. Per participant ---------------------------------------------------------------------------


def participant_hours(*, year, agency_ids=None, groups=(), below_target_only=False, paged=False):
    """The participants whose current agency is among `agency_ids` (all without) and group among
    `groups` (all without): each with the sessions of `year` they attended and the JP of those
    sessions, wherever they worked at the time. The people an HR office answers for now, with
    none left out for having no JP. A queryset (two queries once paginated).

    Two plans for the same figures. `paged` (the report's page of 100 people): correlated
    subqueries, so a page reads only its people's attendances (0.3 s against 2.9 s on a million
    attendances). Otherwise (an export, or only those below the target, which must look at
    everyone): one join and GROUP BY over the year, which is 5 times faster for all the people
    than a subquery per person."""
    people = User.objects.filter(is_active=True).exclude(participant_group="")
    if agency_ids is not None:
        people = people.filter(agency_id__in=agency_ids)
    if groups:
        people = people.filter(participant_group__in=groups)
    if paged and not below_target_only:
        attended = Attendance.objects.filter(
            participant=OuterRef("pk"), status__in=ATTENDED_STATUSES, session__date__year=year
        )
        people = people.annotate(
            sessions_attended=_per_person(attended, Count("pk")),
            training_hours=_per_person(attended, Sum("session__training_hours")),
        )
    else:
        attended = Q(
            attendances__status__in=ATTENDED_STATUSES, attendances__session__date__year=year
        )
        people = people.annotate(
            sessions_attended=Count("attendances", filter=attended),
            training_hours=Coalesce(
                Sum("attendances__session__training_hours", filter=attended),
                Value(0),
                output_field=IntegerField(),
            ),
        )
    if below_target_only:
        people = people.filter(training_hours__lt=settings.YEARLY_TRAINING_HOURS_TARGET)
    return people.select_related("agency").order_by("agency__name", "full_name", "pk")


def _per_person(attended, aggregate):
    """One person's `aggregate` over their `attended` rows, 0 when there are none."""
    figure = attended.values("participant").annotate(figure=aggregate).values("figure")
    return Coalesce(Subquery(figure), Value(0), output_field=IntegerField())


@dataclass(frozen=True)
class ParticipantHours:
    person: User
    target: int

    @property
    def name(self):
        return str(self.person)

    @property
    def nip(self):
        return self.person.nip or ""

    @property
    def agency_name(self):
        return self.person.agency.name if self.person.agency_id else ""

    @property
    def group(self):
        return self.person.get_participant_group_display()

    @property
    def sessions_attended(self):
        return self.person.sessions_attended

    @property
    def training_hours(self):
        return self.person.training_hours

    @property
    def reached(self):
        return YES if self.training_hours >= self.target else NO


def participant_rows(people):
    target = settings.YEARLY_TRAINING_HOURS_TARGET
    return [ParticipantHours(person=person, target=target) for person in people]


# 5. The digital literacy index (the PDF report's section) -----------------------------------
#
# Read, never computed: the task worker keeps the index in the latest finished LiteracyRun
# (models/literacy.py); the report picks the cells its filters can name. The index has a cell
# per year (or all years), agency (with its sub-agencies, as the filter's agency) and group
# (everyone, ASN or PTT), so a period within one calendar year reads that year's cells and a
# period across years the all-years cells; PNS or PPPK alone read the ASN cells; topic and
# session do not apply (the index is per person, over every quiz they took).

LITERACY_PHASES = (Phase.BEFORE, Phase.AFTER, Phase.CHANGE, Phase.SELF)
LITERACY_GROUPS = {
    "": "",
    "asn": "asn",
    ParticipantGroup.PNS.value: "asn",
    ParticipantGroup.PPPK.value: "asn",
    ParticipantGroup.PTT.value: "ptt",
}
LITERACY_GROUP_LABELS = {"": "Semua kelompok", "asn": "ASN (PNS dan PPPK)", "ptt": "PTT"}
OVERALL_LABEL = "Keseluruhan"


def latest_literacy_run():
    """The run every reader shows (the data contract): the latest finished one, or None."""
    return (
        LiteracyRun.objects.filter(status=RunStatus.FINISHED)
        .order_by("-finished_at", "-pk")
        .first()
    )


def pillar_label(pillar):
    return Pillar(pillar).label if pillar else OVERALL_LABEL


def pillar_order():
    """The four pillars, then the overall index."""
    return [*Pillar.values, OVERALL]


def national_figures():
    """({pillar: NationalIndex}, year) of the latest year with national figures: per pillar
    where that year has them, and the overall. One query."""
    found = list(NationalIndex.objects.order_by("-year", "pillar"))
    if not found:
        return {}, None
    year = found[0].year
    return {item.pillar: item for item in found if item.year == year}, year


@dataclass(frozen=True)
class LiteracyRow:
    """One pillar (or the overall index) of the section: a cell per phase (None when nobody
    was measured), and the national figure beside it."""

    pillar: str
    cells: dict
    national: object

    @property
    def label(self):
        return pillar_label(self.pillar)

    @property
    def before(self):
        return self.cells.get(Phase.BEFORE)

    @property
    def after(self):
        return self.cells.get(Phase.AFTER)

    @property
    def change(self):
        return self.cells.get(Phase.CHANGE)

    @property
    def self_assessed(self):
        return self.cells.get(Phase.SELF)


@dataclass(frozen=True)
class LiteracySection:
    run: object
    year: int | None
    agency: object
    group: str
    notes: list
    rows: list
    national_year: int | None
    national_source: str
    chart: object

    @property
    def scope(self):
        parts = [f"Tahun {self.year}" if self.year else "Semua tahun"]
        parts.append(f"OPD {self.agency} (termasuk unit di bawahnya)" if self.agency else "Kota")
        parts.append(LITERACY_GROUP_LABELS[self.group])
        return "; ".join(parts)

    @property
    def has_cells(self):
        return any(row.cells for row in self.rows)

    @property
    def has_self_assessment(self):
        return any(row.self_assessed for row in self.rows)

    @property
    def has_withheld(self):
        return any(cell.suppressed for row in self.rows for cell in row.cells.values())

    method_text = METHOD_TEXT
    mapping_text = MAPPING_TEXT
    instrument_note = INSTRUMENT_NOTE
    min_people = MIN_PEOPLE


def literacy_year(stats_filter):
    """The year of the cells for the filter's period: its year when it lies within one
    calendar year, else None (the all-years cells)."""
    start, end = stats_filter.start, stats_filter.end
    if start and end and start.year == end.year:
        return start.year
    return None


def literacy_section(stats_filter):
    """The index for the report's filters, or None when no run has finished yet. Three
    queries (the run, its cells, the national figures)."""
    run = latest_literacy_run()
    if run is None:
        return None
    year = literacy_year(stats_filter)
    group = LITERACY_GROUPS.get(stats_filter.group, "")
    notes = []
    if stats_filter.group and stats_filter.group != "asn" and group == "asn":
        notes.append("Indeks tidak dipisah antara PNS dan PPPK: yang ditampilkan angka ASN.")
    if stats_filter.topic or stats_filter.session:
        notes.append(
            "Indeks dihitung per orang atas semua kuisnya, tidak per topik atau sosialisasi: "
            "filter topik dan sosialisasi tidak berlaku di bagian ini."
        )
    if year is None and (stats_filter.start or stats_filter.end):
        notes.append("Periode melewati lebih dari satu tahun: yang ditampilkan indeks semua tahun.")
    cells = LiteracyCell.objects.filter(
        run=run,
        year=year,
        agency=stats_filter.agency,
        group=group,
        phase__in=LITERACY_PHASES,
    )
    by_pillar = {}
    for found in cells:
        by_pillar.setdefault(found.pillar, {})[Phase(found.phase)] = found
    national, national_year = national_figures()
    rows = [
        LiteracyRow(pillar=pillar, cells=by_pillar.get(pillar, {}), national=national.get(pillar))
        for pillar in pillar_order()
    ]
    source = next((item.source for item in national.values()), "")
    return LiteracySection(
        run=run,
        year=year,
        agency=stats_filter.agency,
        group=group,
        notes=notes,
        rows=rows,
        national_year=national_year,
        national_source=source,
        chart=literacy_chart(rows, national_year),
    )


def _index_value(found):
    """A cell's index for a chart: None when nobody was measured or the cell is withheld."""
    return None if found is None or found.index is None else round(found.index, 2)


def literacy_chart(rows, national_year):
    """A bar per pillar and overall: before and after training and, labelled as another
    instrument, the national figure. Withheld cells draw no bar (the table says why)."""
    title = "Indeks literasi digital per pilar (skala 1-5)"
    chart = charts._config(pygal.Bar, range=(1, 5), zero=1, y_labels=[1, 2, 3, 4, 5], height=340)
    chart.x_labels = [row.label for row in rows]
    chart.add("Sebelum sosialisasi", [_index_value(row.before) for row in rows])
    chart.add("Sesudah sosialisasi", [_index_value(row.after) for row in rows])
    if national_year:
        chart.add(
            f"Nasional {national_year} (instrumen lain)",
            [float(row.national.value) if row.national else None for row in rows],
        )
    return charts.Chart(
        "indeks-literasi",
        title,
        charts._render(chart, title),
        ("Pilar", "Sebelum", "Sesudah", "Nasional"),
        [
            (row.label, _index_value(row.before), _index_value(row.after), row.national)
            for row in rows
        ],
    )
