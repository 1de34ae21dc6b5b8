"""Each agency's official headcount per year (AgencyHeadcount), the denominator of coverage:
listed by year, added and edited in the admin (a ModelViewSet, opened from the Statistik menu),
or imported for a year from a spreadsheet through the project's import flow
(headcount_import.py).

Who: holders of the model's permissions, i.e. analysts (view, add, change) and superusers
(who alone may delete). The import needs stats.add_agencyheadcount.
"""

from django import forms
from django.db import transaction
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from content.base.admin_menu import PermissionMenuItem
from content.base.admin_views import ServiceSaveMixin
from content.base.field_bounds import MAX_YEAR, MIN_YEAR
from content.base.import_flow import SpreadsheetImport
from content.base.import_jobs import IMPORT_FLOW_HOOK
from content.stats import headcount_import, services
from content.stats.models import AgencyHeadcount

IMPORT_PERMISSION = "stats.add_agencyheadcount"
VIEW_PERMISSION = "stats.view_agencyheadcount"


class TemplateYearForm(forms.Form):
    tahun = forms.IntegerField(required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)


class HeadcountImport(SpreadsheetImport):
    name = "stats_headcount_import"
    url_path = "statistik/jumlah-pegawai-impor"
    title = "Impor jumlah pegawai OPD"
    permission = IMPORT_PERMISSION
    help_template = "stats/headcount/import_help.html"
    row_label = "OPD"
    template_filename = "templat-jumlah-pegawai-opd.xlsx"
    done_url_name = "agencyheadcount:index"

    def preview(self, data, filename, options, progress):
        return headcount_import.preview_headcount_import(
            headcount_import.read_table(data, filename), progress=progress
        )

    def summary(self, preview):
        return headcount_import.summary(
            {action: preview.count(action) for action in headcount_import.RowAction}
        )

    def apply(self, preview, options, user):
        counts = services.headcounts_import(preview=preview, by=user)
        return f"Impor selesai: {headcount_import.summary(counts)}"

    def template_workbook(self, request):
        # A year that is not one (?tahun=², ?tahun=99999999999) gives this year's template.
        form = TemplateYearForm(request.GET)
        year = form.cleaned_data.get("tahun") if form.is_valid() else None
        return headcount_import.template_workbook(year)


headcount_import_flow = HeadcountImport()
hooks.register(IMPORT_FLOW_HOOK, lambda: headcount_import_flow)


class HeadcountIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(IMPORT_PERMISSION):
            buttons.append(
                HeaderButton(
                    "Impor dari spreadsheet",
                    url=reverse(headcount_import_flow.name),
                    icon_name="upload",
                )
            )
        return buttons


class HeadcountSaveMixin(ServiceSaveMixin):
    """Adding or editing a headcount in the admin writes through the statistics services."""

    def save_with_service(self, form):
        return services.headcount_save(headcount=form.instance, by=self.request.user)


class HeadcountCreateView(HeadcountSaveMixin, CreateView):
    log_action = "wagtail.create"


class HeadcountEditView(HeadcountSaveMixin, EditView):
    pass


class HeadcountDeleteView(DeleteView):
    def delete_action(self):
        with transaction.atomic():
            log(self.object, "wagtail.delete", user=self.request.user)
            services.headcount_delete(headcount=self.object, by=self.request.user)


class AgencyHeadcountViewSet(ModelViewSet):
    model = AgencyHeadcount
    name = "agencyheadcount"
    url_prefix = "statistik/jumlah-pegawai"
    icon = "group"
    menu_label = "Jumlah pegawai OPD"
    add_to_admin_menu = False
    index_view_class = HeadcountIndexView
    add_view_class = HeadcountCreateView
    edit_view_class = HeadcountEditView
    delete_view_class = HeadcountDeleteView
    list_display = [
        "agency",
        "year",
        Column("asn", label="Jumlah ASN"),
        Column("ptt", label="Jumlah PTT / non-ASN"),
    ]
    list_filter = ["year", "agency"]
    list_export = ["agency", "year", "asn", "ptt"]
    export_headings = {"agency": "OPD", "year": "Tahun", "asn": "ASN", "ptt": "PTT"}
    export_filename = "jumlah-pegawai-opd"
    ordering = ["-year", "agency__name"]
    copy_view_enabled = False
    add_to_reference_index = False


headcount_viewset = AgencyHeadcountViewSet()


def get_urls():
    return headcount_import_flow.get_urls()


def menu_items():
    return [
        PermissionMenuItem(
            "Jumlah pegawai OPD",
            reverse_lazy("agencyheadcount:index"),
            name="stats-headcount",
            icon_name="group",
            order=200,
            permission=VIEW_PERMISSION,
        )
    ]


def viewsets():
    return [headcount_viewset]
