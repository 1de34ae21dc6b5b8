"""Writes for spreadsheet imports: start a job, check it, confirm it, apply it, clean up.

Checking and applying run in the task worker (tasks.py), so a large file never holds a web
request: the admin page shows a progress bar meanwhile. The uploaded file (lists of NIP, NIK,
emails and phone numbers) is deleted as soon as it is no longer needed: after it is applied,
when its check found errors or failed, and when it is abandoned (clean_abandoned).
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from content.base import uploads
from content.base.errors import NotAllowed
from content.base.models import ImportJob
from content.base.spreadsheets import SpreadsheetError

logger = logging.getLogger(__name__)

IMPORT_FLOW_HOOK = "register_spreadsheet_import"
# Problems kept for the preview page: enough to fix a file, not the whole file again.
PROBLEMS_SHOWN = 500
# A checked file waits this long for its confirmation.
ABANDONED_AFTER = datetime.timedelta(seconds=uploads.KEEP_SECONDS)
# The rows a preview listed (names, identity numbers) are kept this long for the organizer.
PROBLEMS_KEPT = datetime.timedelta(days=7)
PROGRESS_STEPS = 50
CHANGED_SINCE_PREVIEW = (
    "Data berubah sejak pratinjau; tidak ada yang diimpor. Lihat baris di bawah."
)
FAILED = "Impor gagal karena kesalahan sistem. Tidak ada data yang diimpor; coba lagi."


def import_flows():
    """{name: SpreadsheetImport} of every import an app registered."""
    return {flow.name: flow for flow in (hook() for hook in hooks.get_hooks(IMPORT_FLOW_HOOK))}


def _update(job, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def _progress(job):
    def report(done, total):
        step = max(1, total // PROGRESS_STEPS)
        if done == total or done % step == 0:
            _update(job, done=done, total=total)

    return report


def _discard_file(job):
    if job.file:
        uploads.discard(job.file)
        _update(job, file="")


def job_start(*, flow, upload, options, user):
    """Store the upload and create its job; the caller enqueues the check."""
    clean_abandoned()
    name = uploads.store(upload, folder=flow.name)
    return ImportJob.objects.create(flow=flow.name, file=name, options=options, created_by=user)


def _read_preview(job, flow):
    return flow.preview(uploads.read(job.file), job.file, job.options, _progress(job))


def _record_preview(job, flow, preview, *, status, message=""):
    problems = preview.rows_with_errors
    _update(
        job,
        status=status,
        rows=len(preview.rows),
        ok=preview.ok,
        summary=flow.summary(preview),
        problems=[
            {"number": row.number, "label": str(row.label or ""), "errors": list(row.errors)}
            for row in problems[:PROBLEMS_SHOWN]
        ],
        problem_count=len(problems),
        message=message,
    )
    if not preview.ok:
        _discard_file(job)  # it cannot be confirmed: the organizer uploads a corrected file


def _fail(job, message, problems=()):
    problems = list(problems)
    _update(
        job,
        status=ImportJob.Status.FAILED,
        message=message,
        problems=problems[:PROBLEMS_SHOWN],
        problem_count=len(problems),
    )
    _discard_file(job)


def job_check(*, job):
    """Read and check every row; nothing is imported."""
    flow = import_flows()[job.flow]
    try:
        preview = _read_preview(job, flow)
    except SpreadsheetError as error:
        _fail(job, error.message, error.problems)
        return job
    except Exception:
        logger.exception("Import %s could not be checked", job.pk)
        _fail(job, FAILED)
        raise
    _record_preview(job, flow, preview, status=ImportJob.Status.CHECKED)
    return job


def job_confirm(*, job, user):
    """Ask for a checked, error-free job to be applied, once: a second click (or two at once)
    finds it already started."""
    started = ImportJob.objects.filter(
        pk=job.pk, created_by=user, status=ImportJob.Status.CHECKED, ok=True
    ).exclude(file="")
    if not started.update(status=ImportJob.Status.APPLYING, done=0):
        raise NotAllowed("Impor ini sudah dijalankan, kedaluwarsa, atau masih ada baris salah.")
    job.refresh_from_db()
    return job


def job_apply(*, job):
    """Check the file again (the database may have changed since the preview) and apply it
    all at once, or nothing."""
    flow = import_flows()[job.flow]
    try:
        preview = _read_preview(job, flow)
        if not preview.ok:
            _record_preview(
                job,
                flow,
                preview,
                status=ImportJob.Status.CHECKED,
                message=CHANGED_SINCE_PREVIEW,
            )
            return job
        with transaction.atomic():
            message = flow.apply(preview, job.options, job.created_by)
    except (SpreadsheetError, NotAllowed) as refusal:
        _fail(job, refusal.message, getattr(refusal, "problems", ()))
        return job
    except Exception:
        logger.exception("Import %s could not be applied", job.pk)
        _fail(job, FAILED)
        raise
    _update(job, status=ImportJob.Status.DONE, message=message)
    _discard_file(job)
    return job


def clean_abandoned(*, now=None):
    """Delete the files of imports nobody confirmed in time, and forget the rows old previews
    listed. Run at every upload and by `manage.py clean_imports` (schedule it hourly)."""
    now = now or timezone.now()
    ImportJob.objects.filter(created_at__lt=now - PROBLEMS_KEPT).exclude(problems=[]).update(
        problems=[]
    )
    stale = ImportJob.objects.filter(created_at__lt=now - ABANDONED_AFTER).exclude(file="")
    count = 0
    for job in stale:
        _discard_file(job)
        if job.status in (ImportJob.Status.CHECKING, ImportJob.Status.CHECKED):
            _update(job, status=ImportJob.Status.EXPIRED)
        count += 1
    return count
