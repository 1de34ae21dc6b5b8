"""The organizers' figures (content/quizzes/results.py) on small hand-made data sets whose every
figure is worked out in the comments (data: tests/quizzes/results_data.py)."""

from decimal import Decimal

import pytest

from content.quizzes import results
from content.quizzes.models import Purpose, Quiz
from content.quizzes.scoring import normalised_gain
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory
from tests.quizzes.results_data import (
    ANI_NIP,
    FORMULA_NAME,
    item_world,
    question,
    session_world,
    take,
)

pytestmark = pytest.mark.django_db
D = Decimal


class TestNormalisedGain:
    def test_gain_is_the_share_of_the_room_to_improve_that_was_gained(self):
        assert normalised_gain(D(50), D("87.5")) == D("0.750")  # 37.5 of 50
        assert normalised_gain(D(40), D(40)) == D("0.000")
        assert normalised_gain(D(60), D(50)) == D("-0.250")  # -10 of 40

    def test_at_pre_100_the_gain_is_the_share_of_the_pre_test_lost(self):
        assert normalised_gain(D(100), D(75)) == D("-0.250")  # (75 - 100) / 100
        assert normalised_gain(D(100), D(100)) == D("0.000")

    def test_no_gain_without_both_scores(self):
        assert normalised_gain(None, D(80)) is None
        assert normalised_gain(D(80), None) is None


class TestSessionResults:
    def test_one_row_per_participant_with_their_best_pre_and_post(self, sessions):
        world = session_world(sessions)
        rows = {row.name: row for row in results.session_results(world.session).rows}
        assert {name: (row.pre, row.post, row.gain) for name, row in rows.items()} == {
            "Ani Lestari": (D("50.00"), D("87.50"), D("0.750")),
            "Budi Santoso": (D("100.00"), D("75.00"), D("-0.250")),
            "Citra Dewi": (D("50.00"), D("50.00"), D("0.000")),
            "Dedi Kurniawan": (D("25.00"), None, None),
            FORMULA_NAME: (None, D("100.00"), None),
        }

    def test_rows_are_in_name_order_with_nip_and_the_agency_at_the_time(self, sessions):
        world = session_world(sessions)
        rows = results.session_results(world.session).rows
        assert [row.name for row in rows] == [
            FORMULA_NAME,  # "=" sorts before letters
            "Ani Lestari",
            "Budi Santoso",
            "Citra Dewi",
            "Dedi Kurniawan",
        ]
        ani, budi, eka = rows[1], rows[2], rows[0]
        assert (ani.nip, ani.agency, ani.participant_group) == (
            ANI_NIP,
            "Dinas Komunikasi dan Informatika",
            "ASN - PNS",
        )
        # Budi works at Bappeda now; he took the tests at Dinas Pendidikan.
        assert budi.agency == "Dinas Pendidikan"
        assert eka.nip == ""

    def test_summary(self, sessions):
        world = session_world(sessions)
        summary = results.session_results(world.session).summary
        assert summary == results.SessionSummary(
            participants=5,
            pre_count=4,  # Ani, Budi, Citra, Dedi
            post_count=4,  # Ani, Budi, Citra, Eka (Dedi's is still open)
            both_count=3,  # Ani, Budi, Citra
            pre_average=D("56.25"),  # (50 + 100 + 50 + 25) / 4
            post_average=D("78.13"),  # (87.5 + 75 + 50 + 100) / 4 = 78.125
            matched_pre_average=D("66.67"),  # (50 + 100 + 50) / 3
            matched_post_average=D("70.83"),  # (87.5 + 75 + 50) / 3
            average_gain=D("0.167"),  # (0.75 - 0.25 + 0) / 3
            # <g> = (212.5/3 - 200/3) / (100 - 200/3) = (12.5/3) / (100/3) = 0.125
            class_gain=D("0.125"),
        )

    def test_per_question_mean_points_before_and_after(self, sessions):
        world = session_world(sessions)
        q = world.questions
        table = [
            (row.question_id, row.pre_answers, row.pre_percent, row.post_answers, row.post_percent)
            for row in results.session_results(world.session).questions
        ]
        # Over the counted attempts: Ani's second pre-test, not her first.
        assert table == [
            (q.q1.pk, 4, D("75.0"), 4, D("100.0")),  # pre 1+1+1+0, post 1+1+1+1
            (q.q2.pk, 4, D("25.0"), 4, D("75.0")),  # pre 0+1+0+0, post 1+1+0+1
            (q.q3.pk, 4, D("75.0"), 0, None),  # only in the pre-test: 1+1+0+1
            (q.q5.pk, 4, D("50.0"), 4, D("87.5")),  # pre 0+1+1+0, post 0.5+1+1+1
            (q.q4.pk, 0, None, 4, D("50.0")),  # only in the post-test: 1+0+0+1
        ]
        changes = [row.change for row in results.session_results(world.session).questions]
        assert changes == [D("25.0"), D("50.0"), None, D("37.5"), None]

    def test_a_session_without_finished_attempts_has_an_empty_report(self, sessions):
        session = SessionPageFactory(parent=sessions)
        result = results.session_results(session)
        assert (result.rows, result.questions) == ([], [])
        assert result.summary.participants == 0
        assert result.summary.pre_average is None
        assert result.summary.class_gain is None

    @pytest.mark.parametrize("count", [3, 10])
    def test_queries_do_not_grow_with_participants(
        self, sessions, count, django_assert_num_queries
    ):
        session = SessionPageFactory(parent=sessions)
        quiz = Quiz.objects.create(title="Pre", slug=f"pre-{count}")
        questions = [question(f"Soal {n}") for n in range(3)]
        for n in range(count):
            person = ParticipantFactory()
            for purpose in (Purpose.PRE, Purpose.POST):
                answers = [(q, n % 2) for q in questions]
                take(quiz, person, purpose, answers, session=session, minute=n)
        # One query for the attempts, one for the answers grouped by question and test.
        with django_assert_num_queries(2):
            result = results.session_results(session)
        assert len(result.rows) == count


