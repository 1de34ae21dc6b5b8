"""Issuing a whole session's certificates in the task worker: in parallel, resumable, counted.

1. bulk_issue_start (the organizer, in the admin): one BulkIssue row, and the worker is asked
   to prepare it.
2. bulk_issue_prepare (one task): issues the certificate of every attendee (hadir or terlambat)
   in the order of their names, a chunk at a time in one transaction, so a job's numbers run
   consecutively down the alphabetical list. Refusals (the post-test not passed...) are
   recorded with their reason. Issuing writes only rows, so this is quick; every chunk of
   certificates without a PDF is enqueued as soon as it is numbered (one task per chunk), so
   the other workers render while this one numbers.
3. bulk_issue_render (one task per chunk): renders, signs and stores each PDF. Two `db_worker`
   processes render two chunks at once.
4. Whichever chunk finds nothing left to render (under a lock on the BulkIssue row, so exactly
   one) builds the ZIP of every PDF, marks the job done and, if asked, enqueues one email per
   certificate.

Resuming after a crash (bulk_issue_resume, or bulk_issues_tend for every job that stopped
moving) runs step 2 again. Everything is idempotent:
certificates already issued keep their number (certificate_issue returns them; a number taken
by an issue that did not commit went back with its rollback), PDFs already stored are kept
(certificate_render). Progress is recounted from the rows, never incremented, so a chunk run
twice (a re-enqueued chunk next to one left over from before the crash) is not counted twice.
"""

import datetime
import logging
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Greatest, Lower
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from content.base import task_queue
from content.base.errors import NotAllowed
from content.certificates import links, rules, selectors
from content.certificates.models import BulkIssue, Certificate, Role, SessionRule
from content.certificates.services.issuing import (
    ORGANIZER_PERMISSION,
    certificate_render,
    certificates_issue_for_session,
)
from content.training import selectors as training_selectors
from content.training.models import Attendance
from content.training.models.choices import ATTENDED_STATUSES

logger = logging.getLogger(__name__)

# Certificates per render task (and per numbering transaction). Small enough that two workers
# finish close together (the last chunk is a tail one worker renders while the other may idle:
# 5 certificates, under a second) and the progress bar moves; large enough that the per-task
# overhead (a claim, a fixed number of queries to number it) stays negligible.
CHUNK_SIZE = 5
# Rendered certificates between two progress updates.
PROGRESS_EVERY = 5
# Without a task worker a job runs inside the organizer's request (about 0.15 s a certificate):
# larger sessions would outlast the web server's timeout and stop half-way.
INLINE_LIMIT = 50
NOT_ORGANIZER = "Penerbitan massal dilakukan oleh penyelenggara."
TOO_LARGE_INLINE = (
    "Sosialisasi ini memiliki {count} peserta hadir. Tanpa pekerja latar (task worker) "
    "penerbitan massal dibatasi {limit} peserta; minta pengelola server menyalakan "
    "TASK_WORKER dan menjalankan pekerja latar. Peserta tetap dapat mengambil sertifikatnya "
    "sendiri dari Akun saya."
)
NO_RULE = "Sosialisasi ini tidak menerbitkan sertifikat."
REVOKED = "Sertifikatnya pernah diterbitkan lalu dicabut ({reason})."


def _check_organizer(user):
    if user is None or not user.has_perm(ORGANIZER_PERMISSION):
        raise NotAllowed(NOT_ORGANIZER)


def attendees(session):
    """The attendances that earn a participant's certificate, in the order numbers are given."""
    return (
        Attendance.objects.filter(
            session=session, status__in=ATTENDED_STATUSES, participant__erased_at__isnull=True
        )
        .select_related("participant__agency")
        .order_by(Lower("participant__full_name"), "participant_id")
    )


def job_certificates(bulk):
    """The certificates a job is about: every one of its session in its role, not revoked
    (including those the holders claimed themselves before it started), and not of a holder
    whose data was erased (their PDF is gone for good)."""
    return Certificate.objects.filter(
        session_id=bulk.session_id,
        role=bulk.role,
        revoked_at__isnull=True,
        participant__erased_at__isnull=True,
    )


def _tally(bulk):
    """(done, total) from the rows: PDFs stored plus refusals, out of certificates plus
    refusals."""
    counts = job_certificates(bulk).aggregate(
        certificates=Count("pk"), rendered=Count("pk", filter=~Q(pdf=""))
    )
    refused = len(bulk.failures)
    return counts["rendered"] + refused, counts["certificates"] + refused


