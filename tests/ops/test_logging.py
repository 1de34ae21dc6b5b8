"""Logs: one line per request in production, errors with their context, no personal data."""

import io
import logging
import re

import pytest
from django.test import Client

from content.base.log_filters import REDACTED
from tests.factories.users import UserFactory

NIP = "198501012010011001"
NIK = "3201234567890123"
EMAIL = "budi.santoso@contoh.go.id"
PHONE = "+62 812-3456-7890"


@pytest.fixture
def production_middleware(settings):
    from config.settings import production

    settings.MIDDLEWARE = production.MIDDLEWARE


@pytest.fixture
def log_output():
    """What the configured console handler (its filters and format) writes."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


class TestConfiguration:
    def test_every_handler_redacts_personal_data(self, settings):
        for name, handler in settings.LOGGING["handlers"].items():
            assert "redact_personal_data" in handler.get("filters", []), name

    def test_production_logs_each_request_first_in_line(self):
        from config.settings import production

        assert production.MIDDLEWARE[0] == "content.base.request_log.RequestLogMiddleware"


@pytest.mark.django_db
class TestRequestLine:
    def test_one_line_with_method_path_status_duration_and_user_id(
        self, client, production_middleware, site_tree, caplog
    ):
        user = UserFactory()
        client.force_login(user)
        caplog.set_level(logging.INFO, logger="lentera.request")

        client.get(f"/?email={EMAIL}&kode=AB12")

        lines = [r.getMessage() for r in caplog.records if r.name == "lentera.request"]
        assert len(lines) == 1
        assert re.fullmatch(
            rf"method=GET path=/ status=200 duration_ms=\d+ user={user.pk}", lines[0]
        )

    def test_a_visitor_is_a_dash_and_a_crafted_path_stays_on_one_line(
        self, client, production_middleware, caplog
    ):
        caplog.set_level(logging.INFO, logger="lentera.request")

        client.get("/tidak-ada/%0Amethod=GET%20path=/palsu/")

        (line,) = [r.getMessage() for r in caplog.records if r.name == "lentera.request"]
        assert "\n" not in line
        assert line.startswith("method=GET path=/tidak-ada/%0Amethod%3DGET%20path%3D/palsu/ ")
        assert line.endswith(" user=-")
        assert " status=404 " in line

    def test_a_successful_health_probe_is_not_logged(self, client, production_middleware, caplog):
        caplog.set_level(logging.INFO, logger="lentera.request")

        assert client.get("/healthz").status_code == 200

        assert not [r for r in caplog.records if r.name == "lentera.request"]


class TestRedaction:
    def test_nip_nik_email_and_phone_are_redacted_from_message_and_arguments(self, log_output):
        logger = logging.getLogger("tests.ops")

        logger.warning("Peserta NIP %s NIK %s", NIP, NIK)
        logger.warning(f"Kontak {EMAIL} telepon {PHONE} atau 0812 3456 7890")
        logger.warning("NIP ditulis berspasi: 19850101 201001 1 001; %(nomor)s", {"nomor": NIK})

        written = log_output.getvalue()
        for value in (NIP, NIK, EMAIL, PHONE, "0812 3456 7890", "19850101 201001 1 001"):
            assert value not in written
        assert "3456" not in written
        assert written.count(REDACTED) == 7

    def test_ordinary_numbers_are_kept(self, log_output):
        line = "sesi 42 selesai 2026-11-27 08:12:33 dalam 0.8123456 detik, 1250 ms, id 7"

        logging.getLogger("tests.ops").warning(line)

        assert line in log_output.getvalue()

    def test_a_traceback_is_redacted(self, log_output):
        try:
            raise ValueError(f"duplicate key (nik)=({NIK})")
        except ValueError:
            logging.getLogger("tests.ops").exception("Gagal menyimpan")

        written = log_output.getvalue()
        assert "Traceback" in written
        assert f"ValueError: duplicate key (nik)=({REDACTED})" in written
        assert NIK not in written


@pytest.mark.django_db
def test_a_server_error_logs_path_user_and_traceback_once_without_the_posted_nik(
    settings, production_middleware, log_output
):
    settings.ROOT_URLCONF = "tests.ops.error_urls"
    user = UserFactory()
    client = Client(raise_request_exception=False)
    client.force_login(user)

    response = client.post("/gagal/", {"nik": NIK, "email": EMAIL, "nama": "Budi"})

    written = log_output.getvalue()
    assert response.status_code == 500
    assert f"Internal Server Error: /gagal/ (method=POST user={user.pk})" in written
    assert written.count("Traceback (most recent call last)") == 1
    assert 'tests/ops/error_urls.py", line' in written
    assert f"ValueError: NIK {REDACTED} tidak ditemukan untuk {REDACTED}" in written
    assert NIK not in written and EMAIL not in written
    request_line = rf"method=POST path=/gagal/ status=500 duration_ms=\d+ user={user.pk}"
    assert re.search(request_line, written)
