"""Small hand-made data sets for the organizers' reports, written row by row so every figure the
tests expect can be checked by hand. Attempts and answers are created directly: the reports
read finished attempts, however they were written."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from content.quizzes.models import (
    Answer,
    Attempt,
    AttemptStatus,
    Purpose,
    Question,
    Quiz,
    SessionTest,
)
from content.quizzes.scoring import passed, score_percent
from tests.factories.articles import TopicFactory
from tests.factories.people import AgencyFactory, ParticipantFactory, ptt
from tests.factories.training import SessionPageFactory

START = timezone.make_aware(datetime.datetime(2026, 3, 10, 9, 0))
FORMULA_NAME = '=HYPERLINK("http://contoh.test/","klik")'
ANI_NIP = "198501012010011001"


def question(text, topic=None):
    return Question.objects.create(
        topic=topic or TopicFactory(slug="anti-hoaks", name="Anti-Hoaks"), text=text
    )


def take(quiz, participant, purpose, answers, *, session=None, number=1, minute=0, agency=None):
    """A finished attempt with these answers: [(question, points)], in the order shown."""
    total = sum(Decimal(points) for _, points in answers)
    started = START + datetime.timedelta(minutes=minute)
    attempt = Attempt.objects.create(
        quiz=quiz,
        participant=participant,
        session=session,
        purpose=purpose,
        number=number,
        seed=minute,
        started_at=started,
        finished_at=started + datetime.timedelta(minutes=10),
        status=AttemptStatus.SUBMITTED,
        max_points=len(answers),
        points=total,
        score=score_percent(total, len(answers)),
        passed=passed(score_percent(total, len(answers)), quiz.pass_mark),
        agency=agency or participant.agency,
        participant_group=participant.participant_group,
    )
    Answer.objects.bulk_create(
        Answer(attempt=attempt, position=position, question=q, points=Decimal(points))
        for position, (q, points) in enumerate(answers, start=1)
    )
    return attempt


def open_attempt(quiz, participant, purpose, *, session=None, minute=0):
    """An attempt still being taken: no score, so no report counts it."""
    return Attempt.objects.create(
        quiz=quiz,
        participant=participant,
        session=session,
        purpose=purpose,
        number=1,
        seed=minute,
        started_at=START + datetime.timedelta(minutes=minute),
        max_points=4,
        agency=participant.agency,
        participant_group=participant.participant_group,
    )


def session_world(sessions):
    """A session whose pre-test asks Q1 Q2 Q3 Q5 and whose post-test (a parallel form) asks
    Q1 Q2 Q4 Q5; one point each, so a score is 25 × points.

                      Q1  Q2  Q3  Q4  Q5   score
    Ani    pre #1      0   0   1   .   0     25  (her second try counts: the best)
    Ani    pre #2      1   0   1   .   0     50
    Ani    post        1   1   .   1  0.5  87.5   g = (87.5 - 50) / 50  = 0.75
    Budi   pre         1   1   1   .   1    100
    Budi   post        1   1   .   0   1     75   g = (75 - 100) / 100 = -0.25 (pre = 100)
    Citra  pre         1   0   0   .   1     50
    Citra  post        1   0   .   0   1     50   g = 0
    Dedi   pre         0   0   1   .   0     25   (his post-test is still open: not counted)
    Eka    post        1   1   .   1   1    100   (named like a spreadsheet formula)
    """
    q1, q2, q3, q4, q5 = (question(f"Soal Q{n}: ciri hoaks nomor {n}?") for n in range(1, 6))
    session = SessionPageFactory(parent=sessions, title="Sosialisasi Anti-Hoaks Maret")
    pre_quiz = Quiz.objects.create(title="Pre-test Anti-Hoaks", slug="pre-test-anti-hoaks")
    post_quiz = Quiz.objects.create(title="Post-test Anti-Hoaks", slug="post-test-anti-hoaks")
    SessionTest.objects.create(quiz=pre_quiz, session=session, purpose=Purpose.PRE)
    SessionTest.objects.create(quiz=post_quiz, session=session, purpose=Purpose.POST)
    diskominfo = AgencyFactory(name="Dinas Komunikasi dan Informatika")
    people = SimpleNamespace(
        ani=ParticipantFactory(full_name="Ani Lestari", nip=ANI_NIP, agency=diskominfo),
        # Budi has moved to another agency since: the report shows where he was.
        budi=ParticipantFactory(full_name="Budi Santoso", agency=AgencyFactory(name="Bappeda")),
        citra=ParticipantFactory(full_name="Citra Dewi", agency=diskominfo),
        dedi=ParticipantFactory(full_name="Dedi Kurniawan", agency=diskominfo),
        eka=ptt(full_name=FORMULA_NAME, agency=diskominfo),
    )
    old_agency = AgencyFactory(name="Dinas Pendidikan")
    pre, post = Purpose.PRE, Purpose.POST

    def pre_test(person, q1_, q2_, q3_, q5_, **kwargs):
        answers = [(q1, q1_), (q2, q2_), (q3, q3_), (q5, q5_)]
        return take(pre_quiz, person, pre, answers, session=session, **kwargs)

    def post_test(person, q1_, q2_, q4_, q5_, **kwargs):
        answers = [(q1, q1_), (q2, q2_), (q4, q4_), (q5, q5_)]
        return take(post_quiz, person, post, answers, session=session, **kwargs)

    pre_test(people.ani, 0, 0, 1, 0, number=1, minute=0)
    pre_test(people.ani, 1, 0, 1, 0, number=2, minute=1)
    post_test(people.ani, 1, 1, 1, "0.5", minute=60)
    pre_test(people.budi, 1, 1, 1, 1, minute=2, agency=old_agency)
    post_test(people.budi, 1, 1, 0, 1, minute=61, agency=old_agency)
    pre_test(people.citra, 1, 0, 0, 1, minute=3)
    post_test(people.citra, 1, 0, 0, 1, minute=62)
    pre_test(people.dedi, 0, 0, 1, 0, minute=4)
    open_attempt(post_quiz, people.dedi, post, session=session, minute=63)
    post_test(people.eka, 1, 1, 1, 1, minute=64)
    return SimpleNamespace(
        session=session,
        pre_quiz=pre_quiz,
        post_quiz=post_quiz,
        questions=SimpleNamespace(q1=q1, q2=q2, q3=q3, q4=q4, q5=q5),
        people=people,
    )


def item_world(sessions):
    """A self-paced quiz of four questions taken by five people (first attempts):

              Q1   Q2   Q3   Q4   total  score
    A          1    1    1    0     3     75
    B          1    1    0    0     2     50
    C          1    0    1    1     3     75
    D          0    0    0    1     1     25
    E          1   0.5   0    0    1.5   37.5

    plus A's second attempt (all correct: not counted, only first attempts are), F's attempt
    still open (not counted), and G's pre-test of the same quiz in a session (counted only when
    the report is not limited to self-paced attempts).
    """
    q1, q2, q3, q4 = (question(f"Butir {n}: apa ciri hoaks?") for n in range(1, 5))
    quiz = Quiz.objects.create(title="Kenali Hoaks", slug="kenali-hoaks", self_paced=True)
    people = SimpleNamespace(
        **{
            letter: ParticipantFactory(full_name=f"Peserta {letter}")
            for letter in ("a", "b", "c", "d", "e", "f", "g")
        }
    )
    table = {
        people.a: (1, 1, 1, 0),
        people.b: (1, 1, 0, 0),
        people.c: (1, 0, 1, 1),
        people.d: (0, 0, 0, 1),
        people.e: (1, "0.5", 0, 0),
    }
    for minute, (person, points) in enumerate(table.items()):
        answers = list(zip((q1, q2, q3, q4), points, strict=True))
        take(quiz, person, Purpose.SELF_PACED, answers, minute=minute)
    take(
        quiz,
        people.a,
        Purpose.SELF_PACED,
        [(q1, 1), (q2, 1), (q3, 1), (q4, 1)],
        number=2,
        minute=30,
    )
    open_attempt(quiz, people.f, Purpose.SELF_PACED, minute=31)
    session = SessionPageFactory(parent=sessions, title="Sosialisasi Kenali Hoaks")
    take(
        quiz,
        people.g,
        Purpose.PRE,
        [(q1, 1), (q2, 1), (q3, 1), (q4, 1)],
        session=session,
        minute=40,
    )
    return SimpleNamespace(
        quiz=quiz,
        session=session,
        questions=SimpleNamespace(q1=q1, q2=q2, q3=q3, q4=q4),
        people=people,
    )
