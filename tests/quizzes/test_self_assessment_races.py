"""Simultaneous submits against real PostgreSQL: a participant sending the self-assessment from
two tabs at once gets one response, whichever came first, and no error."""

import pytest

from content.quizzes import services
from content.quizzes.models import Rating, SelfAssessmentResponse
from content.training import services as training_services
from tests.concurrency import all_at_once
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory
from tests.quizzes.self_assessment_data import all_ratings, pre_test_with_self_assessment

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_submitting_at_once_saves_one_response(sessions):
    session = SessionPageFactory(parent=sessions)
    test = pre_test_with_self_assessment(session)
    person = ParticipantFactory()
    training_services.registration_create(session=session, participant=person)
    # Half the tabs rate everything 5, half everything 1: one of them is kept, whole.
    papers = [[5, 5, 5, 5], [1, 1, 1, 1]] * 4
    results, errors = all_at_once(
        lambda values: services.self_assessment_submit(
            session=session,
            participant=person,
            ratings=all_ratings(test.self_assessment, values),
        ),
        papers,
    )
    assert errors == []
    response = SelfAssessmentResponse.objects.get()
    assert {r.pk for r in results} == {response.pk}
    assert Rating.objects.count() == 4
    assert len(set(Rating.objects.values_list("value", flat=True))) == 1
