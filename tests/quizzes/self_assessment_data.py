"""A self-assessment for tests, attached to a session's pre-test, written out plainly."""

from content.articles.pillars import Pillar
from content.quizzes.models import Purpose, SelfAssessment, Statement
from tests.factories.quizzes import make_quiz, use_in_session

# (pillar, reversed): two pillars with two statements each, one of them reversed.
STATEMENTS = (
    (Pillar.KECAKAPAN, False),
    (Pillar.KECAKAPAN, True),
    (Pillar.KEAMANAN, False),
    (Pillar.KEAMANAN, True),
)


def make_self_assessment(statements=STATEMENTS, title="Swanilai uji"):
    assessment = SelfAssessment.objects.create(title=title)
    for order, (pillar, is_reversed) in enumerate(statements):
        Statement.objects.create(
            assessment=assessment,
            text=f"Pernyataan uji {order + 1} tentang {pillar.label.lower()}.",
            pillar=pillar,
            reversed=is_reversed,
            sort_order=order,
        )
    return assessment


def pre_test_with_self_assessment(session, assessment=None, **fields):
    """The session's pre-test (a quiz of three questions) asking `assessment` first."""
    assessment = assessment or make_self_assessment()
    quiz = make_quiz(self_paced=False, title="Pre-test Literasi Digital")
    return use_in_session(quiz, session, Purpose.PRE, self_assessment=assessment, **fields)


def all_ratings(assessment, values):
    """[(statement id, value)] giving the statements, in order, the values."""
    statements = assessment.statements.order_by("sort_order", "pk")
    return [(statement.pk, value) for statement, value in zip(statements, values, strict=True)]


def form_data(assessment, values):
    return {f"s{pk}": str(value) for pk, value in all_ratings(assessment, values)}
