from content.quizzes.models.attempts import Answer, Attempt
from content.quizzes.models.bank import Option, Question
from content.quizzes.models.choices import (
    AttemptStatus,
    Layout,
    MultipleScoring,
    Purpose,
    QuestionKind,
    Review,
)
from content.quizzes.models.quizzes import PickedQuestion, QuestionDraw, Quiz, SessionTest
from content.quizzes.models.self_assessment import (
    Rating,
    SelfAssessment,
    SelfAssessmentResponse,
    Statement,
)

__all__ = [
    "Answer",
    "Attempt",
    "AttemptStatus",
    "Layout",
    "MultipleScoring",
    "Option",
    "PickedQuestion",
    "Purpose",
    "Question",
    "QuestionDraw",
    "QuestionKind",
    "Quiz",
    "Rating",
    "Review",
    "SelfAssessment",
    "SelfAssessmentResponse",
    "SessionTest",
    "Statement",
]
