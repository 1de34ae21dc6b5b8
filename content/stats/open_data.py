"""Open data (/data-terbuka/): aggregate figures of the trainings for the city's open-data
portal, as JSON and CSV, with a metadata file in the DCAT-US shape that CKAN harvests.

Figures are published as *releases*, never computed for a request. A release covers one closed
calendar quarter (a period): it is published once the quarter has ended and GRACE_DAYS more
have passed, time for late corrections (a paper attendance list imported after the session, a
post-test that stays open a few days), by `manage.py publish_open_data` (scheduled; the
service is services.open_data_publish_due). Its files are stored byte for byte with their
SHA-256 (models.OpenDataRelease, OpenDataFile) and never change: a correction made after a
release is in no release. Periods never overlap, so two releases share no figure, and no
difference between two releases, or between two downloads of one, says anything about anyone:
before this, two downloads fifteen minutes apart, around one person's post-test, gave that
person's score and pass.

Only counts and averages per month, agency and topic are published: never a name, NIP, NIK,
email or phone number. Each data set of a period is one GROUP BY query, whatever the amount of
data. Figures per agency and group read what each record kept at the time (AtTheTime), as the
dashboard does (selectors.py), and use the same definitions: an attendance counts when the
person came (hadir or terlambat); a session is held when someone attended it.

Suppression (SUPPRESSION below says it in the words the metadata publishes):
- a figure about 1 to 4 people (MIN_PEOPLE) is withheld (null in JSON, empty in CSV), and every
  figure of a row about 1 to 4 people; a 0 is shown;
- an average or a percentage needs MIN_PEOPLE_FOR_AVERAGE people; an average is withheld when
  every score was the same (it would be each person's score), a pass rate when fewer than
  MIN_PEOPLE passed or fewer than MIN_PEOPLE did not (all passing would say each one passed);
- complementary suppression, repeated until nothing changes, so a withheld figure cannot be
  worked out: (1) in a row, a total and its parts (participants = ASN + PTT) never have exactly
  one withheld, and the withheld parts never add up to 1 to 4; (2) a count column (attendances,
  participants, attempts) never has exactly one withheld cell in a release, and its withheld
  cells never add up to 1 to 4, because its total over the release can be known from the other
  data sets of the release (the same attendances by month, by agency and by topic).
  A complement is the smallest figure above 0 still shown, never a 0 (a 0 can often be
  inferred, e.g. a month with no session held).

One data set is yearly: the digital literacy index (`indeks-literasi`, LITERACY below), the
aggregates the task worker keeps (models/literacy.py), published once for a calendar year in
the release of its last quarter, from the latest finished run then, with the small-cell rule
the engine applied (literacy/method.MIN_PEOPLE); never a person's score.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Max, Min, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.utils import formats

from content.base import exports
from content.base.input_rules import ascii_int
from content.people.models import ParticipantGroup
from content.people.models.users import ASN_GROUPS
from content.quizzes.models import Attempt, Purpose
from content.quizzes.models.choices import AttemptStatus
from content.reports.models import Kind, Platform
from content.reports.selectors import figures as desk_figures
from content.stats import disclosure, reports, selectors
from content.stats.filters import StatsFilter
from content.stats.literacy import method as literacy_method
from content.stats.models import LiteracyCell, OpenDataFile, OpenDataRelease, Phase
from content.training.models import SessionPage

# A period is a calendar quarter, published GRACE_DAYS after it ends.
PERIOD_MONTHS = 3
GRACE_DAYS = 30
MIN_PEOPLE = 5
MIN_PEOPLE_FOR_AVERAGE = 10

PUBLISHER = "Dinas Komunikasi dan Informatika"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_TITLE = "CC BY 4.0 (Creative Commons Atribusi 4.0 Internasional)"
# ISO 8601 repeating duration, as DCAT-US's accrualPeriodicity expects: quarterly.
ACCRUAL_PERIODICITY = "R/P3M"
UPDATE_FREQUENCY = (
    f"Triwulanan: setiap triwulan diterbitkan sekali sebagai rilis tersendiri, {GRACE_DAYS} "
    "hari setelah triwulan berakhir (waktu untuk koreksi, misalnya impor daftar hadir kertas). "
    "Angka yang sudah terbit tidak pernah berubah; koreksi setelah itu tidak masuk rilis mana "
    "pun."
)
YEARLY_PERIODICITY = "R/P1Y"
YEARLY_UPDATE_FREQUENCY = (
    "Tahunan: diterbitkan sekali untuk setiap tahun kalender, dalam rilis triwulan IV tahun "
    f"itu ({GRACE_DAYS} hari setelah tahun berakhir), dan tidak pernah diubah."
)
SUPPRESSION = (
    f"Sel yang menggambarkan 1 sampai {MIN_PEOPLE - 1} orang tidak ditampilkan (null pada JSON, "
    f"kosong pada CSV); angka 0 tetap ditampilkan. Bila jumlah orang dalam satu baris kurang "
    f"dari {MIN_PEOPLE}, semua angka baris itu yang berasal dari orang tidak ditampilkan. "
    f"Rata-rata nilai dan persentase lulus hanya ditampilkan bila dihitung dari sedikitnya "
    f"{MIN_PEOPLE_FOR_AVERAGE} orang; rata-rata juga tidak ditampilkan bila semua nilai sama, "
    f"dan persentase lulus tidak ditampilkan bila yang lulus atau yang tidak lulus kurang dari "
    f"{MIN_PEOPLE} (termasuk 0). Supresi pelengkap, diulang sampai tidak ada yang berubah, agar "
    "angka yang disembunyikan tidak dapat dihitung dari selisih: (1) dalam satu baris, dari "
    "peserta, peserta ASN dan peserta PTT tidak pernah hanya satu yang disembunyikan, dan "
    f"jumlah bagian yang disembunyikan tidak pernah 1 sampai {MIN_PEOPLE - 1}; (2) dalam satu "
    "rilis, setiap kolom jumlah (kehadiran, peserta, percobaan) tidak pernah hanya satu selnya "
    f"yang disembunyikan, dan jumlah sel yang disembunyikan tidak pernah 1 sampai "
    f"{MIN_PEOPLE - 1}, karena total satu rilis dapat diketahui dari data set lain dalam rilis "
    "yang sama. Sel pelengkap adalah angka terkecil di atas 0 yang masih tampil. Setiap rilis "
    "mencakup satu triwulan yang tidak tumpang tindih dengan rilis lain dan tidak pernah "
    "diubah, sehingga selisih antarrilis tidak mengungkap apa pun. Data set aduan mengikuti "
    f"aturan yang sama: jumlah 1 sampai {MIN_PEOPLE - 1} laporan tidak ditampilkan, dengan "
    "supresi pelengkap yang menganggap total laporan satu triwulan diketahui; data set itu "
    "tidak memuat OPD, tautan, atau apa pun tentang pelapor."
)
NO_AGENCY = "OPD tidak tercatat"
NO_TOPIC = "Tanpa topik"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


# Periods -------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Period:
    """A calendar quarter: the span of one release."""

    year: int
    quarter: int  # 1 to 4

    @classmethod
    def containing(cls, day):
        return cls(day.year, (day.month - 1) // PERIOD_MONTHS + 1)

    @classmethod
    def from_slug(cls, slug):
        """The period of a slug such as 2025-q1, or None for anything else."""
        year, _, quarter = slug.partition("-q")
        number, quarter = ascii_int(year, 2000, 9999), ascii_int(quarter, 1, 4)
        if len(year) != 4 or number is None or quarter is None:
            return None
        return cls(number, quarter)

    @property
    def start(self):
        return datetime.date(self.year, (self.quarter - 1) * PERIOD_MONTHS + 1, 1)

    @property
    def end(self):
        return self.next().start - datetime.timedelta(days=1)

    @property
    def months(self):
        return [datetime.date(self.year, self.start.month + i, 1) for i in range(PERIOD_MONTHS)]

    def next(self):
        if self.quarter == 4:
            return Period(self.year + 1, 1)
        return Period(self.year, self.quarter + 1)

    @property
    def publishable_on(self):
        """The first day its release may be published: the grace period after its end."""
        return self.end + datetime.timedelta(days=GRACE_DAYS + 1)

    def is_closed(self, today):
        return today >= self.publishable_on

    @property
    def slug(self):
        return f"{self.year}-q{self.quarter}"

    @property
    def code(self):
        return f"{self.year}-Q{self.quarter}"

    @property
    def label(self):
        return f"Triwulan {ROMAN[self.quarter]} {self.year}"

    @property
    def temporal(self):
        """The span as DCAT's ISO 8601 interval: 2025-01-01/2025-03-31."""
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def dates_label(self):
        return (
            f"{formats.date_format(self.start, 'j F Y')} s.d. "
            f"{formats.date_format(self.end, 'j F Y')}"
        )


