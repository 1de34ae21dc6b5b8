"""The desk's screens in the admin: the queue (filters, order, a fixed number of queries, no
contact), a case's page (links as text, rel on the one clickable form, screenshots only through
the desk's view), its forms going through the services, and the logged look at personal data."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from content.reports import admin_cases
from content.reports.models import Case, CaseLogEntry, Kind, Platform, Screenshot, Status
from content.reports.selectors import queue
from content.reports.services import triage
from tests.base.test_admin_language import _english_in as english_in
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.reports import screenshot_bytes, submit_report
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/aduan/"


@pytest.fixture
def desk(client):
    user = UserFactory(username="petugas", groups=["Petugas Aduan"])
    client.force_login(user)
    return user


def report(n, **kwargs):
    kwargs.setdefault("links", [f"https://www.facebook.com/permalink.php?story_fbid={n}&id=2"])
    return submit_report(**kwargs).report


def case_numbers(html):
    return [int(n) for n in re.findall(r'href="/admin/aduan/(\d+)/"', html)]


class TestQueue:
    def test_the_contact_never_appears_in_the_queue(self, client, desk):
        report(1, contact_email="rahasia@contoh.id", contact_phone="081234567890")
        html = client.get(QUEUE).content.decode()
        assert "rahasia@contoh.id" not in html and "081234567890" not in html
        assert "facebook.com" in html

    def test_oldest_open_case_comes_first_and_closed_cases_last(self, client, desk):
        first, second, third = (report(n).case for n in (1, 2, 3))
        now = timezone.now()
        for case, days in ((first, 3), (second, 5), (third, 9)):
            Case.objects.filter(pk=case.pk).update(opened_at=now - datetime.timedelta(days=days))
        triage.case_change_status(case=third, status=Status.REJECTED, user=desk, reason="Spam")
        assert case_numbers(client.get(QUEUE).content.decode()) == [second.pk, first.pk, third.pk]

    def test_a_case_shows_how_many_people_reported_it(self, client, desk):
        report(1)
        report(1)
        report(1, links=["https://m.facebook.com/permalink.php?id=2&story_fbid=1&fbclid=x"])
        html = client.get(QUEUE).content.decode()
        assert re.search(r"<td[^>]*>\s*3\s*</td>", html)

    @pytest.mark.parametrize(
        "query,expected",
        [
            ({"status": "diverifikasi"}, ["verified"]),
            ({"kind": "asn_kampanye"}, ["asn"]),
            ({"platform": "tiktok"}, ["tiktok"]),
            ({"officer": "none"}, ["hoax", "tiktok", "asn"]),
        ],
    )
    def test_filters(self, client, desk, query, expected):
        made = {
            "hoax": report(1).case,
            "verified": report(2).case,
            "tiktok": report(3, links=["https://www.tiktok.com/@a/video/3"]).case,
            "asn": report(4, kind=Kind.ASN_CAMPAIGN).case,
        }
        triage.case_change_status(case=made["verified"], status=Status.VERIFIED, user=desk)
        triage.case_assign(case=made["verified"], officer=desk, user=desk)
        got = case_numbers(client.get(QUEUE, query).content.decode())
        assert sorted(got) == sorted(made[name].pk for name in expected)

    def test_filter_by_agency_officer_and_period(self, client, desk):
        agency = AgencyFactory()
        old, recent = report(1).case, report(2).case
        Case.objects.filter(pk=old.pk).update(
            opened_at=timezone.now() - datetime.timedelta(days=40)
        )
        triage.case_set_agency(case=recent, agency=agency, user=desk)
        triage.case_assign(case=old, officer=desk, user=desk)
        assert case_numbers(client.get(QUEUE, {"agency": agency.pk}).content.decode()) == [
            recent.pk
        ]
        assert case_numbers(client.get(QUEUE, {"officer": desk.pk}).content.decode()) == [old.pk]
        today = timezone.localdate()
        since = {"opened_from": (today - datetime.timedelta(days=7)).isoformat()}
        assert case_numbers(client.get(QUEUE, since).content.decode()) == [recent.pk]

    def test_past_the_limit_is_said_in_words(self, client, desk, settings):
        settings.REPORT_FIRST_RESPONSE_HOURS = 24
        case = report(1).case
        html = client.get(QUEUE).content.decode()
        assert "Lewat batas tanggapan" not in html
        Case.objects.filter(pk=case.pk).update(
            opened_at=timezone.now() - datetime.timedelta(hours=30)
        )
        html = client.get(QUEUE).content.decode()
        assert "Menunggu tanggapan 1 hari 6 jam" in html
        assert "Lewat batas tanggapan" in html

    def test_the_number_of_queries_does_not_grow_with_the_cases(self, client, desk):
        report(0, kind=Kind.ASN_CAMPAIGN)
        with CaptureQueriesContext(connection) as one:
            assert client.get(QUEUE).status_code == 200
        agency = AgencyFactory()
        for n in range(1, 30):
            case = report(n, screenshots=[screenshot_bytes(seed=n)] if n % 5 == 0 else []).case
            if n % 3 == 0:
                triage.case_assign(case=case, officer=desk, user=desk)
                triage.case_set_agency(case=case, agency=agency, user=desk)
        assert Case.objects.count() == 30
        with CaptureQueriesContext(connection) as thirty:
            html = client.get(QUEUE).content.decode()
        assert len(case_numbers(html)) == 30
        assert len(thirty) == len(one)

    def test_the_selector_reads_the_queue_in_one_query(self, desk, django_assert_num_queries):
        for n in range(5):
            report(n)
        with django_assert_num_queries(1):
            rows = list(queue.cases(status=["baru"]))
            assert [row.report_count for row in rows] == [1] * 5
            assert all(row.first_link.startswith("https://facebook.com/") for row in rows)


class TestCasePage:
    def test_links_are_text_with_their_domain_and_the_clickable_one_is_safe(self, client, desk):
        case = report(
            1,
            links=[
                "https://www.facebook.com/permalink.php?story_fbid=1&id=2",
                "javascript:alert(1)",
            ],
        ).case
        html = client.get(f"/admin/aduan/{case.pk}/").content.decode()
        assert "<code>https://www.facebook.com/permalink.php?story_fbid=1&amp;id=2</code>" in html
        assert "(facebook.com)" in html
        # Every anchor to a reported address (the admin's own help links aside).
        external = re.findall(r"<a [^>]*href=\"https?://[^\"]*facebook[^\"]*\"[^>]*>", html)
        assert external, "the reported link has a clickable form"
        for anchor in external:
            assert 'rel="noopener noreferrer nofollow"' in anchor
            assert 'target="_blank"' in anchor
        assert 'href="javascript:' not in html
        assert "<code>javascript:alert(1)</code>" in html

    def test_screenshots_with_their_hashes_come_only_through_the_evidence_view(self, client, desk):
        case = report(1, screenshots=[screenshot_bytes(seed=4)]).case
        shot = Screenshot.objects.get()
        html = client.get(f"/admin/aduan/{case.pk}/").content.decode()
        url = reverse("reports_case_screenshot", args=[case.pk, shot.pk])
        assert f'src="{url}"' in html
        assert shot.original_sha256 in html and shot.stored_sha256 in html
        assert shot.image.name not in html  # the storage name is never handed out
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert "private, no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        # Another case's id does not open it.
        other = report(2).case
        assert (
            client.get(reverse("reports_case_screenshot", args=[other.pk, shot.pk])).status_code
            == 404
        )

    @pytest.mark.parametrize("group", ["Mitra Bawaslu", "Editor", None])
    def test_no_one_else_gets_a_screenshot(self, client, group):
        case = report(1, screenshots=[screenshot_bytes(seed=4)]).case
        shot = Screenshot.objects.get()
        user = UserFactory(username="lain", groups=[group] if group else [], is_staff=True)
        client.force_login(user)
        response = client.get(reverse("reports_case_screenshot", args=[case.pk, shot.pk]))
        # Bawaslu: not forwarded, so no such case for them (the partner walk holds the rest).
        assert response.status_code in (302, 403, 404)
        assert not hasattr(response, "streaming_content")

    def test_the_contact_shows_only_after_the_logged_post(self, client, desk):
        case = report(1, contact_email="rahasia@contoh.id", contact_consent=True).case
        html = client.get(f"/admin/aduan/{case.pk}/").content.decode()
        assert "rahasia@contoh.id" not in html
        assert "Tampilkan kontak pelapor" in html
        assert not CaseLogEntry.objects.filter(action=triage.LOG_VIEW_PERSONAL).exists()
        response = client.post(f"/admin/aduan/{case.pk}/data-pribadi/")
        assert "rahasia@contoh.id" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        entry = CaseLogEntry.objects.get(action=triage.LOG_VIEW_PERSONAL)
        assert entry.user == desk and entry.object_id == str(case.pk)
        # The page's history says who looked.
        html = client.get(f"/admin/aduan/{case.pk}/").content.decode()
        assert "Data pribadi dibuka" in html
        assert client.get(f"/admin/aduan/{case.pk}/data-pribadi/").status_code == 405

    def test_the_status_form_goes_through_the_service_and_refusals_are_shown(self, client, desk):
        case = report(1).case
        url = f"/admin/aduan/{case.pk}/status/"
        response = client.post(
            url, {"status": "ditolak", "reason": "", "expected": "baru"}, follow=True
        )
        assert "Tuliskan alasan penolakan: pelapor akan membacanya." in response.content.decode()
        assert Case.objects.get(pk=case.pk).status == Status.NEW
        client.post(
            url, {"status": "diverifikasi", "expected": "baru", "public_answer": "Kami cek."}
        )
        case.refresh_from_db()
        assert case.status == Status.VERIFIED and case.public_answer == "Kami cek."
        # The same stale form again: refused, nothing moves.
        response = client.post(
            url, {"status": "ditolak", "reason": "x", "expected": "baru"}, follow=True
        )
        assert Case.objects.get(pk=case.pk).status == Status.VERIFIED
        assert "Pilih salah satu" in response.content.decode() or "petugas lain" in (
            response.content.decode()
        )
        html = client.get(f"/admin/aduan/{case.pk}/").content.decode()
        assert "Baru → Diverifikasi" in html

    def test_assign_agency_and_the_person_reported(self, client, desk):
        agency = AgencyFactory(name="Dinas Pendidikan")
        person = ParticipantFactory(full_name="Siti Rahmawati", nip="198702022011012002")
        case = report(1, kind=Kind.ASN_CAMPAIGN).case
        client.post(f"/admin/aduan/{case.pk}/petugas/", {"officer": desk.pk})
        client.post(f"/admin/aduan/{case.pk}/opd/", {"agency": agency.pk})
        found = client.get(f"/admin/aduan/{case.pk}/", {"cari": "Rahma"}).content.decode()
        assert "Siti Rahmawati" in found
        client.post(f"/admin/aduan/{case.pk}/asn/", {"participant": person.pk})
        case.refresh_from_db()
        assert (case.assigned_to, case.agency, case.reported_person) == (desk, agency, person)
        # The person's name is not on the page until the logged look.
        html = client.get(f"/admin/aduan/{case.pk}/").content.decode()
        assert "Siti Rahmawati" not in html
        revealed = client.post(f"/admin/aduan/{case.pk}/data-pribadi/").content.decode()
        assert "Siti Rahmawati" in revealed and "198702022011012002" in revealed

    def test_the_person_reported_never_sees_the_case_in_their_account(self, client, desk):
        person = ParticipantFactory(full_name="Siti Rahmawati")
        case = report(1, kind=Kind.ASN_CAMPAIGN).case
        triage.case_link_person(case=case, participant=person, user=desk)
        client.force_login(person)
        for name in ("people:account", "people:my_data"):
            response = client.get(reverse(name))
            assert response.status_code == 200
            text = response.content.decode()
            assert f"Kasus #{case.pk}" not in text
            assert "ASN ikut kampanye" not in text and "bansos" not in text.lower()

    def test_the_case_page_reads_a_fixed_number_of_queries(self, client, desk):
        def count(case):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/admin/aduan/{case.pk}/").status_code == 200
            return len(queries)

        small = report(1, screenshots=[screenshot_bytes(seed=1)]).case
        big = report(2, screenshots=[screenshot_bytes(seed=2)]).case
        for n in range(9):
            report(2, screenshots=[screenshot_bytes(seed=10 + n), screenshot_bytes(seed=30 + n)])
        triage.case_change_status(case=big, status=Status.VERIFIED, user=desk)
        triage.case_assign(case=big, officer=desk, user=desk)
        assert Case.objects.get(pk=big.pk).reports.count() == 10
        assert count(big) == count(small)

    def test_a_closed_case_offers_reopening_with_a_reason(self, client, desk):
        case = report(1).case
        triage.case_change_status(case=case, status=Status.REJECTED, user=desk, reason="Spam")
        html = client.get(f"/admin/aduan/{case.pk}/").content.decode()
        assert "Buka kembali: Diverifikasi" in html
        url = f"/admin/aduan/{case.pk}/status/"
        client.post(url, {"status": "diverifikasi", "expected": "ditolak"})
        assert Case.objects.get(pk=case.pk).status == Status.REJECTED
        client.post(url, {"status": "diverifikasi", "expected": "ditolak", "reason": "Keliru"})
        assert Case.objects.get(pk=case.pk).status == Status.VERIFIED


class TestCaseActions:
    def test_registered_buttons_show_on_the_case_page(self, client, desk):
        action = admin_cases.CaseAction(
            label="Tombol uji", url=lambda case: f"/uji/{case.pk}/", method="post", order=1
        )
        hidden = admin_cases.CaseAction(
            label="Tombol tersembunyi", url=lambda case: "/x/", is_shown=lambda r, c: False
        )
        admin_cases.register_case_action(action)
        admin_cases.register_case_action(hidden)
        try:
            case = report(1).case
            html = client.get(f"/admin/aduan/{case.pk}/").content.decode()
            assert f'action="/uji/{case.pk}/"' in html and "Tombol uji" in html
            assert "Tombol tersembunyi" not in html
        finally:
            admin_cases.CASE_ACTIONS.remove(action)
            admin_cases.CASE_ACTIONS.remove(hidden)


class TestWhoSeesTheDesk:
    @pytest.mark.parametrize("group", ["Mitra Bawaslu", "Editor", "Analyst", "Organizer"])
    def test_the_queue_and_a_case_are_refused_to_others(self, client, group):
        case = report(1).case
        client.force_login(UserFactory(username="lain", groups=[group]))
        for url in (QUEUE, f"/admin/aduan/{case.pk}/"):
            response = client.get(url)
            assert response.status_code in (302, 403)
            assert (
                response.status_code == 403
                or response["Location"] in ("/admin/",)
                or (response["Location"].startswith("/admin/login/"))
            )

    def test_the_menu_is_shown_to_the_desk_only(self, client, desk):
        assert "Antrean kasus" in client.get("/admin/").content.decode()
        client.force_login(UserFactory(username="bawaslu", groups=["Mitra Bawaslu"]))
        html = client.get("/admin/").content.decode()
        assert "Antrean kasus" not in html

    def test_a_platform_choice_is_offered_for_every_platform(self, client, desk):
        html = client.get(QUEUE).content.decode()
        for platform in Platform:
            assert platform.label in html


class TestLanguage:
    def test_the_desk_pages_speak_indonesian(self, client, desk):
        case = report(
            1,
            kind=Kind.ASN_CAMPAIGN,
            screenshots=[screenshot_bytes(seed=1)],
            contact_email="pelapor@contoh.id",
        ).case
        triage.case_change_status(case=case, status=Status.VERIFIED, user=desk)
        pages = {
            "queue": client.get(QUEUE).content.decode(),
            "filtered": client.get(QUEUE, {"status": "baru", "opened_from": "2026-01-01"}),
            "case": client.get(f"/admin/aduan/{case.pk}/", {"cari": "Budi"}),
            "personal": client.post(f"/admin/aduan/{case.pk}/data-pribadi/"),
        }
        found = {
            name: english_in(page if isinstance(page, str) else page.content.decode())
            for name, page in pages.items()
        }
        assert found == {name: [] for name in pages}
