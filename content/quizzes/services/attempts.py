"""Writes for attempts: start, save an answer, submit, close when the time is up.

Scoring happens here and only here, from the options stored on the server: nothing the
browser sends besides the chosen option keys is read.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from content.base import changes, task_queue
from content.base.errors import NotAllowed
from content.quizzes import paper, rules, scoring
from content.quizzes.models import Answer, Attempt, AttemptStatus, Option, QuestionKind
from content.training import selectors as training_selectors
from content.training.models.records import AtTheTime
from content.training.rules import check_participant


class AttemptClosed(NotAllowed):
    """The attempt is finished (submitted, or closed when its time ran out): nothing more can be
    saved in it."""


def _open_attempt(context, participant):
    return context.attempts(participant).filter(status=AttemptStatus.IN_PROGRESS).first()


def attempt_check(*, context, participant, used, now):
    """Refuse (NotAllowed) a new attempt the rules do not allow; write nothing. The start page
    asks first, so a participant who may not start reads why instead of a button."""
    check_participant(participant)
    rules.check_window(context.opens_at, context.closes_at, now=now)
    if context.session is not None:
        rules.check_takes_part(training_selectors.takes_part_in(context.session, participant))
    rules.check_attempts_left(context.quiz, used=used)


def attempt_start(*, context, participant, now=None):
    """The participant's open attempt in this context, or a new one if the rules allow it.
    Tapping "Mulai" twice, or in two tabs, gives the same attempt."""
    now = now or timezone.now()
    existing = _open_attempt(context, participant)
    if existing is not None:
        if not rules.is_past_deadline(existing, now=now):
            return existing
        attempt_close(attempt=existing, now=now)
    used = context.attempts(participant).count()
    attempt_check(context=context, participant=participant, used=used, now=now)
    seed = paper.new_seed()
    questions = paper.compose(context.quiz, seed)
    if not questions:
        raise NotAllowed("Kuis ini belum berisi soal. Hubungi penyelenggara.")
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=context.quiz,
                participant=participant,
                session=context.session,
                purpose=context.purpose,
                number=used + 1,
                seed=seed,
                started_at=now,
                deadline=rules.deadline_for(context.quiz, context.closes_at, started_at=now),
                max_points=len(questions),
                **AtTheTime.fields_for(participant),
            )
            Answer.objects.bulk_create(
                Answer(attempt=attempt, position=position, question=question, option_order=ids)
                for position, (question, ids) in enumerate(questions, start=1)
            )
    except IntegrityError:
        # Another request started it a moment earlier: that attempt is the one to resume.
        existing = _open_attempt(context, participant)
        if existing is None:
            raise NotAllowed("Kuis sedang dimulai di tab lain. Muat ulang halaman ini.") from None
        return existing
    # Only a deadline still ahead needs the worker (attempts recorded after the fact do not):
    # it closes the attempt just after its deadline. Backends that cannot defer (the immediate
    # one, without a worker) queue nothing: the attempt is then closed on the participant's next
    # visit, or by `manage.py close_expired_attempts`.
    if attempt.deadline is not None and attempt.deadline > timezone.now():
        task_queue.enqueue_on_commit(
            "quizzes.close_attempt", attempt.pk, run_after=attempt.deadline + rules.GRACE
        )
    return attempt


def _locked_attempt(participant, key):
    """The participant's own attempt, locked until the transaction ends; Attempt.DoesNotExist
    for anyone else's, exactly as for an attempt that does not exist."""
    return (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("quiz")
        .get(key=key, participant=participant)
    )


def _option_ids(answer, keys, options_by_key):
    """The ids of the chosen option keys, refusing any key that is not one of this question's
    options as shown in this attempt."""
    ids = []
    for key in dict.fromkeys(str(key) for key in keys):
        option = options_by_key.get(key)
        if option is None or option.pk not in answer.option_order:
            raise NotAllowed(f"Pilihan jawaban untuk soal nomor {answer.position} tidak dikenal.")
        ids.append(option.pk)
    if len(ids) > 1 and answer.question.kind != QuestionKind.MULTIPLE:
        raise NotAllowed(f"Soal nomor {answer.position} hanya boleh dijawab satu pilihan.")
    return sorted(ids)


