"""Emails to reporters, sent by the task worker after the report is committed."""

from django.core.mail import send_mail
from django.template.loader import render_to_string

from content.base import site_address
from content.reports.models import Report
from content.reports.rules import codes


def tracking_code_send(*, report_id, code):
    report = Report.objects.filter(pk=report_id).exclude(contact_email="").first()
    if report is None:
        return
    context = {
        "report": report,
        "code": codes.readable(code),
        "status_url": site_address.absolute_url(f"/lapor/status/{codes.readable(code)}/"),
    }
    send_mail(
        subject="Kode pelacakan laporan Anda di Lentera",
        message=render_to_string("reports/email/tracking_code.txt", context),
        from_email=None,
        recipient_list=[report.contact_email],
    )
