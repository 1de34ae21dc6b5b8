"""The demo's self-assessment: twelve statements, three per pillar with a reversed one in each,
attached to the demo sessions' pre-tests; everyone who took a past pre-test answered it before
starting, their self-ratings leaning with what the pre-test showed. Loading again adds
nothing."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from content.articles.pillars import Pillar
from content.demo import self_assessment as demo
from content.quizzes import self_assessment_selectors as self_assessments
from content.quizzes.models import (
    Attempt,
    Purpose,
    Rating,
    SelfAssessment,
    SelfAssessmentResponse,
    SessionTest,
)

pytestmark = pytest.mark.django_db


def _mean(values):
    values = list(values)
    return sum(values) / len(values)


def test_the_demo_self_assessment_and_its_answers():
    call_command("load_demo_data", stdout=StringIO())
    assessment = SelfAssessment.objects.get(title=demo.TITLE)
    statements = list(assessment.statements.all())
    assert len(statements) == 12
    assert Counter(s.pillar for s in statements) == dict.fromkeys(Pillar.values, 3)
    assert {s.pillar for s in statements if s.reversed} == set(Pillar.values)
    assert len({s.text for s in statements}) == 12

    pre_tests = SessionTest.objects.filter(purpose=Purpose.PRE)
    assert pre_tests.exists()
    assert not pre_tests.exclude(self_assessment=assessment).exists()
    assert not SessionTest.objects.filter(
        purpose=Purpose.POST, self_assessment__isnull=False
    ).exists()

    # Every finished past pre-test has its answers, given before the attempt started.
    pre_attempts = Attempt.objects.filter(purpose=Purpose.PRE, finished_at__isnull=False)
    responses = SelfAssessmentResponse.objects.select_related("session")
    assert responses.count() == pre_attempts.count() > 20
    starts = {(a.participant_id, a.session_id): a.started_at for a in pre_attempts}
    assert all(r.submitted_at < starts[(r.participant_id, r.session_id)] for r in responses)
    assert Rating.objects.count() == 12 * responses.count()

    # A plausible spread, leaning with what the pre-test showed.
    values = Counter(Rating.objects.values_list("value", flat=True))
    assert len(values) >= 4 and max(values.values()) < 0.6 * sum(values.values())
    scored = []
    for attempt in pre_attempts.select_related("participant"):
        [mine] = [
            item
            for item in self_assessments.self_assessment_scores(attempt.participant)
            if item.session_id == attempt.session_id
        ]
        scored.append((float(attempt.score), _mean(mine.scores.values())))
    low = sorted(scored)[: len(scored) // 3]
    high = sorted(scored)[-(len(scored) // 3) :]
    print("swanilai by pre-test tercile", _mean(s for _, s in low), _mean(s for _, s in high))
    assert _mean(s for _, s in high) > _mean(s for _, s in low)
    assert 2.0 < _mean(s for _, s in scored) < 4.5

    output = StringIO()
    before = (SelfAssessmentResponse.objects.count(), Rating.objects.count())
    call_command("load_demo_data", stdout=output)
    assert (SelfAssessmentResponse.objects.count(), Rating.objects.count()) == before
    assert SelfAssessment.objects.count() == 1
