"""Every absolute URL the site writes carries the address it is served on: the default Site's
host and port (issue 19: with `PORT=9000 make run`, QR codes, emails, the sitemap, canonical
links, Open Graph and ClaimReview pointed at port 8000 or http://localhost/).

Requests here come to the organizer's laptop as 127.0.0.1:8000 while the site is served to
the room at 192.168.1.20:9000: nothing written may carry the request's address.
"""

import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from django.core import mail
from django.core.management import call_command
from PIL import Image
from wagtail.models import Site

from content.base import services, site_address
from content.base.address import AddressError, development_address, development_reasons, parse
from content.base.checks import site_address_is_public
from content.base.errors import NotAllowed
from content.certificates.services import certificate_issue
from content.people import confirmation_links
from content.training.checkin_tokens import Window
from content.training.routes import checkin_url
from tests.base.test_settings import _check_deploy
from tests.factories.articles import ArticlePageFactory, FactCheckPageFactory
from tests.factories.certificates import issues_for, make_template
from tests.factories.images import ImageFactory
from tests.factories.people import ParticipantFactory
from tests.factories.training import (
    HeldSessionPageFactory,
    SessionPageFactory,
    mark_attendance,
    session_under_way,
)
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
SERVED = "http://192.168.1.20:9000"
LAPTOP = {"HTTP_HOST": "127.0.0.1:8000"}


@pytest.fixture
def served(site_tree, settings):
    settings.ALLOWED_HOSTS = ["*"]
    _site, changed = services.site_address_set(url=SERVED)
    assert changed
    return site_tree


def _absolute_urls(text):
    return re.findall(r"https?://[^\s\"'<>]+", text)


def _ours(urls):
    """The URLs that point at this site (not at wa.me, schema.org, S3...)."""
    foreign = ("schema.org", "wa.me", "facebook.com", "twitter.com", "t.me", "w3.org", "arsip")
    return [url for url in urls if not any(name in url for name in foreign)]


class TestTheCertificate:
    def test_its_qr_code_carries_the_served_address(self, served, client, tmp_path):
        session = HeldSessionPageFactory(parent=served.sessions, title="Literasi Digital")
        issues_for(session, make_template(background=ImageFactory()))
        person = ParticipantFactory()
        mark_attendance(session, person)
        certificate, _ = certificate_issue(participant=person, session=session)
        client.force_login(person)

        pdf = client.get(f"/sertifikat/unduh/{certificate.code}/", **LAPTOP)
        assert pdf.status_code == 200
        (tmp_path / "c.pdf").write_bytes(b"".join(pdf.streaming_content))
        subprocess.run(
            ["pdftoppm", "-r", "150", "-png", "-singlefile", "c.pdf", "c"],
            cwd=tmp_path,
            check=True,
        )
        decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "c.png"))]
        assert decoded == [f"{SERVED}/sertifikat/verifikasi/{certificate.code}/"]


class TestEmails:
    def test_the_password_reset_link(self, served, client):
        ParticipantFactory(email="ahmad@contoh.go.id")
        client.post("/akun/sandi/lupa/", {"email": "ahmad@contoh.go.id"}, **LAPTOP)
        [email] = mail.outbox
        assert re.search(rf"^{SERVED}/akun/sandi/atur/\S+/$", email.body, re.M)
        assert _ours(_absolute_urls(email.body)) == _absolute_urls(email.body)
        assert all(url.startswith(f"{SERVED}/") for url in _absolute_urls(email.body))

    def test_a_forged_host_cannot_redirect_the_reset_link(self, served, client):
        ParticipantFactory(email="ahmad@contoh.go.id")
        client.post("/akun/sandi/lupa/", {"email": "ahmad@contoh.go.id"}, HTTP_HOST="jahat.example")
        assert "jahat.example" not in mail.outbox[0].body

    def test_the_identity_confirmation_link(self, served):
        url = confirmation_links.absolute_url(confirmation_links.CHANGE, 1, "akun")
        assert url.startswith(f"{SERVED}/akun/")