def first_period():
    """The quarter of the earliest session or report, or None when there is neither (two
    queries)."""
    earliest = SessionPage.objects.order_by("date").values_list("date", flat=True).first()
    first_report = desk_figures.earliest_report_day()
    days = [day for day in (earliest, first_report) if day]
    return Period.containing(min(days)) if days else None


def closed_periods(today):
    """Every closed period from the first session's on, oldest first."""
    period = first_period()
    found = []
    while period is not None and period.is_closed(today):
        found.append(period)
        period = period.next()
    return found


# Suppression ---------------------------------------------------------------------------------


@dataclass
class Cells:
    """A data set's rows with their true values, and which cells are withheld."""

    rows: list
    hidden: set = field(default_factory=set)  # (row index, column name)

    def hide(self, index, name):
        if (index, name) in self.hidden:
            return False
        self.hidden.add((index, name))
        return True

    def shown(self, index, name):
        return (index, name) not in self.hidden

    def value(self, index, name):
        return self.rows[index][name]

    def published(self):
        return [
            {name: (None if (index, name) in self.hidden else value) for name, value in row.items()}
            for index, row in enumerate(self.rows)
        ]


def _small(count):
    return count is not None and 0 < count < MIN_PEOPLE


def _hide_smallest(cells, candidates):
    """Withhold the smallest figure above 0 still shown among `candidates` ((index, name)).
    False when there is none: nothing else can hide the rest."""
    shown = [(i, name) for i, name in candidates if cells.shown(i, name) and cells.value(i, name)]
    if not shown:
        return False
    return cells.hide(*min(shown, key=lambda cell: (cells.value(*cell), cell)))


def _needs_more(cells, members):
    """True when the withheld cells of `members` (a sum whose total is known) could be worked
    out: exactly one withheld, or the withheld ones adding up to 1 to MIN_PEOPLE - 1."""
    hidden = [cell for cell in members if not cells.shown(*cell)]
    if not hidden:
        return False
    return len(hidden) == 1 or _small(sum(cells.value(*cell) or 0 for cell in hidden))


def protect(cells, *, linked=(), additive=()):
    """Complementary suppression until nothing changes (the module's doc says the rules).
    `linked`: (total, part, part...) column names of one row; `additive`: count columns whose
    total over the release is taken to be known."""
    changed = True
    while changed:
        changed = False
        for index in range(len(cells.rows)):
            for total, *parts in linked:
                members = [(index, name) for name in (total, *parts)]
                hidden = [cell for cell in members if not cells.shown(*cell)]
                if len(hidden) == 1:
                    changed |= _hide_smallest(cells, members)
                elif cells.shown(index, total) and _needs_more(
                    cells, [(index, name) for name in parts]
                ):
                    parts_cells = [(index, name) for name in parts]
                    changed |= _hide_smallest(cells, parts_cells) or cells.hide(index, total)
        for name in additive:
            members = [(index, name) for index in range(len(cells.rows))]
            if _needs_more(cells, members):
                changed |= _hide_smallest(cells, members)
    return cells


