"""Self-assessments in the admin: written by editors and organizers like quizzes, attached to a
session's pre-test from the quiz's form (never to a post-test), and, once answered, kept as
they were measured: rated statements are neither deleted nor given another pillar or
direction, and an answered self-assessment is not deleted."""

import pytest
from django.urls import reverse

from content.articles.pillars import Pillar
from content.quizzes import services
from content.quizzes.models import Purpose, SelfAssessment, SessionTest, Statement
from content.training import services as training_services
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import make_quiz
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory
from tests.quizzes.self_assessment_data import (
    all_ratings,
    make_self_assessment,
    pre_test_with_self_assessment,
)
from tests.quizzes.test_session_use_warnings import _form_data, _formset

pytestmark = pytest.mark.django_db


def _login(client, group):
    user = UserFactory(groups=[group] if group else [], is_superuser=group is None)
    client.force_login(user)
    return user


def _assessment_data(assessment=None, *, title="Swanilai baru", rows=None, initial=0):
    if rows is None:
        rows = [
            {
                "id": s.pk,
                "text": s.text,
                "pillar": s.pillar,
                **({"reversed": "on"} if s.reversed else {}),
            }
            for s in assessment.statements.order_by("sort_order", "pk")
        ]
        initial = len(rows)
    return {"title": title, "instructions": "", **_formset("statements", rows, initial=initial)}


def _answered(sessions):
    session = SessionPageFactory(parent=sessions)
    test = pre_test_with_self_assessment(session)
    person = ParticipantFactory()
    training_services.registration_create(session=session, participant=person)
    services.self_assessment_submit(
        session=session,
        participant=person,
        ratings=all_ratings(test.self_assessment, [4, 2, 5, 1]),
    )
    return test.self_assessment


@pytest.mark.parametrize("group", ["Editor", "Organizer"])
def test_editors_and_organizers_write_self_assessments(client, group):
    _login(client, group)
    rows = [
        {"text": "Saya memeriksa sumber sebelum membagikan berita.", "pillar": Pillar.KECAKAPAN},
        {
            "text": "Saya meneruskan pesan berantai tanpa membacanya.",
            "pillar": Pillar.ETIKA,
            "reversed": "on",
        },
    ]
    response = client.post(reverse("selfassessment:add"), _assessment_data(rows=rows))
    assert response.status_code == 302, response.content.decode()[:2000]
    assessment = SelfAssessment.objects.get(title="Swanilai baru")
    assert list(assessment.statements.values_list("pillar", "reversed")) == [
        ("kecakapan", False),
        ("etika", True),
    ]


@pytest.mark.parametrize(("group", "status"), [("Analyst", 200), ("Moderator", 302)])
def test_analysts_only_read_and_moderators_not_even_that(client, group, status):
    _login(client, group)
    assessment = make_self_assessment()
    assert client.get(reverse("selfassessment:index")).status_code == status
    client.post(reverse("selfassessment:add"), _assessment_data(rows=[]))
    client.post(reverse("selfassessment:delete", args=[assessment.pk]))
    assert SelfAssessment.objects.count() == 1