class TestWhatSearchEnginesRead:
    def test_the_sitemap(self, served, client):
        ArticlePageFactory(parent=served.materials, title="Literasi data")
        root = ET.fromstring(client.get("/sitemap.xml", **LAPTOP).content)
        locations = [
            loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        ]
        assert locations and all(loc.startswith(f"{SERVED}/") for loc in locations)

    def test_robots_txt_names_the_sitemap(self, served, client):
        text = client.get("/robots.txt", **LAPTOP).content.decode()
        assert f"Sitemap: {SERVED}/sitemap.xml" in text

    def test_canonical_open_graph_and_claim_review(self, served, client):
        page = FactCheckPageFactory(parent=served.fact_checks, verdict="hoaks")
        page.listing_image = ImageFactory()
        page.save_revision().publish()
        html = client.get(page.url, **LAPTOP).content.decode()
        head = html.split("</head>")[0]
        expected = f"{SERVED}{page.url}"
        assert f'<link rel="canonical" href="{expected}">' in head
        assert f'<meta property="og:url" content="{expected}">' in head
        og_image = re.search(r'<meta property="og:image" content="([^"]+)"', head).group(1)
        assert og_image.startswith(f"{SERVED}/media/images/")
        claim = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1)
        )
        assert claim["url"] == expected
        # Nothing anywhere on the page points at the laptop's address.
        assert "127.0.0.1" not in html and "localhost" not in html

    def test_feeds(self, served, client):
        FactCheckPageFactory(parent=served.fact_checks, verdict="hoaks")
        rss = client.get("/cek-fakta/rss/", **LAPTOP).content.decode()
        atom = client.get("/cek-fakta/atom/", **LAPTOP).content.decode()
        for feed in (rss, atom):
            urls = _ours(_absolute_urls(feed))
            assert urls and all(url.startswith(f"{SERVED}/") for url in urls), urls


class TestTheDayOfTheEvent:
    def test_the_projector_qr_and_typed_address(self, served, client):
        session = session_under_way(served.sessions, title="Literasi Hari Ini")
        assert checkin_url(session.pk, Window.at()).startswith("HTTP://192.168.1.20:9000/P/")
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        html = client.get(f"{session.url}presensi/layar/", **LAPTOP).content.decode()
        assert "<strong>192.168.1.20:9000/presensi</strong>" in html
        assert "127.0.0.1" not in html

    def test_the_calendar_file(self, served, client):
        session = SessionPageFactory(parent=served.sessions, title="Kelas Keamanan Digital")
        ics = client.get(f"{session.url}kalender/", **LAPTOP).content.decode()
        unfolded = ics.replace("\r\n ", "")
        assert f"{SERVED}{session.url}" in unfolded
        assert "127.0.0.1" not in unfolded


class TestTheAddressItself:
    def test_it_is_the_default_sites(self, served):
        assert site_address.root_url() == SERVED
        assert site_address.host() == "192.168.1.20:9000"
        assert site_address.absolute_url("/x/") == f"{SERVED}/x/"

    def test_a_url_that_names_its_host_is_kept(self, served):
        assert site_address.absolute_url("https://s3.example/a.png") == "https://s3.example/a.png"

    def test_a_relative_path_is_refused(self, served):
        with pytest.raises(ValueError):
            site_address.absolute_url("x/")

    def test_https_on_443_is_written_without_a_port(self, served):
        services.site_address_set(url="https://lentera.example.go.id")
        assert site_address.root_url() == "https://lentera.example.go.id"
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("lentera.example.go.id", 443)

    def test_another_sites_address_is_refused(self, served):
        other = Site.objects.create(hostname="lain.example", port=80, root_page=served.home)
        with pytest.raises(NotAllowed):
            services.site_address_set(url="http://lain.example")
        assert Site.objects.get(pk=other.pk).hostname == "lain.example"


class TestTheCommand:
    def test_it_writes_site_url_on_the_default_site(self, site_tree, settings):
        settings.SITE_URL = "https://lentera.example.go.id"
        out = io.StringIO()
        call_command("set_site_address", stdout=out)
        assert "https://lentera.example.go.id" in out.getvalue()
        assert site_address.root_url() == "https://lentera.example.go.id"

    def test_an_address_given_wins(self, site_tree):
        call_command("set_site_address", "http://10.0.0.5:9000", stdout=io.StringIO())
        assert site_address.root_url() == "http://10.0.0.5:9000"

    @pytest.mark.parametrize(
        "url", ["", "ftp://x.example", "https://x.example:8443", "http://x/a/"]
    )
    def test_a_wrong_address_is_refused(self, site_tree, settings, url):
        from django.core.management.base import CommandError

        settings.SITE_URL = url
        with pytest.raises(CommandError):
            call_command("set_site_address", stdout=io.StringIO())


