"""Nothing the browser receives before an attempt is finished says which option is correct:
not the explanation, not an attribute, class or key, not the option order or ids."""

import json
import re
from collections import Counter

import pytest
from django.urls import reverse

from content.quizzes.models import Attempt, MultipleScoring, Option, QuestionKind
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_question, make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db

OPTION_LABEL = re.compile(r'<label class="option">.*?</label>', re.S)
# Words that would mark an option as the answer, in any attribute, class or JSON key.
TELLTALE = re.compile(r"correct|benar|kunci|solution|data-[\w-]+=\"(true|false)\"", re.I)
ALLOWED_JSON_KEYS = {"saved", "saved_at", "error", "result_url"}


def _every_kind():
    return [
        make_question(),
        make_question(
            kind=QuestionKind.MULTIPLE,
            scoring=MultipleScoring.PARTIAL,
            options=(("A", True), ("B", False), ("C", True), ("D", False)),
        ),
        make_question(kind=QuestionKind.TRUE_FALSE, statement_is_true=False),
        make_question(kind=QuestionKind.HOAX_OR_FACT, verdict="satire"),
    ]


def _tags(html):
    return re.findall(r"<[^>]+>", html)


def _assert_reveals_nothing(body, questions):
    text = body.decode()
    for question in questions:
        assert question.explanation not in text
    for tag in _tags(text):
        assert not TELLTALE.search(tag), tag
    labels = OPTION_LABEL.findall(text)
    # Every option is written the same way: only its key and its text differ.
    shapes = {
        re.sub(r'value="[0-9a-f-]{36}"', "KEY", re.sub(r"<span>.*?</span>", "TEXT", label))
        .replace(" checked", "")
        .replace('type="checkbox"', 'type="radio"')
        .replace(re.search(r'name="q\d+"', label).group(0), "NAME")
        for label in labels
    }
    assert len(shapes) <= 1, shapes


def test_no_response_before_submitting_gives_the_answer_away(client, sessions):
    questions = _every_kind()
    session = SessionPageFactory(parent=sessions)
    quiz = make_quiz(questions, self_paced=False, time_limit_minutes=15)
    use_in_session(quiz, session)
    person = ParticipantFactory()
    mark_attendance(session, person)
    client.force_login(person)
    url = session.url + "post-test/"

    responses = [client.get(session.url), client.get(url), client.post(url)]
    attempt = Attempt.objects.get()
    attempt_url = reverse("quizzes:attempt", args=[attempt.key])
    responses.append(client.get(attempt_url))
    for position, keys in correct_keys(attempt).items():
        reply = client.post(
            reverse("quizzes:answer", args=[attempt.key]),
            data=json.dumps({"position": position, "options": keys}),
            content_type="application/json",
        )
        assert reply.status_code == 200
        assert set(reply.json()) <= ALLOWED_JSON_KEYS
        responses.append(reply)
    responses.append(client.get(attempt_url))  # the reload shows the saved answers

    for response in responses:
        _assert_reveals_nothing(response.content, questions)
    html = responses[-1].content.decode()
    assert html.count('class="option"') == 3 + 4 + 2 + 6
    # Option keys are random UUIDs, not ids in the order the author typed them.
    assert not re.search(r'value="\d+"', html)
    assert str(Option.objects.filter(is_correct=True).first().pk) not in re.findall(
        r'value="([^"]+)"', html
    )


def test_the_correct_options_position_on_the_page_is_spread_evenly(client):
    question = make_question(
        options=(("Benar", True), ("Salah 1", False), ("Salah 2", False), ("Salah 3", False))
    )
    quiz = make_quiz([question], shuffle_options=True, max_attempts=None)
    correct = str(question.options.get(is_correct=True).key)
    client.force_login(ParticipantFactory())
    positions = Counter()
    for _ in range(100):
        attempt_url = client.post(f"/kuis/{quiz.slug}/")["Location"]
        html = client.get(attempt_url).content.decode()
        keys = re.findall(r'name="q1" value="([0-9a-f-]{36})"', html)
        positions[keys.index(correct)] += 1
        client.post(attempt_url + "selesai/")
    # 25 expected on each of the four positions; below 8 is four standard deviations away.
    assert set(positions) == {0, 1, 2, 3} and min(positions.values()) >= 8, positions