def _record_progress(bulk):
    """Write the recount. Two workers may count at once and write in either order: the counter
    only moves forward (GREATEST), so the bar never jumps back."""
    done, total = _tally(bulk)
    BulkIssue.objects.filter(pk=bulk.pk).update(
        done=Greatest(F("done"), Value(done)),
        total=Greatest(F("total"), Value(total)),
        moved_at=timezone.now(),
    )


def bulk_issue_start(*, session, by, send_email=False):
    """(bulk issue, created): a new job for the session's attendees, or the session's job that
    has not finished yet (one at a time per session)."""
    _check_organizer(by)
    with transaction.atomic():
        # The rule's row is the session's lock: two organizers starting at once get one job.
        rule = SessionRule.objects.select_for_update().filter(session=session).first()
        if rule is None:
            raise NotAllowed(NO_RULE)
        # Refused as a whole rather than once per attendee: nobody's is due yet.
        over_at = training_selectors.over_at(session)
        if timezone.now() < over_at:
            raise NotAllowed(
                rules.session_certificate_missing(
                    rules.SessionCertificateFacts(over_at=over_at),
                    now=timezone.now(),
                    participant_role=False,
                )[0].message
                + ' Penyelenggara dapat menutup sesi lebih awal dengan tombol "Tutup sesi".'
            )
        unfinished = (
            BulkIssue.objects.filter(session=session, role=Role.PARTICIPANT)
            .exclude(status=BulkIssue.Status.DONE)
            .first()
        )
        if unfinished is not None:
            return unfinished, False
        total = attendees(session).count()
        if task_queue.runs_inline() and total > INLINE_LIMIT:
            raise NotAllowed(TOO_LARGE_INLINE.format(count=total, limit=INLINE_LIMIT))
        bulk = BulkIssue.objects.create(
            session=session,
            role=Role.PARTICIPANT,
            send_email=send_email,
            created_by=by,
            total=total,
        )
        task_queue.enqueue_on_commit("certificates.prepare_bulk_issue", str(bulk.pk))
    return bulk, True


def bulk_issue_resume(*, bulk, by):
    """Continue a job that stopped (a worker restarted mid-way, or an error was fixed): prepare
    it again. Nothing done is done twice."""
    _check_organizer(by)
    bulk = _requeue(bulk)
    if bulk is None:
        raise NotAllowed("Penerbitan ini sudah selesai.")
    return bulk


def _requeue(bulk, *, only_if=None):
    """Queue the job's preparation again, unless it is done (None then) or, with `only_if`,
    unless the job read under its lock no longer passes that test."""
    with transaction.atomic():
        bulk = BulkIssue.objects.select_for_update().get(pk=bulk.pk)
        if bulk.status == BulkIssue.Status.DONE or (only_if and not only_if(bulk)):
            return None
        bulk.status = BulkIssue.Status.QUEUED
        bulk.finished_at = None
        bulk.moved_at = timezone.now()
        bulk.save(update_fields=["status", "finished_at", "moved_at"])
        task_queue.enqueue_on_commit("certificates.prepare_bulk_issue", str(bulk.pk))
    return bulk


def bulk_issues_tend(*, now=None, keep_days=None):
    """Housekeeping, run every few minutes to hourly (manage.py tend_bulk_issues): resume every
    job that stopped moving, and delete jobs finished (or failed and left) more than `keep_days`
    ago (default BULK_ISSUE_KEEP_DAYS) with their ZIP. Their list of refusals names people; the
    certificates themselves stay. Returns (resumed, deleted)."""
    now = now or timezone.now()
    keep_days = settings.BULK_ISSUE_KEEP_DAYS if keep_days is None else keep_days
    silent = BulkIssue.objects.filter(
        status__in=[BulkIssue.Status.QUEUED, BulkIssue.Status.RUNNING],
        moved_at__lt=now - selectors.STALLED_AFTER,
    )
    resumed = 0
    for bulk in silent:
        if _requeue(bulk, only_if=lambda fresh: selectors.is_stalled(fresh, now=now)) is not None:
            logger.warning("Bulk issue %s had stopped moving: resumed", bulk.pk)
            resumed += 1
    cutoff = now - datetime.timedelta(days=keep_days)
    deleted = 0
    # Finished long ago, or failed and left so (started again, it would be a new job).
    for bulk in BulkIssue.objects.filter(
        Q(status=BulkIssue.Status.DONE, finished_at__lt=cutoff)
        | Q(status=BulkIssue.Status.FAILED, moved_at__lt=cutoff)
    ):
        if bulk.archive:
            bulk.archive.delete(save=False)
        bulk.delete()
        deleted += 1
    return resumed, deleted


