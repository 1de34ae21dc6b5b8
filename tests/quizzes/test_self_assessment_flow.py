"""The participant's way through a pre-test with a self-assessment: the statements first, on
one page that works without JavaScript, then the pre-test; answered once; their own scores
only ever shown to them."""

import re

import pytest

from content.quizzes.models import Attempt, Purpose, SelfAssessmentResponse
from content.training import services as training_services
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import make_quiz, use_in_session
from tests.factories.training import SessionPageFactory
from tests.quizzes.self_assessment_data import form_data, pre_test_with_self_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(sessions):
    return SessionPageFactory(parent=sessions)


@pytest.fixture
def test(session):
    return pre_test_with_self_assessment(session)


def _participant(session):
    person = ParticipantFactory()
    training_services.registration_create(session=session, participant=person)
    return person


def _urls(session):
    return session.url + "pre-test/", session.url + "pre-test/swanilai/"


def test_the_pre_test_asks_the_statements_first_then_the_quiz(client, session, test):
    person = _participant(session)
    client.force_login(person)
    pre_test, form = _urls(session)
    page = client.get(pre_test)
    html = page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    # One fieldset per statement, its text the legend, five labelled radios, no JS needed.
    assert html.count("<fieldset") == 4 and html.count("<legend>") == 4
    assert html.count('type="radio"') == 20
    for label in ("Sangat tidak setuju", "Tidak setuju", "Ragu-ragu", "Setuju", "Sangat setuju"):
        assert label in html
    assert f'action="{form}"' in html and "Mulai mengerjakan" not in html
    # Starting the pre-test from an old tab waits for the self-assessment.
    refused = client.post(pre_test, follow=True)
    assert "Isi swanilai terlebih dahulu" in refused.content.decode()
    assert not Attempt.objects.exists()

    sent = client.post(form, form_data(test.self_assessment, [5, 1, 4, 2]))
    assert sent.status_code == 302 and sent["Location"] == pre_test
    after = client.get(pre_test).content.decode()
    assert "swanilai Anda tersimpan" in after and "Mulai mengerjakan" in after
    assert "Swanilai Anda" in after and "Kecakapan digital" in after
    attempt_url = client.post(pre_test)["Location"]
    attempt = Attempt.objects.get()
    assert attempt_url == f"/kuis/percobaan/{attempt.key}/"
    result = client.post(attempt_url + "selesai/", follow=True).content.decode()
    # The own self-scores beside the pre-test's score: kecakapan (5 + 5) / 2, keamanan 4.
    assert "Swanilai Anda" in result
    assert re.search(r"Kecakapan digital</dt><dd>5[.,]0</dd>", result)
    assert re.search(r"Keamanan digital</dt><dd>4[.,]0</dd>", result)


def test_a_missing_answer_keeps_the_others_and_saves_nothing(client, session, test):
    client.force_login(_participant(session))
    data = form_data(test.self_assessment, [5, 1, 4, 2])
    dropped = next(reversed(data))
    del data[dropped]
    page = client.post(_urls(session)[1], data)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Pernyataan nomor 4 belum dijawab" in html
    assert html.count("checked") == 3  # what was chosen stays chosen
    assert not SelfAssessmentResponse.objects.exists()


@pytest.mark.parametrize("bad", ["0", "6", "٣", " 3", "3.0", "", "x" * 5000])
def test_a_bad_value_is_told_plainly(client, session, test, bad):
    client.force_login(_participant(session))
    data = form_data(test.self_assessment, [5, 1, 4, 2])
    data[next(iter(data))] = bad
    page = client.post(_urls(session)[1], data)
    assert page.status_code == 200
    assert "Pilih salah satu nilai 1 sampai 5" in page.content.decode()
    assert not SelfAssessmentResponse.objects.exists()


def test_a_field_sent_twice_is_refused(client, session, test):
    client.force_login(_participant(session))
    data = form_data(test.self_assessment, [5, 1, 4, 2])
    first = next(iter(data))
    body = "&".join([*(f"{k}={v}" for k, v in data.items()), f"{first}=3"])
    page = client.post(_urls(session)[1], body, content_type="application/x-www-form-urlencoded")
    assert "hanya boleh diberi satu nilai" in page.content.decode()
    assert not SelfAssessmentResponse.objects.exists()


