"""Nothing a participant can fetch gives away a session test's answer key before the test has
closed for everyone: after finishing a post-test that another participant is still taking, the
finished participant walks every page, download and endpoint they can reach, for every kind of
question and every review setting, and the markup (text, attributes, data attributes, JSON) is
scanned for the key. Once the test closes, the same walk finds it on the result page."""

import datetime
import json
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from content.quizzes import selectors, services
from content.quizzes.models import MultipleScoring, Option, Purpose, QuestionKind, Review
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_question, make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db

# Words that would mark an option or a question as right or wrong, in a tag or a JSON key.
TELLTALE_TAG = re.compile(r"correct|benar|salah|kunci|answer|solution|is_|points?=|poin", re.I)
TELLTALE_TEXT = re.compile(
    r"jawaban benar|is_correct|\bcorrect\b|<strong>(Benar|Salah|Sebagian benar)</strong>"
    r"|Penjelasan:",
    re.I,
)
TELLTALE_JSON_KEYS = {"is_correct", "correct", "benar", "jawaban_benar", "penjelasan", "poin"}
SOURCE = "https://cekfakta.example.go.id/sumber-rahasia"


def _every_kind():
    return [
        make_question(
            source_url=SOURCE,
            options=(("Kanal resmi", True), ("Grup percakapan", False), ("Akun anonim", False)),
        ),
        make_question(
            kind=QuestionKind.MULTIPLE,
            scoring=MultipleScoring.PARTIAL,
            options=(("A", True), ("B", False), ("C", True), ("D", False)),
        ),
        make_question(kind=QuestionKind.TRUE_FALSE, statement_is_true=False),
        make_question(kind=QuestionKind.HOAX_OR_FACT, verdict="satire"),
    ]


def _json_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_keys(item)


def _shape(option):
    """An option of the review as written, without its text and the participant's choice."""
    option = re.sub(r"\s*<em>\(pilihan Anda\)</em>", "", option)
    return option[option.index("<") :] if "<" in option else ""


def _scan(body, questions, *, content_type):
    """Every trace of the key a response could hold; [] when there is none."""
    text = body.decode()
    found = []
    for question in questions:
        if question.explanation in text:
            found.append(f"explanation {question.explanation}")
        for option in question.options.filter(is_correct=True):
            if str(option.key) in text:
                found.append(f"correct option key {option.key}")
    if SOURCE in text:
        found.append("explanation link")
    found += [f"text {match.group(0)}" for match in TELLTALE_TEXT.finditer(text)]
    if content_type.startswith("application/json"):
        keys = set(_json_keys(json.loads(text)))
        found += [f"json key {key}" for key in sorted(keys & TELLTALE_JSON_KEYS)]
    else:
        for tag in re.findall(r"<[^>]+>", text):
            attributes = re.sub(r"^<\w+", "", tag)
            if TELLTALE_TAG.search(attributes):
                found.append(f"tag {tag}")
        # Every option of the review is written the same way but for the participant's choice.
        shapes = {
            _shape(item)
            for options in re.findall(r"<ul class=\"review__options\">(.*?)</ul>", text, re.S)
            for item in re.findall(r"<li[^>]*>(.*?)</li>", options, re.S)
        }
        if len(shapes) > 1:
            found.append(f"options written differently: {shapes}")
    return found


@pytest.fixture
def world(sessions):
    """A post-test (every kind of question) that one participant has finished, partly right,
    and another is still taking; it closes in an hour."""
    now = timezone.now()
    session = SessionPageFactory(parent=sessions)
    questions = _every_kind()
    first, second = ParticipantFactory(), ParticipantFactory()
    for person in (first, second):
        mark_attendance(session, person)

    def build(review):
        quiz = make_quiz(questions, self_paced=False, review=review)
        test = use_in_session(quiz, session, closes_at=now + datetime.timedelta(hours=1))
        context = selectors.session_test_context(session, Purpose.POST)
        attempt = services.attempt_start(context=context, participant=first)
        answers = correct_keys(attempt)
        answers.pop(max(answers))  # the last one left blank
        answers[1] = [str(Option.objects.filter(question=questions[0], is_correct=False)[0].key)]
        services.attempt_submit(participant=first, key=attempt.key, answers=answers)
        still_taking = services.attempt_start(context=context, participant=second)
        return SimpleNamespace(
            session=session,
            test=test,
            attempt=attempt,
            questions=questions,
            first=first,
            second=second,
            still_taking=still_taking,
        )

    return build


def _walk(client, session, attempt):
    """Everything the finished participant can fetch about the test and their attempt."""
    result = reverse("quizzes:result", args=[attempt.key])
    yield "result", client.get(result)
    yield (
        "attempt (to the result)",
        client.get(reverse("quizzes:attempt", args=[attempt.key]), follow=True),
    )
    yield (
        "answer endpoint",
        client.post(
            reverse("quizzes:answer", args=[attempt.key]),
            data=json.dumps({"position": 1, "options": []}),
            content_type="application/json",
        ),
    )
    yield "submit again", client.post(reverse("quizzes:submit", args=[attempt.key]), follow=True)
    yield "start page", client.get(session.url + "post-test/")
    yield "session page", client.get(session.url)
    yield "Akun saya", client.get(reverse("people:account"))
    yield "data download", client.get(reverse("people:my_data"))
    # The admin's screens over the bank, the quiz and the attempt: a participant is turned away.
    question = attempt.answers.first().question
    yield "admin question", client.get(reverse("question:inspect", args=[question.pk]))
    yield "admin quiz", client.get(reverse("quiz:inspect", args=[attempt.quiz_id]))
    yield "admin attempt", client.get(reverse("attempt:inspect", args=[attempt.pk]))
    yield "admin results", client.get(reverse("quizzes_session_results"), {"session": session.pk})


@pytest.mark.parametrize("review", [Review.ANSWERS, Review.EXPLANATIONS])
def test_nothing_reachable_before_the_test_closes_holds_the_key(client, world, review):
    test = world(review)
    client.force_login(test.first)
    leaks = {}
    for name, response in _walk(client, test.session, test.attempt):
        if name.startswith("admin"):
            assert response.status_code == 302 and "/admin/login/" in response["Location"], name
        else:
            assert response.status_code in (200, 409), name
        found = _scan(response.content, test.questions, content_type=response["Content-Type"])
        if found:
            leaks[name] = found
    assert leaks == {}
    assert (
        "Nilai Anda"
        in client.get(reverse("quizzes:result", args=[test.attempt.key])).content.decode()
    )


def test_the_scan_finds_the_key_once_the_test_has_closed(client, world):
    """The scan is not blind: once nobody can answer, the result page holds the key."""
    test = world(Review.EXPLANATIONS)
    services.attempt_submit(participant=test.second, key=test.still_taking.key)
    type(test.test).objects.filter(pk=test.test.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(test.first)
    response = client.get(reverse("quizzes:result", args=[test.attempt.key]))
    found = _scan(response.content, test.questions, content_type=response["Content-Type"])
    assert any(item.startswith("explanation ") for item in found)
    assert any("jawaban benar" in item for item in found)
    assert "explanation link" in found
    assert any(item.startswith("options written differently") for item in found)
