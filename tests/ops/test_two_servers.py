"""Two web servers behind one address, as a load balancer spreads them: two gunicorn processes
on two ports, production settings, one PostgreSQL database and one Redis. What one of them
writes (an unpublished article, a check-in, an erasure) the other serves at once, and a login
or a CSRF token from one is good on the other.

PostgreSQL only (CI's PostgreSQL pass runs it): the servers need a database server both reach.
The database is a copy of the test database made for this test and dropped after it. In Redis
(db 7, which no benchmark uses) every key this run's servers write carries a prefix of its own,
and the keys under it are deleted after the test, whatever else shares the db.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from html import unescape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/7"
HOST = "127.0.0.1"
TIMEOUT = 10  # seconds, for any one request
PARTICIPANT_PASSWORD = "sandi-Peserta-2024"  # tests/factories/people.py
ADMIN_PASSWORD = "rahasia-uji-123"  # tests/factories/users.py
NAME = "Ratna Kusumawardani Duaserver"
# Production settings read these from the environment: none may leak from the caller's.
SETTINGS_NAMES = {
    "ALLOWED_HOSTS",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME",
    "AWS_STORAGE_BUCKET_NAME",
    "BEHIND_PROXY",
    "CACHE_KEY_PREFIX",
    "CONN_MAX_AGE",
    "CSRF_COOKIE_SECURE",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "GUNICORN_CMD_ARGS",
    "LOG_LEVEL",
    "MEDIA_ROOT",
    "PAGE_CACHE_SECONDS",
    "PRIVATE_MEDIA_ROOT",
    "READER_CACHE_SECONDS",
    "REDIS_URL",
    "SECRET_KEY",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "TASK_WORKER",
    "WEB_CONCURRENCY",
}
# Production settings but for static files: the manifest storage needs `collectstatic` first
# (a minute of compression), and no static file is asked for here.
SETTINGS_MODULE = """
from config.settings.production import *  # noqa: F403

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}
"""

pytestmark = [
    pytest.mark.postgres,
    # Committed rows, so the copy of the database holds them; the migrations' rows come back.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _text(response):
    return unescape(response.text)


class Server:
    def __init__(self, port, env, log_file):
        self.port, self.log_file = port, log_file
        gunicorn = Path(sys.executable).with_name("gunicorn")
        argv = [str(gunicorn), "--pythonpath", "site", "config.wsgi", "--bind", f"{HOST}:{port}"]
        argv += ["--workers", "1", "--error-logfile", str(log_file), "--graceful-timeout", "5"]
        self.process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def url(self, path):
        return f"http://{HOST}:{self.port}{path}"

    def log_tail(self):
        try:
            return "\n".join(Path(self.log_file).read_text().splitlines()[-30:])
        except OSError:
            return ""

    def wait_ready(self, deadline):
        import requests

        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log_tail()}")
            try:
                if requests.get(self.url("/healthz"), timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn on {self.port} did not answer:\n{self.log_tail()}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Browser:
    """One browser's cookie jar, used against either server: both answer on 127.0.0.1, so a
    cookie one of them sets goes to the other, as behind a load balancer's single address."""

    def __init__(self):
        import requests

        self.http = requests.Session()

    def get(self, server, path, **kwargs):
        return self.http.get(server.url(path), timeout=TIMEOUT, allow_redirects=False, **kwargs)

    def post(self, server, path, data, **kwargs):
        return self.http.post(
            server.url(path), data=data, timeout=TIMEOUT, allow_redirects=False, **kwargs
        )

    def log_in(self, server, identifier, password):
        token = _csrf_token(self.get(server, "/akun/masuk/").text)
        return self.post(
            server,
            "/akun/masuk/",
            {"csrfmiddlewaretoken": token, "username": identifier, "password": password},
        )


