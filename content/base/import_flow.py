"""The one spreadsheet import flow of the admin: upload, preview, confirm.

1. The organizer downloads the template and uploads a filled XLSX or CSV.
2. Every row is checked and the preview lists every error by row number. Nothing is written.
3. Only a preview without errors can be confirmed. Confirming checks the stored file again (the
   database may have changed meanwhile) and applies it in one transaction: every row or none.

An app describes its import by subclassing SpreadsheetImport (what the rows mean, how they are
applied) and registers `get_urls()` and `menu_item()` from its wagtail_hooks.py.
"""

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from content.base import uploads
from content.base.admin_menu import PermissionMenuItem
from content.base.errors import NotAllowed
from content.base.spreadsheets import SpreadsheetError

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetImport:
    # URL names start with this ("people_import", "people_import_confirm"...); also the salt
    # of the confirm token, so one import's token is worthless to another.
    name = ""
    url_path = ""
    title = ""
    permission = ""
    upload_form_class = uploads.SpreadsheetUploadForm
    # An include explaining the columns, shown above the upload form.
    help_template = ""
    # Heading of the column that names each row in the error table.
    row_label = "Baris"
    template_filename = ""
    # Where to go once imported (a URL name).
    done_url_name = ""

    # What an import defines -------------------------------------------------------------

    def options(self, cleaned_data):
        """JSON-ready choices made on the upload form besides the file (a session's id)."""
        return {}

    def context(self, options):
        """Extra template context for these options (the session itself, for its title)."""
        return {}

    def preview(self, data, filename, options):
        """Check every row of the file and return an ImportPreview; write nothing."""
        raise NotImplementedError

    def summary(self, preview):
        """One sentence on what confirming would do ("3 peserta baru, 1 diperbarui")."""
        raise NotImplementedError

    def apply(self, preview, options, user):
        """Apply a checked preview all at once and return the message to show; or refuse
        (NotAllowed, ImportRejected) having written nothing."""
        raise NotImplementedError

    def template_workbook(self):
        """The XLSX template to download, as bytes."""
        raise NotImplementedError

    # The flow -----------------------------------------------------------------------------

    def _preview_from(self, name, options):
        return self.preview(uploads.read(name), name, options)

    def _render_preview(self, request, preview, name, options):
        return TemplateResponse(
            request,
            "base/admin/import_preview.html",
            {
                "flow": self,
                "preview": preview,
                "summary": self.summary(preview),
                "token": uploads.token_for(name, salt=self.name, options=options),
                **self.context(options),
            },
        )

    def upload_view(self, request):
        form = self.upload_form_class(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            options = self.options(form.cleaned_data)
            name = uploads.store(form.cleaned_data["file"], folder=self.name)
            try:
                return self._render_preview(
                    request, self._preview_from(name, options), name, options
                )
            except SpreadsheetError as error:
                uploads.discard(name)
                form.add_error("file", str(error))
        return TemplateResponse(
            request, "base/admin/import_upload.html", {"flow": self, "form": form}
        )

    def confirm_view(self, request):
        name, options = uploads.from_token(request.POST.get("token"), salt=self.name)
        if name is None:
            messages.error(request, "Pratinjau ini sudah diimpor atau kedaluwarsa. Unggah lagi.")
            return redirect(self.name)
        preview = self._preview_from(name, options)
        try:
            message = self.apply(preview, options, request.user)
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
            return self._render_preview(request, preview, name, options)
        uploads.discard(name)
        messages.success(request, message)
        return redirect(self.done_url_name)

    def template_view(self, request):
        response = HttpResponse(self.template_workbook(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.template_filename}"'
        return response

    def get_urls(self):
        allowed = permission_required(self.permission, raise_exception=True)
        return [
            path(f"{self.url_path}/", allowed(self.upload_view), name=self.name),
            path(
                f"{self.url_path}/konfirmasi/",
                require_POST(allowed(self.confirm_view)),
                name=f"{self.name}_confirm",
            ),
            path(
                f"{self.url_path}/templat/",
                allowed(self.template_view),
                name=f"{self.name}_template",
            ),
        ]

    def menu_item(self, *, order):
        return PermissionMenuItem(
            self.title,
            reverse(self.name),
            icon_name="upload",
            order=order,
            permission=self.permission,
        )
