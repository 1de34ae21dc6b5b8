"""Whatever anyone types into a public form or the address bar, the answer is a page or a clear
refusal, never a server error (on SQLite here, on PostgreSQL in CI's second pass)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.people.forms import RegistrationForm
from tests.factories.articles import ArticlePageFactory, TopicFactory
from tests.factories.people import ParticipantFactory
from tests.factories.training import session_under_way

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text as people and attackers send it: any Unicode, NUL bytes, FTS and SQL punctuation.
hostile = st.text(max_size=80) | st.sampled_from(
    ['"hoaks', "\x00", "hoaks*", "NEAR(a b)", "' OR 1=1 --", "a:b", "(((", "ÉÉÉÉÉÉ", "٣٤٧١"]
)


@pytest.fixture
def site(site_tree):
    topic = TopicFactory(slug="anti-hoaks")
    page = ArticlePageFactory(parent=site_tree.materials, topic=topic)
    page.tags.add("hoaks")
    page.save_revision().publish()
    return session_under_way(site_tree.sessions)


def _answered(response):
    assert response.status_code < 500, response.status_code
    return response


@FUZZ
@given(q=hostile, halaman=hostile)
def test_search(client, site, q, halaman):
    _answered(client.get("/cari/", {"q": q, "halaman": halaman}))


@FUZZ
@given(topik=hostile, tag=hostile, audiens=hostile, halaman=hostile)
def test_listing_filters(client, site, topik, tag, audiens, halaman):
    params = {"topik": topik, "tag": tag, "audiens": audiens, "halaman": halaman}
    _answered(client.get("/materi/", params))
    _answered(client.get("/cek-fakta/", params))


@FUZZ
@given(username=hostile, password=hostile)
def test_login(client, site, username, password):
    _answered(client.post("/akun/masuk/", {"username": username, "password": password}))


@FUZZ
@given(email=hostile)
def test_password_reset(client, site, email):
    _answered(client.post("/akun/sandi/lupa/", {"email": email}))


SIGN_UP_FIELDS = tuple(RegistrationForm.base_fields)


@FUZZ
@given(fields=st.fixed_dictionaries(dict.fromkeys(SIGN_UP_FIELDS, hostile)))
def test_sign_up(client, site, fields):
    _answered(client.post("/akun/daftar/", fields))
    client.logout()


@FUZZ
@given(code=hostile, token=hostile)
def test_check_in_code_and_token(client, site, code, token):
    client.force_login(ParticipantFactory())
    _answered(client.post("/presensi/", {"code": code}))
    if "/" not in token and token.strip():
        _answered(client.get(f"/p/{token}/"))


@FUZZ
@given(email=hostile, phone=hostile, position=hostile, reason=hostile)
def test_account_forms(client, site, email, phone, position, reason):
    client.force_login(ParticipantFactory())
    _answered(client.post("/akun/", {"email": email, "phone": phone, "position": position}))
    _answered(client.post("/akun/email/", {"email": email, "password": phone}))
    if "/" not in reason and reason.strip():
        _answered(client.post(f"/akun/konfirmasi/{reason}/", {"keputusan": "terima"}))
    _answered(client.post("/akun/hapus-data/", {"reason": reason}))


@FUZZ
@given(code=hostile, path_code=hostile, answer=hostile, position=hostile)
def test_verification_and_quiz_answers(client, site, code, path_code, answer, position):
    """The certificate verification form and page, and a quiz answer's JSON."""
    from urllib.parse import quote

    from tests.factories.quizzes import make_quiz

    _answered(client.get("/sertifikat/verifikasi/", {"kode": code}, follow=True))
    if path_code.strip() and "/" not in path_code:
        _answered(client.get(f"/sertifikat/verifikasi/{quote(path_code)}/"))
    client.force_login(ParticipantFactory())
    quiz = make_quiz(count=1)
    attempt_url = client.post(f"/kuis/{quiz.slug}/")["Location"]
    body = f'{{"position": "{position}", "options": ["{answer}"]}}'.encode("utf-8", "replace")
    _answered(client.post(attempt_url + "jawab/", body, content_type="application/json"))
    _answered(client.post(attempt_url + "selesai/", {"q1": answer}))


def _routes_taking_any_text(patterns=None, prefix=""):
    """Every route whose parameters accept free text (str and path converters)."""
    from django.urls import URLResolver, get_resolver

    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes_taking_any_text(pattern.url_patterns, route)
        elif "<str:" in route or "<path:" in route:
            yield route


class TestInputsThatOnceGaveServerErrors:
    @pytest.mark.parametrize("route", sorted(set(_routes_taking_any_text())))
    def test_a_nul_in_an_address(self, client, site, route, django_user_model):
        """PostgreSQL refuses NUL in any query (a 500 once on /sertifikat/verifikasi/<code>/)."""
        import re

        path = re.sub(r"<int:\w+>", "1", re.sub(r"<(?:str|path):\w+>", "A%00B", route))
        path = "/" + path.lstrip("^").rstrip("$")
        client.force_login(django_user_model.objects.create_superuser("root", "r@x.id", "pw"))
        assert client.get(path).status_code == 404

    @pytest.mark.parametrize("logged_in", [False, True])
    def test_error_pages_answered_before_the_user_is_known(self, client, site, settings, logged_in):
        """A NUL in the path and a foreign Host header are refused before AuthenticationMiddleware
        runs; their error pages once read request.user and gave a 500 instead."""
        if logged_in:
            client.force_login(ParticipantFactory())
        response = client.get("/p/%00/")
        assert response.status_code == 404
        assert "<html" in response.content.decode()
        settings.ALLOWED_HOSTS = ["testserver"]
        assert client.get("/", HTTP_HOST="penyusup.example").status_code == 400

    def test_a_non_ascii_check_in_code(self, client, site):
        client.force_login(ParticipantFactory())
        response = client.post("/presensi/", {"code": "ÉÉÉÉÉÉ"})
        assert response.status_code == 403
        assert "Kode presensi salah" in response.content.decode()

    @pytest.mark.parametrize("q", ['"hoaks', "\x00", "hoaks*", "a:b"])
    def test_search_punctuation_and_nul(self, client, site, q):
        assert client.get("/cari/", {"q": q}).status_code == 200

    @pytest.mark.parametrize("name", ["tag", "topik", "audiens"])
    def test_a_nul_in_a_listing_filter(self, client, site, name):
        response = client.get("/materi/", {name: "\x00"})
        assert response.status_code == 200
        assert response.context["filters"].active is False
