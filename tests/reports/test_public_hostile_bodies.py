"""Bodies no browser of ours sends to /lapor/: never a 500, nothing saved."""

import pytest
from django.test import Client

from content.reports.models import Case, Report, Screenshot
from tests.reports.public_helpers import form_data

pytestmark = pytest.mark.django_db


def _nothing_saved():
    return (Report.objects.count(), Case.objects.count(), Screenshot.objects.count()) == (0, 0, 0)


def _raw(client, body, content_type, **extra):
    return client.generic("POST", "/lapor/", body, content_type=content_type, **extra)


HOSTILE = {
    "json": (b'{"kind": "hoaks", "links": "https://x.com/a/status/1"}', "application/json"),
    "broken multipart": (b"--xx\r\nContent-Disposition: form-data\r\n\r\n", "multipart/form-data"),
    "multipart without boundary": (b"kind=hoaks", "multipart/form-data"),
    "latin-1 urlencoded": (
        "kind=hoaks&links=https://x.com/é".encode("latin-1"),
        "application/x-www-form-urlencoded",
    ),
    "nul in a name": (b"ki\x00nd=hoaks&links=https://x.com/a", "application/x-www-form-urlencoded"),
    "empty": (b"", "application/x-www-form-urlencoded"),
    "text": (b"halo", "text/plain"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_body_is_no_error_and_saves_nothing(name):
    client = Client(raise_request_exception=False)
    body, content_type = HOSTILE[name]
    response = _raw(client, body, content_type)
    assert response.status_code < 500, name
    assert _nothing_saved()


@pytest.mark.parametrize("length", ["abc", "-5", "99999999999999999999999", "1e9", "²"])
def test_a_hostile_content_length_is_no_error(length):
    client = Client(raise_request_exception=False)
    response = client.post("/lapor/", form_data(), CONTENT_LENGTH=length)
    assert response.status_code < 500
    assert Report.objects.count() <= 1


def test_repeated_keys_and_odd_values_are_no_error(client):
    data = form_data()
    data["kind"] = ["hoaks", "spam"]
    data["links"] = ["https://x.com/a/status/1"] * 50
    data["consent"] = ["on", "off"]
    data["screenshots"] = "bukan berkas"
    response = client.post("/lapor/", data)
    assert response.status_code in (200, 303)


def test_many_fields_are_refused_not_an_error():
    client = Client(raise_request_exception=False)
    data = form_data()
    data.update({f"x{number}": "1" for number in range(11_000)})
    response = client.post("/lapor/", data)
    assert response.status_code == 400
    assert _nothing_saved()
