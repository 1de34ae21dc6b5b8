"""Writes of quizzes' part in people's account merges and group changes (the handlers
content/quizzes/merging.py registers with people when the app is ready).

Merging: attempts are grouped by what they were attempts at (a quiz, in a session's pre- or
post-test or self-paced). Where only the loser has attempts at something, they move to the
survivor as they are. Where both accounts have, one person must not end up with two series of
attempts (their numbers and "one open attempt" rules would collide), so the series with the
better best attempt is kept: passed beats not passed, finished beats open, then the higher
score; on a tie the survivor's. The other series is deleted (with its answers) and listed.

Group changes: attempts at tests of sessions on or after the date, and self-paced attempts
started from that date, take the new group.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from content.base import changes
from content.quizzes.models import Attempt
from content.quizzes.services.self_assessment import self_assessments_merge


def _context(attempt):
    return attempt.quiz_id, attempt.session_id, attempt.purpose


def _strength(attempt):
    return (attempt.passed is True, attempt.is_finished, attempt.score or 0)


def _series(participant):
    series = {}
    attempts = Attempt.objects.select_for_update().filter(participant=participant)
    for attempt in attempts.select_related("quiz").order_by("pk"):
        series.setdefault(_context(attempt), []).append(attempt)
    return series


def _describe(attempts):
    first = attempts[0]
    return {
        "kuis": first.quiz.title,
        "jenis": first.get_purpose_display(),
        "sosialisasi_id": first.session_id,
        "percobaan": [
            {"id": a.pk, "ke": a.number, "status": a.get_status_display(), "nilai": str(a.score)}
            for a in attempts
        ],
    }


def attempts_merge(*, survivor, loser, by):
    theirs, mine = _series(survivor), _series(loser)
    moved, dropped, to_move, to_delete = [], [], [], []
    for context, attempts in mine.items():
        kept = theirs.get(context)
        best = max(_strength(a) for a in attempts)
        if kept is not None and best <= max(_strength(a) for a in kept):
            dropped.append({**_describe(attempts), "dari": "akun digabungkan"})
            to_delete += [a.pk for a in attempts]
            continue
        if kept is not None:
            dropped.append({**_describe(kept), "dari": "akun dipertahankan"})
            to_delete += [a.pk for a in kept]
        moved.append(_describe(attempts))
        to_move += [a.pk for a in attempts]
    _, deleted = Attempt.objects.filter(pk__in=to_delete).delete()
    changes.deleted(deleted)  # a queryset's delete announces nothing by itself (changes.py)
    Attempt.objects.filter(pk__in=to_move).update(participant=survivor)
    return {"percobaan_dipindah": moved, "percobaan_dihapus": dropped}


def quizzes_merge(*, survivor, loser, by):
    """Quizzes' part of a merge: the attempts (attempts_merge) and the self-assessments
    (services/self_assessment.py), one summary."""
    summary = attempts_merge(survivor=survivor, loser=loser, by=by)
    summary.update(self_assessments_merge(survivor=survivor, loser=loser))
    return summary


def attempts_restamp(*, participant, group, since):
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    in_period = Q(session__date__gte=since) | Q(session__isnull=True, started_at__gte=start)
    return Attempt.objects.filter(in_period, participant=participant).update(
        participant_group=group
    )