@pytest.fixture
def site_data(site_tree):
    """The minimum: an article, a session under way with check-in open, a participant (not yet
    checked in) and an administrator."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from tests.factories.articles import ArticlePageFactory
    from tests.factories.people import ParticipantFactory
    from tests.factories.training import session_under_way
    from tests.factories.users import UserFactory

    article = ArticlePageFactory(parent=site_tree.materials, title="Artikel Uji Dua Server")
    article.save_revision().publish()
    session = session_under_way(site_tree.sessions, title="Sesi Uji Dua Server")
    participant = ParticipantFactory(full_name=NAME)
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    # The test settings hash with MD5, which production does not read: production's hasher
    # (its iterations cut down; a login hashes again with the full count).
    hasher = PBKDF2PasswordHasher()
    for user, password in ((participant, PARTICIPANT_PASSWORD), (admin, ADMIN_PASSWORD)):
        user.password = hasher.encode(password, hasher.salt(), iterations=1000)
        user.save(update_fields=["password"])
    return article, session, participant, admin


@pytest.fixture
def two_servers(site_data, tmp_path):
    """(A, B): gunicorn twice, production settings, on a copy of the test database with the
    site's data, sharing one Redis with the page cache on. Stopped, dropped and deleted after."""
    import psycopg
    import redis
    from django.db import connection, connections
    from psycopg import sql

    settings_dict = connection.settings_dict
    test_database = settings_dict["NAME"]
    admin = psycopg.conninfo.make_conninfo(
        dbname="postgres",
        user=settings_dict["USER"] or None,
        host=settings_dict["HOST"] or None,
        port=str(settings_dict["PORT"] or "") or None,
        password=settings_dict["PASSWORD"] or None,
    )
    shared = f"{test_database}_two_servers_{uuid.uuid4().hex[:8]}"
    credentials = settings_dict["USER"] or ""
    if settings_dict["PASSWORD"]:
        credentials += f":{settings_dict['PASSWORD']}"
    database_url = (
        f"postgres://{credentials}@{settings_dict['HOST'] or 'localhost'}:"
        f"{settings_dict['PORT'] or 5432}/{shared}"
    )
    key_prefix = f"two-servers-{uuid.uuid4().hex[:8]}"
    cache = redis.Redis.from_url(REDIS_URL, socket_timeout=2, socket_connect_timeout=2)

    (tmp_path / "two_servers_settings.py").write_text(SETTINGS_MODULE)
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_NAMES}
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")])),
        DJANGO_SETTINGS_MODULE="two_servers_settings",
        SECRET_KEY=_secret_key(),
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=key_prefix,
        PAGE_CACHE_SECONDS="600",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private-media"),
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        TASK_WORKER="false",
        LOG_LEVEL="WARNING",
    )

    # The copy must be made with no connection open to the test database.
    connections.close_all()
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(shared), sql.Identifier(test_database)
            )
        )
    servers = []
    try:
        for name in ("a", "b"):
            servers.append(Server(_free_port(), env, tmp_path / f"gunicorn-{name}.log"))
        deadline = time.monotonic() + 40
        for server in servers:
            server.wait_ready(deadline)
        yield tuple(servers), env["SECRET_KEY"], database_url
    finally:
        for server in servers:
            server.stop()
        keys = list(cache.scan_iter(match=f"{key_prefix}:*"))
        if keys:
            cache.delete(*keys)
        with psycopg.connect(admin, autocommit=True) as server:
            server.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(shared))
            )


def _secret_key():
    import secrets

    return "two-servers-" + secrets.token_urlsafe(48)


def _checkin_path(session_id, secret_key):
    from django.test import override_settings
    from django.urls import reverse

    from content.training import checkin_tokens

    with override_settings(SECRET_KEY=secret_key):
        token = checkin_tokens.make_token(session_id, checkin_tokens.Window.at())
    return reverse("checkin_scan", args=[token])


def _deletion_request_id(database_url, participant_id):
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as db:
        return db.execute(
            "SELECT id FROM people_deletionrequest WHERE user_id = %s", [participant_id]
        ).fetchone()[0]


