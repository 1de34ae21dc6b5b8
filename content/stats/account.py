"""A participant's own digital literacy in Akun saya ("Literasi digital saya"), and in their
personal-data download: read from the latest finished run (the task worker computes it; no
request does), shown to that person only. Registered as an account section from
wagtail_hooks.py, so the people app needs to know nothing of the statistics."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from content.articles.models import ArticlePage
from content.articles.pillars import PILLAR_DESCRIPTIONS, Pillar
from content.people.account import AccountSection
from content.people.models.users import ASN_GROUPS
from content.stats import reports
from content.stats.models import OVERALL, LiteracyCell, PersonLiteracy, Phase
from content.stats.services.personal import person_literacy_erase
from content.training.models import SessionPage
from content.training.models.choices import TargetGroup

SUGGESTED = 3
KNOWLEDGE = (Phase.BEFORE, Phase.AFTER)


@dataclass(frozen=True)
class PillarLine:
    pillar: str
    before: float | None
    after: float | None
    self_assessed: float | None
    city: object  # the city's LiteracyCell before training, or None
    national: object  # NationalIndex or None

    @property
    def label(self):
        return reports.pillar_label(self.pillar)

    @property
    def description(self):
        return PILLAR_DESCRIPTIONS.get(self.pillar, "")

    @property
    def latest(self):
        """Their latest knowledge score: after training when measured, else before."""
        return self.after if self.after is not None else self.before

    @property
    def change(self):
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class LiteracyProfile:
    year: int
    run: object
    lines: list
    weakest: object  # PillarLine
    materials: list
    sessions: list
    national_year: int | None
    national_source: str

    @property
    def has_self_assessment(self):
        return any(line.self_assessed is not None for line in self.lines)


def literacy_profile(user):
    """The person's latest year of scores with what to read and join next, or None (no run,
    not a participant, or not measured yet: the template says how to get a score)."""
    if not user.is_authenticated or not user.is_participant:
        return None
    run = reports.latest_literacy_run()
    if run is None:
        return None
    scores = list(PersonLiteracy.objects.filter(run=run, participant=user).order_by("-year"))
    measured = [score for score in scores if score.phase in KNOWLEDGE]
    if not measured:
        return None
    year = measured[0].year
    mine = {(score.phase, score.pillar): score.score for score in scores if score.year == year}
    city = {
        found.pillar: found
        for found in LiteracyCell.objects.filter(
            run=run, year=year, agency=None, group="", phase=Phase.BEFORE
        )
    }
    national, national_year = reports.national_figures()
    lines = [
        PillarLine(
            pillar=pillar,
            before=mine.get((Phase.BEFORE, pillar)),
            after=mine.get((Phase.AFTER, pillar)),
            self_assessed=mine.get((Phase.SELF, pillar)),
            city=city.get(pillar),
            national=national.get(pillar),
        )
        for pillar in Pillar.values
    ]
    scored = [line for line in lines if line.latest is not None]
    weakest = min(scored, key=lambda line: (line.latest, Pillar.values.index(line.pillar)))
    return LiteracyProfile(
        year=year,
        run=run,
        lines=lines,
        weakest=weakest,
        materials=suggested_materials(weakest.pillar),
        sessions=suggested_sessions(weakest.pillar, user),
        national_year=national_year,
        national_source=next((item.source for item in national.values()), ""),
    )


def suggested_materials(pillar):
    """The newest live, public articles whose topic builds `pillar`."""
    return list(
        ArticlePage.objects.live()
        .public()
        .filter(topic__pillar=pillar)
        .order_by("-published_date", "-pk")[:SUGGESTED]
    )


def suggested_sessions(pillar, user):
    """The next live, public sessions on `pillar` that the person may join (their group and
    agency admitted)."""
    groups = [TargetGroup.ALL]
    groups.append(TargetGroup.ASN if user.participant_group in ASN_GROUPS else TargetGroup.PTT)
    return list(
        SessionPage.objects.live()
        .public()
        .filter(topic__pillar=pillar, date__gte=timezone.localdate(), target_group__in=groups)
        .filter(Q(agencies__isnull=True) | Q(agencies=user.agency_id))
        .distinct()
        .order_by("date", "start_time", "pk")[:SUGGESTED]
    )


def literacy_export(user):
    """Every score the statistics keep about the person, for their data download."""
    return [
        {
            "dihitung": score.run.finished_at.isoformat() if score.run.finished_at else None,
            "tahun": score.year,
            "pengukuran": score.get_phase_display(),
            "pilar": score.get_pillar_display() if score.pillar != OVERALL else "Keseluruhan",
            "skor_1_5": score.score,
            "kemampuan_logit": score.ability,
            "galat_baku": score.ability_se,
            "jumlah_soal": score.items,
        }
        for score in PersonLiteracy.objects.filter(participant=user)
        .select_related("run")
        .order_by("-run__finished_at", "year", "phase", "pillar")
    ]


def literacy_erase(user):
    person_literacy_erase(participant=user)


def section():
    return AccountSection(
        key="literasi_digital",
        title="Literasi digital saya",
        template="stats/account_literacy.html",
        items=literacy_profile,
        export=literacy_export,
        erase=literacy_erase,
        order=40,
    )