def _options_by_key(question_ids):
    options = Option.objects.filter(question_id__in=question_ids).only(
        "pk", "key", "question_id", "is_correct"
    )
    return {str(option.key): option for option in options}


def _closed(attempt, now):
    """Why nothing more can be saved in the attempt, or None while it is open. An attempt
    found past its time is closed here, scoring what was saved before."""
    if not attempt.is_open:
        return AttemptClosed("Kuis ini sudah selesai; jawaban tidak dapat diubah lagi.")
    if rules.is_past_deadline(attempt, now=now):
        _score(attempt, now=now, status=AttemptStatus.TIMED_OUT)
        return AttemptClosed("Waktu habis. Jawaban yang sudah tersimpan telah dinilai.")
    return None


def _locked_answers(participant, key, **filters):
    """The participant's own attempt's answers (those matching `filters`; _SCORED_FIELDS) with
    the attempt and its quiz, the attempt locked until the transaction ends: the lock and the
    read in one query. Empty for anyone else's attempt, as for one that does not exist."""
    return (
        Answer.objects.select_for_update(of=("attempt",))
        .select_related("attempt__quiz", "question")
        .only(*_SCORED_FIELDS, "attempt")
        .filter(attempt__key=key, attempt__participant=participant, **filters)
        .order_by("position")
    )


def answer_save(*, participant, key, position, option_keys, now=None):
    """Save one answer of an open attempt. Returns the time it was saved.

    Refused (NotAllowed) once the attempt is finished or its time is up; a time-out closes the
    attempt and scores what was saved before it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        answer = _locked_answers(participant, key, position=position).first()
        # No such question in the attempt (or no such attempt: DoesNotExist).
        attempt = answer.attempt if answer else _locked_attempt(participant, key)
        # Raised only once the transaction has committed, so that closing a timed-out attempt
        # holds.
        refusal = _closed(attempt, now)
        if refusal is None and answer is None:
            refusal = NotAllowed("Soal itu tidak ada di kuis ini.")
        if refusal is None:
            _save_answer(answer, option_keys, now)
    if refusal:
        raise refusal
    return now


def _save_answer(answer, option_keys, now):
    chosen = []
    if option_keys:
        chosen = _option_ids(answer, option_keys, _options_by_key([answer.question_id]))
    Answer.objects.filter(pk=answer.pk).update(chosen=chosen, answered_at=now)


def attempt_submit(*, participant, key, answers=None, now=None):
    """Finish an attempt and score it once. `answers` ({position: [option keys]}) are the
    answers on the page when it was sent; they count unless the time is up. Submitting again,
    or from a second tab, returns the attempt as first scored."""
    now = now or timezone.now()
    with transaction.atomic():
        # The attempt is locked before its answers are read, in a query of their own: an answer
        # saved while this waited for the lock must be scored. Locking and reading in one query
        # returns the answers as they were before the wait (PostgreSQL re-reads only the locked
        # row), and scoring would write those back over the saved answer.
        attempt = _locked_attempt(participant, key)
        if not attempt.is_open:
            return attempt
        if rules.is_past_deadline(attempt, now=now):
            answers = None
            status = AttemptStatus.TIMED_OUT
        else:
            status = AttemptStatus.SUBMITTED
        _score(attempt, now=now, status=status, answers=answers or {})
    return attempt


def attempt_close(*, attempt, now=None):
    """Close an attempt whose time is up, scoring what was saved (the worker's job, or done on
    the participant's next visit)."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz")
            .get(pk=attempt.pk)
        )
        if attempt.is_open and rules.is_past_deadline(attempt, now=now):
            _score(attempt, now=now, status=AttemptStatus.TIMED_OUT)
    return attempt