def _withhold_small_rows(cells, people, names):
    """Every figure `names` about a row's people, when there are 1 to 4 of them."""
    for index, row in enumerate(cells.rows):
        if _small(row[people]):
            for name in names:
                cells.hide(index, name)


def _percent(part, whole):
    if not whole:
        return None
    return float((Decimal(100) * part / whole).quantize(Decimal("0.1")))


def _score(value):
    return None if value is None else float(Decimal(value).quantize(Decimal("0.1")))


# The data sets -------------------------------------------------------------------------------


def _attended(period):
    """Every attendance that counts, of the period's sessions, with the agency and group kept
    then."""
    return selectors.attendances(StatsFilter(start=period.start, end=period.end))


def monthly_participation(period):
    groups = {
        (group["month"].year, group["month"].month): group
        for group in _attended(period)
        .annotate(month=TruncMonth("session__date"))
        .values("month")
        .annotate(
            sessions=Count("session", distinct=True),
            attendances=Count("pk"),
            participants=Count("participant", distinct=True),
            asn=Count("participant", distinct=True, filter=Q(participant_group__in=ASN_GROUPS)),
            ptt=Count(
                "participant", distinct=True, filter=Q(participant_group=ParticipantGroup.PTT)
            ),
        )
        .order_by("month")
    }
    rows = []
    for month in period.months:  # every month of the quarter, a month without sessions as 0
        group = groups.get((month.year, month.month), {})
        rows.append(
            {
                "periode": period.code,
                "bulan": f"{month.year:04d}-{month.month:02d}",
                "sosialisasi_terlaksana": group.get("sessions", 0),
                "kehadiran": group.get("attendances", 0),
                "peserta": group.get("participants", 0),
                "peserta_asn": group.get("asn", 0),
                "peserta_ptt": group.get("ptt", 0),
            }
        )
    return monthly_cells(rows)


def monthly_cells(rows):
    """The monthly rows (true values) with their suppression."""
    people = ("kehadiran", "peserta", "peserta_asn", "peserta_ptt")
    cells = Cells(rows)
    _withhold_small_rows(cells, "peserta", people)
    for index, row in enumerate(rows):
        for name in ("peserta_asn", "peserta_ptt"):
            if _small(row[name]):
                cells.hide(index, name)
    return protect(cells, linked=[("peserta", "peserta_asn", "peserta_ptt")], additive=people)


def agency_participation(period):
    groups = (
        _attended(period)
        .values("agency__name")
        .annotate(attendances=Count("pk"), participants=Count("participant", distinct=True))
        .order_by("agency__name")
    )
    rows = [
        {
            "periode": period.code,
            "opd": group["agency__name"] or NO_AGENCY,
            "kehadiran": group["attendances"],
            "peserta": group["participants"],
        }
        for group in groups
    ]
    return participation_cells(rows)


def topic_participation(period):
    groups = (
        _attended(period)
        .values("session__topic__name")
        .annotate(
            sessions=Count("session", distinct=True),
            attendances=Count("pk"),
            participants=Count("participant", distinct=True),
        )
        .order_by("session__topic__name")
    )
    rows = [
        {
            "periode": period.code,
            "topik": group["session__topic__name"] or NO_TOPIC,
            "sosialisasi_terlaksana": group["sessions"],
            "kehadiran": group["attendances"],
            "peserta": group["participants"],
        }
        for group in groups
    ]
    return participation_cells(rows)


def participation_cells(rows):
    """Rows per agency or per topic (true values) with their suppression."""
    cells = Cells(rows)
    _withhold_small_rows(cells, "peserta", ("kehadiran", "peserta"))
    return protect(cells, additive=("kehadiran", "peserta"))


QUIZ_FIGURES = (
    "peserta",
    "percobaan_selesai",
    "persen_lulus_post_test",
    "rata_rata_pre_test",
    "rata_rata_post_test",
)


def quiz_results(period):
    """Finished pre- and post-tests of the period's sessions, per the session's topic."""
    pre, post = Q(purpose=Purpose.PRE), Q(purpose=Purpose.POST)
    groups = (
        Attempt.objects.filter(
            session__date__gte=period.start,
            session__date__lte=period.end,
            purpose__in=(Purpose.PRE, Purpose.POST),
        )
        .exclude(status=AttemptStatus.IN_PROGRESS)
        .values("session__topic__name")
        .annotate(
            participants=Count("participant", distinct=True),
            finished=Count("pk"),
            pre_people=Count("participant", distinct=True, filter=pre),
            post_people=Count("participant", distinct=True, filter=post),
            post_attempts=Count("pk", filter=post),
            passed=Count("pk", filter=post & Q(passed=True)),
            pre_average=Avg("score", filter=pre),
            pre_lowest=Min("score", filter=pre),
            pre_highest=Max("score", filter=pre),
            post_average=Avg("score", filter=post),
            post_lowest=Min("score", filter=post),
            post_highest=Max("score", filter=post),
        )
        .order_by("session__topic__name")
    )
    rows, groups = [], list(groups)
    for group in groups:
        rows.append(
            {
                "periode": period.code,
                "topik": group["session__topic__name"] or NO_TOPIC,
                "peserta": group["participants"],
                "percobaan_selesai": group["finished"],
                "persen_lulus_post_test": _percent(group["passed"], group["post_attempts"]),
                "rata_rata_pre_test": _score(group["pre_average"]),
                "rata_rata_post_test": _score(group["post_average"]),
            }
        )
    cells = Cells(rows)
    for index, group in enumerate(groups):
        if not _enough_for_an_average(group, "pre"):
            cells.hide(index, "rata_rata_pre_test")
        if not _enough_for_an_average(group, "post"):
            cells.hide(index, "rata_rata_post_test")
        failed = group["post_attempts"] - group["passed"]
        if (
            group["post_people"] < MIN_PEOPLE_FOR_AVERAGE
            or group["passed"] < MIN_PEOPLE
            or failed < MIN_PEOPLE
        ):
            cells.hide(index, "persen_lulus_post_test")
    _withhold_small_rows(cells, "peserta", QUIZ_FIGURES)
    return protect(cells, additive=("peserta", "percobaan_selesai"))


