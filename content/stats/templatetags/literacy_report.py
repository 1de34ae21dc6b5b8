"""The PDF report's "Indeks Literasi Digital" section (reports.literacy_section): a tag, so the
report's template takes it for its filters without its view computing anything more."""

from django import template

from content.stats import reports

register = template.Library()


@register.inclusion_tag("stats/reports/literacy_pdf.html")
def literacy_report(stats_filter):
    return {"literacy": reports.literacy_section(stats_filter)}


@register.inclusion_tag("stats/reports/literacy_cell.html")
def literacy_cell(found, *, change=False):
    """One cell as the report prints it: index and interval, withheld, or no one measured."""
    return {"cell": found, "change": change}
