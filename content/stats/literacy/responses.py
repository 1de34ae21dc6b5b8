"""Reading what the index is computed from (reads only; the service writes the results).

Knowledge: every finished attempt's answers to questions that carry a pillar, streamed from
the database into numpy arrays (a server-side cursor in chunks: 20 million answer rows are
about 20 MB per int32 column, never a list of model objects). An answer counts as right when
it earned the whole point (points = 1; partial credit and no answer count as wrong).

Units: a person measured in a year (the attempt's finish, local time) in a phase: a pre-test
gives `sebelum`, a post-test `sesudah`; several attempts of one unit are scored together.
Self-paced attempts (latihan mandiri) inform the calibration of the items but are not scored
into the index: people choose when and how often to practise, so they are not a measurement
of a group. A unit's agency and group are the ones its latest attempt kept at the time
(Attempt.agency_id, participant_group: pns and pppk are asn, ptt is ptt).

Self-assessment: ratings (reversed statements counted as 6 - rating, content/quizzes/likert.py)
pooled per person and year into a pillar mean; its agency and group are those of the person's
pre-test in the same session, or else the person's current ones."""

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from content.articles.pillars import Pillar
from content.people.identity import ASN_GROUPS, ParticipantGroup
from content.people.models import Agency
from content.quizzes.likert import statement_score
from content.quizzes.models import Answer, Attempt
from content.quizzes.models.choices import AttemptStatus, Purpose
from content.quizzes.models.self_assessment import Rating

PILLARS = [p.value for p in Pillar]
PURPOSES = {Purpose.PRE: 0, Purpose.POST: 1, Purpose.SELF_PACED: 2}
FINISHED = [AttemptStatus.SUBMITTED, AttemptStatus.TIMED_OUT]
CHUNK = 50_000


def group_code(participant_group):
    if participant_group in ASN_GROUPS:
        return 1
    if participant_group == ParticipantGroup.PTT:
        return 2
    return 0


@dataclass
class Knowledge:
    """attempt_*: per finished attempt (index = attempt position). answer_*: per answer to a
    question with a pillar. question_ids[k] is item index k's question; item_pillar[k] its
    pillar's position in PILLARS."""

    attempt_id: np.ndarray
    attempt_person: np.ndarray
    attempt_quiz: np.ndarray
    attempt_purpose: np.ndarray  # PURPOSES codes
    attempt_year: np.ndarray
    attempt_agency: np.ndarray  # 0: none
    attempt_group: np.ndarray  # 0 unknown, 1 asn, 2 ptt
    attempt_finished: np.ndarray  # epoch seconds, to pick a unit's latest attempt
    answer_attempt: np.ndarray
    answer_item: np.ndarray
    answer_correct: np.ndarray
    question_ids: np.ndarray
    item_pillar: np.ndarray


def read_knowledge():
    attempts = Attempt.objects.filter(status__in=FINISHED).order_by()
    rows = attempts.values_list(
        "id", "participant_id", "quiz_id", "purpose", "finished_at", "agency_id",
        "participant_group",
    )  # fmt: skip
    columns = [[] for _ in range(8)]
    for pk, person, quiz, purpose, finished, agency, group in rows.iterator(chunk_size=CHUNK):
        local = timezone.localtime(finished) if finished else None
        columns[0].append(pk)
        columns[1].append(person)
        columns[2].append(quiz)
        columns[3].append(PURPOSES.get(purpose, 2))
        columns[4].append(local.year if local else 0)
        columns[5].append(agency or 0)
        columns[6].append(group_code(group))
        columns[7].append(int(finished.timestamp()) if finished else 0)
    attempt_id = np.array(columns[0], dtype=np.int64)
    arrays = [np.array(c, dtype=np.int64) for c in columns[1:]]
    del columns
    order = np.argsort(attempt_id)
    attempt_id = attempt_id[order]
    arrays = [a[order] for a in arrays]

    answers = (
        Answer.objects.filter(attempt__status__in=FINISHED)
        .exclude(question__pillar="")
        .order_by()
        .values_list("attempt_id", "question_id", "points", "question__pillar")
    )
    a_attempt, a_question, a_correct = [], [], []
    pillar_of = {}
    chunks = ([], [], [])
    for attempt, question, points, pillar in answers.iterator(chunk_size=CHUNK):
        chunks[0].append(attempt)
        chunks[1].append(question)
        chunks[2].append(1 if points is not None and points >= 1 else 0)
        pillar_of[question] = pillar
        if len(chunks[0]) >= CHUNK:
            a_attempt.append(np.array(chunks[0], dtype=np.int64))
            a_question.append(np.array(chunks[1], dtype=np.int64))
            a_correct.append(np.array(chunks[2], dtype=np.int8))
            chunks = ([], [], [])
    a_attempt.append(np.array(chunks[0], dtype=np.int64))
    a_question.append(np.array(chunks[1], dtype=np.int64))
    a_correct.append(np.array(chunks[2], dtype=np.int8))
    answer_attempt = np.searchsorted(attempt_id, np.concatenate(a_attempt)).astype(np.int32)
    questions = np.concatenate(a_question)
    question_ids, answer_item = np.unique(questions, return_inverse=True)
    item_pillar = np.array(
        [PILLARS.index(pillar_of[q]) if pillar_of[q] in PILLARS else -1 for q in question_ids],
        dtype=np.int8,
    )
    return Knowledge(
        attempt_id, *arrays,
        answer_attempt=answer_attempt,
        answer_item=answer_item.astype(np.int32),
        answer_correct=np.concatenate(a_correct),
        question_ids=question_ids,
        item_pillar=item_pillar,
    )  # fmt: skip


def read_self_assessments():
    """[(person, year, agency, group code, {pillar: mean score})], one per person and year."""
    ratings = (
        Rating.objects.order_by()
        .values_list(
            "response__participant_id", "response__session_id", "response__submitted_at",
            "statement__pillar", "statement__reversed", "value",
            "response__participant__agency_id", "response__participant__participant_group",
        )
    )  # fmt: skip
    pooled = defaultdict(lambda: defaultdict(list))
    placed = {}
    sessions = set()
    for person, session, submitted, pillar, rev, value, agency, group in ratings.iterator(
        chunk_size=CHUNK
    ):
        year = timezone.localtime(submitted).year
        pooled[(person, year)][pillar].append(statement_score(value, reversed=rev))
        placed.setdefault((person, year), (session, agency or 0, group_code(group)))
        sessions.add(session)
    # Where the person was at the time: their pre-test in that session.
    at_the_time = {
        (person, session): (agency or 0, group_code(group))
        for person, session, agency, group in Attempt.objects.filter(
            session_id__in=sessions, purpose=Purpose.PRE
        )
        .order_by("finished_at")
        .values_list("participant_id", "session_id", "agency_id", "participant_group")
    }
    out = []
    for (person, year), by_pillar in pooled.items():
        session, agency, group = placed[(person, year)]
        agency, group = at_the_time.get((person, session), (agency, group))
        scores = {p: float(np.mean(v)) for p, v in by_pillar.items() if p in PILLARS}
        out.append((person, year, agency, group, scores))
    return out


def agency_parents():
    return dict(Agency.objects.values_list("id", "parent_id"))
