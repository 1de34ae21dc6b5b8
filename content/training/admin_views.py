"""The attendance import in the Wagtail admin: upload, preview by row, confirm all at once."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from content.base import uploads
from content.base.spreadsheets import SpreadsheetError
from content.training import importing, services
from content.training.models import SessionPage

IMPORT_PERMISSION = "training.import_attendance"
TOKEN_SALT = "attendance-import"


class AttendanceUploadForm(uploads.SpreadsheetUploadForm):
    session = forms.ModelChoiceField(
        label="Sosialisasi",
        queryset=SessionPage.objects.order_by("-date", "title"),
        empty_label="Pilih sosialisasi",
    )
    field_order = ["session", "file"]


def _render_preview(request, session, name):
    preview = importing.preview_attendance_import(
        session, importing.read_table(uploads.read(name), name)
    )
    return TemplateResponse(
        request,
        "training/admin/import_preview.html",
        {
            "session": session,
            "preview": preview,
            "token": uploads.token_for(name, salt=TOKEN_SALT),
            "counts": {"baru": preview.count("baru"), "tetap": preview.count("tetap")},
        },
    )


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_upload(request):
    form = AttendanceUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name = uploads.store(form.cleaned_data["file"], folder="attendance")
        try:
            return _render_preview(request, form.cleaned_data["session"], name)
        except SpreadsheetError as error:
            uploads.discard(name)
            form.add_error("file", str(error))
    return TemplateResponse(request, "training/admin/import_upload.html", {"form": form})


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_confirm(request, session_id):
    session = get_object_or_404(SessionPage, pk=session_id)
    name = uploads.name_from(request.POST.get("token"), salt=TOKEN_SALT)
    if name is None:
        messages.error(request, "Pratinjau ini sudah diimpor atau kedaluwarsa. Unggah lagi.")
        return redirect("training_attendance_import")
    preview = importing.preview_attendance_import(
        session, importing.read_table(uploads.read(name), name)
    )
    try:
        counts = services.attendance_import(session=session, preview=preview, by=request.user)
    except services.AttendanceImportRejected as error:
        messages.error(request, str(error))
        return _render_preview(request, session, name)
    uploads.discard(name)
    messages.success(
        request,
        f"Daftar hadir diimpor: {counts['baru']} kehadiran baru, "
        f"{counts['tetap']} sudah tercatat sebelumnya.",
    )
    return redirect("attendance:index")