def test_answering_twice_is_impossible(client, session, test):
    client.force_login(_participant(session))
    form = _urls(session)[1]
    client.post(form, form_data(test.self_assessment, [5, 1, 4, 2]))
    again = client.post(form, form_data(test.self_assessment, [1, 5, 1, 5]), follow=True)
    assert "sudah tersimpan sebelumnya" in again.content.decode()
    response = SelfAssessmentResponse.objects.get()
    assert sorted(response.ratings.values_list("value", flat=True)) == [1, 2, 4, 5]
    # The pre-test page no longer shows the statements.
    assert 'type="radio"' not in client.get(_urls(session)[0]).content.decode()


def test_another_participants_response_is_never_shown(client, session, test):
    first, second = _participant(session), _participant(session)
    client.force_login(first)
    # The first rates themselves 5 on both pillars, the second 1 on both.
    client.post(_urls(session)[1], form_data(test.self_assessment, [5, 1, 5, 1]))
    client.force_login(second)
    html = client.get(_urls(session)[0]).content.decode()
    # The second participant is asked their own, and sees nobody's scores.
    assert "Swanilai Anda</h2>" not in html and html.count('type="radio"') == 20
    client.post(_urls(session)[1], form_data(test.self_assessment, [1, 5, 1, 5]))
    mine = client.get(_urls(session)[0]).content.decode()
    assert re.search(r"Kecakapan digital</dt><dd>1[.,]0</dd>", mine)
    assert not re.search(r"</dt><dd>5[.,]0</dd>", mine)
    assert SelfAssessmentResponse.objects.count() == 2


def test_those_who_may_not_take_the_pre_test_are_not_asked(client, session, test):
    client.force_login(ParticipantFactory())  # not registered
    html = client.get(_urls(session)[0]).content.decode()
    assert 'type="radio"' not in html and "Daftar atau lakukan presensi" in html
    posted = client.post(_urls(session)[1], form_data(test.self_assessment, [3, 3, 3, 3]))
    assert posted.status_code == 302
    assert not SelfAssessmentResponse.objects.exists()


def test_visitors_are_sent_to_log_in(client, session, test):
    html = client.get(_urls(session)[0]).content.decode()
    assert "Masuk untuk mengerjakan" in html and 'type="radio"' not in html
    posted = client.post(_urls(session)[1], form_data(test.self_assessment, [3, 3, 3, 3]))
    assert posted.status_code == 302 and "/masuk" in posted["Location"]
    assert not SelfAssessmentResponse.objects.exists()


def test_the_form_url_answers_404_without_a_self_assessment(client, session):
    use_in_session(make_quiz(self_paced=False), session, Purpose.PRE)
    client.force_login(_participant(session))
    assert client.post(_urls(session)[1], {"s1": "3"}).status_code == 404
    # A GET goes back to the pre-test page.
    assert client.get(_urls(session)[1])["Location"] == _urls(session)[0]


def test_a_pre_test_without_self_assessment_starts_at_once(client, session):
    use_in_session(make_quiz(self_paced=False), session, Purpose.PRE)
    client.force_login(_participant(session))
    assert "Mulai mengerjakan" in client.get(_urls(session)[0]).content.decode()


@pytest.mark.parametrize("char", ["\x00", "\x1f", "\x7f", "\x85"])
def test_control_characters_in_names_or_values_are_refused_cleanly(client, session, test, char):
    client.force_login(_participant(session))
    client.raise_request_exception = False
    data = form_data(test.self_assessment, [5, 1, 4, 2])
    poisoned = {f"{name}{char}": value for name, value in data.items()}
    for body in (poisoned, {name: f"{value}{char}" for name, value in data.items()}):
        page = client.post(_urls(session)[1], body)
        assert page.status_code < 500
    assert not SelfAssessmentResponse.objects.exists()