def _enough_for_an_average(group, test):
    """Enough people, and not everyone with the same score (the average would be theirs)."""
    return (
        group[f"{test}_people"] >= MIN_PEOPLE_FOR_AVERAGE
        and group[f"{test}_lowest"] != group[f"{test}_highest"]
    )


REPORTS = "aduan-per-minggu"


def weekly_reports(period):
    """Reports submitted in the period per week (its Monday), kind and platform of their case:
    only the groups with reports. One query (content/reports/selectors/figures.py)."""
    whole = desk_figures.FigureFilter(start=period.start, end=period.end)
    rows = [
        {
            "periode": period.code,
            "minggu_mulai": group.week.isoformat(),
            "jenis": Kind(group.kind).label,
            "platform": Platform(group.platform).label,
            "laporan": group.count,
        }
        for group in desk_figures.report_groups(whole)
    ]
    return report_cells(rows)


def report_cells(rows):
    """The weekly report rows (true values) with their suppression: 1 to 4 reports withheld,
    and complementary suppression of the column (its total over the quarter is taken to be
    known); the release's audit then checks nothing withheld can be pinned."""
    cells = Cells(rows)
    for index, row in enumerate(rows):
        if _small(row["laporan"]):
            cells.hide(index, "laporan")
    return protect(cells, additive=("laporan",))


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    type: str  # Frictionless table schema types: string, integer, number
    description: str

    def as_dict(self):
        return {
            "name": self.name,
            "title": self.title,
            "type": self.type,
            "description": self.description,
        }


@dataclass(frozen=True)
class DataSet:
    slug: str
    title: str
    description: str
    columns: tuple
    keywords: tuple
    build: object = field(repr=False)  # (period) -> Cells
    # A yearly data set is in the release of the year's last quarter only (see LITERACY).
    yearly: bool = False
    suppression: str = ""  # its own rule, when not the quarterly data sets' SUPPRESSION

    @property
    def column_names(self):
        return [column.name for column in self.columns]

    def period_code(self, period):
        return str(period.year) if self.yearly else period.code

    def period_label(self, period):
        return f"Tahun {period.year}" if self.yearly else period.label

    def temporal(self, period):
        if self.yearly:
            return f"{period.year}-01-01/{period.year}-12-31"
        return period.temporal

    @property
    def rule(self):
        return self.suppression or SUPPRESSION


_PERIOD = Column(
    "periode", "Periode", "string", "Triwulan yang dicakup rilis (YYYY-Qn, misalnya 2025-Q1)."
)
_HELD = Column(
    "sosialisasi_terlaksana",
    "Sosialisasi terlaksana",
    "integer",
    "Jumlah sosialisasi yang dihadiri sedikitnya satu peserta.",
)
_ATTENDANCES = Column(
    "kehadiran",
    "Kehadiran",
    "integer",
    "Jumlah kehadiran (hadir atau terlambat); satu orang yang hadir di dua sosialisasi "
    "dihitung dua kali.",
)
_PARTICIPANTS = Column(
    "peserta", "Peserta", "integer", "Jumlah orang berbeda yang hadir sedikitnya sekali."
)
_TOPIC = Column("topik", "Topik", "string", f"Topik sosialisasi; '{NO_TOPIC}' bila belum diisi.")

