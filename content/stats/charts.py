"""The dashboard's charts, drawn on the server by pygal as SVG: in the admin page and, the same
drawings, in the PDF report (WeasyPrint renders SVG). No JavaScript: pygal's tooltips script
is left out, so the pages keep their Content-Security-Policy and the PDF its look. Each chart
comes with its rows, which the page prints as a table for screen readers and for exact values."""

from dataclasses import dataclass

import pygal
from django.utils import formats
from django.utils.text import Truncator
from pygal.etree import etree  # lxml when installed, else the standard library's
from pygal.style import Style

from content.stats import series

LENTERA_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#d9e2ec",
    opacity="0.9",
    opacity_hover="1",
    colors=("#0b4f6c", "#f2a541", "#2e8b57", "#9b2226", "#5a4fcf"),
    font_family="DejaVu Sans, sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=12,
    title_font_size=14,
    value_font_size=10,
)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    svg: str
    headers: tuple
    rows: list

    @property
    def empty(self):
        return not self.rows


def _config(chart_class, **options):
    options = {"width": 800, "height": 380, "truncate_label": 28, **options}
    return chart_class(
        style=LENTERA_STYLE,
        js=[],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        no_data_text="Belum ada data",
        **options,
    )


# Subclasses before their parents (pygal's Radar and XY are Lines).
KINDS = {
    pygal.Radar: "Diagram radar",
    pygal.XY: "Diagram titik dengan garis selang",
    pygal.Line: "Diagram garis",
    pygal.HorizontalBar: "Diagram batang mendatar",
    pygal.Bar: "Diagram batang",
    pygal.Pie: "Diagram lingkaran",
}


def _render(chart, title, *, widths=None):
    """The SVG without pygal's inline config script (no tooltips here: the Content-Security-
    Policy would refuse the script anyway, and the PDF has no use for it), named for screen
    readers: its <title> is the chart's Indonesian title (pygal's default is "Pygal") and a
    <desc> says what kind of chart it is and where its numbers are written out."""
    tree = chart.render_tree()
    # {series number: stroke width}, written on the lines themselves: pygal's own per-series
    # width loses to its `.line` rule in the SVG's <style>.
    for number, width in (widths or {}).items():
        for group in tree.iter():
            if f"serie-{number}" in (group.get("class") or "").split():
                for line in group.iter():
                    if "line" in (line.get("class") or "").split():
                        line.set("style", f"stroke-width:{width}px;stroke-linecap:round")
    for parent in list(tree.iter()):
        for child in list(parent):
            if str(child.tag).rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    kind = next(label for cls, label in KINDS.items() if isinstance(chart, cls))
    base = tree.get("id") or "grafik"
    name = next(child for child in tree if str(child.tag).rsplit("}", 1)[-1] == "title")
    name.text = title
    name.set("id", f"{base}-judul")
    description = etree.Element(name.tag.replace("title", "desc"))
    description.text = f"{kind}: {title}. Angka lengkapnya ada pada tabel data grafik ini."
    description.set("id", f"{base}-keterangan")
    tree.insert(list(tree).index(name) + 1, description)
    tree.set("role", "img")
    tree.set("aria-labelledby", f"{base}-judul {base}-keterangan")
    return etree.tostring(tree, encoding="unicode")


def _month(value):
    return formats.date_format(value, "M Y")


def _number(value):
    return "-" if value is None else formats.number_format(value, decimal_pos=1)


def participation_per_month(stats_filter):
    rows = series.per_month(stats_filter)
    chart = _config(pygal.Bar, x_label_rotation=30, show_minor_x_labels=True)
    chart.x_labels = [_month(row.month) for row in rows]
    chart.add("Kehadiran", [row.attendances for row in rows])
    chart.add("Peserta (orang)", [row.participants for row in rows])
    return Chart(
        "per-bulan",
        "Partisipasi per bulan",
        _render(chart, "Partisipasi per bulan"),
        ("Bulan", "Kehadiran", "Peserta (orang)"),
        [(_month(row.month), row.attendances, row.participants) for row in rows],
    )


