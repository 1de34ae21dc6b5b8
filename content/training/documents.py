"""Printed documents for sessions: the daftar hadir (attendance sheet) as a PDF."""

from django.template.loader import render_to_string
from weasyprint import HTML

from content.base.qr import qr_svg
from content.training import selectors


def attendance_sheet_html(session, *, public_url, blank_rows=10):
    """The printed attendance list: numbered rows, signatures alternating left and right, and
    blank rows at the end for walk-ins.

    The QR code points to the session's public page, never to check-in: a photo of the paper
    must not let anyone check in from home.
    """
    people = list(selectors.attendance_sheet_people(session))
    rows = [{"number": n, "person": person} for n, person in enumerate(people, start=1)]
    rows += [
        {"number": n, "person": None} for n in range(len(rows) + 1, len(rows) + blank_rows + 1)
    ]
    return render_to_string(
        "training/attendance_sheet.html",
        {"session": session, "rows": rows, "qr": qr_svg(public_url), "public_url": public_url},
    )


def attendance_sheet_pdf(session, *, public_url):
    html = attendance_sheet_html(session, public_url=public_url)
    return HTML(string=html, base_url=public_url).write_pdf()
