"""Writes of the digital literacy index: one run of the calibration, its item difficulties, the
people's scores and the index cells (content/stats/literacy/ computes; this module stores).
The task worker calls it (tasks.py, stats.calibrate_literacy); so does
`manage.py calibrate_literacy`. No request computes it."""

import datetime
import logging
import secrets
import traceback
from itertools import islice

import numpy as np
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.stats.literacy import method, responses
from content.stats.literacy.compute import compute, iter_persons
from content.stats.models import ItemCalibration, LiteracyCell, LiteracyRun, PersonLiteracy
from content.stats.models.literacy import RunStatus

logger = logging.getLogger(__name__)

# Finished runs kept (the latest is shown; the ones before it for comparison).
KEEP_FINISHED = 3
# A run still "berjalan" after this long died with its worker: it is marked failed so that
# the next one can start.
STALE_AFTER = datetime.timedelta(hours=6)
BATCH = 5_000


class RunInProgress(RuntimeError):
    """Another calibration is running: a second one is refused, not queued behind it."""


def _start(seed, now):
    LiteracyRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=now - STALE_AFTER).update(
        status=RunStatus.FAILED,
        finished_at=now,
        error="Perhitungan terhenti (melebihi batas waktu) dan ditandai gagal.",
    )
    try:
        with transaction.atomic():
            return LiteracyRun.objects.create(
                started_at=now,
                status=RunStatus.RUNNING,
                seed=seed,
                bootstrap_samples=method.BOOTSTRAP_SAMPLES,
            )
    except IntegrityError as error:
        raise RunInProgress("Perhitungan indeks literasi lain sedang berjalan.") from error


def literacy_calibrate(*, today=None, sample=None, seed=None):
    """Compute and store a new LiteracyRun and return it (FINISHED). today: the last year
    counted is today's (default: now); sample: attempts for the calibration (default
    settings.LITERACY_CALIBRATION_SAMPLE); seed: the random sample's and the bootstrap's seed
    (default: drawn, and stored on the run). Raises RunInProgress when a run is under way; an
    error in the computation marks the run FAILED with its text and is raised again."""
    now = timezone.now()
    today = today or timezone.localdate()
    sample = settings.LITERACY_CALIBRATION_SAMPLE if sample is None else sample
    seed = secrets.randbelow(2**31) if seed is None else seed
    run = _start(seed, now)
    try:
        knowledge = responses.read_knowledge()
        self_rows = [row for row in responses.read_self_assessments() if row[1] <= today.year]
        result = compute(
            _up_to(knowledge, today.year),
            self_rows,
            parent=responses.agency_parents(),
            sample=sample,
            seed=seed,
            min_people=method.MIN_PEOPLE,
            samples=method.BOOTSTRAP_SAMPLES,
        )
        with transaction.atomic():
            ItemCalibration.objects.bulk_create(
                (ItemCalibration(run=run, **row) for row in result.items), batch_size=BATCH
            )
            # In batches made one at a time: bulk_create() makes a list of whatever it is given,
            # and the city's people are millions of rows.
            rows = iter_persons(result)
            while batch := [PersonLiteracy(run=run, **row) for row in islice(rows, BATCH)]:
                PersonLiteracy.objects.bulk_create(batch)
            LiteracyCell.objects.bulk_create(
                (LiteracyCell(run=run, **row) for row in result.cells), batch_size=BATCH
            )
            LiteracyRun.objects.filter(pk=run.pk).update(
                status=RunStatus.FINISHED,
                finished_at=timezone.now(),
                attempts=result.attempts,
                responses=result.responses,
                people=result.people,
                calibration_sample=result.calibration_sample,
                method=f"{method.METHOD_TEXT}\n\n{method.MAPPING_TEXT}",
            )
        logger.info(
            "Literacy index computed: %s", {k: round(v, 1) for k, v in result.timings.items()}
        )
    except Exception as error:
        LiteracyRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{error}\n\n{traceback.format_exc()}"[:10_000],
        )
        raise
    _keep_latest()
    run.refresh_from_db()
    return run


def _up_to(knowledge, year):
    """Attempts finished after `year` are not counted (a run dated in the past)."""
    late = knowledge.attempt_year > year
    if not late.any():
        return knowledge
    keep = ~late[knowledge.answer_attempt]
    knowledge.answer_attempt = knowledge.answer_attempt[keep]
    knowledge.answer_item = knowledge.answer_item[keep]
    knowledge.answer_correct = knowledge.answer_correct[keep]
    knowledge.attempt_purpose = np.where(late, 2, knowledge.attempt_purpose)
    return knowledge


def _keep_latest():
    finished = LiteracyRun.objects.filter(status=RunStatus.FINISHED).order_by("-finished_at", "-pk")
    old = list(finished.values_list("pk", flat=True)[KEEP_FINISHED:])
    if old:
        LiteracyRun.objects.filter(pk__in=old).delete()
