"""/lapor/status/<code>/: the status, the dates, the public answer, the partner's outcome and the
published fact-check; nothing else. Unknown and malformed codes look the same; lookups are
limited; the page is never cached and sends no Referer."""

import datetime
import re

import pytest
from django.utils import timezone

from content.reports import limits
from content.reports.models import Case, PartnerOutcome, Status
from content.reports.rules import codes
from tests.factories.articles import FactCheckPageFactory
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.reports import screenshot_bytes, submit_report

pytestmark = pytest.mark.django_db

LINK = "https://www.facebook.com/permalink.php?story_fbid=777&id=888"
PRIVATE = {
    "description": "Isi-rahasia-pelapor-XYZ tentang camat",
    "email": "pelapor.rahasia@contoh.go.id",
    "phone": "+6281299990000",
    "agency": "Dinas Rahasia Lentera",
    "person": "Budi Terlapor Sentosa",
    "summary": "Ringkasan-internal-petugas",
}


def _path(code):
    return f"/lapor/status/{codes.readable(code)}/"


def _main(response):
    html = response.content.decode()
    return html.split('<main id="konten"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def reported(site_tree):
    """One case reported by two people; the first one's code is read."""
    mine = submit_report(
        links=[LINK],
        description=PRIVATE["description"],
        contact_email=PRIVATE["email"],
        contact_phone=PRIVATE["phone"],
        contact_consent=True,
        screenshots=[screenshot_bytes(seed=11)],
    )
    submit_report(links=[LINK + "&utm_source=wa"], description="laporan orang lain")
    case = mine.report.case
    assert case.reports.count() == 2
    agency = AgencyFactory(name=PRIVATE["agency"])
    person = ParticipantFactory(full_name=PRIVATE["person"])
    Case.objects.filter(pk=case.pk).update(
        agency=agency, reported_person=person, summary=PRIVATE["summary"]
    )
    return mine


def test_a_new_report_shows_its_status_and_receipt_only(client, reported):
    response = client.get(_path(reported.code))
    assert response.status_code == 200
    main = _main(response)
    assert "Baru" in main and "Diterima" in main
    local = timezone.localtime(reported.report.submitted_at)
    assert local.strftime("%Y") in main
    assert "Jawaban petugas" not in main and "Hasil Bawaslu" not in main


def test_the_page_shows_nothing_private_whatever_the_case_holds(client, reported, site_tree):
    fact_check = FactCheckPageFactory(parent=site_tree.fact_checks, title="Cek fakta bansos")
    fact_check.save_revision().publish()
    Case.objects.filter(pk=reported.report.case_id).update(
        status=Status.DONE,
        public_answer="Terima kasih, unggahan ini hoaks.",
        forwarded_at=timezone.now(),
        partner_outcome=PartnerOutcome.ACTED_ON,
        partner_outcome_at=timezone.now(),
        partner_note="Catatan-internal-Bawaslu",
        fact_check=fact_check,
    )
    response = client.get(_path(reported.code))
    main = _main(response)
    assert "Selesai" in main
    assert "Terima kasih, unggahan ini hoaks." in main
    assert "Hasil Bawaslu" in main and "Ditindaklanjuti" in main
    assert f'href="{fact_check.url}"' in main and "Cek fakta bansos" in main
    html = response.content.decode()
    for secret in (
        *PRIVATE.values(),
        "Catatan-internal-Bawaslu",
        "facebook",
        "888",
        "laporan orang lain",
        reported.report.screenshots.get().stored_sha256[:12],
        "aduan/",
    ):
        assert secret not in html, secret
    # No count of other reporters, and the only links in the page's content are the
    # fact-check and the lookup form's address.
    assert not re.search(r"\b2\s*(orang|pelapor|laporan)", main)
    assert re.findall(r'href="([^"]+)"', main) == [fact_check.url]


def test_the_partner_outcome_is_shown_only_for_a_forwarded_case(client, reported):
    Case.objects.filter(pk=reported.report.case_id).update(
        partner_outcome=PartnerOutcome.NOT_A_VIOLATION, partner_outcome_at=timezone.now()
    )
    assert "Hasil Bawaslu" not in _main(client.get(_path(reported.code)))
    Case.objects.filter(pk=reported.report.case_id).update(forwarded_at=timezone.now())
    main = _main(client.get(_path(reported.code)))
    assert "Hasil Bawaslu" in main and "Bukan pelanggaran" in main


def test_a_fact_check_not_live_is_not_linked(client, reported, site_tree):
    draft = FactCheckPageFactory(parent=site_tree.fact_checks, title="Draf cek fakta", live=False)
    Case.objects.filter(pk=reported.report.case_id).update(fact_check=draft)
    main = _main(client.get(_path(reported.code)))
    assert "Draf cek fakta" not in main and "href=" not in main.split("<form", 1)[0]


def test_the_last_change_is_the_latest_response_or_closing(client, reported):
    later = reported.report.submitted_at + datetime.timedelta(days=3)
    Case.objects.filter(pk=reported.report.case_id).update(
        status=Status.REJECTED,
        first_response_at=later - datetime.timedelta(days=1),
        closed_at=later,
    )
    response = client.get(_path(reported.code))
    assert response.context["report"].changed_at == later
    assert response.context["report"].status_label == "Ditolak"


def test_a_code_is_read_as_people_type_it(client, reported):
    typed = codes.readable(reported.code).lower().replace("-", " ")
    lookup = client.get("/lapor/status/", {"code": typed})
    assert lookup.status_code == 302
    assert lookup["Location"] == _path(reported.code)
    assert client.get(f"/lapor/status/{reported.code.lower()}/").status_code == 200


def test_unknown_and_malformed_codes_give_the_same_page(client, reported):
    unknown = codes.code_for_token("tidak-pernah-dikirim")
    answers = [
        client.get(_path(unknown)),
        client.get("/lapor/status/bukan-kode/"),
        client.get("/lapor/status/" + "A" * 25 + "/"),
        client.get("/lapor/status/%3Cscript%3E/"),
        client.get("/lapor/status/", {"code": "bukan kode"}),
    ]
    assert {response.status_code for response in answers} == {404}
    bodies = {re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", r.content) for r in answers}
    assert len(bodies) == 1
    assert b"Kode pelacakan tidak ditemukan" in answers[0].content


def test_the_lookup_form_without_a_code_is_the_form(client):
    response = client.get("/lapor/status/")
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_lookups_are_limited_per_address_alike_for_known_and_unknown_codes(
    client, reported, settings
):
    settings.REPORT_LOOKUPS_PER_ADDRESS = 2
    assert client.get(_path(reported.code)).status_code == 200
    assert client.get("/lapor/status/bukan-kode/").status_code == 404
    held = [client.get(_path(reported.code)), client.get("/lapor/status/bukan-kode/")]
    assert {response.status_code for response in held} == {429}
    assert held[0].content == held[1].content
    assert limits.LOOKUPS_THROTTLED_MESSAGE in held[0].content.decode()
    assert "Baru" not in _main(held[0])
    other = client.get(_path(reported.code), REMOTE_ADDR="10.1.1.1")
    assert other.status_code == 200


def test_the_status_page_is_private_and_sends_no_referer(client, reported, cache_on):
    for path in (_path(reported.code), "/lapor/status/bukan-kode/", "/lapor/status/"):
        response = client.get(path)
        assert response["Referrer-Policy"] == "no-referrer", path
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "X-Lentera-Cache" not in response


def test_a_cached_copy_never_answers_for_the_status_page(client, reported, cache_on, settings):
    """The anonymous page cache takes any 200 that is not private: the status page would be
    served from it, skipping the lookup limit and keeping the code in a shared cache."""
    settings.REPORT_LOOKUPS_PER_ADDRESS = 1
    assert client.get(_path(reported.code)).status_code == 200
    assert client.get(_path(reported.code)).status_code == 429