DATASETS = (
    DataSet(
        slug="partisipasi-bulanan",
        title="Partisipasi sosialisasi literasi digital per bulan",
        description=(
            "Jumlah sosialisasi yang terlaksana, kehadiran dan peserta per bulan, beserta "
            "peserta ASN (PNS dan PPPK) dan PTT menurut kelompok mereka pada saat sosialisasi."
        ),
        columns=(
            _PERIOD,
            Column("bulan", "Bulan", "string", "Bulan pelaksanaan sosialisasi (YYYY-MM)."),
            _HELD,
            _ATTENDANCES,
            _PARTICIPANTS,
            Column(
                "peserta_asn",
                "Peserta ASN",
                "integer",
                "Peserta yang pada saat sosialisasi tercatat sebagai ASN (PNS atau PPPK).",
            ),
            Column(
                "peserta_ptt",
                "Peserta PTT",
                "integer",
                "Peserta yang pada saat sosialisasi tercatat sebagai PTT / non-ASN.",
            ),
        ),
        keywords=("literasi digital", "sosialisasi", "partisipasi", "ASN"),
        build=monthly_participation,
    ),
    DataSet(
        slug="partisipasi-opd",
        title="Partisipasi sosialisasi literasi digital per OPD",
        description=(
            "Kehadiran dan peserta per perangkat daerah (OPD) dalam satu triwulan, menurut OPD "
            "peserta pada saat sosialisasi (bukan OPD-nya sekarang). Kelurahan dihitung "
            "sendiri, tidak digabung ke kecamatannya."
        ),
        columns=(
            _PERIOD,
            Column(
                "opd",
                "OPD",
                "string",
                f"Nama perangkat daerah peserta pada saat sosialisasi; '{NO_AGENCY}' bila "
                "tidak tercatat.",
            ),
            _ATTENDANCES,
            _PARTICIPANTS,
        ),
        keywords=("literasi digital", "sosialisasi", "partisipasi", "OPD"),
        build=agency_participation,
    ),
    DataSet(
        slug="partisipasi-topik",
        title="Sosialisasi literasi digital per topik",
        description="Sosialisasi terlaksana, kehadiran dan peserta per topik dalam satu triwulan.",
        columns=(_PERIOD, _TOPIC, _HELD, _ATTENDANCES, _PARTICIPANTS),
        keywords=("literasi digital", "sosialisasi", "topik"),
        build=topic_participation,
    ),
    DataSet(
        slug="hasil-kuis-topik",
        title="Hasil pre-test dan post-test sosialisasi per topik",
        description=(
            "Pre-test dan post-test yang diselesaikan peserta sosialisasi, per topik "
            "sosialisasi dalam satu triwulan: jumlah peserta dan percobaan, persentase lulus "
            "post-test, serta rata-rata nilai pre-test dan post-test (skala 0-100). Latihan "
            "kuis mandiri tidak termasuk."
        ),
        columns=(
            _PERIOD,
            _TOPIC,
            Column(
                "peserta",
                "Peserta",
                "integer",
                "Jumlah orang berbeda yang menyelesaikan sedikitnya satu pre-test atau post-test.",
            ),
            Column(
                "percobaan_selesai",
                "Percobaan selesai",
                "integer",
                "Jumlah pengerjaan pre-test dan post-test yang diselesaikan (dikirim atau "
                "ditutup karena waktu habis).",
            ),
            Column(
                "persen_lulus_post_test",
                "Persentase lulus post-test",
                "number",
                "Pengerjaan post-test yang lulus dibanding seluruh post-test yang selesai, "
                f"dalam persen (satu desimal); hanya bila sedikitnya {MIN_PEOPLE_FOR_AVERAGE} "
                "orang menyelesaikan post-test.",
            ),
            Column(
                "rata_rata_pre_test",
                "Rata-rata nilai pre-test",
                "number",
                "Rata-rata nilai pre-test yang selesai (0-100, satu desimal); hanya bila "
                f"sedikitnya {MIN_PEOPLE_FOR_AVERAGE} orang.",
            ),
            Column(
                "rata_rata_post_test",
                "Rata-rata nilai post-test",
                "number",
                "Rata-rata nilai post-test yang selesai (0-100, satu desimal); hanya bila "
                f"sedikitnya {MIN_PEOPLE_FOR_AVERAGE} orang.",
            ),
        ),
        keywords=("literasi digital", "sosialisasi", "kuis", "pre-test", "post-test"),
        build=quiz_results,
    ),
    DataSet(
        slug=REPORTS,
        title="Aduan hoaks dan netralitas ASN per minggu",
        description=(
            "Jumlah laporan warga yang diterima lewat formulir Lapor per minggu, per jenis aduan "
            "dan platform media sosial, dalam satu triwulan. Satu laporan adalah satu kiriman: "
            "sepuluh orang yang melaporkan unggahan yang sama dihitung sepuluh laporan. Jenis "
            "dan platform menurut klasifikasi petugas pada kasusnya. Laporan yang kemudian "
            "ditolak tetap dihitung. Tidak memuat OPD, tautan, isi laporan, atau apa pun "
            "tentang pelapor; hanya kombinasi yang memiliki laporan yang dicantumkan."
        ),
        columns=(
            _PERIOD,
            Column(
                "minggu_mulai",
                "Minggu mulai",
                "date",
                "Hari Senin awal minggu (YYYY-MM-DD, WIB). Minggu yang terbelah dua triwulan "
                "muncul di kedua rilis, masing-masing hanya dengan hari-hari triwulannya.",
            ),
            Column(
                "jenis",
                "Jenis aduan",
                "string",
                "Hoaks, ASN ikut kampanye, Ujaran kebencian, atau Lainnya.",
            ),
            Column(
                "platform",
                "Platform",
                "string",
                "Platform unggahan yang dilaporkan (Facebook, Instagram, TikTok, X (Twitter), "
                "YouTube, WhatsApp, Lainnya).",
            ),
            Column(
                "laporan",
                "Laporan",
                "integer",
                f"Jumlah laporan yang dikirim pada minggu itu; kosong bila 1 sampai "
                f"{MIN_PEOPLE - 1} atau disembunyikan sebagai supresi pelengkap.",
            ),
        ),
        keywords=("aduan", "hoaks", "netralitas ASN", "media sosial"),
        build=weekly_reports,
    ),
)


# The digital literacy index (yearly) -----------------------------------------------------------
#
# The index is computed by the task worker over every answer ever given (models/literacy.py),
# and each run calibrates the items again, so a year's figures move a little with every run.
# Published per quarter, two releases would hold two versions of the same people's index, and
# their difference would say something about the few who changed it. So the index is
# published once a year, in the release of the year's last quarter (after its grace period):
# the cells of that calendar year only (never the all-years cells, which would overlap the
# next year's), from the latest finished run at publication time, and never again. Releases of
# other quarters have no such data set. A year without a finished run, or with nobody
# measured, has none either (the data set is left out rather than published empty forever).

LITERACY = "indeks-literasi"
LITERACY_CITY = "Kota"
LITERACY_GROUP_LABELS = {"": "Semua", "asn": "ASN", "ptt": "PTT"}
LITERACY_SUPPRESSION = (
    f"Sel yang menggambarkan kurang dari {literacy_method.MIN_PEOPLE} orang tidak ditampilkan: "
    "jumlah orang, indeks, batas bawah dan batas atasnya kosong (null pada JSON, kosong pada "
    "CSV). Supresi pelengkap diterapkan pada sel lain agar sel yang disembunyikan tidak dapat "
    "dihitung dari kota, OPD (dengan unit di bawahnya), kelompok dan pilar yang tampil. Data "
    "set ini hanya terbit sekali setahun untuk tahun kalender itu, dalam rilis triwulan IV, "
    "sehingga selisih antarrilis tidak mengungkap apa pun. Hanya angka agregat; tidak ada skor "
    "orang per orang."
)


