"""The attendance import in the Wagtail admin: the shared import flow, for one session."""

from django import forms
from django.utils import timezone

from content.base.errors import NotAllowed
from content.base.import_flow import SpreadsheetImport
from content.base.spreadsheets import RowAction
from content.base.uploads import SpreadsheetUploadForm
from content.training import importing, services
from content.training.models import SessionPage
from content.training.rules import check_started


def _sessions():
    return SessionPage.objects.order_by("-date", "title")


class TemplateSessionForm(forms.Form):
    session = forms.ModelChoiceField(
        label="Sosialisasi", queryset=_sessions(), required=False, empty_label="Pilih sosialisasi"
    )


class AttendanceUploadForm(SpreadsheetUploadForm):
    session = forms.ModelChoiceField(
        label="Sosialisasi", queryset=_sessions(), empty_label="Pilih sosialisasi"
    )
    field_order = ["session", "file"]

    def clean_session(self):
        session = self.cleaned_data["session"]
        try:
            check_started(session, now=timezone.now())
        except NotAllowed as refusal:
            raise forms.ValidationError(refusal.message) from refusal
        return session


class AttendanceImport(SpreadsheetImport):
    name = "training_attendance_import"
    url_path = "presensi-impor"
    title = "Impor daftar hadir"
    permission = "training.import_attendance"
    upload_form_class = AttendanceUploadForm
    help_template = "training/admin/import_help.html"
    row_label = "Peserta"
    template_filename = "templat-daftar-hadir.xlsx"
    done_url_name = "attendance:index"

    def options(self, cleaned_data):
        return {"session": cleaned_data["session"].pk}

    def _session(self, options):
        return SessionPage.objects.get(pk=options["session"])

    def upload_context(self, request):
        return {"template_form": TemplateSessionForm()}

    def context(self, options):
        session = self._session(options)
        return {"session": session, "subtitle": session.title}

    def preview(self, data, filename, options, progress):
        return importing.preview_attendance_import(
            self._session(options), importing.read_table(data, filename), progress=progress
        )

    def summary(self, preview):
        return (
            f"{preview.count(RowAction.NEW)} kehadiran baru, "
            f"{preview.count(RowAction.UNCHANGED)} sudah tercatat."
        )

    def apply(self, preview, options, user):
        counts = services.attendance_import(
            session=self._session(options), preview=preview, by=user
        )
        return (
            f"Daftar hadir diimpor: {counts[RowAction.NEW]} kehadiran baru, "
            f"{counts[RowAction.UNCHANGED]} sudah tercatat sebelumnya."
        )

    def template_workbook(self, request):
        """The registered participants of the session chosen on the upload page, if any."""
        form = TemplateSessionForm(request.GET)
        session = form.cleaned_data["session"] if form.is_valid() else None
        return importing.template_workbook(session)


attendance_import = AttendanceImport()
