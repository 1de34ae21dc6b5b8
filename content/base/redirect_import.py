"""Wagtail's redirect import (Pengalihan -> Impor), read within the limits of every upload.

Wagtail reads the uploaded CSV, TSV or XLSX in the web request with no bound on what it holds
(its XLSX reader even trusts the size a sheet claims: a 5 KB file claiming A1:XFD1048576 would
make it walk seventeen billion empty cells). This view takes its place at the same address: the
file is read by the project's bounded reader (spreadsheets.parse_table: counts checked first,
then parsed in a child process with capped memory and CPU) and Wagtail is handed a plain CSV of
the rows read, which it previews and imports as usual.
"""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import redirect
from django.urls import path
from wagtail.admin import messages
from wagtail.contrib.redirects import views as redirect_views

from content.base import spreadsheets, uploads

FORMATS = (".csv", ".tsv", ".xlsx")


def _refusal(upload):
    """(rows, None) read within the limits, or (None, an Indonesian sentence)."""
    name = upload.name.lower()
    if not name.endswith(FORMATS):
        return None, "Gunakan berkas .csv, .tsv, atau .xlsx."
    if upload.size > uploads.MAX_BYTES:
        return None, "Berkas lebih dari 10 MB; pecah menjadi beberapa berkas."
    # A TSV is a CSV to the reader, which finds the tab itself.
    readable = f"{name[:-4]}.csv" if name.endswith(".tsv") else name
    try:
        return spreadsheets.parse_table(upload.read(), readable), None
    except spreadsheets.SpreadsheetError as error:
        return None, error.message


@redirect_views.permission_checker.require_any("add")
def start_import(request):
    upload = request.FILES.get("import_file")
    if request.method == "POST" and upload is not None:
        rows, refusal = _refusal(upload)
        if refusal:
            messages.error(request, refusal)
            return redirect("wagtailredirects:start_import")
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        request.FILES["import_file"] = SimpleUploadedFile(
            "pengalihan.csv", text.getvalue().encode(), content_type="text/csv"
        )
    return redirect_views.start_import(request)


def get_urls():
    # Registered before Wagtail's own redirect URLs (content apps load first), so this view
    # answers Wagtail's address; its links and reverse() keep working.
    return [path("redirects/import/", start_import, name="redirects_import_bounded")]
