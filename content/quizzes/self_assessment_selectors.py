"""Reads for self-assessments (swanilai): what a session's pre-test asks before its questions,
whether a participant has answered it, and each participant's own self-scores per pillar.

Every read about answers takes the participant: a person's ratings are shown to that person
only (their page, Akun saya, their data download).
"""

from collections import defaultdict
from dataclasses import dataclass

from content.articles.pillars import Pillar
from content.quizzes.likert import pillar_scores
from content.quizzes.models import Purpose, Rating, SelfAssessmentResponse, SessionTest

# The words under each point of the scale, low to high.
LIKERT_LABELS = (
    (1, "Sangat tidak setuju"),
    (2, "Tidak setuju"),
    (3, "Ragu-ragu"),
    (4, "Setuju"),
    (5, "Sangat setuju"),
)


def pre_test_self_assessment(session):
    """The self-assessment attached to the session's pre-test, or None."""
    test = (
        SessionTest.objects.select_related("self_assessment")
        .filter(session=session, purpose=Purpose.PRE)
        .first()
    )
    return test.self_assessment if test is not None else None


def statements(assessment):
    """The statements in the order the organizer set, numbered from 1 as on the form."""
    return list(assessment.statements.order_by("sort_order", "pk"))


def response_of(participant, session):
    """The participant's own response for the session, or None (None for visitors)."""
    if not participant.is_authenticated:
        return None
    return SelfAssessmentResponse.objects.filter(participant=participant, session=session).first()


@dataclass(frozen=True)
class PillarScore:
    pillar: str
    label: str
    score: float


def _ordered(scores):
    """{pillar: score} as PillarScores in the framework's order."""
    return [
        PillarScore(pillar=p.value, label=p.label, score=scores[p.value])
        for p in Pillar
        if p.value in scores
    ]


def response_pillar_scores(response):
    """One response's self-scores per pillar (1-5), in the framework's order."""
    rows = Rating.objects.filter(response=response).values_list(
        "statement__pillar", "value", "statement__reversed"
    )
    return _ordered(pillar_scores(rows))


@dataclass(frozen=True)
class SelfScores:
    """One self-assessment a participant gave: for which session, when, and the self-score per
    pillar (`scores`: {pillar: 1-5}; `pillars`: the same as PillarScores, in order)."""

    response_id: int
    session_id: int
    session_title: str
    date: object  # the session's date
    submitted_at: object
    assessment_title: str
    scores: dict

    @property
    def pillars(self):
        return _ordered(self.scores)


def self_assessment_scores(participant):
    """The participant's self-assessments, newest session first, each with its {pillar: score}
    (1-5, reversed statements counted the other way round). Two queries, however many."""
    responses = list(
        SelfAssessmentResponse.objects.filter(participant=participant)
        .select_related("session", "assessment")
        .order_by("-session__date", "-submitted_at", "-pk")
    )
    ratings = defaultdict(list)
    rows = Rating.objects.filter(response__in=[r.pk for r in responses]).values_list(
        "response_id", "statement__pillar", "value", "statement__reversed"
    )
    for response_id, pillar, value, is_reversed in rows:
        ratings[response_id].append((pillar, value, is_reversed))
    return [
        SelfScores(
            response_id=response.pk,
            session_id=response.session_id,
            session_title=response.session.title,
            date=response.session.date,
            submitted_at=response.submitted_at,
            assessment_title=response.assessment.title,
            scores=pillar_scores(ratings[response.pk]),
        )
        for response in responses
    ]


def self_assessment_export(participant):
    """The participant's self-assessments for their data download: each statement as they saw
    it, their rating, and the self-scores per pillar. Three queries."""
    scores = self_assessment_scores(participant)
    rows = (
        Rating.objects.filter(response__participant=participant)
        .select_related("statement")
        .order_by("response_id", "statement__sort_order", "statement_id")
    )
    answers = defaultdict(list)
    for rating in rows:
        answers[rating.response_id].append(
            {
                "pernyataan": rating.statement.text,
                "pilar": rating.statement.get_pillar_display(),
                "terbalik": rating.statement.reversed,
                "nilai": rating.value,
            }
        )
    return [
        {
            "swanilai": item.assessment_title,
            "sosialisasi": item.session_title,
            "tanggal_sosialisasi": item.date.isoformat(),
            "dikirim": item.submitted_at.isoformat(),
            "skor_per_pilar": {p.label: round(p.score, 2) for p in item.pillars},
            "jawaban_anda": answers[item.response_id],
        }
        for item in scores
    ]
