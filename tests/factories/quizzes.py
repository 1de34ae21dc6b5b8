"""Questions and quizzes for tests, written out plainly: the answer key is whatever the test
says it is."""

import itertools

from content.quizzes import services
from content.quizzes.models import (
    MultipleScoring,
    Option,
    PickedQuestion,
    Purpose,
    Question,
    QuestionDraw,
    QuestionKind,
    Quiz,
    SessionTest,
)
from tests.factories.articles import TopicFactory

_numbers = itertools.count(1)


def make_question(
    *,
    topic=None,
    kind=QuestionKind.SINGLE,
    options=(("Pilihan benar", True), ("Pilihan salah satu", False), ("Pilihan salah dua", False)),
    scoring=MultipleScoring.ALL_REQUIRED,
    **fields,
):
    number = next(_numbers)
    fields.setdefault("text", f"Pertanyaan nomor {number}?")
    fields.setdefault("explanation", f"Penjelasan-rahasia-{number}")
    question = Question.objects.create(
        topic=topic or TopicFactory(slug="anti-hoaks", name="Anti-Hoaks"),
        kind=kind,
        scoring=scoring,
        **fields,
    )
    if question.has_fixed_options:
        services.question_sync_fixed_options(question)
    else:
        for order, (text, correct) in enumerate(options):
            Option.objects.create(
                question=question, text=f"{text} ({number})", is_correct=correct, sort_order=order
            )
    return question


def make_mixed_questions(count, topic):
    """`count` questions as a real post-test mixes them (the quiz benchmark submits them): every
    fifth multiple choice with partial credit (2 of 5 options right), every fifth true/false,
    the rest single choice of 4."""
    questions = []
    for number in range(1, count + 1):
        kind = {0: QuestionKind.MULTIPLE, 1: QuestionKind.TRUE_FALSE}.get(
            number % 5, QuestionKind.SINGLE
        )
        correct, options = (2, 5) if kind == QuestionKind.MULTIPLE else (1, 4)
        questions.append(
            make_question(
                topic=topic,
                kind=kind,
                scoring=MultipleScoring.PARTIAL,
                options=[(f"Pilihan {n + 1} soal {number}", n < correct) for n in range(options)],
                statement_is_true=(number % 2 == 0) if kind == QuestionKind.TRUE_FALSE else None,
                text=f"Soal uji beban nomor {number}: manakah jawaban yang benar?",
                explanation=f"Penjelasan soal uji beban nomor {number}.",
            )
        )
    return questions


def make_quiz(questions=None, *, count=3, draws=(), **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Kuis uji {number}")
    fields.setdefault("slug", f"kuis-uji-{number}")
    fields.setdefault("self_paced", True)
    fields.setdefault("max_attempts", None)
    quiz = Quiz.objects.create(**fields)
    if questions is None:
        questions = [make_question() for _ in range(count)]
    for order, question in enumerate(questions):
        PickedQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
    for order, (topic, how_many) in enumerate(draws):
        QuestionDraw.objects.create(quiz=quiz, topic=topic, count=how_many, sort_order=order)
    return quiz


def use_in_session(quiz, session, purpose=Purpose.POST, **fields):
    return SessionTest.objects.create(quiz=quiz, session=session, purpose=purpose, **fields)


def correct_keys(attempt):
    """{position: [keys of the correct options]} of an attempt, read from the database (what a
    participant who knows every answer would send)."""
    keys = {}
    for answer in attempt.answers.order_by("position"):
        options = Option.objects.filter(pk__in=answer.option_order, is_correct=True)
        keys[answer.position] = [str(option.key) for option in options]
    return keys


def wrong_keys(attempt):
    keys = {}
    for answer in attempt.answers.order_by("position"):
        option = Option.objects.filter(pk__in=answer.option_order, is_correct=False).first()
        keys[answer.position] = [str(option.key)]
    return keys