def _failure(participant, reason):
    return {
        "participant": participant.pk,
        "name": str(participant),
        "nip": participant.nip or "",
        "reason": reason,
    }


def _issue_chunk(bulk, now, attendances, failures):
    """Issue (or find) these attendees' certificates in one transaction, decided and numbered
    together in a fixed number of queries (certificates_issue_for_session): one commit and one
    hold of the number counter for the chunk, and a crash gives the whole chunk's numbers back.
    Returns the certificates still without a PDF."""
    unrendered = []
    people = [attendance.participant for attendance in attendances]
    with transaction.atomic():
        try:
            issued, refused = certificates_issue_for_session(
                session=bulk.session,
                participants=people,
                role=bulk.role,
                by=bulk.created_by,
                now=now,
            )
        except NotAllowed as refusal:  # the session no longer issues: nobody's is due
            issued, refused = {}, {person.pk: refusal.message for person in people}
        for person in people:
            if person.pk in refused:
                failures.append(_failure(person, refused[person.pk]))
                continue
            certificate = issued[person.pk]
            if certificate.is_revoked:
                reason = REVOKED.format(reason=certificate.revoked_reason)
                failures.append(_failure(person, reason))
            elif not certificate.pdf:
                unrendered.append(certificate)
    return unrendered


def _issue_all(bulk, now, render):
    """Issue (or find) every attendee's certificate in name order, handing the ones without a
    PDF to `render` a chunk at a time as soon as a chunk is numbered, so that other workers
    render while this one numbers. Returns the refusals, with their reasons."""
    failures, seen = [], set()
    everyone = list(attendees(bulk.session))
    for start in range(0, len(everyone), CHUNK_SIZE):
        attendances = everyone[start : start + CHUNK_SIZE]
        seen.update(attendance.participant_id for attendance in attendances)
        unrendered = _issue_chunk(bulk, now, attendances, failures)
        if unrendered:
            render([certificate.pk for certificate in unrendered])
    # Certificates of the job still without a PDF whose holders are no longer listed as
    # attendees (their attendance was corrected after they were issued).
    rest = list(
        job_certificates(bulk)
        .filter(pdf="")
        .exclude(participant_id__in=seen)
        .order_by("year", "sequence")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(rest), CHUNK_SIZE):
        render(rest[start : start + CHUNK_SIZE])
    return failures


def bulk_issue_prepare(*, bulk_id, now=None):
    """Issue every attendee's certificate in name order and enqueue the rendering in chunks
    meanwhile; then record the refusals and let the job finish (at once when every PDF already
    exists, otherwise when its last chunk is rendered)."""
    bulk = BulkIssue.objects.select_related("session", "created_by").filter(pk=bulk_id).first()
    if bulk is None or bulk.status != BulkIssue.Status.QUEUED:
        return None
    BulkIssue.objects.filter(pk=bulk.pk).update(moved_at=timezone.now())
    try:
        failures = _issue_all(
            bulk,
            now,
            lambda chunk: task_queue.enqueue("certificates.render_bulk_chunk", str(bulk.pk), chunk),
        )
    except Exception:
        logger.exception("Bulk issue %s could not be prepared", bulk_id)
        BulkIssue.objects.filter(pk=bulk.pk).update(status=BulkIssue.Status.FAILED)
        raise
    with transaction.atomic():
        bulk = BulkIssue.objects.select_for_update().get(pk=bulk.pk)
        if bulk.status == BulkIssue.Status.DONE:
            return bulk
        bulk.failures = failures
        if bulk.status == BulkIssue.Status.QUEUED:
            # Chunks rendered meanwhile could not finish the job while it was being numbered;
            # a chunk that failed has marked it failed already.
            bulk.status = BulkIssue.Status.RUNNING
        bulk.done, bulk.total = _tally(bulk)
        bulk.save(update_fields=["failures", "done", "total", "status"])
    bulk_issue_finish(bulk_id=bulk.pk)
    return bulk


