"""No page a stranger can open shows a participant's NIP (or any part that gives it away), NIK,
phone or email: every URL of the access table that a visitor or another participant may open,
the verification page of their certificate by code and by uploading its PDF, and the answers of
"Cocokkan NIP". The certificate's own PDF (and its QR code, which holds only the verification
address) belongs to its holder and is not a public page."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content.certificates import links
from content.certificates.models import Certificate
from content.certificates.services import certificate_render
from tests.access.test_access import ACCESS
from tests.access.world import ROLES, build_world

pytestmark = pytest.mark.django_db

NIK = "3471011201900003"
PHONE = "081377665544"
CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"CSRF_TOKEN": ")[^"]*"')


def _identifiers(person):
    nip = person.nip
    # The whole NIP, its birth date, and its appointment month with gender and sequence.
    return {nip, nip[:8], nip[8:], NIK, PHONE, PHONE[1:], person.email}


def _shown(response, identifiers):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = CSRF.sub("", body.decode("utf-8", "ignore"))
    return sorted(value for value in identifiers if value in text)


@pytest.mark.parametrize("role", ["anonymous", "ptt"])
def test_no_page_a_stranger_opens_shows_a_participants_identifiers(client, site_tree, role):
    world = build_world(site_tree)
    person = world.users["asn"]
    type(person).objects.filter(pk=person.pk).update(nik=NIK, phone=PHONE)
    identifiers = _identifiers(person)
    if role != "anonymous":
        client.force_login(world.users[role])
    column = ROLES.index(role)
    leaks = {}
    for key, url in sorted(world.urls.items()):
        if ACCESS[key].split()[column] == "ok":
            shown = _shown(client.get(url), identifiers)
            if shown:
                leaks[key] = shown
    assert leaks == {}


def test_the_verification_answers_show_none_of_them(client, site_tree):
    world = build_world(site_tree)
    person = world.users["asn"]
    identifiers = _identifiers(person)
    certificate = Certificate.objects.get(participant=person)
    certificate = certificate_render(
        certificate=certificate, verify_url=links.verify_url(certificate.code)
    )
    with certificate.pdf.open("rb") as handle:
        pdf = handle.read()
    upload = SimpleUploadedFile("sertifikat.pdf", pdf, content_type="application/pdf")
    responses = {
        "by code": client.get(reverse("certificates:verify_code", args=[certificate.code])),
        "by upload": client.post(reverse("certificates:verify"), {"berkas": upload}),
    }
    for typed in (person.nip, "199001012015031001"):
        responses[f"nip {typed}"] = client.post(
            reverse("certificates:verify_nip", args=[certificate.code]), {"nip": typed}
        )
    assert "Sertifikat sah" in responses["by upload"].content.decode()
    assert {name: _shown(response, identifiers) for name, response in responses.items()} == {
        name: [] for name in responses
    }
