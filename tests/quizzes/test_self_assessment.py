"""Self-assessment (swanilai): Likert scoring with reversed statements, and the service that
saves a participant's answers: all or nothing, on the scale, once, by those who may take the
pre-test, while it is open and before they start it."""

import datetime

import pytest
from django.utils import timezone

from content.articles.pillars import Pillar
from content.base.errors import NotAllowed
from content.quizzes import selectors, services
from content.quizzes import self_assessment_selectors as self_assessments
from content.quizzes.likert import pillar_scores, statement_score
from content.quizzes.models import Purpose, Rating, SelfAssessmentResponse
from content.training import services as training_services
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory
from tests.quizzes.self_assessment_data import (
    all_ratings,
    make_self_assessment,
    pre_test_with_self_assessment,
)


class TestLikertScoring:
    @pytest.mark.parametrize(("value", "score"), [(1, 5), (2, 4), (3, 3), (4, 2), (5, 1)])
    def test_a_reversed_statement_counts_the_other_way_round(self, value, score):
        assert statement_score(value, reversed=True) == score
        assert statement_score(value, reversed=False) == value

    @pytest.mark.parametrize("value", [0, 6, -1])
    def test_off_the_scale_is_refused(self, value):
        with pytest.raises(ValueError):
            statement_score(value, reversed=False)

    def test_a_pillar_is_the_mean_of_its_statements_reversed_ones_turned(self):
        ratings = [
            ("kecakapan", 5, False),
            ("kecakapan", 1, True),  # disagreeing with a reversed statement: 5
            ("kecakapan", 2, False),
            ("keamanan", 4, True),  # 2
            ("keamanan", 3, False),
        ]
        assert pillar_scores(ratings) == {"kecakapan": 4.0, "keamanan": 2.5}

    def test_agreeing_with_everything_is_not_full_marks(self):
        # Someone who ticks "sangat setuju" everywhere scores 3 on a pillar with one reversed
        # statement of two: the reversed statements are there for exactly that.
        assert pillar_scores([("etika", 5, False), ("etika", 5, True)]) == {"etika": 3.0}

    def test_pillars_nobody_rated_are_left_out(self):
        assert pillar_scores([]) == {}


@pytest.fixture
def session(sessions):
    return SessionPageFactory(parent=sessions)


@pytest.fixture
def test(session):
    return pre_test_with_self_assessment(session)


@pytest.fixture
def person(session):
    person = ParticipantFactory()
    training_services.registration_create(session=session, participant=person)
    return person


def _submit(session, person, values, **kwargs):
    assessment = session_assessment(session)
    return services.self_assessment_submit(
        session=session, participant=person, ratings=all_ratings(assessment, values), **kwargs
    )


def session_assessment(session):
    return self_assessments.pre_test_self_assessment(session)


pytestmark = pytest.mark.django_db


class TestSubmitting:
    def test_every_rating_is_saved_once_and_scored_per_pillar(self, session, test, person):
        response = _submit(session, person, [5, 1, 4, 2])
        assert response.participant == person and response.session_id == session.pk
        assert response.assessment == test.self_assessment
        assert sorted(Rating.objects.values_list("value", flat=True)) == [1, 2, 4, 5]
        scores = self_assessments.response_pillar_scores(response)
        assert [(s.pillar, s.score) for s in scores] == [("kecakapan", 5.0), ("keamanan", 4.0)]

    def test_a_missing_statement_saves_nothing_and_names_it(self, session, test, person):
        ratings = all_ratings(test.self_assessment, [3, 3, 3, 3])[:2]
        with pytest.raises(NotAllowed) as refusal:
            services.self_assessment_submit(session=session, participant=person, ratings=ratings)
        assert "nomor 3 dan 4 belum dijawab" in refusal.value.message
        assert not SelfAssessmentResponse.objects.exists() and not Rating.objects.exists()

    @pytest.mark.parametrize("bad", [0, 6, -3, "3", 3.0, True, None, "", "lima"])
    def test_a_value_off_the_scale_saves_nothing(self, session, test, person, bad):
        ratings = all_ratings(test.self_assessment, [3, 3, 3, bad])
        with pytest.raises(NotAllowed) as refusal:
            services.self_assessment_submit(session=session, participant=person, ratings=ratings)
        assert refusal.value.message == "Pilih salah satu nilai 1 sampai 5 untuk setiap pernyataan."
        assert not SelfAssessmentResponse.objects.exists() and not Rating.objects.exists()

    def test_a_statement_rated_twice_saves_nothing(self, session, test, person):
        ratings = all_ratings(test.self_assessment, [3, 3, 3, 3])
        ratings.append((ratings[0][0], 5))
        with pytest.raises(NotAllowed, match="hanya boleh diberi satu nilai"):
            services.self_assessment_submit(session=session, participant=person, ratings=ratings)
        assert not SelfAssessmentResponse.objects.exists()

    def test_another_self_assessments_statement_is_refused(self, session, test, person):
        other = make_self_assessment(title="Swanilai lain")
        ratings = all_ratings(test.self_assessment, [3, 3, 3, 3])
        ratings[0] = (other.statements.first().pk, 3)
        with pytest.raises(NotAllowed, match="tidak dikenal"):
            services.self_assessment_submit(session=session, participant=person, ratings=ratings)
        assert not SelfAssessmentResponse.objects.exists()

    def test_a_doubled_submit_keeps_the_first_response(self, session, test, person):
        first = _submit(session, person, [5, 1, 4, 2])
        second = _submit(session, person, [1, 5, 1, 5])
        assert second.pk == first.pk
        assert SelfAssessmentResponse.objects.count() == 1
        assert sorted(Rating.objects.values_list("value", flat=True)) == [1, 2, 4, 5]

    def test_each_session_has_its_own_response(self, sessions, session, test, person):
        other = SessionPageFactory(parent=sessions)
        pre_test_with_self_assessment(other, test.self_assessment)
        training_services.registration_create(session=other, participant=person)
        _submit(session, person, [5, 5, 5, 5])
        _submit(other, person, [1, 1, 1, 1])
        assert SelfAssessmentResponse.objects.filter(participant=person).count() == 2