def participation_per_agency(stats_filter):
    rows = series.per_agency(stats_filter)
    chart = _config(pygal.HorizontalBar, show_legend=False)
    chart.x_labels = [row.agency for row in reversed(rows)]
    chart.add("Peserta (orang)", [row.participants for row in reversed(rows)])
    return Chart(
        "per-opd",
        f"Peserta per OPD ({series.TOP_AGENCIES} teratas)",
        _render(chart, f"Peserta per OPD ({series.TOP_AGENCIES} teratas)"),
        ("OPD", "Peserta (orang)", "Kehadiran"),
        [(row.agency, row.participants, row.attendances) for row in rows],
    )


def group_split(stats_filter):
    rows = series.group_split(stats_filter)
    chart = _config(pygal.Pie, inner_radius=0.45, height=300)
    for label, count in rows:
        chart.add(label, count)
    shown = [(label, count) for label, count in rows] if any(c for _, c in rows) else []
    return Chart(
        "kelompok",
        "Peserta menurut kelompok",
        _render(chart, "Peserta menurut kelompok"),
        ("Kelompok", "Orang"),
        shown,
    )


def score_distribution(stats_filter):
    rows = series.score_distribution(stats_filter)
    chart = _config(pygal.Bar)
    chart.x_labels = [label for label, _, _ in rows]
    chart.add("Pre-test", [pre for _, pre, _ in rows])
    chart.add("Post-test", [post for _, _, post in rows])
    shown = rows if any(pre or post for _, pre, post in rows) else []
    return Chart(
        "sebaran-nilai",
        "Sebaran nilai pre-test dan post-test",
        _render(chart, "Sebaran nilai pre-test dan post-test"),
        ("Nilai", "Pre-test", "Post-test"),
        shown,
    )


def pre_post_per_session(stats_filter):
    rows = series.pre_post_per_session(stats_filter)
    chart = _config(pygal.Bar, x_label_rotation=20, range=(0, 100))
    chart.x_labels = [Truncator(row.title).chars(28) for row in rows]
    chart.add("Rata-rata pre-test", [_float(row.pre) for row in rows])
    chart.add("Rata-rata post-test", [_float(row.post) for row in rows])
    return Chart(
        "pre-post",
        "Pre-test dan post-test per sosialisasi",
        _render(chart, "Pre-test dan post-test per sosialisasi"),
        ("Sosialisasi", "Tanggal", "Rata-rata pre-test", "Rata-rata post-test"),
        [
            (row.title, formats.date_format(row.date, "j M Y"), _number(row.pre), _number(row.post))
            for row in rows
        ],
    )


def _float(value):
    return None if value is None else float(value)


CHARTS = (
    participation_per_month,
    participation_per_agency,
    group_split,
    score_distribution,
    pre_post_per_session,
)


def dashboard_charts(stats_filter):
    return [make(stats_filter) for make in CHARTS]


# The report desk (desk.py) ---------------------------------------------------------------------


def desk_chart(breakdown):
    """A breakdown of the Aduan section (reports and cases per week, kind or platform) drawn as
    the other charts are; a withheld count is a gap, and its table cell says "*"."""
    per_week = breakdown.key == "aduan-minggu"
    if per_week:
        chart = _config(pygal.Bar, x_label_rotation=30, show_minor_x_labels=True)
        rows = breakdown.rows
    else:
        chart = _config(pygal.HorizontalBar, height=320)
        rows = list(reversed(breakdown.rows))
    chart.x_labels = [label for label, _, _ in rows]
    chart.add("Laporan", [_cell(reports) for _, reports, _ in rows])
    chart.add("Kasus", [_cell(cases) for _, _, cases in rows])
    return Chart(
        breakdown.key,
        breakdown.title,
        _render(chart, breakdown.title),
        (breakdown.heading, "Laporan (kiriman warga)", "Kasus (unggahan berbeda)"),
        [] if breakdown.empty else [(label, str(r), str(c)) for label, r, c in breakdown.rows],
    )


def _cell(cell):
    return cell.value if cell.shown else None


def desk_charts(section):
    return [desk_chart(breakdown) for breakdown in section.breakdowns]