LITERACY_FIGURES = ("orang", "indeks", "batas_bawah", "batas_atas")


def literacy_cells(period):
    """The cells of `period`'s year in the latest finished run, city first, then agencies by
    name; each by group, phase and pillar (an empty list when there is no finished run). Two
    queries."""
    run = reports.latest_literacy_run()
    if run is None:
        return []
    found = list(LiteracyCell.objects.filter(run=run, year=period.year).select_related("agency"))
    groups, phases = list(LITERACY_GROUP_LABELS), [phase.value for phase in Phase]
    pillars = reports.pillar_order()
    found.sort(
        key=lambda cell: (
            cell.agency_id is not None,
            cell.agency.name if cell.agency_id else "",
            cell.agency_id or 0,
            groups.index(cell.group) if cell.group in groups else len(groups),
            phases.index(cell.phase),
            pillars.index(cell.pillar),
        )
    )
    return found


def _literacy_row(period, cell):
    return {
        "tahun": period.year,
        "opd": cell.agency.name if cell.agency_id else LITERACY_CITY,
        "kelompok": LITERACY_GROUP_LABELS.get(cell.group, cell.group),
        "pengukuran": Phase(cell.phase).label,
        "pilar": reports.pillar_label(cell.pillar),
        "orang": cell.people,
        "indeks": _index(cell.index),
        "batas_bawah": _index(cell.low),
        "batas_atas": _index(cell.high),
    }


def _index(value):
    return None if value is None else round(float(value), 2)


def literacy_index(period):
    """The yearly data set as Cells, or None when there is nothing for the year. The engine
    has withheld its small cells and their complements; a cell under MIN_PEOPLE is withheld
    here too whatever the engine did, and `_protect_literacy` checks what a reader of the
    published file could subtract."""
    found = literacy_cells(period)
    if not found:
        return None
    cells = Cells([_literacy_row(period, cell) for cell in found])
    for index, cell in enumerate(found):
        if cell.suppressed or cell.people is None or cell.people < literacy_method.MIN_PEOPLE:
            _hide_literacy(cells, index)
    _protect_literacy(cells, found)
    return cells


def _hide_literacy(cells, index):
    changed = False
    for name in LITERACY_FIGURES:
        changed |= cells.hide(index, name)
    return changed


def _literacy_relations(found):
    """(total, parts, exact) among the cells' indexes, for one phase and pillar: everyone and
    its ASN and PTT (exact: each person is in one group), and an agency's (or the city's) cell
    and its sub-agencies' (the city's or an agency's own people, not in any sub-agency's cell,
    make the rest)."""
    at = {(c.agency_id, c.group, c.phase, c.pillar): i for i, c in enumerate(found)}
    relations = []
    for (agency, group, phase, pillar), index in at.items():
        if group == "":
            parts = [at.get((agency, part, phase, pillar)) for part in ("asn", "ptt")]
            relations.append((index, [part for part in parts if part is not None], True))
    children = {}
    for (agency, group, phase, pillar), index in at.items():
        if agency is not None:
            parent = found[index].agency.parent_id
            children.setdefault((parent, group, phase, pillar), []).append(index)
    for (parent, group, phase, pillar), parts in children.items():
        total = at.get((parent, group, phase, pillar))
        if total is not None:
            relations.append((total, parts, False))
    return relations


def _protect_literacy(cells, found):
    """Complementary suppression over what the published file lets anyone subtract, repeated
    until nothing changes: a shown total minus its shown parts must not leave 1 to
    MIN_PEOPLE - 1 people (their index would follow from the others'), and a withheld total
    must not be the exact sum of shown parts. The smallest shown part is withheld, or the
    total when no part is shown."""
    relations = _literacy_relations(found)
    minimum = literacy_method.MIN_PEOPLE

    def smallest(indexes):
        shown = [i for i in indexes if cells.shown(i, "orang")]
        return min(shown, key=lambda i: (cells.value(i, "orang"), i)) if shown else None

    changed = True
    while changed:
        changed = False
        for total, parts, exact in relations:
            shown = [i for i in parts if cells.shown(i, "orang")]
            if cells.shown(total, "orang"):
                rest = cells.value(total, "orang") - sum(cells.value(i, "orang") for i in shown)
                if 0 < rest < minimum:
                    part = smallest(parts)
                    changed |= _hide_literacy(cells, total if part is None else part)
            elif exact and parts and len(shown) == len(parts):
                changed |= _hide_literacy(cells, smallest(parts))


