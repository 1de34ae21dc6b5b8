"""A summary panel on the Wagtail admin's home page for those who read statistics: this year's
headline figures and the way to the dashboard."""

import datetime

from django.utils import timezone
from wagtail.admin.ui.components import Component

from content.stats import selectors
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
        figures = FigureCache(this_year).get("headline", lambda: selectors.headline(this_year))
        return {"figures": figures, "year": today.year}


def add_panel(request, panels):
    if request.user.has_perm(VIEW_STATISTICS):
        panels.append(StatsSummaryPanel(request))
