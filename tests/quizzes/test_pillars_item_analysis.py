"""The item analysis shows each question's pillar and, from the latest finished calculation of
the literacy index (content/stats/literacy/item_flags.py, registered through
content/quizzes/item_notes.py), its difficulty, infit/outfit and the misfit flag with what an
editor should do; nothing for a question the calculation did not calibrate."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from content.articles.pillars import Pillar
from content.quizzes import item_notes, results
from content.quizzes.models import Purpose, Question
from content.stats.literacy.item_flags import item_flags
from content.stats.models import ItemCalibration, RunStatus
from tests.factories.literacy import finished_run
from tests.quizzes.results_data import item_world

pytestmark = pytest.mark.django_db
ITEM_ANALYSIS = "/admin/kuis/analisis-butir/"
MISFIT = "Tidak cocok dengan model (infit/outfit di luar 0,7-1,3)"


def _calibrate(run, question, **fields):
    values = {
        "pillar": question.pillar or Pillar.KECAKAPAN,
        "difficulty": 0.0,
        "infit": 1.0,
        "outfit": 1.0,
        "responses": 120,
        "correct": 60,
        "misfit": False,
    }
    return ItemCalibration.objects.create(run=run, question=question, **{**values, **fields})


@pytest.fixture
def world(sessions):
    world = item_world(sessions)
    q = world.questions
    Question.objects.filter(pk__in=[q.q1.pk, q.q2.pk]).update(pillar=Pillar.KECAKAPAN)
    Question.objects.filter(pk=q.q3.pk).update(pillar=Pillar.ETIKA)
    return world


@pytest.fixture
def calibrated(world):
    """The latest finished run calibrated Q1 (a misfit) and Q2 (fits); Q3 and Q4 not. An older
    finished run and a newer run still computing say otherwise: neither is read."""
    q = world.questions
    now = timezone.now()
    older = finished_run(finished_at=now - datetime.timedelta(days=3))
    _calibrate(older, q.q3, difficulty=2.0, infit=2.0, outfit=2.0, misfit=True)
    latest = finished_run(finished_at=now - datetime.timedelta(hours=1))
    _calibrate(latest, q.q1, difficulty=-1.234, infit=1.62, outfit=1.91, misfit=True)
    _calibrate(latest, q.q2, difficulty=0.456, infit=0.95, outfit=1.08)
    running = finished_run(status=RunStatus.RUNNING, finished_at=None, started_at=now)
    _calibrate(running, q.q4, difficulty=1.0, infit=3.0, outfit=3.0, misfit=True)
    return world


class TestTheSelector:
    def test_pillars_and_the_latest_finished_runs_notes(self, calibrated):
        q = calibrated.questions
        analysis = results.quiz_item_analysis(calibrated.quiz, purpose=Purpose.SELF_PACED)
        rows = {item.question_id: item for item in analysis.items}
        assert [rows[question.pk].pillar for question in (q.q1, q.q2, q.q3, q.q4)] == [
            "Kecakapan digital",
            "Kecakapan digital",
            "Etika digital",
            "",
        ]
        assert (rows[q.q1.pk].difficulty, rows[q.q1.pk].infit, rows[q.q1.pk].outfit) == (
            -1.23,
            1.62,
            1.91,
        )
        assert rows[q.q1.pk].misfit and rows[q.q1.pk].fit == MISFIT
        assert not rows[q.q2.pk].misfit and rows[q.q2.pk].fit == "Cocok"
        for question in (q.q3, q.q4):  # the older and the running run are not read
            row = rows[question.pk]
            assert row.note is None and not row.misfit and row.fit == ""
            assert (row.difficulty, row.infit, row.outfit) == (None, None, None)
        assert analysis.calibrated and analysis.misfits == [rows[q.q1.pk]]

    def test_no_run_no_notes(self, world):
        analysis = results.quiz_item_analysis(world.quiz, purpose=Purpose.SELF_PACED)
        assert not analysis.calibrated
        assert all(item.note is None for item in analysis.items)

    def test_the_provider_is_registered_and_reads_one_query(
        self, calibrated, django_assert_num_queries
    ):
        q = calibrated.questions
        assert item_flags in item_notes._providers  # StatsConfig.ready()
        with django_assert_num_queries(1):
            flags = item_flags([q.q1.pk, q.q2.pk, q.q3.pk, q.q4.pk])
        assert set(flags) == {q.q1.pk, q.q2.pk}
        assert flags[q.q1.pk] == {
            "difficulty": -1.234,
            "infit": 1.62,
            "outfit": 1.91,
            "misfit": True,
            "responses": 120,
        }

    def test_the_query_count_does_not_grow_with_calibrations(
        self, world, django_assert_num_queries
    ):
        with django_assert_num_queries(4):
            results.quiz_item_analysis(world.quiz)
        run = finished_run()
        for question in vars(world.questions).values():
            _calibrate(run, question, misfit=True)
        with django_assert_num_queries(4):
            analysis = results.quiz_item_analysis(world.quiz)
        assert len(analysis.misfits) == 4


class TestTheScreen:
    def test_it_flags_the_misfit_and_tells_editors_what_to_do(self, client, organizer, calibrated):
        query = {"kuis": calibrated.quiz.pk, "jenis": Purpose.SELF_PACED}
        page = client.get(ITEM_ANALYSIS, query).content.decode()
        assert "1 soal tidak cocok dengan model (infit/outfit di luar 0,7-1,3)." in page
        assert "Periksa kunci jawabannya, kalimat yang ambigu" in page
        assert page.count(f'<strong class="quiz-misfit">{MISFIT}</strong>') == 1
        for shown in ("-1,23", "1,62", "1,91", "0,46", "0,95", "1,08", "Kecakapan digital"):
            assert shown in page
        assert "2,00" not in page and "3,00" not in page  # the older and the running run

    def test_without_a_calculation_the_columns_are_blank_and_it_says_why(
        self, client, organizer, world
    ):
        page = client.get(ITEM_ANALYSIS, {"kuis": world.quiz.pk}).content.decode()
        assert "belum dihitung dalam indeks literasi digital" in page
        assert '<strong class="quiz-misfit">' not in page

    def test_the_export_carries_pillar_and_fit(self, client, organizer, calibrated):
        q = calibrated.questions
        query = {"kuis": calibrated.quiz.pk, "jenis": Purpose.SELF_PACED, "export": "csv"}
        response = client.get(ITEM_ANALYSIS, query)
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = {row[0]: row for row in csv.reader(io.StringIO(content))}
        assert rows[str(q.q1.pk)][3] == "Kecakapan digital"
        assert rows[str(q.q1.pk)][-4:] == ["-1.23", "1.62", "1.91", MISFIT]
        assert rows[str(q.q2.pk)][-4:] == ["0.46", "0.95", "1.08", "Cocok"]
        assert rows[str(q.q4.pk)][3:4] + rows[str(q.q4.pk)][-4:] == ["", "", "", "", ""]
