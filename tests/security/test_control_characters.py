"""NUL and other control characters in whatever a form receives (content/base/forms_guard.py):
every field of every form, the Wagtail admin's included, refuses them with one Indonesian
message, and nothing is written. PostgreSQL refuses NUL in any text, so on CI's PostgreSQL pass
a value that reached a query would be a 500; here on SQLite the corpus still shows that nothing
is saved."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content.articles.models import ArticlePage
from content.base import forms_guard
from content.base.input_rules import INVALID_CHARACTERS_MESSAGE
from content.people.models import Agency
from tests.access.test_access import ACCESS
from tests.access.world import ROLES, build_world
from tests.factories.people import AgencyFactory
from tests.factories.users import editor as make_editor

pytestmark = pytest.mark.django_db

HOSTILE = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\ud800"]
# Tables a refused request may still write: the login session, the login-attempt log, the
# image renditions a re-shown form draws (a cache of resized images), and the admin's record
# of who has an edit form open.
BOOKKEEPING = re.compile(r"django_session|axes_\w+|\w*rendition|wagtailadmin_editingsession")
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I)


class EveryKindOfField(forms.Form):
    text = forms.CharField()
    area = forms.CharField(widget=forms.Textarea, required=False)
    choice = forms.ChoiceField(choices=[("1", "satu"), ("2", "dua")])
    several = forms.MultipleChoiceField(choices=[("1", "satu"), ("2", "dua")])
    agency = forms.ModelChoiceField(queryset=Agency.objects.all())
    day = forms.DateField()
    number = forms.IntegerField()
    moment = forms.SplitDateTimeField()
    flag = forms.BooleanField(required=False)
    uuid = forms.UUIDField()
    email = forms.EmailField()


class TestTheGuard:
    @pytest.mark.parametrize("char", HOSTILE)
    def test_every_kind_of_field_refuses_the_character_in_indonesian(self, char):
        agency = AgencyFactory()
        data = {
            "text": f"Budi{char}",
            "area": f"baris{char}",
            "choice": f"1{char}",
            "several": ["1", f"2{char}"],
            "agency": f"{agency.pk}{char}",
            "day": f"2026-01-01{char}",
            "number": f"1{char}",
            "moment_0": "2026-01-01",
            "moment_1": f"10:00{char}",
            "flag": f"on{char}",
            "uuid": f"12345678-1234-5678-1234-567812345678{char}",
            "email": f"budi@contoh.go.id{char}",
        }
        form = EveryKindOfField(data)
        assert not form.is_valid()
        assert set(form.errors) == set(EveryKindOfField.base_fields)
        assert all(errors == [INVALID_CHARACTERS_MESSAGE] for errors in form.errors.values())

    def test_tabs_and_newlines_are_text(self):
        agency = AgencyFactory()
        form = EveryKindOfField(
            {
                "text": "Budi\tSantoso",
                "area": "baris satu\r\nbaris dua\n",
                "choice": "1",
                "several": ["1", "2"],
                "agency": str(agency.pk),
                "day": "2026-01-01",
                "number": "1",
                "moment_0": "2026-01-01",
                "moment_1": "10:00",
                "uuid": "12345678-1234-5678-1234-567812345678",
                "email": "budi@contoh.go.id",
            }
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["area"] == "baris satu\r\nbaris dua"

    def test_every_field_class_is_guarded_even_one_defined_later(self):
        class LaterField(forms.CharField):
            def _clean_bound_field(self, bf):
                return "diterima"

        class LaterForm(forms.Form):
            name = LaterField()

        assert forms_guard.unguarded_field_classes() == []
        assert LaterForm({"name": "a\x00"}).errors == {"name": [INVALID_CHARACTERS_MESSAGE]}


class TestThePageEditor:
    def _form(self, paragraph, **fields):
        return nested_form_data(
            {
                "title": "Waspada undangan APK",
                "slug": "waspada-undangan-apk",
                "summary": "Undangan pernikahan berbentuk APK mencuri data.",
                "body": streamfield([("paragraph", rich_text(paragraph))]),
                "audience": "umum",
                "published_date": "2024-10-08",
                "tags": "phishing, apk",
                "action-publish": "1",
                **fields,
            }
        )

    def _post(self, client, site_tree, data):
        client.force_login(make_editor())
        url = reverse(
            "wagtailadmin_pages:add", args=("articles", "articlepage", site_tree.materials.pk)
        )
        return client.post(url, data)

    def test_rich_text_with_a_nul_is_refused_and_nothing_saved(self, client, site_tree):
        response = self._post(client, site_tree, self._form("<p>Jangan\x00 pasang APK.</p>"))
        assert response.status_code == 200
        assert INVALID_CHARACTERS_MESSAGE in response.content.decode()
        assert not ArticlePage.objects.filter(slug="waspada-undangan-apk").exists()

    @pytest.mark.parametrize("field", ["title", "summary", "tags", "published_date"])
    def test_a_plain_field_with_a_control_character_is_refused(self, client, site_tree, field):
        data = self._form("<p>Jangan pasang APK.</p>")
        data[field] = data[field] + "\x1b"
        response = self._post(client, site_tree, data)
        assert response.status_code == 200
        assert INVALID_CHARACTERS_MESSAGE in response.content.decode()
        assert not ArticlePage.objects.filter(slug="waspada-undangan-apk").exists()

    def test_tabs_and_newlines_in_rich_text_are_saved(self, client, site_tree):
        data = self._form("<p>Jangan\tpasang\nberkas APK.</p>", summary="Baris satu\r\nbaris dua")
        response = self._post(client, site_tree, data)
        assert response.status_code == 302
        assert ArticlePage.objects.filter(slug="waspada-undangan-apk").exists()


# --- Every form the project's pages show, posted with control characters in every field ---


def _role_for(key, outcome="ok"):
    """A role the access table lets open `key`: a logged-in one if any, else anonymous."""
    column = ACCESS[key].split()
    allowed = [role for role, got in zip(ROLES, column, strict=True) if got == outcome]
    logged_in = [role for role in allowed if role != "anonymous"]
    return (logged_in or allowed or [None])[0]


def _forms(html, url):
    """(method, action, {name: [values]}) of each form on the page, with its default values."""
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        action = urljoin(url, form.get("action") or url)
        if urlsplit(action).netloc:
            continue
        fields = {}
        for element in form.find_all(["input", "textarea", "select"]):
            name = element.get("name")
            kind = (element.get("type") or "text").lower()
            if not name or kind in ("file", "image", "reset"):
                continue
            if element.name == "select":
                options = [
                    option.get("value", option.text) for option in element.find_all("option")
                ]
                value = next((option for option in options if option), "")
            elif element.name == "textarea":
                value = element.text
            else:
                value = element.get("value", "on" if kind in ("checkbox", "radio") else "")
            fields.setdefault(name, []).append(value)
        yield (form.get("method") or "get").lower(), action, fields


def _poisoned(fields, char):
    keep = {"csrfmiddlewaretoken"}
    return {
        name: values if name in keep else [f"{value or '1'}{char}" for value in values]
        for name, values in fields.items()
    }


def _writes(queries):
    found = []
    for query in queries:
        match = WRITE.match(query["sql"])
        if match and not BOOKKEEPING.fullmatch(match.group(1)):
            found.append(query["sql"][:120])
    return found


@pytest.fixture
def world(site_tree):
    return build_world(site_tree)


def _log_in_as(client, world, role):
    client.logout()
    if role != "anonymous":
        client.force_login(world.users[role])


def test_every_form_of_the_project_refuses_control_characters(client, world):
    """Every form on every page of the access table, opened as a role allowed to open it,
    posted with each field's value ending in a control character: never a 500, nothing
    written."""
    client.raise_request_exception = False
    posted, problems, names = 0, [], set()
    for key, url in sorted(world.urls.items()):
        role = _role_for(key)
        if role is None:
            continue
        _log_in_as(client, world, role)
        page = client.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        for method, action, fields in _forms(page.content.decode(), url):
            names |= set(fields)
            if not set(fields) - {"csrfmiddlewaretoken"}:
                continue  # nothing to put a character in (a delete or log-out button)
            for char in ("\x00", "\x1f\x7f\x85"):
                data = _poisoned(fields, char)
                with CaptureQueriesContext(connection) as queries:
                    if method == "post":
                        response = client.post(action, data)
                    else:
                        response = client.get(action, data)
                posted += 1
                if response.status_code >= 500:
                    problems.append((key, action, repr(char), response.status_code))
                elif method == "post" and _writes(queries.captured_queries):
                    problems.append((key, action, repr(char), _writes(queries.captured_queries)))
    assert posted > 50
    assert problems == []
    # The URLs that only answer POST (their forms live on other pages, or in scripts): every
    # name any form uses, each holding a NUL. They may act (a log-out needs no field), but
    # never fail.
    for key, url in sorted(world.urls.items()):
        role = _role_for(key, outcome="post")
        if role is None:
            continue
        _log_in_as(client, world, role)
        response = client.post(url, dict.fromkeys(names - {"csrfmiddlewaretoken"}, "1\x00"))
        if response.status_code >= 500:
            problems.append((key, url, response.status_code))
    assert problems == []


def test_a_control_character_in_the_query_of_any_page_is_no_error(client, world):
    """Lists, filters and searches read their query; a NUL or other control character in any
    parameter they read, or any other, is never a 500."""
    names = ["q", "halaman", "p", "kode", "next", "tabel", "tahun", "year", "topik", "tag"]
    names += ["ordering", "opd", "agency", "session", "status", "periode", "sort", "id"]
    client.raise_request_exception = False
    problems = []
    for key, url in sorted(world.urls.items()):
        role = _role_for(key)
        if role is None:
            continue
        _log_in_as(client, world, role)
        for char in ("\x00", "\x01\x7f"):
            response = client.get(url, dict.fromkeys(names, f"1{char}"))
            if response.status_code >= 500:
                problems.append((key, repr(char), response.status_code))
    assert problems == []


@pytest.mark.parametrize("query", ["q=hoaks%00", "q%01=hoaks", "q=hoaks%7F", "q=%C2%85"])
def test_a_query_parameter_with_a_control_character_is_dropped(client, site_tree, query):
    response = client.get(f"/cari/?{query}&halaman=1")
    assert response.status_code == 200
    assert response.context["query"] == ""
    assert response.wsgi_request.GET.dict() == {"halaman": "1"}


def test_a_query_with_tabs_and_newlines_is_read(client, site_tree):
    response = client.get("/cari/?q=hoaks%09apk%0A")
    assert response.status_code == 200 and response.context["query"] == "hoaks apk"
