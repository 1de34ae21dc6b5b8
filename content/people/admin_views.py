"""Wagtail admin views that are not plain create/edit screens: the participant import and the
processing of erasure requests."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages

from content.base.errors import NotAllowed
from content.base.import_flow import SpreadsheetImport
from content.base.spreadsheets import RowAction
from content.people import importing, selectors, services


class ParticipantImport(SpreadsheetImport):
    name = "people_import"
    url_path = "peserta-impor"
    title = "Impor peserta"
    permission = "people.import_participant"
    help_template = "people/admin/import_help.html"
    row_label = "Nama"
    template_filename = "templat-impor-peserta.xlsx"
    done_url_name = "participant:index"

    def preview(self, data, filename, options, progress):
        return importing.preview_import(importing.read_table(data, filename), progress=progress)

    def summary(self, preview):
        return _summary({action: preview.count(action) for action in RowAction})

    def apply(self, preview, options, user):
        counts = services.participants_import(preview=preview, by=user)
        return f"Impor selesai: {_summary(counts)}"

    def template_workbook(self, request):
        return importing.template_workbook()


def _summary(counts):
    return (
        f"{counts[RowAction.NEW]} peserta baru, {counts[RowAction.UPDATED]} diperbarui, "
        f"{counts[RowAction.UNCHANGED]} tidak berubah."
    )


participant_import = ParticipantImport()


class ProcessDeletionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Keputusan",
        choices=[("erase", "Hapus data pribadi peserta"), ("reject", "Tolak permohonan")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@permission_required("people.change_deletionrequest", raise_exception=True)
def process_deletion(request, pk):
    deletion_request = get_object_or_404(selectors.participant_deletion_requests(), pk=pk)
    form = ProcessDeletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "erase":
            try:
                services.participant_erase(
                    deletion_request=deletion_request,
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except NotAllowed as refusal:
                messages.error(request, refusal.message)
                return redirect("deletionrequest:index")
            messages.success(request, "Data pribadi peserta sudah dihapus dan tercatat.")
        else:
            services.deletion_request_reject(
                deletion_request=deletion_request, by=request.user, note=form.cleaned_data["note"]
            )
            messages.success(request, "Permohonan ditolak dan tercatat.")
        return redirect("deletionrequest:index")
    return TemplateResponse(
        request,
        "people/admin/process_deletion.html",
        {"deletion_request": deletion_request, "form": form},
    )
