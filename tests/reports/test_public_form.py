"""/lapor/: a report through the public form, and every refusal with its Indonesian message and
nothing saved."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from content.reports import forms, limits, views
from content.reports.models import Case, CaseLink, Report, Screenshot
from content.reports.rules import codes, images, links
from tests.factories import bombs
from tests.factories.people import ParticipantFactory
from tests.factories.reports import screenshot_bytes
from tests.reports.public_helpers import form_data, png_upload, post_report, served_token

pytestmark = pytest.mark.django_db


def _stored_files():
    found = set()
    for root in {settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT}:
        found |= {str(path) for path in Path(root).rglob("*") if path.is_file()}
    return found


def _state():
    return (
        Report.objects.count(),
        Case.objects.count(),
        CaseLink.objects.count(),
        Screenshot.objects.count(),
        _stored_files(),
    )


def _sent_code(client, response):
    assert response.status_code == 303, response.content.decode()[-2000:]
    assert response["Location"] == "/lapor/terkirim/"
    page = client.get("/lapor/terkirim/")
    assert page.status_code == 200
    return page.context["code"]


class TestTheForm:
    def test_the_form_is_multipart_with_a_signed_token_and_a_hidden_honeypot(self, client):
        response = client.get("/lapor/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'enctype="multipart/form-data"' in html
        assert '<div hidden aria-hidden="true">' in html and 'name="website"' in html
        assert 'name="screenshots"' in html and "multiple" in html
        for value in ("hoaks", "asn_kampanye", "ujaran_kebencian", "lainnya"):
            assert f'value="{value}"' in html
        token = forms.token_read(response.context["token"])
        assert token is not None and len(token.nonce) >= 40
        assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
        # The form page keeps the site's Referrer-Policy: with no-referrer, Chromium posts the
        # form with `Origin: null` and the CSRF check refuses it (found by the e2e test).
        assert response.get("Referrer-Policy") != "no-referrer"

    def test_the_header_links_to_the_form(self, client):
        html = client.get("/lapor/status/").content.decode()
        header = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
        assert '<a href="/lapor/" aria-current="page">Lapor hoaks</a>' in header
        other = client.get("/akun/masuk/").content.decode().split('<nav class="site-nav"', 1)[1]
        assert '<a href="/lapor/" >Lapor hoaks</a>' in other.split("</nav>", 1)[0]


class TestAReport:
    def test_a_report_with_links_and_a_screenshot_is_saved_and_its_code_shown_once(self, client):
        links = (
            "https://www.facebook.com/permalink.php?story_fbid=1&id=2\n\n"
            "https://vt.tiktok.com/ZS8abc/\n"
            "https://www.facebook.com/permalink.php?story_fbid=1&id=2\n"
        )
        response = post_report(
            client,
            links=links,
            seen_at=(timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
            screenshots=[png_upload(screenshot_bytes(seed=2, fmt="JPEG"), name="foto.jpg")],
        )
        code = _sent_code(client, response)
        report = Report.objects.get()
        assert report.code_digest == codes.digest(codes.canonical(code))
        assert report.links == [
            "https://www.facebook.com/permalink.php?story_fbid=1&id=2",
            "https://vt.tiktok.com/ZS8abc/",
        ]
        assert report.platform == "facebook" and report.kind == "hoaks"
        assert timezone.localtime(report.seen_at).date() == (
            timezone.localdate() - datetime.timedelta(days=2)
        )
        assert report.reporter is None and not report.contact_consent
        assert Screenshot.objects.get().original_format == "JPEG"
        # The code page: the code, the status link, and what the links were recognised as.
        again = client.get("/lapor/terkirim/")
        assert again.status_code == 302 and again["Location"] == "/lapor/"

    def test_the_code_page_shows_the_status_link_and_the_recognised_platforms(self, client):
        response = post_report(client, links="https://vt.tiktok.com/ZS8abc/")
        assert response.status_code == 303
        page = client.get("/lapor/terkirim/")
        html = page.content.decode()
        code = page.context["code"]
        assert code in html and f'href="/lapor/status/{code}/"' in html
        assert "<strong>TikTok</strong> · vt.tiktok.com" in html
        assert page["Referrer-Policy"] == "no-referrer"
        assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]

    def test_a_participants_report_is_linked_to_their_account(self, client):
        participant = ParticipantFactory()
        client.force_login(participant)
        assert post_report(client).status_code == 303
        assert Report.objects.get().reporter == participant

    def test_a_screenshot_alone_is_enough(self, client):
        response = post_report(client, links="", screenshots=[png_upload(screenshot_bytes(seed=3))])
        assert response.status_code == 303
        assert Report.objects.get().links == []

    def test_a_screenshot_is_taken_by_its_content_not_its_name_or_type(self, client):
        upload = png_upload(screenshot_bytes(seed=4, fmt="WEBP"), "catatan.txt", "text/plain")
        assert post_report(client, screenshots=[upload]).status_code == 303
        assert Screenshot.objects.get().original_format == "WEBP"

    def test_a_doubled_post_of_one_form_is_one_report_with_one_code(self, client):
        data = form_data(contact="siti@contoh.go.id", consent="on")
        first = _sent_code(client, client.post("/lapor/", data))
        second = _sent_code(client, client.post("/lapor/", data))
        assert first == second
        assert Report.objects.count() == 1

    def test_the_stored_screenshot_holds_nothing_appended_to_the_upload(self, client):
        polyglot = screenshot_bytes(seed=5) + b"PK\x03\x04<?php echo 'lentera-payload'; ?>"
        assert post_report(client, screenshots=[png_upload(polyglot)]).status_code == 303
        (path,) = _stored_files()
        stored = Path(path).read_bytes()
        assert stored.startswith(b"\x89PNG") and b"lentera-payload" not in stored


class TestContact:
    @pytest.mark.parametrize(
        "typed, email, phone",
        [
            ("  Siti.Aminah@Contoh.GO.ID ", "siti.aminah@contoh.go.id", ""),
            ("ｓｉｔｉ@contoh.go.id", "siti@contoh.go.id", ""),
            ("0812-3456-7890", "", "+6281234567890"),
            ("+62 812 3456 7890", "", "+6281234567890"),
            ("62 812.3456.7890", "", "+6281234567890"),
            ("(021) 555 1234", "", "+62215551234"),
            ("٠٨١٢٣٤٥٦٧٨٩٠", "", "+6281234567890"),
        ],
    )
    def test_a_contact_is_kept_in_one_spelling(self, client, typed, email, phone):
        assert post_report(client, contact=typed, consent="on").status_code == 303
        report = Report.objects.get()
        assert (report.contact_email, report.contact_phone) == (email, phone)
        assert report.contact_consent

    def test_the_tracking_code_is_emailed_when_an_email_is_given(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = post_report(client, contact="Siti@Contoh.go.id", consent="on")
        code = _sent_code(client, response)
        (message,) = mail.outbox
        assert message.to == ["siti@contoh.go.id"]
        assert code in message.body
        assert f"/lapor/status/{code}/" in message.body

    def test_no_email_is_sent_for_a_phone_or_no_contact(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            post_report(client, contact="081234567890", consent="on")
            post_report(client)
        assert Report.objects.count() == 2
        assert mail.outbox == []


def _too_large():
    return [
        png_upload(screenshot_bytes(seed=seed) + b"\x00" * (4 * 1024 * 1024)) for seed in range(5)
    ]


REFUSALS = {
    "nothing to see": ({"links": ""}, forms.NOTHING_TO_SEE_MESSAGE),
    "javascript link": ({"links": "javascript:alert(1)"}, "diawali http:// atau https://"),
    "ftp link": ({"links": "ftp://contoh.com/berkas"}, "diawali http:// atau https://"),
    "no host": ({"links": "https:///jalan"}, "tidak memuat nama situs"),
    "bare word host": ({"links": "http://localhost/x"}, "tidak memuat nama situs"),
    "credentials": ({"links": "https://a:b@contoh.com/"}, "nama pengguna atau kata sandi"),
    "two links on a line": (
        {"links": "https://contoh.com/a https://contoh.com/b"},
        "satu baris hanya boleh berisi satu tautan",
    ),
    "too long": (
        {"links": "https://contoh.com/" + "a" * links.MAX_LINK_LENGTH},
        f"lebih dari {links.MAX_LINK_LENGTH} karakter",
    ),
    "six links": (
        {"links": "\n".join(f"https://contoh.com/{n}" for n in range(6))},
        "paling banyak 5 tautan",
    ),
    "future date": (
        {"seen_at": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
        "tidak boleh setelah hari ini",
    ),
    "not a date": ({"seen_at": "kemarin"}, "Isi tanggal dengan benar"),
    "no kind": ({"kind": ""}, "Pilih jenis laporan."),
    "unknown kind": ({"kind": "spam"}, "Pilih jenis laporan."),
    "bad contact": ({"contact": "12345", "consent": "on"}, forms.CONTACT_MESSAGE),
    "foreign phone": ({"contact": "+1 202 555 0101", "consent": "on"}, forms.CONTACT_MESSAGE),
    "look-alike email": (
        {"contact": "sіti@contoh.go.id", "consent": "on"},  # a Cyrillic і
        "huruf yang mirip",
    ),
    "consent without contact": ({"consent": "on"}, forms.CONSENT_WITHOUT_CONTACT_MESSAGE),
    "contact without consent": (
        {"contact": "siti@contoh.go.id"},
        forms.CONTACT_WITHOUT_CONSENT_MESSAGE,
    ),
    "control character": ({"description": "hoaks\x00\x1b[31m"}, "karakter yang tidak diizinkan"),
    "invisible text": ({"description": "\u200b\u200b\u3164"}, "huruf atau angka yang terlihat"),
    "description too long": ({"description": "a" * 5001}, "paling banyak 5000 karakter"),
    "not an image": (
        {"screenshots": lambda: [png_upload(b"<html>bukan</html>", "layar.png")]},
        "bukan gambar PNG, JPEG, WebP, atau GIF",
    ),
    "decompression bomb": (
        {"screenshots": lambda: [png_upload(bombs.png_decompression_bomb(9_000))]},
        "terlalu besar ukuran pikselnya",
    ),
    "six screenshots": (
        {"screenshots": lambda: [png_upload(screenshot_bytes(seed=n)) for n in range(6)]},
        "paling banyak 5 tangkapan layar",
    ),
    "one good one bad screenshot": (
        {
            "screenshots": lambda: [
                png_upload(screenshot_bytes(seed=1)),
                png_upload(b"GIF89a" + b"\x00" * 20, "b.gif"),
            ]
        },
        "Tangkapan layar ke-2 bukan gambar",
    ),
    "too fast": ({"token": lambda: served_token(seconds_ago=0)}, forms.TOO_FAST_MESSAGE),
    "stale token": (
        {"token": lambda: served_token(seconds_ago=7 * 60 * 60)},
        forms.EXPIRED_MESSAGE,
    ),
    "forged token": (
        {"token": lambda: signing.dumps({"n": "x" * 43, "t": 0}, salt="lain")},
        forms.EXPIRED_MESSAGE,
    ),
    "no token": ({"token": ""}, forms.EXPIRED_MESSAGE),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_each_refusal_says_why_and_saves_nothing(client, case):
    overrides, message = REFUSALS[case]
    overrides = {key: value() if callable(value) else value for key, value in overrides.items()}
    before = _state()
    response = post_report(client, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert _state() == before
    assert Report.objects.count() == 0


def test_a_refused_form_shows_the_recognised_platforms_and_asks_for_the_files_again(client):
    response = post_report(
        client,
        links="https://m.youtube.com/watch?v=abc\nhttps://facebооk.com/x",  # Cyrillic о
        seen_at="kemarin",
        screenshots=[png_upload(screenshot_bytes(seed=1))],
    )
    html = response.content.decode()
    assert "<strong>YouTube</strong> · youtube.com" in html
    assert "<strong>Lainnya</strong>" in html  # the look-alike is not Facebook
    assert forms.FILES_AGAIN in html
    assert Report.objects.count() == 0


def test_a_request_over_the_total_size_is_refused_before_it_is_read(client):
    before = _state()
    response = post_report(client, screenshots=_too_large())
    assert response.status_code == 413
    assert views.TOO_LARGE_MESSAGE in response.content.decode()
    assert _state() == before
    assert int(response.wsgi_request.META["CONTENT_LENGTH"]) > images.MAX_REQUEST_BYTES


def test_the_form_still_checks_csrf():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/lapor/", form_data())
    assert response.status_code == 403
    assert Report.objects.count() == 0


class TestHoneypot:
    def test_a_filled_honeypot_looks_sent_and_saves_nothing(self, client):
        before = _state()
        response = post_report(
            client, website="https://spam.example/", screenshots=[png_upload(screenshot_bytes())]
        )
        code = _sent_code(client, response)
        assert _state() == before
        # The code it was shown names no report.
        assert client.get(f"/lapor/status/{code}/").status_code == 404


class TestLimits:
    def test_reports_from_one_address_are_limited_per_hour(self, client, settings):
        settings.REPORTS_PER_ADDRESS = 2
        assert post_report(client).status_code == 303
        assert post_report(client, links="https://x.com/a/status/1").status_code == 303
        before = _state()
        response = post_report(client, links="https://x.com/a/status/2")
        assert response.status_code == 429
        assert limits.REPORTS_THROTTLED_MESSAGE in response.content.decode()
        assert int(response["Retry-After"]) > 0
        assert _state() == before
        # Another address is not held back.
        other = post_report(
            client, links="https://x.com/a/status/3", extra={"REMOTE_ADDR": "10.0.0.9"}
        )
        assert other.status_code == 303

    def test_reports_for_one_contact_are_limited_whatever_the_address_and_spelling(
        self, client, settings
    ):
        settings.REPORTS_PER_CONTACT = 1
        first = client.post(
            "/lapor/", form_data(contact="siti@contoh.go.id", consent="on"), REMOTE_ADDR="10.0.0.1"
        )
        assert first.status_code == 303
        before = _state()
        again = client.post(
            "/lapor/",
            form_data(contact=" SITI@contoh.go.id ", consent="on"),
            REMOTE_ADDR="10.0.0.2",
        )
        assert again.status_code == 429
        assert limits.REPORTS_THROTTLED_MESSAGE in again.content.decode()
        assert _state() == before

    def test_a_mistake_is_not_counted(self, client, settings):
        settings.REPORTS_PER_ADDRESS = 1
        assert post_report(client, links="").status_code == 200  # refused: nothing to see
        assert post_report(client).status_code == 303

    def test_the_address_is_read_behind_trusted_proxies(self, client, settings):
        settings.REPORTS_PER_ADDRESS = 1
        settings.TRUSTED_PROXY_COUNT = 1
        first = client.post("/lapor/", form_data(), HTTP_X_FORWARDED_FOR="203.0.113.5")
        assert first.status_code == 303
        held = client.post(
            "/lapor/",
            form_data(links="https://x.com/a/status/9"),
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
        assert held.status_code == 429
        other = client.post(
            "/lapor/",
            form_data(links="https://x.com/a/status/9"),
            HTTP_X_FORWARDED_FOR="203.0.113.6",
        )
        assert other.status_code == 303


def test_the_min_fill_time_comes_from_the_setting(client, settings):
    settings.REPORT_MIN_FILL_SECONDS = 120
    response = post_report(client, token=served_token(seconds_ago=60))
    assert forms.TOO_FAST_MESSAGE in response.content.decode()
    settings.REPORT_MIN_FILL_SECONDS = 30
    assert post_report(client, token=served_token(seconds_ago=60)).status_code == 303


def test_a_too_fast_form_keeps_its_token_so_sending_again_works(client):
    token = served_token(seconds_ago=0)
    response = post_report(client, token=token)
    assert response.context["token"] == token


def test_a_stale_form_gets_a_fresh_token(client):
    token = served_token(seconds_ago=7 * 60 * 60)
    response = post_report(client, token=token)
    fresh = forms.token_read(response.context["token"])
    assert fresh is not None and fresh.nonce != forms.token_read(token).nonce


def test_formula_text_is_kept_as_typed(client):
    """Formulas are defused where a spreadsheet is written (content/base/exports.py), not by
    changing what the reporter wrote."""
    text = '=HYPERLINK("https://jahat.example","klik")'
    assert post_report(client, description=text).status_code == 303
    assert Report.objects.get().description == text