class TestParsing:
    @pytest.mark.parametrize(
        "url, expected",
        [
            ("https://lentera.example.go.id", ("https", "lentera.example.go.id", 443)),
            ("https://Lentera.Example.go.id/", ("https", "lentera.example.go.id", 443)),
            ("http://192.168.1.20:9000", ("http", "192.168.1.20", 9000)),
            ("http://lentera.local", ("http", "lentera.local", 80)),
        ],
    )
    def test_good_addresses(self, url, expected):
        address = parse(url)
        assert (address.scheme, address.hostname, address.port) == expected

    @pytest.mark.parametrize(
        "url",
        [
            "",
            "lentera.example.go.id",
            "ftp://lentera.example.go.id",
            "https://lentera.example.go.id:8443",
            "http://lentera.example.go.id:443",
            "https://lentera.example.go.id/sub/",
            "https://user:pw@lentera.example.go.id",
            "https://lentera.example.go.id:99999",
            "http://[::1]:8000",
        ],
    )
    def test_bad_addresses(self, url):
        with pytest.raises(AddressError):
            parse(url)

    def test_make_run_address(self):
        assert development_address({}).url == "http://127.0.0.1:8000"
        assert development_address({"PORT": "9000"}).url == "http://127.0.0.1:9000"
        lan = development_address({"HOST": "0.0.0.0", "PORT": "9000"})
        assert lan.hostname not in ("0.0.0.0", "") and lan.port == 9000
        given = development_address({"HOST": "0.0.0.0", "PUBLIC_HOST": "10.1.2.3"})
        assert given.url == "http://10.1.2.3:8000"

    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:8000",
            "http://localhost",
            "http://0.0.0.0:9000",
            "http://192.168.1.20:9000",
            "http://lentera.example.go.id",
            "http://lentera.example.go.id:8000",
        ],
    )
    def test_development_addresses_are_told_apart(self, url):
        assert development_reasons(parse(url))

    def test_a_public_address_is_not_a_development_one(self):
        assert development_reasons(parse("https://lentera.example.go.id")) == []


class TestTheDeployCheck:
    """`check --deploy` refuses production's address while it is still a development one."""

    @pytest.mark.parametrize(
        "url",
        [
            "",
            "http://127.0.0.1:8000",
            "http://localhost",
            "http://0.0.0.0:9000",
            "https://localhost",
            "http://lentera.example.go.id",
            "http://lentera.example.go.id:8000",
            "http://192.168.1.20:9000",
            "https://lentera.example.go.id:8443",
        ],
    )
    def test_a_development_address_is_an_error(self, settings, url):
        settings.SITE_URL = url
        settings.ALLOWED_HOSTS = ["*"]
        assert [error.id for error in site_address_is_public(None)] == ["lentera.E012"]

    def test_the_public_address_passes(self, settings):
        settings.SITE_URL = "https://lentera.example.go.id"
        settings.ALLOWED_HOSTS = ["lentera.example.go.id"]
        assert site_address_is_public(None) == []

    def test_a_host_outside_allowed_hosts_is_an_error(self, settings):
        settings.SITE_URL = "https://lentera.example.go.id"
        settings.ALLOWED_HOSTS = ["lain.example.go.id"]
        assert [error.id for error in site_address_is_public(None)] == ["lentera.E012"]

    def test_the_old_admin_base_url_variable_is_pointed_out(self, settings, monkeypatch):
        settings.SITE_URL = "https://lentera.example.go.id"
        settings.ALLOWED_HOSTS = ["lentera.example.go.id"]
        monkeypatch.setenv("WAGTAILADMIN_BASE_URL", "https://lentera.example.go.id")
        assert [error.id for error in site_address_is_public(None)] == ["lentera.W012"]

    def test_manage_py_check_deploy_fails_on_a_development_address(self):
        result = _check_deploy(
            REDIS_URL="redis://127.0.0.1:6379/0", SITE_URL="http://127.0.0.1:8000"
        )
        assert result.returncode != 0
        assert "lentera.E012" in result.stderr

    def test_and_passes_on_the_public_one(self):
        result = _check_deploy(
            REDIS_URL="redis://127.0.0.1:6379/0", SITE_URL="https://lentera.example.go.id"
        )
        assert "lentera.E012" not in result.stderr
        assert result.returncode == 0, result.stderr
