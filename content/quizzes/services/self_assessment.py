"""Writes for self-assessments (swanilai): a participant's answers to the statements attached to
a session's pre-test, given once, all at once.

Who may answer is who may start that pre-test (a participant account, the test open, a seat or
an attendance in the session: the same rules as services.attempt_check), and only before they
started it: a self-assessment given after the knowledge test would be coloured by it. The
answers are all-or-nothing: every statement once, each 1-5, or nothing is saved. One response
per participant and session is kept by the database's unique constraint, not by looking first:
a doubled or concurrent submit finds the constraint, and the response already saved stands.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from content.base import changes
from content.base.errors import NotAllowed
from content.quizzes import rules
from content.quizzes.models import Purpose, Rating, SelfAssessmentResponse, SessionTest
from content.quizzes.models.self_assessment import LIKERT_HIGH, LIKERT_LOW
from content.training import selectors as training_selectors
from content.training.rules import check_participant

NO_SELF_ASSESSMENT = "Pre-test sosialisasi ini tidak memakai swanilai."
AFTER_PRE_TEST = (
    "Swanilai diisi sebelum pre-test. Anda sudah mulai mengerjakan pre-test, sehingga swanilai "
    "tidak diminta lagi."
)
UNKNOWN_STATEMENT = "Ada pernyataan yang tidak dikenal. Muat ulang halaman ini, lalu isi lagi."
TWICE = "Setiap pernyataan hanya boleh diberi satu nilai."
OFF_SCALE = f"Pilih salah satu nilai {LIKERT_LOW} sampai {LIKERT_HIGH} untuk setiap pernyataan."


def _numbers(numbers):
    numbers = [str(n) for n in numbers]
    return numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " dan " + numbers[-1]


def _pre_test(session):
    test = (
        SessionTest.objects.select_related("quiz", "self_assessment")
        .filter(session=session, purpose=Purpose.PRE, self_assessment__isnull=False)
        .first()
    )
    if test is None:
        raise NotAllowed(NO_SELF_ASSESSMENT)
    return test


def self_assessment_check(*, session, participant, now=None):
    """The pre-test whose self-assessment the participant may answer now, or NotAllowed with
    why not. Writes nothing; the pre-test page asks first, so the form is shown only to those
    who may send it."""
    now = now or timezone.now()
    test = _pre_test(session)
    check_participant(participant)
    opens_at, closes_at = test.window
    rules.check_window(opens_at, closes_at, now=now)
    rules.check_takes_part(training_selectors.takes_part_in(session, participant))
    started = test.quiz.attempts.filter(
        participant=participant, session=session, purpose=Purpose.PRE, started_at__lte=now
    )
    if started.exists():
        raise NotAllowed(AFTER_PRE_TEST)
    return test


def _checked_values(statements, ratings):
    """{statement id: value} when `ratings` ([(statement id, value)]) gives every statement
    exactly one value on the scale; NotAllowed naming what is wrong otherwise."""
    numbered = {statement.pk: number for number, statement in enumerate(statements, start=1)}
    values = {}
    for statement_id, value in ratings:
        if statement_id not in numbered:
            raise NotAllowed(UNKNOWN_STATEMENT)
        if statement_id in values:
            raise NotAllowed(TWICE)
        # Only a whole number on the scale: not True, not "3", not 3.0.
        if type(value) is not int or not LIKERT_LOW <= value <= LIKERT_HIGH:
            raise NotAllowed(OFF_SCALE)
        values[statement_id] = value
    missing = [number for pk, number in numbered.items() if pk not in values]
    if missing:
        raise NotAllowed(
            f"Beri nilai pada semua pernyataan. Pernyataan nomor {_numbers(missing)} belum "
            "dijawab; jawaban Anda belum disimpan."
        )
    return values


def self_assessment_submit(*, session, participant, ratings, now=None):
    """Save the participant's answers to the self-assessment of the session's pre-test.
    `ratings`: [(statement id, value 1-5)], every statement once. Returns the response; if one
    was already saved (a second tab, a doubled tap), that one, unchanged."""
    now = now or timezone.now()
    # No looking first for a response already saved: the unique constraint decides, below.
    test = self_assessment_check(session=session, participant=participant, now=now)
    assessment = test.self_assessment
    statements = list(assessment.statements.order_by("sort_order", "pk"))
    values = _checked_values(statements, list(ratings))
    try:
        with transaction.atomic():
            response = SelfAssessmentResponse.objects.create(
                assessment=assessment, participant=participant, session=session, submitted_at=now
            )
            Rating.objects.bulk_create(
                Rating(response=response, statement_id=pk, value=value)
                for pk, value in values.items()
            )
    except IntegrityError:
        # Another request saved this participant's response a moment earlier: that one stands.
        existing = SelfAssessmentResponse.objects.filter(
            participant=participant, session=session
        ).first()
        if existing is None:
            raise
        return existing
    return response


def self_assessments_merge(*, survivor, loser):
    """Two accounts of one person merged: the loser's self-assessments move to the survivor,
    one per session (the unique constraint). Where both answered one session's, the earlier
    response is kept, as the one given before the pre-test, and the other deleted and listed;
    on a tie, the survivor's."""
    theirs = {
        response.session_id: response
        for response in SelfAssessmentResponse.objects.select_for_update().filter(
            participant=survivor
        )
    }
    moved, dropped, to_move, to_delete = [], [], [], []
    mine = SelfAssessmentResponse.objects.select_for_update().filter(participant=loser)
    for response in mine.order_by("pk"):
        kept = theirs.get(response.session_id)
        described = {
            "sosialisasi_id": response.session_id,
            "dikirim": response.submitted_at.isoformat(),
        }
        if kept is None:
            moved.append(described)
            to_move.append(response.pk)
        elif (response.submitted_at, 1) < (kept.submitted_at, 2):
            dropped.append(
                {
                    "sosialisasi_id": kept.session_id,
                    "dikirim": kept.submitted_at.isoformat(),
                    "dari": "akun dipertahankan",
                }
            )
            to_delete.append(kept.pk)
            moved.append(described)
            to_move.append(response.pk)
        else:
            dropped.append({**described, "dari": "akun digabungkan"})
            to_delete.append(response.pk)
    # Deleted first: the survivor's response of a session must be gone before the loser's
    # moves in (one per participant and session).
    _, deleted = SelfAssessmentResponse.objects.filter(pk__in=to_delete).delete()
    changes.deleted(deleted)  # a queryset's delete announces nothing by itself (changes.py)
    SelfAssessmentResponse.objects.filter(pk__in=to_move).update(participant=survivor)
    return {"swanilai_dipindah": moved, "swanilai_dihapus": dropped}
