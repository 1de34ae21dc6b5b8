"""Wagtail admin views that are not plain create/edit screens: the participant import and the
processing of erasure requests."""

import uuid
from pathlib import PurePosixPath

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core import signing
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from content.people import importing, services
from content.people.models import DeletionRequest

IMPORT_PERMISSION = "people.import_participant"
IMPORT_FOLDER = "imports/participants"
MAX_IMPORT_BYTES = 10 * 1024 * 1024


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Berkas peserta (.xlsx atau .csv)",
        help_text="Gunakan templat agar judul kolom sesuai. Maksimal 10 MB.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Gunakan berkas .xlsx atau .csv.")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("Berkas lebih dari 10 MB; pecah menjadi beberapa berkas.")
        return upload


def _stored_name(upload):
    suffix = PurePosixPath(upload.name.lower()).suffix
    return default_storage.save(f"{IMPORT_FOLDER}/{uuid.uuid4().hex}{suffix}", upload)


def _preview(name):
    with default_storage.open(name, "rb") as stored:
        return importing.preview_import(importing.read_table(stored.read(), name))


def _render_preview(request, preview, name):
    return TemplateResponse(
        request,
        "people/admin/import_preview.html",
        {
            "preview": preview,
            "token": signing.dumps(name, salt="participant-import"),
            "counts": {action: preview.count(action) for action in ("baru", "diperbarui", "tetap")},
        },
    )


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name = _stored_name(form.cleaned_data["file"])
        try:
            return _render_preview(request, _preview(name), name)
        except importing.ImportFileError as error:
            default_storage.delete(name)
            form.add_error("file", str(error))
    return TemplateResponse(request, "people/admin/import_upload.html", {"form": form})


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_confirm(request):
    """Check the stored file again (the database may have changed) and apply it, all or none."""
    try:
        name = signing.loads(request.POST.get("token", ""), salt="participant-import", max_age=3600)
    except signing.BadSignature:
        messages.error(request, "Pratinjau sudah kedaluwarsa. Unggah berkasnya lagi.")
        return redirect("people_import")
    if not default_storage.exists(name):
        messages.error(request, "Berkas ini sudah diimpor atau kedaluwarsa. Unggah lagi.")
        return redirect("people_import")
    preview = _preview(name)
    try:
        counts = services.participants_import(preview=preview)
    except services.ImportRejected as error:
        messages.error(request, str(error))
        return _render_preview(request, preview, name)
    default_storage.delete(name)
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
