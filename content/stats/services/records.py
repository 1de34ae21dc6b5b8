"""What the statistics app writes: only its own tables (open data releases and agencies'
headcounts), and only here. Every other app's records are read, never written."""

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from content.base import page_cache
from content.base.spreadsheets import RowAction
from content.stats import open_data
from content.stats.models import AgencyHeadcount, OpenDataFile, OpenDataRelease


class PeriodNotClosed(ValueError):
    """The period has not ended, or its grace period has not passed: it cannot be released."""


def open_data_release_publish(*, period, today=None):
    """Publish `period`'s release once: every data set computed from one snapshot of the
    records, stored with its files and their SHA-256. Returns (release, created); a period
    already released is returned unchanged, whoever published it (a schedule run twice, two
    workers at once: the unique period makes the second one a no-op)."""
    today = today or timezone.localdate()
    if not period.is_closed(today):
        raise PeriodNotClosed(
            f"{period.label} baru dapat diterbitkan mulai "
            f"{period.publishable_on.isoformat()} (masa koreksi {open_data.GRACE_DAYS} hari)."
        )
    existing = OpenDataRelease.objects.filter(slug=period.slug).first()
    if existing is not None:
        return existing, False
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic():
            if outermost:
                _one_snapshot()
            published_at = timezone.now()
            built = open_data.build_release(period, published_at=published_at)
            release = OpenDataRelease.objects.create(
                slug=period.slug,
                period_start=period.start,
                period_end=period.end,
                published_at=published_at,
                suppression=open_data.SUPPRESSION,
            )
            OpenDataFile.objects.bulk_create(
                OpenDataFile(
                    release=release,
                    dataset=item.dataset.slug,
                    position=position,
                    title=item.dataset.title,
                    description=item.dataset.description,
                    columns=[column.as_dict() for column in item.dataset.columns],
                    rows=item.rows,
                    csv=item.csv,
                    csv_sha256=item.csv_sha256,
                    json=item.json,
                    json_sha256=item.json_sha256,
                )
                for position, item in enumerate(built)
            )
            # The list of releases is on cached pages: they show the new one once it is in.
            transaction.on_commit(page_cache.invalidate)
    except IntegrityError:
        # Someone else published the same period meanwhile: theirs stands.
        return OpenDataRelease.objects.get(slug=period.slug), False
    return release, True


def open_data_publish_due(*, today=None):
    """Publish every closed period that has no release yet, oldest first (the scheduled job:
    `manage.py publish_open_data`). Idempotent: run again, it publishes nothing."""
    today = today or timezone.localdate()
    released = set(OpenDataRelease.objects.values_list("slug", flat=True))
    published = []
    for period in open_data.closed_periods(today):
        if period.slug not in released:
            release, created = open_data_release_publish(period=period, today=today)
            if created:
                published.append(release)
    return published


def _one_snapshot():
    """On PostgreSQL, read every data set from one snapshot: otherwise an attendance imported
    between two data sets' queries would show in one and not the other, and the difference
    of their totals would point at it. Only possible as a transaction's first statement, so
    not inside an outer transaction (tests, the demo loader), where nothing else writes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def headcount_save(*, headcount, by=None):
    """Save one agency's headcount for a year as the admin's form filled it in (the form has
    checked it; the unique agency and year refuse a second record for the pair). `by` is the
    analyst; headcounts do not record who wrote them, the admin's history does."""
    headcount.save()
    return headcount


def headcount_delete(*, headcount, by=None):
    """Delete one headcount (superusers only: the admin's permission policy decides)."""
    headcount.delete()


def national_index_save(*, figure, by=None):
    """Save a national figure as the admin's form filled it in (the unique year and pillar
    refuse a second one). Its model announces the write, so the cached index screens show it."""
    figure.save()
    return figure


def national_index_delete(*, figure, by=None):
    figure.delete()


def headcounts_import(*, preview, by=None):
    """Apply a checked headcount import (headcount_import.preview_headcount_import): one record
    per agency and year, created or updated (the unique agency and year keep one; the same file
    again changes nothing), in one transaction: every row or none. A preview with errors is
    refused (ImportRejected). `by` is the analyst who confirmed; headcounts do not record who
    wrote them. Returns {RowAction: count}."""
    preview.require_ok()
    with transaction.atomic():
        for row in preview.rows:
            if row.action != RowAction.UNCHANGED:
                AgencyHeadcount.objects.update_or_create(
                    agency=row.agency, year=row.year, defaults={"asn": row.asn, "ptt": row.ptt}
                )
    return {action: preview.count(action) for action in RowAction}