class TestQuizItemAnalysis:
    def test_facility_and_discrimination_of_each_question(self, sessions):
        world = item_world(sessions)
        analysis = results.quiz_item_analysis(world.quiz, purpose=Purpose.SELF_PACED)
        q = world.questions
        # Facility: mean points × 100. Discrimination: 100 × Pearson r between the points on
        # the question (x) and on the other three questions (y), over attempts A B C D E:
        # Q1 x = 1 1 1 0 1, y = 2 1 2 1 .5: Sxy = .3, Sxx = .8, Syy = 1.8; r = .3/1.2 = .25
        # Q2 x = 1 1 0 0 .5, y = 2 1 3 1 1: Sxy = -.5, Sxx = 1, Syy = 3.2; r = -.2795
        # Q3 x = 1 0 1 0 0, y = 2 2 2 1 1.5: Sxy = .6, Sxx = 1.2, Syy = .8; r = .6124
        # Q4 x = 0 0 1 1 0, y = 3 2 2 0 1.5: Sxy = -1.4, Sxx = 1.2, Syy = 4.8; r = -1.4/2.4
        assert [
            (item.question_id, item.attempts, item.facility, item.discrimination, item.quality)
            for item in analysis.items
        ] == [
            (q.q1.pk, 5, D("80.0"), D("25.0"), "Lemah"),
            (q.q2.pk, 5, D("50.0"), D("-28.0"), "Periksa soal"),
            (q.q3.pk, 5, D("40.0"), D("61.2"), "Sangat baik"),
            (q.q4.pk, 5, D("40.0"), D("-58.3"), "Periksa soal"),
        ]
        assert [item.topic for item in analysis.items] == ["Anti-Hoaks"] * 4
        assert analysis.items[0].text == "Butir 1: apa ciri hoaks?"

    def test_only_first_finished_attempts_count(self, sessions):
        world = item_world(sessions)
        analysis = results.quiz_item_analysis(world.quiz, purpose=Purpose.SELF_PACED)
        # Six finished self-paced attempts (A twice); F's open attempt is not finished.
        assert (analysis.finished, analysis.analysed) == (6, 5)
        assert analysis.average_score == D("52.50")  # (75 + 50 + 75 + 25 + 37.5) / 5

    def test_score_distribution(self, sessions):
        world = item_world(sessions)
        analysis = results.quiz_item_analysis(world.quiz, purpose=Purpose.SELF_PACED)
        # Scores 75, 50, 75, 25, 37.5.
        assert analysis.distribution == [
            ("0–9", 0),
            ("10–19", 0),
            ("20–29", 1),
            ("30–39", 1),
            ("40–49", 0),
            ("50–59", 1),
            ("60–69", 0),
            ("70–79", 2),
            ("80–89", 0),
            ("90–100", 0),
        ]
        widths = [band["width"] for band in analysis.distribution_rows]
        assert widths == [0, 0, 50, 50, 0, 50, 0, 100, 0, 0]

    def test_purpose_and_session_narrow_the_attempts(self, sessions):
        world = item_world(sessions)
        everything = results.quiz_item_analysis(world.quiz)
        assert (everything.finished, everything.analysed) == (7, 6)  # G's pre-test too
        pre = results.quiz_item_analysis(world.quiz, purpose=Purpose.PRE, session=world.session)
        assert (pre.finished, pre.analysed, pre.average_score) == (1, 1, D("100.00"))
        assert [item.facility for item in pre.items] == [D("100.0")] * 4
        # One attempt: no spread, so no discrimination.
        assert [item.discrimination for item in pre.items] == [None] * 4
        other = SessionPageFactory(parent=sessions)
        assert results.quiz_item_analysis(world.quiz, session=other).items == []

    def test_a_quiz_nobody_finished(self, sessions):
        world = item_world(sessions)
        analysis = results.quiz_item_analysis(
            world.quiz, purpose=Purpose.POST, session=world.session
        )
        assert (analysis.finished, analysis.analysed, analysis.items) == (0, 0, [])
        assert analysis.average_score is None
        assert sum(count for _, count in analysis.distribution) == 0

    def test_queries_are_fixed(self, sessions, django_assert_num_queries):
        world = item_world(sessions)
        # The attempts, their answers, the questions' text, topic and pillar, and the literacy
        # index's calibration of them (the statistics' item notes: one query, run or not).
        with django_assert_num_queries(4):
            results.quiz_item_analysis(world.quiz)
