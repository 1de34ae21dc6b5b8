"""Writes for the question bank: the fixed options of true/false and "Hoaks atau Fakta?"
questions, questions made from fact-checks, and the question import. No question is stored
that cannot be answered (rules.check_answerable) or whose sub-indicator belongs to another
pillar (rules.question_pillar)."""

import html

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags

from content.articles.models import Topic
from content.articles.models.fact_checks import Verdict
from content.articles.pillars import Indicator
from content.base.site_address import page_url
from content.base.spreadsheets import ImportRejected, RowAction
from content.quizzes import rules
from content.quizzes.importing import question_fields, same_text
from content.quizzes.models import Option, PickedQuestion, Question, QuestionKind, Quiz

TRUE_FALSE = (("Benar", True), ("Salah", False))


def verdict_option_text(label):
    return label.capitalize()


def _fixed_options(question):
    if question.kind == QuestionKind.TRUE_FALSE:
        return [(text, question.statement_is_true is value) for text, value in TRUE_FALSE]
    return [
        (verdict_option_text(label), value == question.verdict) for value, label in Verdict.choices
    ]


def question_sync_fixed_options(question):
    """Give a true/false or "Hoaks atau Fakta?" question its options, marking the one its answer
    names. Options that stay keep their key, so attempts under way keep their answers."""
    if not question.has_fixed_options:
        return
    existing = {option.text: option for option in question.options.all()}
    for order, (text, correct) in enumerate(_fixed_options(question)):
        option = existing.pop(text, None) or Option(question=question, text=text)
        option.is_correct, option.sort_order = correct, order
        option.save()
    for stale in existing.values():
        stale.delete()


def _plain(rich_text):
    return html.unescape(strip_tags(rich_text.replace("</p>", "</p>\n"))).strip()


# Telling a claim from a fact is checking information: the index's kecakapan pillar.
FACT_CHECK_INDICATOR = Indicator.KECAKAPAN_INFORMASI


def question_from_fact_check(*, fact_check, topic):
    """The fact-check's "Hoaks atau Fakta?" question: the claim, the page's neutral question
    picture (never its listing image, which may carry the verdict), its verdict, and its
    explanation and link as the feedback; it measures checking information (pillar kecakapan,
    sub-indicator kecakapan-informasi). Made once: asking again returns the same question
    (the second value says whether it was made now); Question.fact_check is unique, so two
    publications at once make one. A new question joins the picked questions of every quiz
    that collects fact-checks (the public "Hoaks atau Fakta?" quiz draws from them)."""
    existing = Question.objects.filter(fact_check=fact_check).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            question = Question.objects.create(
                fact_check=fact_check,
                topic=topic,
                kind=QuestionKind.HOAX_OR_FACT,
                text=fact_check.claim,
                image=fact_check.question_image,
                verdict=fact_check.verdict,
                pillar=rules.question_pillar("", FACT_CHECK_INDICATOR),
                indicator=FACT_CHECK_INDICATOR,
                explanation=_plain(fact_check.explanation),
                source_url=page_url(fact_check) or "",
            )
            question_sync_fixed_options(question)
            _join_fact_check_pools(question)
    except IntegrityError:
        return Question.objects.get(fact_check=fact_check), False
    return question, True


def _join_fact_check_pools(question):
    for quiz in Quiz.objects.filter(collects_fact_checks=True).order_by("pk"):
        last = quiz.picked.order_by("-sort_order").values_list("sort_order", flat=True).first()
        PickedQuestion.objects.get_or_create(
            quiz=quiz,
            question=question,
            defaults={"sort_order": 0 if last is None else (last or 0) + 1},
        )


def fact_check_published(*, fact_check):
    """A fact-check was published: its question, made now if the page asks for one (and has
    the topic to file it under), or None. Publishing again never makes a second one."""
    if not fact_check.make_question or fact_check.topic_id is None:
        return None
    question, _ = question_from_fact_check(fact_check=fact_check, topic=fact_check.topic)
    return question


def _bank_changed(rows):
    """Why the bank no longer matches a preview of these new rows, or "" if it still does."""
    topics = {row.topic.pk: row.topic for row in rows}
    gone = set(topics) - set(Topic.objects.filter(pk__in=topics).values_list("pk", flat=True))
    if gone:
        return f"topik {', '.join(sorted(topics[pk].name for pk in gone))} sudah dihapus"
    now = {
        (topic, same_text(text))
        for topic, text in Question.objects.filter(topic__in=topics).values_list("topic", "text")
    }
    added = [str(row.number) for row in rows if row.bank_key in now]
    if added:
        return f"soal di baris {', '.join(added)} baru saja ditambahkan ke bank soal"
    return ""


def _require_answerable(row):
    """The bank stores no question that cannot be answered (rules.check_answerable, the rule
    the preview and the admin's form ask), nor one whose sub-indicator belongs to another
    pillar (rules.question_pillar, which also fills the pillar a sub-indicator names): a row
    refused here refuses the whole file."""
    try:
        rules.check_answerable(row.kind, row.options)
    except ValidationError as error:
        raise ImportRejected(
            f"Soal di baris {row.number} tidak dapat dijawab: {' '.join(error.messages)} "
            "Tidak ada soal yang diimpor; silakan periksa ulang berkasnya."
        ) from error
    try:
        row.pillar = rules.question_pillar(row.pillar, row.indicator)
    except ValidationError as error:
        raise ImportRejected(
            f"Soal di baris {row.number}: {' '.join(error.messages)} Tidak ada soal yang "
            "diimpor; silakan periksa ulang berkasnya."
        ) from error


def questions_import(*, preview, by):
    """Create every new question of a checked import (content/quizzes/importing.py) with its
    options, in one transaction: every row, or none. Rows already in the bank are skipped.

    The bank is checked again inside the transaction: a topic deleted or the same question
    added since the preview refuses the whole file (ImportRejected), having written nothing.
    `by` is the organizer who confirmed; questions do not record who made them.
    """
    preview.require_ok()
    new = [row for row in preview.rows if row.action == RowAction.NEW]
    for row in new:
        _require_answerable(row)
    try:
        with transaction.atomic():
            if changed := _bank_changed(new):
                raise ImportRejected(
                    f"Bank soal berubah sejak pratinjau ({changed}). Tidak ada soal yang "
                    "diimpor; silakan periksa ulang berkasnya."
                )
            for row in new:
                question = Question.objects.create(
                    topic=row.topic, text=row.text, **question_fields(row)
                )
                if question.has_fixed_options:
                    question_sync_fixed_options(question)
                else:
                    Option.objects.bulk_create(
                        Option(question=question, text=text, is_correct=correct, sort_order=order)
                        for order, (text, correct) in enumerate(row.options)
                    )
    except IntegrityError as error:
        raise ImportRejected(
            "Bank soal berubah selama impor. Tidak ada soal yang diimpor; silakan periksa ulang "
            "berkasnya."
        ) from error
    return {RowAction.NEW: len(new), RowAction.UNCHANGED: preview.count(RowAction.UNCHANGED)}


def answer_keys_record_shown(*, question_ids, now):
    """Note that these questions' correct answers have just been shown to a participant (a
    review that selectors.answer_key_seals allowed). Only the first time is kept: one
    conditional update, so two reviews at once record the same first moment or a moment apart,
    never an error. Returns how many questions were shown for the first time."""
    if not question_ids:
        return 0
    return Question.objects.filter(pk__in=question_ids, answer_shown_at__isnull=True).update(
        answer_shown_at=now
    )
