"""When a quiz may be started and answered. Each check refuses with one Indonesian sentence."""

import datetime

from content.base import times
from content.base.errors import NotAllowed

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