def test_what_one_server_writes_the_other_serves_at_once(site_data, two_servers):
    article, session, participant, admin_user = site_data
    (a, b), secret_key, database_url = two_servers
    article_path, listing_path = article.url, article.get_parent().url
    session_path = session.url
    attendance_list = f"/admin/attendance/?session={session.pk}"

    # Sessions and CSRF: logged in through A's form (its CSRF token from A), known on B.
    person = Browser()
    assert person.log_in(a, participant.email, PARTICIPANT_PASSWORD).status_code == 302
    account_on_b = person.get(b, "/akun/")
    assert account_on_b.status_code == 200
    assert NAME in _text(account_on_b)
    organizer = Browser()
    assert organizer.log_in(a, admin_user.email, ADMIN_PASSWORD).status_code == 302
    assert organizer.get(b, attendance_list).status_code == 200

    # Anonymous readers' copies in the shared cache: B stored the article, A and B serve it.
    reader = Browser()
    for server in (b, b, a):
        response = reader.get(server, article_path)
        assert response.status_code == 200
        assert "Artikel Uji Dua Server" in _text(response)
    assert reader.get(b, article_path).headers.get("X-Lentera-Cache") == "hit"
    assert "Artikel Uji Dua Server" in _text(reader.get(b, listing_path))

    # Unpublished through A's admin (a CSRF token A gave): B serves no stale copy.
    unpublish = f"/admin/pages/{article.pk}/unpublish/"
    form = organizer.get(a, unpublish)
    assert form.status_code == 200
    done = organizer.post(a, unpublish, {"csrfmiddlewaretoken": _csrf_token(form.text)})
    assert done.status_code == 302
    assert reader.get(b, article_path).status_code == 404
    assert "Artikel Uji Dua Server" not in _text(reader.get(b, listing_path))
    assert reader.get(b, listing_path).headers.get("X-Lentera-Cache") == "hit"

    # Published again through A's admin (a bulk action): B's stored listing is not served.
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={article.pk}"
    form = organizer.get(a, publish)
    assert form.status_code == 200
    done = organizer.post(a, publish, {"csrfmiddlewaretoken": _csrf_token(form.text)})
    assert done.status_code == 302
    assert "Artikel Uji Dua Server" in _text(reader.get(b, listing_path))
    assert reader.get(b, article_path).status_code == 200

    # A check-in through A: B shows it at once, in the participant's account and to the
    # organizer.
    assert "participation--attended" not in person.get(b, "/akun/").text
    assert NAME not in _text(organizer.get(b, attendance_list))
    checked_in = person.get(a, _checkin_path(session.pk, secret_key))
    assert checked_in.status_code == 200
    assert "participation--attended" in person.get(b, "/akun/").text
    assert NAME in _text(organizer.get(b, attendance_list))
    assert "Sesi Uji Dua Server" in _text(person.get(b, session_path))

    # A form from A posted to B: the participant asks for erasure with A's CSRF token.
    account_on_a = person.get(a, "/akun/")
    asked = person.post(
        b,
        "/akun/hapus-data/",
        {
            "csrfmiddlewaretoken": _csrf_token(account_on_a.text),
            "reason": "Pindah tugas",
            "confirm": "on",
        },
    )
    assert asked.status_code == 302
    request_id = _deletion_request_id(database_url, participant.pk)

    # Erased through A's admin: on B the account is logged out, cannot log in, and its name
    # is gone from the attendance list.
    process = f"/admin/permohonan-hapus-data/{request_id}/proses/"
    form = organizer.get(a, process)
    assert form.status_code == 200
    erased = organizer.post(
        a, process, {"csrfmiddlewaretoken": _csrf_token(form.text), "decision": "erase"}
    )
    assert erased.status_code == 302
    assert person.get(b, "/akun/").status_code == 302  # to the login page
    refused = Browser().log_in(b, participant.email, PARTICIPANT_PASSWORD)
    assert refused.status_code == 200  # the form again, with its error
    listing = organizer.get(b, attendance_list)
    assert listing.status_code == 200
    assert NAME not in _text(listing)
