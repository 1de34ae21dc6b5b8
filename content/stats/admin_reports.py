"""The statistics reports in the admin: coverage per agency, coverage of a topic, per session and
per participant. Each is a Wagtail ReportView, so `?export=csv` and `?export=xlsx` download its
table through SpreadsheetExportMixin (and content/base/exports.py, the site's CSV writer, which
keeps formula-looking text as text and long digit strings such as the NIP whole). An export
starts with the report's title and its filters in words (StatsFilter.describe()), then the
column headings.

The figures come from reports.py; these views only read the filter form and lay out columns.
Who may open them: holders of stats.view_statistics (Analyst, superusers). The per-participant
report shows the NIP: it is an analysts' report and never a public page.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.mixins import ExcelDateFormatter
from wagtail.admin.views.reports import ReportView

from content.base.admin_menu import PermissionMenuItem
from content.base.exports import csv_lines
from content.people.models import Agency
from content.stats import reports, warming
from content.stats.cache import FigureCache, remember
from content.stats.filters import GROUP_CHOICES, StatsFilter, StatsFilterForm
from content.stats.permissions import VIEW_STATISTICS


class StatsReportView(ReportView):
    """A report of rows computed by reports.py from the statistics filters.

    `report_columns` is a sequence of (attribute of a row, heading): the table on the page and
    the exported columns are the same."""

    permission = VIEW_STATISTICS
    template_name = "stats/reports/report.html"
    header_icon = "table"
    paginate_by = None
    form_class = StatsFilterForm
    report_columns = ()
    help_template = ""
    export_filename = "laporan"
    # Rows cached per filter (and computed again by the task worker after a change, warming.py).
    caches_rows = True

    def dispatch(self, request, *args, **kwargs):
        # Inside the admin a refusal sends the user back to the dashboard with a message.
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def form(self):
        return self.form_class(self.request.GET)

    @cached_property
    def stats_filter(self):
        return self.form.to_filter()

    def description(self):
        return self.stats_filter.describe()

    def rows(self):
        raise NotImplementedError

    def cached(self, name, compute):
        """Rows kept per filter until the data behind them changes (content/stats/cache.py).
        The filters are remembered, so the task worker computes them again after a change."""
        remember(self.export_filename, self.form)
        return FigureCache(self.stats_filter).get(f"report:{name}", compute)

    @classmethod
    def warm(cls, data):
        """Compute (or read) the rows for the filters in `data`, as a request would."""
        view = cls()
        view.form = cls.form_class(data)
        return view.rows()

    def get_queryset(self):
        return self.rows()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    # The table and the export ---------------------------------------------------------------

    @property
    def list_export(self):
        return [name for name, _ in self.report_columns]

    @property
    def export_headings(self):
        return dict(self.report_columns)

    @property
    def columns(self):
        return [Column(name, label=label) for name, label in self.report_columns]

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y%m%d}"

    def title_rows(self):
        """What an export prints above the headings: the report and its filters."""
        return [self.page_title, f"Filter: {self.description()}"]

    def stream_csv(self, queryset):
        lines = super().stream_csv(queryset)
        yield next(lines)  # the file's BOM comes first
        for line in csv_lines([line] for line in self.title_rows()):
            yield line.encode("utf-8")
        yield from lines

    def write_xlsx(self, queryset, output):
        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=self.page_title[:31])
        for line in self.title_rows():
            cell = WriteOnlyCell(worksheet, line)
            cell.data_type = "s"  # text, never a formula
            worksheet.append([cell])
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(
                self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format)
            )
        workbook.save(output)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            description=self.description(),
            help_template=self.help_template,
            exports={"xlsx": self.xlsx_export_url, "csv": self.csv_export_url},
        )
        return context


# 1. Coverage per agency ---------------------------------------------------------------------


class AgencyCoverageView(StatsReportView):
    page_title = "Cakupan per OPD"
    help_template = "stats/reports/help_agencies.html"
    export_filename = "cakupan-per-opd"
    report_columns = (
        ("agency_name", "OPD"),
        ("headcount_asn", "Jumlah ASN"),
        ("headcount_ptt", "Jumlah PTT"),
        ("registered", "Terdaftar di platform"),
        ("attended", "Pernah hadir"),
        ("coverage", "Cakupan (%)"),
        ("attendances", "Kehadiran"),
        ("pass_rate", "Tingkat kelulusan (%)"),
        ("normalised_gain", "Gain ternormalisasi (g)"),
        ("training_hours_per_asn", "JP per ASN"),
    )

    def rows(self):
        return self.cached("agencies", lambda: reports.agency_coverage(self.stats_filter))

    def description(self):
        year = reports.headcount_year(self.stats_filter)
        return f"{super().description()}; jumlah pegawai tahun {year}"


# 2. Coverage of a topic ---------------------------------------------------------------------


class TopicCoverageForm(StatsFilterForm):
    threshold = forms.IntegerField(
        label="Ambang cakupan (%)",
        min_value=0,
        max_value=100,
        required=False,
        initial=reports.DEFAULT_THRESHOLD,
    )
    only_below = forms.BooleanField(label="Hanya OPD di bawah ambang", required=False)

    def threshold_value(self):
        data = self.cleaned_data if self.is_valid() else {}
        threshold = data.get("threshold")
        return reports.DEFAULT_THRESHOLD if threshold is None else threshold


class TopicCoverageView(StatsReportView):
    page_title = "Cakupan per topik"
    help_template = "stats/reports/help_topic.html"
    export_filename = "cakupan-per-topik"
    form_class = TopicCoverageForm
    report_columns = (
        ("agency_name", "OPD"),
        ("headcount_asn", "Jumlah ASN"),
        ("attended_asn", "ASN yang pernah hadir"),
        ("coverage", "Cakupan (%)"),
        ("below_threshold_label", "Di bawah ambang"),
    )

    @cached_property
    def only_below(self):
        return bool(self.form.is_valid() and self.form.cleaned_data.get("only_below"))

    def rows(self):
        threshold = self.form.threshold_value()
        return self.cached(
            f"topic:{threshold}:{self.only_below}",
            lambda: reports.topic_coverage(
                self.stats_filter, threshold=threshold, only_below=self.only_below
            ),
        )

    def description(self):
        text = f"{super().description()}; ambang {self.form.threshold_value()}%"
        if self.only_below:
            text += " (hanya OPD di bawah ambang)"
        year = reports.headcount_year(self.stats_filter)
        return f"{text}; jumlah ASN tahun {year}"


# 3. Per session -----------------------------------------------------------------------------


class SessionFiguresView(StatsReportView):
    page_title = "Per sosialisasi"
    help_template = "stats/reports/help_sessions.html"
    export_filename = "per-sosialisasi"
    # A year holds hundreds of sessions: a page of them reads better (the export has them all).
    paginate_by = 100
    report_columns = (
        ("date", "Tanggal"),
        ("title", "Sosialisasi"),
        ("topic", "Topik"),
        ("training_hours", "JP"),
        ("registered", "Terdaftar"),
        ("present", "Hadir"),
        ("late", "Terlambat"),
        ("excused", "Izin"),
        ("absent", "Tidak hadir"),
        ("pre_average", "Rata-rata pre-test"),
        ("post_average", "Rata-rata post-test"),
        ("normalised_gain", "Gain ternormalisasi (g)"),
        ("certificates", "Sertifikat terbit"),
    )

    def rows(self):
        return self.cached("sessions", lambda: reports.session_figures(self.stats_filter))


# 4. Per participant ---------------------------------------------------------------------------


class ParticipantHoursForm(forms.Form):
    year = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100, required=False)
    agency = forms.ModelChoiceField(
        label="OPD", queryset=Agency.objects.all(), required=False, empty_label="Semua OPD"
    )
    group = forms.ChoiceField(label="Kelompok", choices=GROUP_CHOICES, required=False)
    below_target = forms.BooleanField(label="Hanya yang belum mencapai target", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs["placeholder"] = str(timezone.localdate().year)

    def to_filter(self):
        """The year as a period, the agency (with those under it) and the group."""
        data = self.cleaned_data if self.is_valid() else {}
        year = data.get("year") or timezone.localdate().year
        return StatsFilter(
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
            agency=data.get("agency"),
            group=data.get("group") or "",
        )


class ParticipantHoursView(StatsReportView):
    page_title = "Per peserta"
    help_template = "stats/reports/help_participants.html"
    export_filename = "jp-per-peserta"
    form_class = ParticipantHoursForm
    paginate_by = 100
    # People are paged through: a page of them is cheap, and there is no one table to keep.
    caches_rows = False
    report_columns = (
        ("name", "Nama"),
        ("nip", "NIP"),
        ("agency_name", "OPD"),
        ("group", "Kelompok"),
        ("sessions_attended", "Sosialisasi diikuti"),
        ("training_hours", "JP"),
        ("target", "Target JP"),
        ("reached", "Target tercapai"),
    )

    @cached_property
    def below_target_only(self):
        return bool(self.form.is_valid() and self.form.cleaned_data.get("below_target"))

    def rows(self):
        stats_filter = self.stats_filter
        return reports.participant_hours(
            year=stats_filter.start.year,
            agency_ids=stats_filter.agency_ids if stats_filter.agency else None,
            groups=stats_filter.groups,
            below_target_only=self.below_target_only,
            paged=not self.is_export,
        )

    def decorate_paginated_queryset(self, object_list):
        return reports.participant_rows(object_list)

    def get_table(self, object_list):
        # Wagtail builds the table from the page of people before decorating it.
        return super().get_table(self.decorate_paginated_queryset(object_list))

    def description(self):
        stats_filter = self.stats_filter
        parts = [f"Tahun {stats_filter.start.year}"]
        if stats_filter.agency:
            parts.append(f"OPD saat ini {stats_filter.agency} (termasuk unit di bawahnya)")
        if stats_filter.group:
            parts.append(f"Kelompok saat ini {dict(GROUP_CHOICES)[stats_filter.group]}")
        if self.below_target_only:
            parts.append("hanya yang belum mencapai target")
        return "; ".join(parts)


# URLs and menu --------------------------------------------------------------------------------

REPORTS = (
    ("opd", AgencyCoverageView, "stats_report_agencies", "Cakupan per OPD", 10),
    ("topik", TopicCoverageView, "stats_report_topic", "Cakupan per topik", 20),
    ("sosialisasi", SessionFiguresView, "stats_report_sessions", "Per sosialisasi", 30),
    ("peserta", ParticipantHoursView, "stats_report_participants", "Per peserta", 40),
)

for _, view, _, _, _ in REPORTS:
    if view.caches_rows:
        warming.register(view.export_filename, view.warm)


def get_urls():
    return [
        path(f"statistik/laporan/{slug}/", view.as_view(), name=name)
        for slug, view, name, _, _ in REPORTS
    ]


def menu_items():
    return [
        PermissionMenuItem(
            label,
            reverse_lazy(name),
            name=name.replace("_", "-"),
            icon_name="table",
            order=100 + order,
            permission=VIEW_STATISTICS,
        )
        for _, _, name, label, order in REPORTS
    ]