_INDEX_NOTE = (
    f"{literacy_method.METHOD_TEXT} {literacy_method.MAPPING_TEXT} "
    f"{literacy_method.INSTRUMENT_NOTE}"
)
LITERACY_DATASET = DataSet(
    slug=LITERACY,
    title="Indeks literasi digital ASN dan PTT kota",
    description=(
        "Indeks literasi digital (skala 1-5) aparatur kota per pilar (kecakapan, etika, "
        "keamanan dan budaya digital) dan keseluruhan, untuk kota dan setiap OPD beserta unit "
        "di bawahnya, semua peserta, ASN (PNS dan PPPK) dan PTT, sebelum dan sesudah "
        "sosialisasi, perubahan pada orang yang diukur dua kali, dan swanilai; dengan selang "
        "kepercayaan 95% dan jumlah orang. Satu tahun kalender, terbit sekali dalam rilis "
        f"triwulan IV. Metode: {_INDEX_NOTE}"
    ),
    columns=(
        Column("tahun", "Tahun", "integer", "Tahun kalender pengukuran (pre-test/post-test)."),
        Column(
            "opd",
            "OPD",
            "string",
            f"'{LITERACY_CITY}' untuk seluruh kota; selain itu nama perangkat daerah, termasuk "
            "unit di bawahnya (kecamatan dengan kelurahannya), menurut OPD orang pada saat "
            "diukur.",
        ),
        Column(
            "kelompok",
            "Kelompok",
            "string",
            "Semua, ASN (PNS dan PPPK) atau PTT, menurut kelompok orang pada saat diukur.",
        ),
        Column(
            "pengukuran",
            "Pengukuran",
            "string",
            "Sebelum sosialisasi (pre-test), Sesudah sosialisasi (post-test), Perubahan (diukur "
            "dua kali: rata-rata selisih skor orang yang mengerjakan keduanya pada tahun itu, "
            "boleh negatif), atau Swanilai (rata-rata penilaian diri 1-5).",
        ),
        Column(
            "pilar",
            "Pilar",
            "string",
            "Kecakapan digital, Etika digital, Keamanan digital, Budaya digital, atau "
            "Keseluruhan (rata-rata keempat pilar).",
        ),
        Column(
            "orang",
            "Jumlah orang",
            "integer",
            "Orang di balik angka ini; kosong bila sel disembunyikan.",
        ),
        Column(
            "indeks",
            "Indeks",
            "number",
            "Rata-rata skor 1-5 orang-orangnya (dua desimal); untuk Perubahan, selisih poin "
            "indeks. Kosong bila sel disembunyikan.",
        ),
        Column(
            "batas_bawah",
            "Batas bawah 95%",
            "number",
            "Batas bawah selang kepercayaan 95% (bootstrap atas orang); kosong bila disembunyikan.",
        ),
        Column(
            "batas_atas",
            "Batas atas 95%",
            "number",
            "Batas atas selang kepercayaan 95% (bootstrap atas orang); kosong bila disembunyikan.",
        ),
    ),
    keywords=("literasi digital", "indeks literasi digital", "ASN", "pilar"),
    build=literacy_index,
    yearly=True,
    suppression=LITERACY_SUPPRESSION,
)
YEARLY_DATASETS = (LITERACY_DATASET,)
BY_SLUG = {dataset.slug: dataset for dataset in (*DATASETS, *YEARLY_DATASETS)}
YEARLY_QUARTER = 4


def yearly_datasets(period):
    """The yearly data sets a period's release carries: in the year's last quarter only."""
    return YEARLY_DATASETS if period.quarter == YEARLY_QUARTER else ()


# The files of a release ----------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """A data set of a period as it will be published: rows, files and their SHA-256."""

    dataset: DataSet
    rows: list
    csv: str
    json: str

    @property
    def csv_sha256(self):
        return sha256(self.csv)

    @property
    def json_sha256(self):
        return sha256(self.json)


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_release(period, *, published_at):
    """Every data set of `period`, suppressed together and audited, with its files, ready to be
    stored (services.py)."""
    cells = {dataset.slug: dataset.build(period) for dataset in DATASETS}
    audit(cells)
    # The yearly data sets relate to no quarterly one (another unit: people measured, not
    # attendances), so the release's audit has nothing to link them to.
    datasets = list(DATASETS)
    for dataset in yearly_datasets(period):
        found = dataset.build(period)
        if found is not None:
            cells[dataset.slug] = found
            datasets.append(dataset)
    built = []
    for dataset in datasets:
        rows = cells[dataset.slug].published()
        built.append(
            Built(
                dataset=dataset,
                rows=rows,
                csv=csv_text(dataset.column_names, rows),
                json=json_text(dataset, period, rows, published_at=published_at),
            )
        )
    return built


def audit(cells):
    """Withhold more of a release ({slug: Cells}) until an attacker who knows how its data sets
    relate recovers no withheld cell (disclosure.py). The relations: a month without a session
    held has no attendance; participants = ASN + PTT in a month; a row's attendances are at
    least its participants; a row per agency, topic or quiz group exists because someone was
    there (at least 1); the same attendances add up by month, by agency and by topic; and,
    assumed to be safe, the same people by agency and by topic."""
    check = disclosure.Audit()

    def add(slug, index, name, *, low=0):
        key = (slug, index, name)
        hidden = not cells[slug].shown(index, name)
        return check.add(key, cells[slug].value(index, name), hidden=hidden, low=low)

    totals = {"kehadiran": [], "peserta": []}
    monthly = "partisipasi-bulanan"
    attendances = []
    for index, row in enumerate(cells[monthly].rows):
        low = 1 if row["sosialisasi_terlaksana"] else 0
        came, people = add(monthly, index, "kehadiran", low=low), add(monthly, index, "peserta")
        asn, ptt = add(monthly, index, "peserta_asn"), add(monthly, index, "peserta_ptt")
        if not row["sosialisasi_terlaksana"]:
            check.equal([came, people, asn, ptt], [])
        check.equal([people], [asn, ptt])
        check.greater_or_equal(came, people)
        attendances.append(came)
    totals["kehadiran"].append(attendances)
    for slug in ("partisipasi-opd", "partisipasi-topik"):
        came = [add(slug, i, "kehadiran", low=1) for i in range(len(cells[slug].rows))]
        people = [add(slug, i, "peserta", low=1) for i in range(len(cells[slug].rows))]
        for pair in zip(came, people, strict=True):
            check.greater_or_equal(*pair)
        totals["kehadiran"].append(came)
        totals["peserta"].append(people)
    for index in range(len(cells["hasil-kuis-topik"].rows)):
        people = add("hasil-kuis-topik", index, "peserta", low=1)
        check.greater_or_equal(add("hasil-kuis-topik", index, "percobaan_selesai", low=1), people)
    for sums in totals.values():
        for left, right in zip(sums, sums[1:], strict=False):
            check.equal(left, right)
    if REPORTS in cells:
        _audit_reports(check, cells[REPORTS], add)
    for slug, index, name in check.withhold_until_safe():
        cells[slug].hide(index, name)
    return cells


