"""End-to-end tests: Debian's chromium, driven by Playwright, against the real site.

The site runs as `make run` would run it: gunicorn serving a fresh SQLite database that was
migrated and filled by `load_demo_data`, with a signing key of its own made by
`make_signing_key`, and `manage.py db_worker` beside it running the background tasks. Tests
read the demo content as a visitor would.
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a sandboxed, offline machine: no first-run, no background calls to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the demo server exited during start-up")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the demo server did not answer at {url}")


def _unfinished_tasks(database):
    """Tasks waiting in the database queue: {task path: how many}."""
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT task_path, COUNT(*) FROM django_tasks_database_dbtaskresult"
            " WHERE status IN ('READY', 'RUNNING') GROUP BY task_path"
        ).fetchall()
    return dict(rows)


@dataclass(frozen=True)
class DemoSite:
    url: str
    database: Path
    # Written, the site's clock stands still at the moment it holds (content/base/test_clock.py);
    # removed, the real clock runs again. Use the `frozen_clock` fixture.
    clock: Path

    def page_id(self, slug):
        with sqlite3.connect(self.database) as db:
            return db.execute("SELECT id FROM wagtailcore_page WHERE slug = ?", [slug]).fetchone()[
                0
            ]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """A demo site served by gunicorn on loopback. It shares this process's SECRET_KEY, so tests
    can make the check-in token the projector would show."""
    folder = tmp_path_factory.mktemp("demo-site")
    port = _free_port()
    env = {
        **os.environ,
        # Development settings with a clock tests can hold still (config/settings/e2e.py).
        "DJANGO_SETTINGS_MODULE": "config.settings.e2e",
        "LENTERA_TEST_CLOCK_FILE": str(folder / "clock"),
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
        "PAGE_CACHE_SECONDS": "0",
        # Nor the logged-in readers' shared copies: a copy lasts until the page's next change of
        # status by the real clock (a session starting), and the tests move the site's clock. A
        # copy of today's session rendered before it started (a participant's visit in an
        # earlier test, between midnight and the start in WIB) was served after a test froze
        # the clock inside the session.
        "READER_CACHE_SECONDS": "0",
        # Where it is served, as `make run` passes it: the site's address (content/base/address.py).
        "HOST": "127.0.0.1",
        "PORT": str(port),
        # A demo signing key of its own, as `make run` makes one: never the developer's.
        "CERTIFICATE_SIGNING_P12": str(folder / "demo-signing.p12"),
    }
    # As `make run` does: the database is migrated and the demo loaded with tasks run inline, so
    # the site is complete when it starts. Loaded beside a worker, the demo's pages would reach
    # the search index (and the reference index, the statistics) only as the worker drained
    # some 400 queued tasks: on a busy machine a test searched before its page was indexed.
    setup_env = {**env, "TASK_WORKER": "false"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["set_site_address"],
        ["make_signing_key"],
        ["load_demo_data"],
    ):
        subprocess.run(
            [*manage, *command], env=setup_env, cwd=ROOT, check=True, capture_output=True
        )
    queued = _unfinished_tasks(folder / "demo.sqlite3")
    assert not queued, f"the demo load left work for the task worker: {queued}"
    # From here on background work goes to a real task worker, as under `make run`.
    env["TASK_WORKER"] = "true"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--pythonpath",
            "site",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = subprocess.Popen(
        [*manage, "db_worker", "--no-startup-delay", "--interval", "0.2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url + "/", server)
        yield DemoSite(url=url, database=folder / "demo.sqlite3", clock=folder / "clock")
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID", is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def frozen_clock(demo_site):
    """set(moment): the site's time stands still at `moment` (aware) until set again; the real
    clock runs again after the test."""

    def set_to(moment):
        demo_site.clock.write_text(moment.isoformat(), encoding="ascii")

    yield set_to
    demo_site.clock.unlink(missing_ok=True)
