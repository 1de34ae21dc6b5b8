"""The statistics dashboard in the admin (analysts and superusers): headline figures and charts
for the chosen filters, and the same as a PDF report for the head of office."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from weasyprint import HTML

from content.base.admin_menu import PermissionMenuItem
from content.stats import charts, desk, selectors, warming
from content.stats.cache import FigureCache, remember
from content.stats.filters import DashboardFilterForm
from content.stats.literacy import reading as literacy_reading
from content.stats.permissions import VIEW_STATISTICS

TITLE = "Statistik partisipasi"
VIEW_NAME = "dashboard"


def figures_for(data):
    """(form, filter, headline, charts, desk section, desk charts) for the filters in `data`,
    from the cache when the data behind them has not changed since they were computed."""
    form = DashboardFilterForm(data or None)
    stats_filter = form.to_filter()
    kind, platform = form.desk_choices()
    figures = FigureCache(stats_filter)
    headline = figures.get("headline", lambda: selectors.headline(stats_filter))
    drawn = figures.get("charts", lambda: charts.dashboard_charts(stats_filter))
    reported = figures.get(
        f"desk:{kind}:{platform}",
        lambda: _desk(stats_filter, kind, platform),
    )
    return form, stats_filter, headline, drawn, *reported


def _desk(stats_filter, kind, platform):
    section = desk.section(stats_filter, kind=kind, platform=platform)
    return section, charts.desk_charts(section)


warming.register(VIEW_NAME, figures_for, always=True)


def _context(request):
    form, stats_filter, headline, drawn, desk_section, desk_drawn = figures_for(request.GET)
    remember(VIEW_NAME, form)
    return {
        "title": TITLE,
        "form": form,
        "stats_filter": stats_filter,
        "figures": headline,
        "charts": drawn,
        "desk": desk_section,
        "desk_charts": desk_drawn,
        "query": request.GET.urlencode(),
    }


def _literacy_card():
    """The city's overall literacy index (latest year, before training) for the dashboard's
    card, or None before the first finished run: two indexed queries, no computation."""
    run = literacy_reading.latest_run()
    found = literacy_reading.city_overall(run) if run is not None else None
    if found is None:
        return None
    year, figure = found
    return {"year": year, "figure": figure, "withheld": literacy_reading.WITHHELD}


@never_cache
def dashboard(request):
    context = {**_context(request), "literacy": _literacy_card()}
    return TemplateResponse(request, "stats/dashboard.html", context)


@never_cache
def dashboard_pdf(request):
    context = {**_context(request), "made_at": timezone.localtime()}
    html = render_to_string("stats/dashboard_pdf.html", context, request=request)
    # Nothing outside the page itself is fetched: the charts are inline SVG.
    pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="statistik-lentera-{day}.pdf"'
    return response


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"not fetched: {url[:80]}")


def get_urls():
    allowed = permission_required(VIEW_STATISTICS, raise_exception=True)
    return [
        path("statistik/", allowed(dashboard), name="stats_dashboard"),
        path("statistik/laporan.pdf", allowed(dashboard_pdf), name="stats_dashboard_pdf"),
    ]


def menu_items():
    # For analysts only: organizers see the Statistik menu for Sasaran pelatihan alone.
    return [
        PermissionMenuItem(
            "Dasbor",
            reverse("stats_dashboard"),
            icon_name="table",
            order=10,
            permission=VIEW_STATISTICS,
        )
    ]
