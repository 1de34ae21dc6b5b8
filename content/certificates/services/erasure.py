"""Certificates' part of erasing a participant's data (registered in ../erasure.py).

A certificate stays: its number and code still answer on the verification page, which says it
was issued and whether it is valid or revoked, naming no one. What identifies the holder goes:
the name, NIP and agency printed on it, its PDF (the holder downloaded theirs; the office keeps
no copy), the PDF inside every bulk-issue ZIP, and the holder's line in refusal lists. The
SHA-256 of the file issued is kept, so the holder's own copy, uploaded by a verifier, is still
recognised as genuine.
"""

import tempfile
import zipfile

from django.core.files import File
from django.db import transaction
from django.db.models import Q

from content.certificates.models import BulkIssue, Certificate
from content.certificates.services.bulk import archive_prefix
from content.people.erasure import ERASED_NAME


def _delete_after_commit(field_file):
    """Files go once the erasure is committed: a rolled-back erasure keeps them."""
    storage, name = field_file.storage, field_file.name
    transaction.on_commit(lambda: storage.delete(name))


def _rewrite_archive(bulk, prefixes):
    """The job's ZIP without the entries whose names begin with `prefixes`, stored anew (the
    old file goes after commit). Entries are copied one by one, never all in memory."""
    with bulk.archive.open("rb") as handle, zipfile.ZipFile(handle) as source:
        entries = source.infolist()
        kept = [entry for entry in entries if not entry.filename.startswith(prefixes)]
        if len(kept) == len(entries):
            return
        with tempfile.TemporaryFile() as spool:
            with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as target:
                for entry in kept:
                    with source.open(entry) as member, target.open(entry, "w") as copy:
                        while chunk := member.read(1024 * 1024):
                            copy.write(chunk)
            spool.seek(0)
            old = bulk.archive.storage, bulk.archive.name
            bulk.archive.save(f"{bulk.pk}.zip", File(spool), save=False)
    BulkIssue.objects.filter(pk=bulk.pk).update(archive=bulk.archive.name)
    transaction.on_commit(lambda: old[0].delete(old[1]))


def _erased_failure(person, failure):
    if failure.get("participant") not in person.accounts:
        return failure
    reason = person.scrub(failure.get("reason", ""), own=True)
    return {**failure, "name": ERASED_NAME, "nip": "", "reason": reason}


def _erase_bulk_issues(person, sessions, prefixes):
    """The person's line in refusal lists, and their PDFs in the ZIPs of their sessions."""
    jobs = BulkIssue.objects.select_for_update().filter(
        Q(session_id__in=sessions) | ~Q(failures=[])
    )
    for bulk in jobs.order_by("pk"):
        failures = [_erased_failure(person, failure) for failure in bulk.failures]
        if failures != bulk.failures:
            BulkIssue.objects.filter(pk=bulk.pk).update(failures=failures)
        if bulk.archive and prefixes and bulk.session_id in sessions:
            _rewrite_archive(bulk, prefixes)


def certificate_holders_erase(*, person):
    """Erase what the person's certificates say of them (see the module's docstring)."""
    certificates = list(
        Certificate.objects.select_for_update().filter(participant_id__in=person.accounts)
    )
    prefixes = tuple(archive_prefix(certificate) for certificate in certificates if certificate.pdf)
    for certificate in certificates:
        if certificate.pdf:
            _delete_after_commit(certificate.pdf)
        Certificate.objects.filter(pk=certificate.pk).update(
            holder_name="",
            holder_nip="",
            holder_agency="",
            pdf="",
            revoked_reason=person.scrub(certificate.revoked_reason, own=True, max_length=300),
        )
    sessions = {certificate.session_id for certificate in certificates if certificate.session_id}
    _erase_bulk_issues(person, sessions, prefixes)
