"""Reporters' contact details are kept only while the desk may need to reach them: erased
REPORT_CONTACT_RETENTION_DAYS (default 365) after their case closed (selesai or ditolak).

Run by `manage.py erase_expired_contacts` (schedule it daily with the other housekeeping
commands) or the task `reports.erase_expired_contacts`. One bulk UPDATE per run, announced
through the reports' NotifyingQuerySet (content/base/changes.py); a report already erased is
never touched again, so a second run in the same minute erases nothing and announces nothing.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from content.reports.models import Report, Status

logger = logging.getLogger(__name__)

CLOSED = (Status.DONE, Status.REJECTED)

# What an erased report keeps of its reporter's contact: nothing.
ERASED_CONTACT = {"contact_email": "", "contact_phone": "", "contact_consent": False}


def retention_cutoff(*, now=None, days=None):
    """Cases closed before this moment have had their retention period."""
    now = now or timezone.now()
    days = settings.REPORT_CONTACT_RETENTION_DAYS if days is None else days
    return now - datetime.timedelta(days=days)


def contacts_erase_expired(now=None):
    """Erase the contact (email, phone, consent) of every report whose case closed more than
    REPORT_CONTACT_RETENTION_DAYS ago; mark it with contact_erased_at. Open cases (baru,
    diverifikasi, ditindaklanjuti) keep theirs whatever their age, and so does a case closed
    and then opened again (no closed_at, or a status that is not closed). Returns how many
    reports were erased."""
    now = now or timezone.now()
    expired = Report.objects.filter(
        contact_erased_at__isnull=True,
        case__status__in=CLOSED,
        case__closed_at__isnull=False,
        case__closed_at__lt=retention_cutoff(now=now),
    )
    # A bulk UPDATE on one table (Django turns the join into a subquery); the queryset's
    # update() announces it once (changes.records_changed).
    erased = expired.update(**ERASED_CONTACT, contact_erased_at=now)
    logger.info(
        "Reporter contacts erased after %s days: %s reports",
        settings.REPORT_CONTACT_RETENTION_DAYS,
        erased,
    )
    return erased
