"""The server never fetches a reported link (no SSRF): a real HTTP server on 127.0.0.1 is
reported, with a screenshot, through the form, the code page, the status page and the tracking
email, and it hears nothing."""

import http.server
import threading
import urllib.request

import pytest

from content.reports.models import Report
from tests.factories.reports import screenshot_bytes
from tests.reports.public_helpers import png_upload, post_report

pytestmark = pytest.mark.django_db


class _Recorder(http.server.BaseHTTPRequestHandler):
    def _record(self):
        self.server.heard.append((self.command, self.path))
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><title>umpan</title></html>")

    do_GET = do_HEAD = do_POST = do_OPTIONS = _record

    def log_message(self, *args):
        pass


@pytest.fixture
def listening():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.heard = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def _probe_works(server):
    """The recorder does hear a request sent to it (else the test would prove nothing)."""
    host, port = server.server_address
    with urllib.request.urlopen(f"http://{host}:{port}/sanity", timeout=5) as answer:  # noqa: S310
        assert answer.status == 200
    assert server.heard == [("GET", "/sanity")]
    server.heard.clear()


def test_a_reported_link_is_never_fetched(client, listening, django_capture_on_commit_callbacks):
    _probe_works(listening)
    host, port = listening.server_address
    links = [
        f"http://{host}:{port}/posting/123?utm_source=wa",
        f"http://{host}:{port}/lain#bagian",
        f"https://{host}:{port}/aman",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = post_report(
            client,
            links="\n".join(links),
            contact="pelapor@contoh.go.id",
            consent="on",
            screenshots=[png_upload(screenshot_bytes(seed=21))],
        )
    assert response.status_code == 303
    sent = client.get("/lapor/terkirim/")
    assert sent.status_code == 200
    status = client.get(f"/lapor/status/{sent.context['code']}/")
    assert status.status_code == 200
    report = Report.objects.get()
    assert report.links == links and report.screenshots.count() == 1
    assert listening.heard == []
