"""The calibration end to end on a small database: runs, items, people's scores, cells (with
the small-cell rule), self-assessment with reversed statements, one run at a time, the task
queued by changes (debounced, never inline), and no request path that computes it."""

import datetime
import re
from pathlib import Path

import numpy as np
import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from content.articles.pillars import Pillar
from content.quizzes.models import Answer, Purpose, Question
from content.quizzes.models.self_assessment import (
    Rating,
    SelfAssessment,
    SelfAssessmentResponse,
    Statement,
)
from content.stats import services
from content.stats.models import ItemCalibration, LiteracyCell, LiteracyRun, PersonLiteracy
from content.stats.models.literacy import RunStatus
from content.stats.services.literacy import RunInProgress
from tests.factories.people import AgencyFactory, ParticipantFactory, ptt
from tests.factories.quizzes import make_question, make_quiz
from tests.factories.stats import attempt
from tests.factories.training import SessionPageFactory

pytestmark = pytest.mark.django_db
PILLARS = [p.value for p in Pillar]
TASK = "content.stats.tasks.calibrate_literacy"


@pytest.fixture
def data(sessions):
    rng = np.random.default_rng(1)
    parent = AgencyFactory(name="Dinas Kominfo")
    child = AgencyFactory(name="Bidang Persandian", parent=parent)
    other = AgencyFactory(name="Dinas Kesehatan")
    questions = [make_question(pillar=p) for p in PILLARS for _ in range(3)]
    quiz = make_quiz(questions)
    session = SessionPageFactory(parent=sessions, date=datetime.date(2026, 3, 3))
    people = (
        [ParticipantFactory(agency=parent) for _ in range(14)]
        + [ParticipantFactory(agency=child) for _ in range(4)]
        + [ptt(agency=other) for _ in range(12)]
    )
    difficulty = np.linspace(-1, 1, len(questions))
    for person in people:
        ability = rng.normal()
        for purpose, gain in ((Purpose.PRE, 0.0), (Purpose.POST, 0.8)):
            done = attempt(person, quiz, score=50, session=session, purpose=purpose,
                           on=datetime.date(2026, 3, 3))  # fmt: skip
            p = 1 / (1 + np.exp(-(ability + gain - difficulty)))
            for position, (question, chance) in enumerate(zip(questions, p, strict=True)):
                right = rng.random() < chance
                Answer.objects.create(attempt=done, position=position + 1, question=question,
                                      points=1 if right else 0)  # fmt: skip
    # Self-assessment: agreeing with a reversed statement counts as 6 - rating.
    assessment = SelfAssessment.objects.create(title="Swanilai")
    plain = Statement.objects.create(assessment=assessment, text="Saya memeriksa sumber.",
                                     pillar=Pillar.KECAKAPAN)  # fmt: skip
    turned = Statement.objects.create(assessment=assessment, text="Saya asal membagikan.",
                                      pillar=Pillar.KECAKAPAN, reversed=True)  # fmt: skip
    for person in people[:12]:
        response = SelfAssessmentResponse.objects.create(
            assessment=assessment, participant=person, session=session,
            submitted_at=timezone.make_aware(datetime.datetime(2026, 3, 3, 9)),
        )  # fmt: skip
        Rating.objects.create(response=response, statement=plain, value=4)
        Rating.objects.create(response=response, statement=turned, value=5)
    return {"parent": parent, "child": child, "other": other, "questions": questions,
            "people": people}  # fmt: skip


def test_a_run_stores_items_people_and_cells(data):
    run = services.literacy_calibrate(seed=3, sample=1000)
    assert run.status == RunStatus.FINISHED and run.finished_at
    assert run.attempts == 60 and run.responses == 60 * 12 and run.people == 30
    assert ItemCalibration.objects.filter(run=run).count() == 12
    assert PersonLiteracy.objects.filter(run=run, phase="sebelum").count() == 30 * 4
    score = PersonLiteracy.objects.filter(run=run, phase="sesudah").first()
    assert 1 <= score.score <= 5 and score.items == 3 and score.ability_se > 0
    city = LiteracyCell.objects.get(run=run, year=2026, agency=None, group="", phase="sebelum",
                                    pillar="")  # fmt: skip
    assert city.people == 30 and city.low < city.index < city.high
    change = LiteracyCell.objects.get(run=run, year=2026, agency=None, group="",
                                      phase="perubahan", pillar="")  # fmt: skip
    assert change.people == 30 and change.index > 0  # drawn with a gain of 0.8 logits
    # Kominfo with its sub-agency: 18 people. The sub-agency's 4 are withheld whole; Kominfo's
    # own 14 (the implicit remainder) plus those 4 make a withheld share of 18 >= 10: safe.
    sub = LiteracyCell.objects.get(run=run, year=2026, agency=data["child"], group="",
                                   phase="sebelum", pillar="")  # fmt: skip
    assert sub.suppressed and sub.people is None and sub.index is None
    kominfo = LiteracyCell.objects.get(run=run, year=2026, agency=data["parent"], group="",
                                       phase="sebelum", pillar="")  # fmt: skip
    assert kominfo.people == 18 and not kominfo.suppressed
    # ASN vs PTT split Kominfo and Kesehatan cleanly: every ASN is in Kominfo, PTT elsewhere.
    assert LiteracyCell.objects.get(run=run, year=2026, agency=None, group="ptt",
                                    phase="sebelum", pillar="").people == 12  # fmt: skip