class TestWhoMayAnswer:
    def test_someone_not_in_the_session_is_refused(self, session, test):
        with pytest.raises(NotAllowed, match="Daftar atau lakukan presensi"):
            _submit(session, ParticipantFactory(), [3, 3, 3, 3])
        assert not SelfAssessmentResponse.objects.exists()

    def test_a_staff_account_is_refused(self, session, test):
        with pytest.raises(NotAllowed, match="bukan akun peserta"):
            _submit(session, UserFactory(), [3, 3, 3, 3])

    def test_a_closed_pre_test_is_refused(self, session, test, person):
        test.closes_at = timezone.now() - datetime.timedelta(minutes=1)
        test.save()
        with pytest.raises(NotAllowed, match="sudah ditutup"):
            _submit(session, person, [3, 3, 3, 3])
        assert not SelfAssessmentResponse.objects.exists()

    def test_a_pre_test_not_open_yet_is_refused(self, session, test, person):
        test.opens_at = timezone.now() + datetime.timedelta(hours=1)
        test.save()
        with pytest.raises(NotAllowed, match="belum dibuka"):
            _submit(session, person, [3, 3, 3, 3])

    def test_after_starting_the_pre_test_it_is_no_longer_asked(self, session, test, person):
        context = selectors.session_test_context(session, Purpose.PRE)
        services.attempt_start(context=context, participant=person)
        with pytest.raises(NotAllowed, match="sebelum pre-test"):
            _submit(session, person, [3, 3, 3, 3])
        assert not SelfAssessmentResponse.objects.exists()

    def test_a_session_whose_pre_test_has_none_is_refused(self, sessions, person, test):
        other = SessionPageFactory(parent=sessions)
        with pytest.raises(NotAllowed, match="tidak memakai swanilai"):
            services.self_assessment_submit(session=other, participant=person, ratings=[])


class TestOwnScores:
    def test_self_assessment_scores_lists_mine_per_session(self, sessions, session, test, person):
        later = SessionPageFactory(parent=sessions, date=session.date + datetime.timedelta(days=7))
        pre_test_with_self_assessment(later, test.self_assessment)
        training_services.registration_create(session=later, participant=person)
        _submit(session, person, [5, 1, 4, 2])
        _submit(later, person, [3, 3, 2, 4])
        someone = ParticipantFactory()
        training_services.registration_create(session=session, participant=someone)
        _submit(session, someone, [1, 5, 1, 5])
        scores = self_assessments.self_assessment_scores(person)
        assert [(s.session_id, s.date) for s in scores] == [
            (later.pk, later.date),
            (session.pk, session.date),
        ]
        assert scores[0].scores == {Pillar.KECAKAPAN: 3.0, Pillar.KEAMANAN: 2.0}
        assert scores[1].scores == {Pillar.KECAKAPAN: 5.0, Pillar.KEAMANAN: 4.0}
        assert self_assessments.self_assessment_scores(ParticipantFactory()) == []

    def test_reading_my_scores_takes_two_queries(
        self, sessions, session, test, person, django_assert_num_queries
    ):
        _submit(session, person, [5, 1, 4, 2])
        with django_assert_num_queries(2):
            self_assessments.self_assessment_scores(person)
