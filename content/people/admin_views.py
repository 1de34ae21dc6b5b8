"""Wagtail admin views that are not plain create/edit screens: the participant import and the
processing of erasure requests."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from content.base import uploads
from content.people import importing, services
from content.people.models import DeletionRequest

IMPORT_PERMISSION = "people.import_participant"
TOKEN_SALT = "participant-import"


def _preview(name):
    return importing.preview_import(importing.read_table(uploads.read(name), name))


def _render_preview(request, preview, name):
    return TemplateResponse(
        request,
        "people/admin/import_preview.html",
        {
            "preview": preview,
            "token": uploads.token_for(name, salt=TOKEN_SALT),
            "counts": {action: preview.count(action) for action in ("baru", "diperbarui", "tetap")},
        },
    )


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_upload(request):
    form = uploads.SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name = uploads.store(form.cleaned_data["file"], folder="participants")
        try:
            return _render_preview(request, _preview(name), name)
        except importing.ImportFileError as error:
            uploads.discard(name)
            form.add_error("file", str(error))
    return TemplateResponse(request, "people/admin/import_upload.html", {"form": form})


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_confirm(request):
    """Check the stored file again (the database may have changed) and apply it, all or none."""
    name = uploads.name_from(request.POST.get("token"), salt=TOKEN_SALT)
    if name is None:
        messages.error(request, "Pratinjau ini sudah diimpor atau kedaluwarsa. Unggah lagi.")
        return redirect("people_import")
    preview = _preview(name)
    try:
        counts = services.participants_import(preview=preview)
    except services.ImportRejected as error:
        messages.error(request, str(error))
        return _render_preview(request, preview, name)
    uploads.discard(name)
    messages.success(
        request,
        f"Impor selesai: {counts['baru']} peserta baru, {counts['diperbarui']} diperbarui, "
        f"{counts['tetap']} tidak berubah.",
    )
    return redirect("participant:index")


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_template(request):
    response = HttpResponse(
        importing.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-impor-peserta.xlsx"'
    return response


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
    deletion_request = get_object_or_404(DeletionRequest, pk=pk)
    form = ProcessDeletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "erase":
            services.participant_erase(
                deletion_request=deletion_request, by=request.user, note=form.cleaned_data["note"]
            )
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