def test_self_assessment_cells_count_reversed_statements_reversed(data):
    run = services.literacy_calibrate(seed=3)
    cell = LiteracyCell.objects.get(run=run, year=2026, agency=None, group="", phase="swanilai",
                                    pillar=Pillar.KECAKAPAN)  # fmt: skip
    # (4 + (6 - 5)) / 2 = 2.5 for each of the 12 people.
    assert cell.people == 12 and cell.index == pytest.approx(2.5)
    mine = PersonLiteracy.objects.get(run=run, participant=data["people"][0], phase="swanilai")
    assert mine.score == pytest.approx(2.5) and mine.ability is None
    # No overall self-assessment: only one pillar was rated.
    assert not LiteracyCell.objects.filter(run=run, phase="swanilai", pillar="").exists()


def test_a_second_run_at_once_is_refused_and_a_stale_one_is_failed(data):
    running = LiteracyRun.objects.create(started_at=timezone.now())
    with pytest.raises(RunInProgress):
        services.literacy_calibrate(seed=1)
    assert LiteracyRun.objects.count() == 1
    LiteracyRun.objects.filter(pk=running.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=7)
    )
    run = services.literacy_calibrate(seed=1)
    running.refresh_from_db()
    assert running.status == RunStatus.FAILED and "gagal" in running.error
    assert run.status == RunStatus.FINISHED


def test_only_the_last_three_finished_runs_are_kept(data):
    runs = [services.literacy_calibrate(seed=s) for s in range(4)]
    kept = set(LiteracyRun.objects.values_list("pk", flat=True))
    assert kept == {r.pk for r in runs[1:]}


def test_an_error_marks_the_run_failed(data, settings):
    settings.LITERACY_CALIBRATION_SAMPLE = -1  # a negative sample size breaks the computation
    with pytest.raises(ValueError):
        services.literacy_calibrate(seed=1)
    run = LiteracyRun.objects.get()
    assert run.status == RunStatus.FAILED and run.error and not run.cells.exists()


def test_finishing_answers_queues_one_deferred_calibration(
    data, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    cache.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    answer = Answer.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        answer.points = 0
        answer.save()
        Answer.objects.exclude(pk=answer.pk).first().save()
    queued = DBTaskResult.objects.filter(task_path=TASK)
    assert queued.count() == 1 and queued.get().run_after > timezone.now()
    # Saving what a participant chose in an open attempt is no news to the index.
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer.chosen = []
        answer.save(update_fields=["chosen"])
    assert queued.count() == 1
    assert not LiteracyRun.objects.exists()


def test_nothing_is_queued_or_computed_when_tasks_run_inline(
    data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Answer.objects.first().save()
    assert not LiteracyRun.objects.exists()


def test_no_request_path_calls_the_calibration():
    root = Path(__file__).resolve().parents[3] / "content"
    callers = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if re.search(
            r"literacy_calibrate\(|literacy\.compute import|irt\.calibrate\(", path.read_text()
        )
    }
    assert callers <= {
        "stats/services/literacy.py",
        "stats/tasks.py",
        "stats/management/commands/calibrate_literacy.py",
        "stats/literacy/compute.py",
    }, callers


def test_a_run_with_nothing_measured_finishes_empty():
    run = services.literacy_calibrate(seed=1)
    assert run.status == RunStatus.FINISHED and run.people == 0
    assert not run.cells.exists() and not run.items.exists()


def test_a_questions_pillar_or_a_rating_queues_the_calibration(
    data, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queued = DBTaskResult.objects.filter(task_path=TASK)
    for change in (
        lambda: Question.objects.get(pk=data["questions"][0].pk).save(),
        lambda: Rating.objects.first().save(),
    ):
        cache.clear()
        DBTaskResult.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert queued.count() == 1
