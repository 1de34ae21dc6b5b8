"""The index screen's charts, drawn on the server by pygal as SVG like the dashboard's
(content/stats/charts.py): no script, named for screen readers, each with its table of exact
values. A withheld cell is a gap in a chart, never a number."""

import pygal
from django.utils import formats

from content.stats import charts
from content.stats.charts import Chart
from content.stats.literacy.reading import WITHHELD


def _number(value, places=2):
    return formats.number_format(value, decimal_pos=places)


def shown(figure):
    """The figure as a table cell: the index, or why there is none."""
    if figure.suppressed:
        return WITHHELD
    if figure.index is None:
        return "belum ada data"
    return _number(figure.index)


def interval(figure):
    if not figure.shown or figure.low is None or figure.high is None:
        return "-"
    return f"{_number(figure.low)} - {_number(figure.high)}"


def _config(chart_class, **options):
    sizes = {"width": 640, "height": 420, "truncate_label": 30}
    return charts._config(chart_class, **{**sizes, **options})


def pillars_radar(screen):
    """The four pillars of the selection, the city and the national survey on one radar."""
    pillars = screen.figures[1:]
    chart = _config(pygal.Radar, range=(1, 5), fill=False, dots_size=4)
    chart.x_labels = [figure.label for figure in pillars]
    agency = screen.selection.agency
    series = [(str(agency) if agency else "Kota", pillars)]
    if agency is not None:
        series.append(("Kota", screen.city[1:]))
    for name, figures in series:
        # pygal's radar draws a missing value at the centre, as if it were 0: a series with a
        # withheld pillar is left out of the drawing (its table row says why).
        if all(figure.shown for figure in figures):
            chart.add(name, [figure.index for figure in figures])
    national = screen.national
    if national is not None:
        values = [national.values.get(figure.pillar) for figure in pillars]
        chart.add(
            f"Nasional {national.year} (instrumen lain)",
            [float(value) if value is not None else None for value in values],
        )
    headers = ("Pilar", *(name for name, _ in series))
    rows = []
    for position, figure in enumerate(pillars):
        row = [figure.label, *(shown(figures[position]) for _, figures in series)]
        if national is not None:
            value = national.values.get(figure.pillar)
            row.append("-" if value is None else _number(value))
        rows.append(tuple(row))
    if national is not None:
        headers = (*headers, f"Nasional {national.year}")
    title = "Empat pilar dibandingkan dengan kota dan nasional"
    # Drawn whenever there is something to say: a withheld selection still shows the city and
    # the national figures, and its table says why its own column is empty.
    has_data = any(not figure.missing for _, figures in series for figure in figures)
    return Chart(
        "pilar",
        title,
        charts._render(chart, title),
        headers,
        rows if has_data else [],
    )


def intervals(screen):
    """Each pillar's index as a dot with its 95% interval as a line (pygal has no error bars:
    an XY chart draws them), the overall index on top."""
    figures = list(reversed(screen.figures))
    chart = _config(
        pygal.XY,
        range=(0.5, len(figures) + 0.5),
        xrange=(1, 5),
        show_legend=True,
        allow_interruptions=True,
        show_y_guides=False,  # the guides would hide the interval lines
        show_x_guides=True,
        height=320,
    )
    chart.y_labels = [
        {"label": figure.label, "value": position + 1} for position, figure in enumerate(figures)
    ]
    whiskers, dots = [], []
    for position, figure in enumerate(figures):
        if figure.shown and figure.low is not None:
            whiskers += [(figure.low, position + 1), (figure.high, position + 1), None]
            dots.append((figure.index, position + 1))
    chart.add(
        "Selang kepercayaan 95%",
        whiskers or [None],
        show_dots=False,
    )
    chart.add("Indeks", dots or [None], stroke=False, dots_size=4)
    title = "Indeks dan selang kepercayaan 95%"
    rows = [
        (
            figure.label,
            shown(figure),
            interval(figure),
            figure.people if figure.shown else "-",
        )
        for figure in screen.figures
    ]
    return Chart(
        "selang",
        title,
        charts._render(chart, title, widths={0: 5}),
        ("Indeks", "Nilai (1-5)", "Selang 95%", "Jumlah orang"),
        rows if any(not figure.missing for figure in screen.figures) else [],
    )


def trend(screen):
    """The overall index and each pillar per year."""
    chart = _config(pygal.Line, range=(1, 5), allow_interruptions=True, height=340)
    chart.x_labels = [str(year) for year, _ in screen.trend]
    labels = [figure.label for figure in screen.figures]
    for position, label in enumerate(labels):
        chart.add(
            label,
            [row[position].index if row[position].shown else None for _, row in screen.trend],
        )
    title = "Tren per tahun"
    rows = [(str(year), *(shown(figure) for figure in row)) for year, row in screen.trend]
    return Chart(
        "tren",
        title,
        charts._render(chart, title),
        ("Tahun", *labels),
        rows if any(figure.shown for _, row in screen.trend for figure in row) else [],
    )


def index_charts(screen):
    return [pillars_radar(screen), intervals(screen), trend(screen)]
