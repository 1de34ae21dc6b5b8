"""The one spreadsheet import flow of the admin: upload, preview, confirm.

1. The organizer downloads the template and uploads a filled XLSX or CSV.
2. The task worker checks every row while the page shows a progress bar; the preview then
   lists every error by row number. Nothing is written.
3. Only a preview without errors can be confirmed. The worker checks the file again (the
   database may have changed meanwhile) and applies it in one transaction: every row or none.

An app describes its import by subclassing SpreadsheetImport (what the rows mean, how they are
applied), registers an instance with the `register_spreadsheet_import` Wagtail hook (so the
worker finds it), and adds `get_urls()` and `menu_item()` from its wagtail_hooks.py.
"""

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from content.base import import_jobs, tasks, uploads
from content.base.admin_menu import PermissionMenuItem
from content.base.errors import NotAllowed
from content.base.models import ImportJob

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetImport:
    # URL names start with this ("people_import", "people_import_job"...); also the job's
    # `flow`, by which the worker finds this import again.
    name = ""
    url_path = ""
    title = ""
    permission = ""
    upload_form_class = uploads.SpreadsheetUploadForm
    # An include explaining the columns and offering the template, above the upload form.
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

    def upload_context(self, request):
        """Extra template context for the upload page (a form to choose the template)."""
        return {}

    def context(self, options):
        """Extra template context for these options (the session itself, for its title)."""
        return {}

    def preview(self, data, filename, options, progress):
        """Check every row of the file and return an ImportPreview; write nothing. Call
        `progress(done, total)` now and then."""
        raise NotImplementedError

    def summary(self, preview):
        """One sentence on what confirming would do ("3 peserta baru, 1 diperbarui")."""
        raise NotImplementedError

    def apply(self, preview, options, user):
        """Apply a checked preview all at once and return the message to show; or refuse
        (NotAllowed, ImportRejected) having written nothing."""
        raise NotImplementedError

    def template_workbook(self, request):
        """The XLSX template to download, as bytes."""
        raise NotImplementedError

    # The flow -----------------------------------------------------------------------------

    def upload_view(self, request):
        form = self.upload_form_class(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            job = import_jobs.job_start(
                flow=self,
                upload=form.cleaned_data["file"],
                options=self.options(form.cleaned_data),
                user=request.user,
            )
            tasks.check_import.enqueue(str(job.pk))
            return redirect(f"{self.name}_job", job_id=job.pk)
        return TemplateResponse(
            request,
            "base/admin/import_upload.html",
            {"flow": self, "form": form, **self.upload_context(request)},
        )

    def _job(self, request, job_id):
        return get_object_or_404(ImportJob, pk=job_id, flow=self.name, created_by=request.user)

    def job_view(self, request, job_id):
        job = self._job(request, job_id)
        return TemplateResponse(
            request,
            "base/admin/import_job.html",
            {"flow": self, "job": job, **self.context(job.options)},
        )

    def confirm_view(self, request, job_id):
        job = self._job(request, job_id)
        try:
            import_jobs.job_confirm(job=job, user=request.user)
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
        else:
            tasks.apply_import.enqueue(str(job.pk))
        return redirect(f"{self.name}_job", job_id=job.pk)

    def template_view(self, request):
        response = HttpResponse(self.template_workbook(request), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.template_filename}"'
        return response

    def get_urls(self):
        allowed = permission_required(self.permission, raise_exception=True)
        return [
            path(f"{self.url_path}/", allowed(self.upload_view), name=self.name),
            path(
                f"{self.url_path}/templat/",
                allowed(self.template_view),
                name=f"{self.name}_template",
            ),
            path(
                f"{self.url_path}/<uuid:job_id>/", allowed(self.job_view), name=f"{self.name}_job"
            ),
            path(
                f"{self.url_path}/<uuid:job_id>/konfirmasi/",
                allowed(require_POST(self.confirm_view)),
                name=f"{self.name}_confirm",
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