def bulk_issue_render(*, bulk_id, certificate_ids):
    """Render one chunk. A certificate that fails to render is logged and left without its PDF
    while the rest of the chunk goes on; the job is then marked failed until it is resumed."""
    bulk = BulkIssue.objects.filter(pk=bulk_id).first()
    if bulk is None:
        return None
    template = None
    errors = []
    for position, certificate_id in enumerate(certificate_ids, 1):
        # Read each one fresh: another worker may have stored its PDF meanwhile.
        certificate = (
            Certificate.objects.filter(
                pk=certificate_id,
                pdf="",
                revoked_at__isnull=True,
                participant__erased_at__isnull=True,
            )
            .select_related("participant")
            .first()
        )
        if certificate is not None:
            if template is None or template.pk != certificate.template_id:
                template = certificate.template
            certificate.template = template  # its images are read once per chunk
            try:
                certificate_render(
                    certificate=certificate, verify_url=links.verify_url(certificate.code)
                )
            except Exception as error:
                logger.exception("Certificate %s of bulk issue %s failed", certificate_id, bulk_id)
                errors.append(error)
        if position % PROGRESS_EVERY == 0 and position < len(certificate_ids):
            _record_progress(bulk)
    _record_progress(bulk)
    if errors:
        BulkIssue.objects.filter(
            pk=bulk.pk, status__in=[BulkIssue.Status.QUEUED, BulkIssue.Status.RUNNING]
        ).update(status=BulkIssue.Status.FAILED)
        raise errors[0]
    return bulk_issue_finish(bulk_id=bulk.pk)


def archive_prefix(certificate):
    """How a certificate's file name in a job's ZIP begins: its number, unique."""
    number = slugify(certificate.number.replace("/", "-")) or str(certificate.sequence)
    return f"{number}_"


def archive_name(certificate):
    return f"{archive_prefix(certificate)}{slugify(certificate.holder_name) or 'sertifikat'}.pdf"


def _write_archive(bulk, certificates):
    """One ZIP of every PDF, in number order. PDFs are compressed already: stored as they are."""
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as archive:
            for certificate in certificates.order_by("year", "sequence"):
                with certificate.pdf.open("rb") as pdf:
                    archive.writestr(archive_name(certificate), pdf.read())
        spool.seek(0)
        if bulk.archive:
            bulk.archive.delete(save=False)
        # The job's random id names the file: nobody can guess it.
        bulk.archive.save(f"{bulk.pk}.zip", File(spool), save=False)


def bulk_issue_finish(*, bulk_id):
    """When every certificate of a running job has its PDF: the ZIP, done, the emails. Under a
    lock on the job's row, so when two chunks end together exactly one finishes the job."""
    with transaction.atomic():
        bulk = (
            BulkIssue.objects.select_for_update()
            .select_related("session")
            .filter(pk=bulk_id)
            .first()
        )
        if bulk is None or bulk.status != BulkIssue.Status.RUNNING:
            return False
        certificates = job_certificates(bulk)
        if certificates.filter(pdf="").exists():
            return False
        _write_archive(bulk, certificates)
        bulk.done, bulk.total = _tally(bulk)
        bulk.status = BulkIssue.Status.DONE
        bulk.finished_at = timezone.now()
        bulk.save(update_fields=["archive", "done", "total", "status", "finished_at"])
        if bulk.send_email:
            ids = list(certificates.order_by("year", "sequence").values_list("pk", flat=True))
            for certificate_id in ids:
                task_queue.enqueue_on_commit("certificates.email_certificate", certificate_id)
    return True


def certificate_email(*, certificate):
    """Send a certificate's PDF to its holder. False when there is nothing to send: no email
    address, revoked, or no PDF yet."""
    holder = certificate.participant
    if not holder.email or certificate.is_revoked or not certificate.pdf:
        return False
    context = {"certificate": certificate, "holder": holder}
    message = EmailMessage(
        subject=render_to_string("certificates/email/certificate_subject.txt", context).strip(),
        body=render_to_string("certificates/email/certificate.txt", context),
        to=[holder.email],
    )
    with certificate.pdf.open("rb") as pdf:
        message.attach(
            f"sertifikat-{certificate.code[:8].lower()}.pdf", pdf.read(), "application/pdf"
        )
    message.send()
    return True
