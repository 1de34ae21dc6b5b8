"""The demo's question bank covers the four pillars of digital literacy, enough on each for a
calibration, and the past sessions' pre- and post-tests (made through the services) hold
answers on every pillar: a calibration run on the demo has data for each."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from content.articles.models import Topic
from content.articles.pillars import Pillar, pillar_of
from content.quizzes.models import Answer, Purpose, Question

pytestmark = pytest.mark.django_db


def test_the_demo_bank_and_its_tests_cover_the_four_pillars():
    call_command("load_demo_data", stdout=StringIO())
    questions = Question.objects.all()
    assert not questions.filter(pillar="").exists()
    per_pillar = dict(questions.values_list("pillar").annotate(n=Count("pk")))
    assert set(per_pillar) == set(Pillar)
    assert min(per_pillar.values()) >= 10, per_pillar
    # Every sub-indicator belongs to its question's pillar (the bank's rule).
    for pillar, indicator in questions.exclude(indicator="").values_list("pillar", "indicator"):
        assert pillar_of(indicator) == pillar
    hoax_or_fact = questions.filter(fact_check__isnull=False)
    assert set(hoax_or_fact.values_list("pillar", "indicator")) == {
        ("kecakapan", "kecakapan-informasi")
    }
    assert questions.filter(indicator="etika-netralitas").count() >= 5
    assert questions.filter(pillar="budaya", topic__slug="netralitas-asn").exists()
    assert set(Topic.objects.values_list("pillar", flat=True)) == set(Pillar)

    answered = (
        Answer.objects.filter(
            attempt__purpose__in=[Purpose.PRE, Purpose.POST], points__isnull=False
        )
        .values_list("attempt__purpose", "question__pillar")
        .annotate(n=Count("pk"), questions=Count("question", distinct=True))
    )
    seen = {(purpose, pillar): (n, items) for purpose, pillar, n, items in answered}
    for purpose in (Purpose.PRE, Purpose.POST):
        for pillar in Pillar:
            responses, items = seen[(purpose, pillar)]
            assert items >= 6 and responses >= 100, (purpose, pillar, responses, items)
