"""What the index screens read: the cells of the latest finished run, as the engine left them.
Nothing here computes the index; every figure is a stored cell, and a withheld cell is carried
as withheld (no number) all the way to the page.

Each function is a fixed handful of indexed queries, whatever the number of agencies or years:
the screens assert it (tests/stats/test_literacy_screens*.py)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from content.articles.models import ArticlePage
from content.articles.pillars import Pillar
from content.people.models import Agency
from content.stats.literacy.method import MIN_PEOPLE
from content.stats.models import OVERALL, LiteracyCell, LiteracyRun, NationalIndex, Phase, RunStatus
from content.training.models import SessionPage

# The overall index first, then the pillars in the national framework's order.
ROWS = (OVERALL, *Pillar)
GROUPS = (("", "Semua kelompok"), ("asn", "ASN (PNS dan PPPK)"), ("ptt", "PTT / non-ASN"))
MEASUREMENTS = (
    (Phase.BEFORE.value, "Sebelum sosialisasi"),
    (Phase.AFTER.value, "Sesudah sosialisasi"),
)
WITHHELD = f"disembunyikan: kurang dari {MIN_PEOPLE} orang"


def label_of(pillar):
    return "Keseluruhan" if pillar == OVERALL else Pillar(pillar).label


def latest_run():
    """The latest finished run (the data contract), or None before the first one."""
    return (
        LiteracyRun.objects.filter(status=RunStatus.FINISHED)
        .order_by("-finished_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class Figure:
    """One cell as shown: a number with its interval and people, withheld, or not measured."""

    pillar: str
    index: float | None = None
    low: float | None = None
    high: float | None = None
    people: int | None = None
    suppressed: bool = False

    @property
    def label(self):
        return label_of(self.pillar)

    @property
    def shown(self):
        return not self.suppressed and self.index is not None

    @property
    def missing(self):
        return not self.suppressed and self.index is None

    @classmethod
    def of(cls, cell, pillar=OVERALL):
        if cell is None:
            return cls(pillar)
        if cell.suppressed:
            return cls(cell.pillar, suppressed=True)
        return cls(cell.pillar, cell.index, cell.low, cell.high, cell.people)


@dataclass(frozen=True)
class Selection:
    year: int | None = None  # None: all years together
    agency: Agency | None = None  # None: the whole city
    group: str = ""
    phase: str = Phase.BEFORE.value
    rank_by: str = OVERALL  # the ranking's pillar ('' overall)

    def describe(self):
        parts = [f"Tahun {self.year}" if self.year else "Semua tahun"]
        parts.append(f"OPD {self.agency} (termasuk unit di bawahnya)" if self.agency else "Kota")
        parts.append(dict(GROUPS)[self.group])
        parts.append(dict(MEASUREMENTS)[self.phase])
        return "; ".join(parts)


@dataclass(frozen=True)
class Ranked:
    agency: Agency
    figure: Figure
    units: int  # sub-agencies whose people the agency's cell includes


@dataclass(frozen=True)
class National:
    year: int
    values: dict  # {pillar: Decimal}
    source: str

    def rows(self):
        return [(label_of(pillar), self.values.get(pillar)) for pillar in ROWS]


@dataclass
class IndexScreen:
    run: LiteracyRun
    selection: Selection
    figures: list = field(default_factory=list)  # [Figure] per ROWS, the selection
    city: list = field(default_factory=list)  # [Figure] per ROWS, the city (same year/group)
    comparison: list = field(default_factory=list)  # [(label, before, after, change)]
    trend: list = field(default_factory=list)  # [(year, [Figure] per ROWS)]
    ranking: list = field(default_factory=list)  # [Ranked]: shown ones by index, then withheld
    national: National | None = None


def years(run):
    """The years the run has cells for, newest first."""
    found = (
        LiteracyCell.objects.filter(run=run, year__isnull=False)
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(found, reverse=True)


def national():
    """The latest national year with figures per pillar (2022 in the published series)."""
    per_year = defaultdict(dict)
    sources = {}
    for row in NationalIndex.objects.all():
        per_year[row.year][row.pillar] = row.value
        sources[row.year] = row.source
    with_pillars = [year for year, values in per_year.items() if set(Pillar) <= set(values)]
    if not with_pillars:
        return None
    year = max(with_pillars)
    return National(year, per_year[year], sources[year])


def _where_year(year):
    return Q(year=year) if year else Q(year__isnull=True)


def _where_agency(agency):
    return Q(agency=agency) if agency else Q(agency__isnull=True)


def _row(cells, pillars=ROWS):
    return [Figure.of(cells.get(pillar), pillar) for pillar in pillars]


def index_screen(run, selection):
    """Everything the index screen shows for `selection`, in five queries."""
    screen = IndexScreen(run, selection)
    where = Q(run=run, group=selection.group) & _where_year(selection.year)
    # 1. The selection and the city, every measurement: the figures, the city beside them and
    # the before/after comparison.
    mine, city = defaultdict(dict), defaultdict(dict)
    for cell in LiteracyCell.objects.filter(
        where & (_where_agency(selection.agency) | Q(agency__isnull=True))
    ):
        if cell.agency_id is None:
            city[cell.phase][cell.pillar] = cell
        if (selection.agency is None and cell.agency_id is None) or (
            selection.agency is not None and cell.agency_id == selection.agency.pk
        ):
            mine[cell.phase][cell.pillar] = cell
    screen.figures = _row(mine[selection.phase])
    screen.city = _row(city[selection.phase])
    screen.comparison = [
        (
            label_of(pillar),
            Figure.of(mine[Phase.BEFORE].get(pillar), pillar),
            Figure.of(mine[Phase.AFTER].get(pillar), pillar),
            Figure.of(mine[Phase.CHANGE].get(pillar), pillar),
        )
        for pillar in ROWS
    ]
    # 2. The trend: every year of the selection's agency, group and measurement.
    per_year = defaultdict(dict)
    for cell in LiteracyCell.objects.filter(
        Q(run=run, group=selection.group, phase=selection.phase, year__isnull=False)
        & _where_agency(selection.agency)
    ):
        per_year[cell.year][cell.pillar] = cell
    screen.trend = [(year, _row(per_year[year])) for year in sorted(per_year)]
    # 3-4. The ranking of the top-level agencies (each with its sub-agencies).
    screen.ranking = ranking(run, selection)
    # 5. The national figures.
    screen.national = national()
    return screen


def ranking(run, selection):
    cells = (
        LiteracyCell.objects.filter(
            Q(run=run, group=selection.group, phase=selection.phase, pillar=selection.rank_by)
            & _where_year(selection.year),
            agency__isnull=False,
            agency__parent__isnull=True,
        )
        .select_related("agency")
        .order_by("agency__name")
    )
    units = dict(
        Agency.objects.filter(parent__isnull=False)
        .values("parent")
        .annotate(count=Count("pk"))
        .values_list("parent", "count")
    )
    rows = [Ranked(cell.agency, Figure.of(cell), units.get(cell.agency_id, 0)) for cell in cells]
    shown = sorted((row for row in rows if row.figure.shown), key=lambda row: -row.figure.index)
    withheld = [row for row in rows if not row.figure.shown]
    return shown + withheld


def city_overall(run):
    """The city's overall index in the latest year measured, before training (the dashboard's
    card): (year, Figure) or None."""
    cell = (
        LiteracyCell.objects.filter(
            run=run,
            agency__isnull=True,
            group="",
            phase=Phase.BEFORE,
            pillar=OVERALL,
            year__isnull=False,
        )
        .order_by("-year")
        .first()
    )
    return None if cell is None else (cell.year, Figure.of(cell))


def aim_cells(run, year):
    """(city {pillar: index or None}, {agency: {pillar: index or None}}) of the pillars, before
    training, everyone, for `year` (None: all years), top-level agencies: what aim.py ranks."""
    city, agencies = {}, defaultdict(dict)
    cells = (
        LiteracyCell.objects.filter(
            Q(run=run, group="", phase=Phase.BEFORE)
            & _where_year(year)
            & ~Q(pillar=OVERALL)
            & (Q(agency__isnull=True) | Q(agency__parent__isnull=True))
        )
        .select_related("agency")
        .order_by("agency__name", "pillar")
    )
    for cell in cells:
        value = None if cell.suppressed else cell.index
        if cell.agency is None:
            city[Pillar(cell.pillar)] = value
        else:
            agencies[cell.agency][Pillar(cell.pillar)] = value
    return city, dict(agencies)


def materials_for(pillars, *, per_pillar=3):
    """{pillar: [live ArticlePage]} whose topic leans on the pillar, newest first: one query per
    pillar (four at most)."""
    return {
        pillar: list(
            ArticlePage.objects.live()
            .filter(topic__pillar=pillar)
            .order_by("-published_date", "-pk")
            .only("title", "url_path", "published_date", "topic")[:per_pillar]
        )
        for pillar in pillars
    }


def sessions_for(pillars, *, today, per_pillar=3):
    """{pillar: [live SessionPage]} from `today` on whose topic leans on the pillar, soonest
    first: one query per pillar."""
    return {
        pillar: list(
            SessionPage.objects.live()
            .filter(topic__pillar=pillar, date__gte=today)
            .order_by("date", "start_time", "pk")
            .only("title", "url_path", "date", "start_time", "topic")[:per_pillar]
        )
        for pillar in pillars
    }
