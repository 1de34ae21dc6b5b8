"""A summary panel on the Wagtail admin's home page for those who read statistics: this year's
headline figures, the dashboard's charts for this year (the same drawings, from the same cache
entry the dashboard and the worker's refresh use), and the way to the dashboard."""

import datetime

from django.forms import Media
from django.utils import timezone
from wagtail.admin.ui.components import Component

from content.stats import charts, selectors
from content.stats.cache import FigureCache
from content.stats.filters import StatsFilter
from content.stats.permissions import VIEW_STATISTICS


class StatsSummaryPanel(Component):
    name = "stats_summary"
    order = 50
    template_name = "stats/home_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        this_year = StatsFilter(start=datetime.date(today.year, 1, 1), end=today)
        cache = FigureCache(this_year)
        figures = cache.get("headline", lambda: selectors.headline(this_year))
        drawn = cache.get("charts", lambda: charts.dashboard_charts(this_year))
        return {"figures": figures, "charts": drawn, "year": today.year}

    @property
    def media(self):
        return Media(css={"all": ["css/stats_admin.css"]})


def add_panel(request, panels):
    if request.user.has_perm(VIEW_STATISTICS):
        panels.append(StatsSummaryPanel(request))