def attempts_fit_to_windows(*, quiz):
    """End the open attempts of the quiz's session tests no later than their tests close. An
    attempt takes its deadline when it starts; when an organizer later closes a test (sets its
    closing time, or brings it forward), the attempts still open in it end then too, so that
    "closed" means nobody can answer any more (selectors.answer_key_seals waits for that).
    Returns how many attempts were given an earlier deadline."""
    changed = 0
    for test in quiz.session_tests.all():
        _, closes_at = test.window
        if closes_at is None:
            continue
        attempts = Attempt.objects.filter(
            quiz=quiz,
            session_id=test.session_id,
            purpose=test.purpose,
            status=AttemptStatus.IN_PROGRESS,
        ).filter(Q(deadline__isnull=True) | Q(deadline__gt=closes_at))
        changed += attempts.update(deadline=closes_at)
    return changed


def attempts_close_expired(*, now=None):
    """Close every attempt whose time is up; returns how many were closed."""
    now = now or timezone.now()
    due = Attempt.objects.filter(
        status=AttemptStatus.IN_PROGRESS, deadline__lt=now - rules.GRACE
    ).values_list("pk", flat=True)
    closed = 0
    for pk in list(due):
        attempt = attempt_close(attempt=Attempt(pk=pk), now=now)
        closed += attempt.status == AttemptStatus.TIMED_OUT
    return closed


# What scoring reads of each answer and its question.
_SCORED_FIELDS = (
    "pk",
    "position",
    "option_order",
    "chosen",
    "answered_at",
    "question_id",
    "question__kind",
    "question__scoring",
)


def _score(attempt, *, now, status, answers=None):
    """Score every answer of a locked, open attempt in a fixed number of queries; the answers
    are read here, after the lock, so none saved meanwhile is missed."""
    rows = list(
        Answer.objects.filter(attempt=attempt).select_related("question").only(*_SCORED_FIELDS)
    )
    options = _options_by_key([row.question_id for row in rows])
    for row in rows:
        if row.position in (answers or {}):
            row.chosen = _option_ids(row, answers[row.position], options)
            row.answered_at = now
    correct = {option.pk for option in options.values() if option.is_correct}
    total = scoring.ZERO
    for row in rows:
        shown = set(row.option_order)
        row.points = scoring.question_points(
            kind=row.question.kind,
            scoring=row.question.scoring,
            correct=shown & correct,
            chosen=set(row.chosen) & shown,
            options=shown,
        )
        total += row.points
    _write_scored(rows)
    attempt.status = status
    attempt.finished_at = now
    attempt.points = total
    attempt.score = scoring.score_percent(total, attempt.max_points)
    attempt.passed = scoring.passed(attempt.score, attempt.quiz.pass_mark)
    attempt.save(update_fields=["status", "finished_at", "points", "score", "passed"])


# What scoring writes back to every answer of the attempt.
_WRITTEN_FIELDS = ("chosen", "answered_at", "points")


def _write_scored(rows):
    """Write the scored answers back in one UPDATE: for each field a CASE on the answer's id,
    as QuerySet.bulk_update() words it (cast on backends that need it, PostgreSQL), but
    composed directly. bulk_update() resolves one When(pk=...) filter per row and field, which
    took about two thirds of a 20-question submit's time in the profile (issue 23); the SQL
    and its parameters (each field's own get_db_prep_save) are the same. Announced as a
    NotifyingQuerySet write would be."""
    if not rows:
        return
    quote = connection.ops.quote_name
    cast = connection.features.requires_casted_case_in_updates
    pk_column = quote(Answer._meta.pk.column)
    assignments, params = [], []
    for name in _WRITTEN_FIELDS:
        field = Answer._meta.get_field(name)
        whens = " ".join(["WHEN %s THEN %s"] * len(rows))
        case = f"CASE {pk_column} {whens} ELSE {quote(field.column)} END"
        if cast:
            case = f"CAST({case} AS {field.cast_db_type(connection)})"
        assignments.append(f"{quote(field.column)} = {case}")
        for row in rows:
            params += [row.pk, field.get_db_prep_save(getattr(row, name), connection)]
    ids = ", ".join(["%s"] * len(rows))
    params += [row.pk for row in rows]
    table = quote(Answer._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {', '.join(assignments)} WHERE {pk_column} IN ({ids})", params
        )
    changes.recorded(Answer, fields=_WRITTEN_FIELDS)
