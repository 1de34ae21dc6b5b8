"""When a quiz may be started and answered, when a question can be answered at all, and which
pillar of digital literacy it measures. Each check refuses with one Indonesian sentence."""

import datetime

from django.core.exceptions import ValidationError

from content.articles.pillars import Indicator, Pillar, pillar_of
from content.base import times
from content.base.errors import NotAllowed
from content.quizzes.models.choices import QuestionKind

# Answers sent this long after the deadline still count: the network may have held them.
GRACE = datetime.timedelta(seconds=30)


def _when(moment):
    return times.wib(moment, "j F Y, H.i")


def check_window(opens_at, closes_at, *, now):
    if opens_at and now < opens_at:
        raise NotAllowed(f"Kuis ini belum dibuka. Kuis dibuka {_when(opens_at)}.")
    if closes_at and now >= closes_at:
        raise NotAllowed(f"Kuis ini sudah ditutup pada {_when(closes_at)}.")


def check_attempts_left(quiz, *, used):
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        times = "satu kali" if quiz.max_attempts == 1 else f"{quiz.max_attempts} kali"
        raise NotAllowed(f"Anda sudah mengerjakan kuis ini {times}, sesuai batas yang diizinkan.")


def check_takes_part(takes_part):
    if not takes_part:
        raise NotAllowed(
            "Tes ini untuk peserta sosialisasi. Daftar atau lakukan presensi terlebih dahulu."
        )


def deadline_for(quiz, closes_at, *, started_at):
    """The time limit counts from the start, but never runs past the quiz's closing time."""
    limits = [closes_at] if closes_at else []
    if quiz.time_limit_minutes:
        limits.append(started_at + datetime.timedelta(minutes=quiz.time_limit_minutes))
    return min(limits) if limits else None


def is_past_deadline(attempt, *, now):
    return attempt.deadline is not None and now > attempt.deadline + GRACE


def earliest_open_limit(now):
    """The earliest deadline or closing time that still takes an answer sent at `now` (see
    is_past_deadline): a limit at or after it, or no limit at all, means someone may still
    answer. What selectors.answer_key_seals waits for."""
    return now - GRACE


def takes_answers(limit, *, now):
    """Whether a test closing (or an attempt ending) at `limit` may still take an answer."""
    return limit is None or limit >= earliest_open_limit(now)


# Why a choice question cannot be answered: the rule's codes and its words. A door may word a
# code for its own screen (the import names its columns), never decide it differently.
TOO_FEW_OPTIONS = "too_few_options"
SINGLE_NEEDS_ONE = "single_needs_one"
NEEDS_A_CORRECT = "needs_a_correct"
OPTIONS_REPEATED = "options_repeated"
ANSWERABLE_MESSAGES = {
    TOO_FEW_OPTIONS: "Tulis paling sedikit dua pilihan jawaban.",
    SINGLE_NEEDS_ONE: "Soal pilihan tunggal harus punya tepat satu jawaban benar.",
    NEEDS_A_CORRECT: "Tandai paling sedikit satu jawaban benar.",
    OPTIONS_REPEATED: "Ada pilihan jawaban yang ditulis dua kali.",
}
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


def option_key(text):
    """An option's text as repeats are found: case and spacing do not count."""
    return " ".join(text.split()).casefold()


def answerable_problems(kind, options):
    """The one rule that a question can be answered, for every door (the admin's form, the
    question import, the bank's services): why a question of `kind` with `options`
    ([(text, is_correct)]) cannot be, as ValidationErrors with a code and the rule's message,
    most telling first; [] when it can. Options left empty do not count as options; a correct
    mark on one still counts as a mark (the import names such a mark itself). True/false and
    "Hoaks atau Fakta?" questions have fixed options (services.question_sync_fixed_options):
    nothing to check here."""
    if kind not in CHOICE_KINDS:
        return []
    texts = [text for text, _ in options if text and text.strip()]
    correct = sum(1 for _, is_correct in options if is_correct)
    codes = []
    if len(texts) < 2:
        codes.append(TOO_FEW_OPTIONS)
    if kind == QuestionKind.SINGLE and correct != 1:
        codes.append(SINGLE_NEEDS_ONE)
    if kind == QuestionKind.MULTIPLE and correct < 1:
        codes.append(NEEDS_A_CORRECT)
    if len({option_key(text) for text in texts}) < len(texts):
        codes.append(OPTIONS_REPEATED)
    return [ValidationError(ANSWERABLE_MESSAGES[code], code=code) for code in codes]


def check_answerable(kind, options):
    """answerable_problems as a refusal: a ValidationError with every problem, or None."""
    if problems := answerable_problems(kind, options):
        raise ValidationError(problems)


# What a question measures, for the digital literacy index (content/stats): a pillar and,
# within it, optionally one of the national framework's sub-indicators. One rule for every
# door (the admin's form, the question import, the bank's services, the demo): a sub-indicator
# belongs to its own pillar, and one given without a pillar names the pillar.
INDICATOR_OF_ANOTHER_PILLAR = "indicator_of_another_pillar"


def indicator_mismatch_message(pillar, indicator):
    indicator_label = Indicator(indicator).label
    own, given = Pillar(pillar_of(indicator)).label, Pillar(pillar).label
    return (
        f"Subindikator '{indicator_label}' termasuk pilar {own}, bukan {given}. Pilih "
        f"subindikator dari pilar {given}, atau ubah pilarnya menjadi {own}."
    )


def question_pillar(pillar, indicator):
    """The pillar a question with this `pillar` and `indicator` (either may be "") measures:
    the one given, or the sub-indicator's own when none is given. A sub-indicator of another
    pillar is refused with a ValidationError (code INDICATOR_OF_ANOTHER_PILLAR)."""
    pillar, indicator = pillar or "", indicator or ""
    if not indicator:
        return pillar
    own = pillar_of(indicator)
    if pillar and pillar != own:
        raise ValidationError(
            indicator_mismatch_message(pillar, indicator), code=INDICATOR_OF_ANOTHER_PILLAR
        )
    return own