def _audit_reports(check, cells, add):
    """The weekly reports: a row exists because it has a report (at least 1), and the
    quarter's total is taken to be known (the desk speaks of it). Nothing else in the release
    counts reports, so no other relation holds."""
    reported = [add(REPORTS, index, "laporan", low=1) for index in range(len(cells.rows))]
    if reported:
        total = sum(cells.value(index, "laporan") for index in range(len(cells.rows)))
        known = check.add((REPORTS, "total"), total, hidden=False, known=True)
        check.equal(reported, [known])


def csv_text(column_names, rows):
    """UTF-8 CSV with a BOM and a header row, written by the site's CSV writer (text quoted,
    formula-looking text neutralised, numbers with a decimal point); withheld cells empty."""
    return exports.csv_file([column_names, *([row[name] for name in column_names] for row in rows)])


def json_text(dataset, period, rows, *, published_at):
    """The JSON file: the figures and what describes them, with no host name in it (the same
    bytes whichever address serves them; metadata.json links them absolutely)."""
    document = {
        "identifier": f"{period.slug}/{dataset.slug}",
        "title": f"{dataset.title}, {dataset.period_label(period)}",
        "license": LICENSE_URL,
        "licenseTitle": LICENSE_TITLE,
        "publisher": PUBLISHER,
        "period": dataset.period_code(period),
        "temporal": dataset.temporal(period),
        "issued": published_at.isoformat(timespec="seconds"),
        "suppression": dataset.rule,
        "columns": dataset.column_names,
        "data": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def contact_point(name, email):
    """Whom a data set's users may write to, as DCAT-US 1.1 writes it (a vCard)."""
    return {"@type": "vcard:Contact", "fn": name, "hasEmail": f"mailto:{email}"}


def catalog(releases, absolute_url, contact):
    """Every data set of every release (newest first) in the DCAT-US (Project Open Data v1.1)
    catalog shape that CKAN and most open-data portals harvest. `releases` carry their files
    (without bodies); `absolute_url(name, **kwargs)` makes the links; `contact` is the
    (name, email) every data set names as its contact point (the site's settings).

    DCAT-US 1.1's federal-only properties (bureauCode, programCode: US budget codes) are left
    out, as the non-federal profile data.gov harvests allows."""
    landing = absolute_url("index")
    publisher = {"@type": "org:Organization", "name": PUBLISHER}
    contact = contact_point(*contact)
    datasets = []
    for release in releases:
        period = Period.from_slug(release.slug)
        issued = release.published_at.isoformat(timespec="seconds")
        for stored in release.files.all():
            links = {
                kind: absolute_url(f"dataset_{kind}", periode=release.slug, slug=stored.dataset)
                for kind in ("json", "csv")
            }
            dataset = BY_SLUG.get(stored.dataset)
            yearly = dataset is not None and dataset.yearly
            label = dataset.period_label(period) if dataset else period.label
            datasets.append(
                {
                    "@type": "dcat:Dataset",
                    "identifier": f"{landing}#{release.slug}/{stored.dataset}",
                    "title": f"{stored.title}, {label}",
                    "description": stored.description,
                    "keyword": list(dataset.keywords) if dataset else [],
                    "issued": issued,
                    "modified": issued,
                    "publisher": publisher,
                    "contactPoint": contact,
                    "accessLevel": "public",
                    "license": LICENSE_URL,
                    "licenseTitle": LICENSE_TITLE,
                    "temporal": dataset.temporal(period) if dataset else period.temporal,
                    "temporalLabel": label,
                    "accrualPeriodicity": YEARLY_PERIODICITY if yearly else ACCRUAL_PERIODICITY,
                    "updateFrequency": YEARLY_UPDATE_FREQUENCY if yearly else UPDATE_FREQUENCY,
                    "language": ["id"],
                    "landingPage": landing,
                    "isPartOf": f"{landing}#{release.slug}",
                    "suppression": dataset.suppression if yearly else release.suppression,
                    "columns": stored.columns,
                    "distribution": [
                        {
                            "@type": "dcat:Distribution",
                            "title": f"{stored.title}, {label} (JSON)",
                            "format": "JSON",
                            "mediaType": "application/json",
                            "downloadURL": links["json"],
                            "checksum": {"algorithm": "SHA-256", "value": stored.json_sha256},
                        },
                        {
                            "@type": "dcat:Distribution",
                            "title": f"{stored.title}, {label} (CSV)",
                            "format": "CSV",
                            "mediaType": "text/csv",
                            "downloadURL": links["csv"],
                            "checksum": {"algorithm": "SHA-256", "value": stored.csv_sha256},
                        },
                    ],
                }
            )
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "title": "Data terbuka sosialisasi literasi digital",
        "description": (
            "Data agregat sosialisasi literasi digital bagi aparatur pemerintah kota, "
            "diterbitkan per triwulan. Tidak memuat data pribadi."
        ),
        "publisher": publisher,
        "license": LICENSE_URL,
        "licenseTitle": LICENSE_TITLE,
        "dataset": datasets,
    }


# What is published: the stored releases, never a figure computed for a request -------------------

# The index and the catalog list files without their bodies.
_LISTED = ("release", "dataset", "position", "title", "description", "columns")


def releases():
    """Every release, newest first, with its files' descriptions and SHA-256 (two queries)."""
    files = OpenDataFile.objects.only(*_LISTED, "csv_sha256", "json_sha256").order_by("position")
    return list(OpenDataRelease.objects.prefetch_related(Prefetch("files", queryset=files)))


def release_file(periode, slug):
    """The stored data set `slug` of the release `periode`, or None."""
    return (
        OpenDataFile.objects.select_related("release")
        .filter(release__slug=periode, dataset=slug)
        .first()
    )


def latest_file(slug):
    """The data set `slug` of the newest release that has it, or None."""
    return (
        OpenDataFile.objects.select_related("release")
        .filter(dataset=slug)
        .order_by("-release__period_start")
        .only("dataset", "release__slug")
        .first()
    )