class TestAnsweredStatementsKeepWhatTheyMeasure:
    def test_a_rated_statement_is_not_deleted(self, client, sessions):
        _login(client, "Editor")
        assessment = _answered(sessions)
        data = _assessment_data(assessment, title=assessment.title)
        data["statements-1-DELETE"] = "on"
        response = client.post(reverse("selfassessment:edit", args=[assessment.pk]), data)
        assert response.status_code == 200
        assert "sudah dijawab peserta, sehingga tidak dapat dihapus" in response.content.decode()
        assert assessment.statements.count() == 4

    @pytest.mark.parametrize(("field", "value"), [("pillar", Pillar.BUDAYA), ("reversed", None)])
    def test_a_rated_statement_keeps_its_pillar_and_direction(self, client, sessions, field, value):
        _login(client, "Organizer")
        assessment = _answered(sessions)
        before = list(assessment.statements.values_list("pk", "pillar", "reversed"))
        data = _assessment_data(assessment, title=assessment.title)
        key = f"statements-1-{field}"  # the second statement is a reversed one
        if value is None:
            data.pop(key)
        else:
            data[key] = value
        response = client.post(reverse("selfassessment:edit", args=[assessment.pk]), data)
        assert response.status_code == 200
        assert "tidak dapat diubah" in response.content.decode()
        assert list(assessment.statements.values_list("pk", "pillar", "reversed")) == before

    def test_the_wording_may_be_corrected_and_statements_added(self, client, sessions):
        _login(client, "Editor")
        assessment = _answered(sessions)
        data = _assessment_data(assessment, title=assessment.title)
        data["statements-0-text"] = "Saya memeriksa kebenaran berita sebelum membagikannya."
        rows = int(data["statements-TOTAL_FORMS"])
        data["statements-TOTAL_FORMS"] = str(rows + 1)
        data[f"statements-{rows}-text"] = "Saya memakai kata sandi yang berbeda untuk tiap akun."
        data[f"statements-{rows}-pillar"] = Pillar.KEAMANAN
        data[f"statements-{rows}-ORDER"] = str(rows + 1)
        response = client.post(reverse("selfassessment:edit", args=[assessment.pk]), data)
        assert response.status_code == 302
        assert assessment.statements.count() == 5
        assert Statement.objects.filter(text__startswith="Saya memeriksa kebenaran").exists()

    def test_an_unanswered_statement_may_be_deleted_and_changed(self, client):
        _login(client, "Editor")
        assessment = make_self_assessment()
        data = _assessment_data(assessment, title=assessment.title)
        data["statements-0-DELETE"] = "on"
        data["statements-1-pillar"] = Pillar.BUDAYA
        response = client.post(reverse("selfassessment:edit", args=[assessment.pk]), data)
        assert response.status_code == 302
        assert list(assessment.statements.values_list("pillar", flat=True)) == [
            "budaya",
            "keamanan",
            "keamanan",
        ]

    def test_an_answered_self_assessment_is_not_deleted(self, client, sessions):
        _login(client, "Organizer")
        assessment = _answered(sessions)
        url = reverse("selfassessment:delete", args=[assessment.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, follow=True)
        assert response.status_code == 200
        assert SelfAssessment.objects.filter(pk=assessment.pk).exists()


class TestAttachingToASession:
    def test_the_quiz_form_offers_it_and_a_pre_test_takes_it(self, client, sessions):
        _login(client, "Organizer")
        assessment = make_self_assessment(title="Swanilai untuk pre-test")
        quiz = make_quiz(count=2, self_paced=False)
        session = SessionPageFactory(parent=sessions)
        edit = client.get(reverse("quiz:edit", args=[quiz.pk])).content.decode()
        assert "swanilai sebelum pre-test" in edit.lower()
        data = _form_data(quiz, new_tests=[(session, Purpose.PRE, None)])
        data["session_tests-0-self_assessment"] = assessment.pk
        response = client.post(reverse("quiz:edit", args=[quiz.pk]), data)
        assert response.status_code == 302
        assert SessionTest.objects.get().self_assessment == assessment
        assert (
            "Swanilai untuk pre-test"
            in client.get(reverse("quiz:edit", args=[quiz.pk])).content.decode()
        )

    def test_a_post_test_refuses_it_in_indonesian(self, client, sessions):
        _login(client, "Organizer")
        assessment = make_self_assessment()
        quiz = make_quiz(count=2, self_paced=False)
        session = SessionPageFactory(parent=sessions)
        data = _form_data(quiz, new_tests=[(session, Purpose.POST, None)])
        data["session_tests-0-self_assessment"] = assessment.pk
        response = client.post(reverse("quiz:edit", args=[quiz.pk]), data)
        assert response.status_code == 200
        assert "Swanilai hanya dapat dipasang pada pre-test." in response.content.decode()
        assert "Constraint" not in response.content.decode()
        assert not SessionTest.objects.exists()

    def test_turning_a_pre_test_with_one_into_a_post_test_is_refused(self, client, sessions):
        _login(client, "Organizer")
        session = SessionPageFactory(parent=sessions)
        test = pre_test_with_self_assessment(session)
        data = _form_data(test.quiz)
        data["session_tests-0-self_assessment"] = test.self_assessment_id
        data["session_tests-0-purpose"] = Purpose.POST
        response = client.post(reverse("quiz:edit", args=[test.quiz.pk]), data)
        assert "Swanilai hanya dapat dipasang pada pre-test." in response.content.decode()
        test.refresh_from_db()
        assert test.purpose == Purpose.PRE
