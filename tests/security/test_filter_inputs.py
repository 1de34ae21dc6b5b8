"""Hostile values in the query string never make a 500: every page of the access table that
shows a filter form (a form sent by GET) is opened, as a user the table lets in, with each of
its parameters set to each hostile value: out-of-range and malformed dates, ids past a 64-bit
integer, digits that are not ASCII, NUL, repeated keys, very long values. The page answers, and
a choice, date or number the form cannot take is named in a message on the page.

Runs on SQLite and on PostgreSQL (where an id past 2**63 raised DataError)."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from content.base.field_bounds import DATE_OUT_OF_RANGE
from tests.access.test_access import ACCESS
from tests.access.world import ROLES, build_world

pytestmark = pytest.mark.django_db

HOSTILE = [
    "abc",
    "99999999999999999999",
    "-99999999999999999999",
    "0000-01-01",
    "0001-01-01",
    "9999-99-99",
    "9999-12-31",
    "10000-01-01",
    "²",
    "1\x00",
    "x" * 3000,
]
# Values a typed field (a choice, a date, a number) cannot take, by kind of field: the page must
# say so. (NUL is left to the request guard, which may refuse the request before the form sees
# it; a yes/no radio or checkbox reads anything else as "all", as Wagtail's filters do.)
REFUSED = {
    "select": ["abc", "99999999999999999999", "0001-01-01", "9999-12-31", "²"],
    "date": ["abc", "0001-01-01", "9999-99-99", "9999-12-31", "²"],
    "number": ["abc", "²"],
}
# Messages a refusing field shows (Django's in Indonesian, and the site's own).
MESSAGE = re.compile(
    r"Masukkan [^<]*valid|Masukkan sebuah bilangan|Masukkan keseluruhan angka"
    r"|bukan nilai yang valid|Tanggal harus|diabaikan"
)


class _GetForms(HTMLParser):
    """The fields of a page's GET forms, by the address each form sends to:
    {address: {name: kind}}, kind "select", "date", "number" or "" (text and the rest)."""

    def __init__(self, path):
        super().__init__()
        self.path, self.forms, self._target = path, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._target = None
            if (attrs.get("method") or "get").lower() == "get":
                action = (attrs.get("action") or self.path).split("?")[0]
                # Wagtail's listings refresh through their results view: the page is the same.
                listing = action.endswith("/results/") and action.startswith(self.path)
                self._target = self.path if action in (".", "") or listing else action
        elif self._target and tag in ("input", "select", "textarea") and attrs.get("name"):
            kind = attrs.get("type", "text") if tag == "input" else tag
            if kind not in ("submit", "button") and attrs["name"] != "csrfmiddlewaretoken":
                kind = kind if kind in REFUSED else ""
                fields = self.forms.setdefault(self._target, {})
                fields[attrs["name"]] = fields.get(attrs["name"]) or kind

    def handle_endtag(self, tag):
        if tag == "form":
            self._target = None


def _filter_routes(client, world):
    """(key, address, role, {parameter: kind}, messages on the unfiltered page) for every GET
    form on every URL of the access table, opened as the first role the table lets in."""
    for key, url in sorted(world.urls.items()):
        column = ACCESS[key].split()
        if "ok" not in column:
            continue
        role = ROLES[column.index("ok")]
        _login(client, world, role)
        response = client.get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = _GetForms(url.split("?")[0])
        parser.feed(response.content.decode())
        for target, fields in sorted(parser.forms.items()):
            yield key, target, role, fields, _messages(client.get(target))


def _login(client, world, role):
    client.logout()
    if role != "anonymous":
        client.force_login(world.users[role])


def _is_page(response):
    """An HTML page (not a file download, not a redirect)."""
    ok = response.status_code == 200
    return ok and response.get("Content-Type", "").startswith("text/html")


def _messages(response):
    if not _is_page(response):
        return 0
    return len(MESSAGE.findall(response.content.decode(errors="replace")))


def test_every_filter_parameter_takes_hostile_values(site_tree):
    world = build_world(site_tree)
    # A failing view answers 500 here (and is listed) instead of stopping the test.
    client = Client(raise_request_exception=False)
    routes = list(_filter_routes(client, world))
    keys = {key for key, *_ in routes}
    # The discovery finds the filter pages (a broken discovery would test nothing).
    assert {"stats_dashboard", "stats_report_agencies", "attendance:index"} <= keys
    failures, typed_checked = [], 0
    for key, url, role, fields, baseline in routes:
        _login(client, world, role)
        for name, kind in sorted(fields.items()):
            for value in [*HOSTILE, ["1", "abc"], ["abc"] * 50]:
                response = client.get(url, {name: value})
                shown = repr(value)[:40]
                if response.status_code >= 500:
                    failures.append(f"{key} ?{name}={shown}: {response.status_code}")
                elif value in REFUSED.get(kind, ()) and _is_page(response):
                    typed_checked += 1
                    if _messages(response) <= baseline:
                        failures.append(f"{key} ?{name}={shown}: no message on the page")
    assert typed_checked > 0
    assert not failures, "\n".join(failures)


def test_the_statistics_filters_name_the_refused_value_and_keep_the_others(client, site_tree):
    world = build_world(site_tree)
    client.force_login(world.users["analyst"])
    agency = world.users["asn"].agency
    response = client.get(
        world.urls["stats_report_agencies"],
        {"start": "0001-01-01", "agency": agency.pk, "end": "2026-12-31"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and DATE_OUT_OF_RANGE in html
    # The valid filters still apply, and say so.
    assert f"OPD {agency}" in html
