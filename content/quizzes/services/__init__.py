"""Writes for quizzes. Every path that starts, answers, submits or closes an attempt goes
through these functions; so does every change to the question bank that has a rule."""

from content.quizzes.services.attempts import (
    AttemptClosed,
    answer_save,
    attempt_check,
    attempt_close,
    attempt_start,
    attempt_submit,
    attempts_close_expired,
    attempts_fit_to_windows,
)
from content.quizzes.services.bank import (
    answer_keys_record_shown,
    fact_check_published,
    question_from_fact_check,
    question_sync_fixed_options,
    questions_import,
)
from content.quizzes.services.self_assessment import (
    self_assessment_check,
    self_assessment_submit,
)

__all__ = [
    "AttemptClosed",
    "answer_keys_record_shown",
    "attempt_check",
    "answer_save",
    "attempt_close",
    "attempt_start",
    "attempt_submit",
    "attempts_close_expired",
    "attempts_fit_to_windows",
    "fact_check_published",
    "question_from_fact_check",
    "question_sync_fixed_options",
    "questions_import",
    "self_assessment_check",
    "self_assessment_submit",
]
