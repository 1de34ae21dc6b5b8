"""A finished run of the literacy index with the cells a test states, for the screens, the PDF
report, open data and Akun saya: what a test writes is what they must show."""

from django.utils import timezone

from content.articles.pillars import Pillar
from content.stats.models import (
    OVERALL,
    LiteracyCell,
    LiteracyRun,
    PersonLiteracy,
    Phase,
    RunStatus,
)


def finished_run(**fields):
    now = timezone.now()
    defaults = {"started_at": now, "finished_at": now, "status": RunStatus.FINISHED}
    return LiteracyRun.objects.create(**{**defaults, **fields})


def cell(run, *, index, people=50, pillar=OVERALL, phase=Phase.BEFORE, year=None, agency=None,
         group="", spread=0.1):  # fmt: skip
    """A shown cell (index with a symmetric interval), or a withheld one (index=None)."""
    if index is None:
        return LiteracyCell.objects.create(run=run, year=year, agency=agency, group=group,
                                           phase=phase, pillar=pillar, suppressed=True)  # fmt: skip
    return LiteracyCell.objects.create(
        run=run, year=year, agency=agency, group=group, phase=phase, pillar=pillar,
        people=people, index=index, low=index - spread, high=index + spread,
    )  # fmt: skip


def pillar_cells(run, values, **where):
    """One cell per pillar from {pillar: index} plus the overall (their mean)."""
    made = [cell(run, index=value, pillar=pillar, **where) for pillar, value in values.items()]
    if len(values) == len(Pillar):
        made.append(cell(run, index=sum(values.values()) / len(values), **where))
    return made


def person_scores(run, participant, values, *, year, phase=Phase.BEFORE):
    return [
        PersonLiteracy.objects.create(
            run=run, participant=participant, year=year, phase=phase, pillar=pillar, score=score
        )  # fmt: skip
        for pillar, score in values.items()
    ]
