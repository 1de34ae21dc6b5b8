"""The city's digital literacy index in the admin (analysts, the head of office, superusers):
the index per pillar for a selection with its interval and people, the national figures beside
it, before against after training, the trend, and the agencies ranked. Every number is a cell
the task worker computed (content/stats/literacy/reading.py); this page computes none."""

import hashlib

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.cache import never_cache

from content.articles.pillars import Pillar
from content.base import page_cache
from content.base.admin_menu import PermissionMenuItem
from content.people.models import Agency
from content.stats import warming
from content.stats.cache import TIMEOUT, remember
from content.stats.literacy import charts, method, reading
from content.stats.models import OVERALL
from content.stats.permissions import VIEW_STATISTICS

TITLE = "Indeks Literasi Digital"
VIEW_NAME = "stats_literacy"
ALL_YEARS = "semua"
RANK_CHOICES = [(OVERALL, "Keseluruhan"), *Pillar.choices]


class LiteracyFilterForm(forms.Form):
    """The index's filters. A value the form refuses is said on the page and left out (its
    default is used), never a 500."""

    year = forms.ChoiceField(label="Tahun", required=False)
    agency = forms.ModelChoiceField(
        label="OPD", queryset=Agency.objects.order_by("name"), required=False, empty_label="Kota"
    )
    group = forms.ChoiceField(label="Kelompok", choices=reading.GROUPS, required=False)
    phase = forms.ChoiceField(label="Pengukuran", choices=reading.MEASUREMENTS, required=False)
    rank = forms.ChoiceField(label="Peringkat OPD menurut", choices=RANK_CHOICES, required=False)

    def __init__(self, data, *, years):
        super().__init__(data)
        self.years = years
        self.fields["year"].choices = [
            *((str(year), str(year)) for year in years),
            (ALL_YEARS, "Semua tahun"),
        ]

    def selection(self):
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        data = {name: value for name, value in cleaned.items() if name not in self.errors}
        year = data.get("year") or ""
        if year == ALL_YEARS:
            year = None
        elif year:
            year = int(year)
        else:  # not chosen: the latest year measured
            year = self.years[0] if self.years else None
        return reading.Selection(
            year=year,
            agency=data.get("agency"),
            group=data.get("group") or "",
            phase=data.get("phase") or reading.Phase.BEFORE.value,
            rank_by=data.get("rank") or OVERALL,
        )


def _key(run, selection):
    parts = (
        selection.year,
        selection.agency.pk if selection.agency else None,
        selection.group,
        selection.phase,
        selection.rank_by,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    # A finished run never changes; the stats generation covers renamed agencies and edited
    # national figures (a day at most otherwise, as every cached figure).
    return f"stats:literacy:{page_cache.current_generation('stats')}:{run.pk}:{digest}"


def _screen(run, selection):
    def compute():
        screen = reading.index_screen(run, selection)
        return screen, charts.index_charts(screen)

    return cache.get_or_set(_key(run, selection), compute, TIMEOUT)


def warm(data):
    """What the task worker computes after a run (tasks.calibrate_literacy) or a change of the
    data (warming.refresh): the screen as a request with these filters would, so the first
    analyst after a new run reads it from the cache instead of waiting for the charts."""
    run = reading.latest_run()
    if run is not None:
        form = LiteracyFilterForm(data or None, years=reading.years(run))
        _screen(run, form.selection())


warming.register(VIEW_NAME, warm)


@never_cache
def literacy(request):
    run = reading.latest_run()
    context = {
        "title": TITLE,
        "run": run,
        "method": method,
        "withheld": reading.WITHHELD,
        "aim_url": reverse("stats_literacy_aim"),
    }
    if run is None:
        return TemplateResponse(request, "stats/literacy.html", context)
    form = LiteracyFilterForm(request.GET or None, years=reading.years(run))
    selection = form.selection()
    # The worker draws it again after a change or a new run (the default view as an empty,
    # bound form: an unbound one is never valid, so never remembered).
    remember(VIEW_NAME, form if form.is_bound else LiteracyFilterForm({}, years=form.years))
    screen, drawn = _screen(run, selection)
    national = screen.national.values if screen.national else {}
    context.update(
        form=form,
        selection=selection,
        screen=screen,
        charts=drawn,
        rank_label=dict(RANK_CHOICES)[selection.rank_by],
        rows=[
            (figure, city, national.get(figure.pillar))
            for figure, city in zip(screen.figures, screen.city, strict=True)
        ],
    )
    return TemplateResponse(request, "stats/literacy.html", context)


def get_urls():
    allowed = permission_required(VIEW_STATISTICS, raise_exception=True)
    return [path("statistik/literasi/", allowed(literacy), name="stats_literacy")]


def menu_items():
    return [
        PermissionMenuItem(
            TITLE, reverse("stats_literacy"), icon_name="view", order=15, permission=VIEW_STATISTICS
        ),
    ]
