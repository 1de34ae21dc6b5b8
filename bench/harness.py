"""What every benchmark in bench/ shares: options, the isolated site (work folder, database,
Redis db, environment, cleanup), `manage.py` and its shell snippets, gunicorn, HTTP, figures,
tables, and the `--summary-json` rows that run_all.py (`make bench`) collects into one table.

Not a script: the benchmarks run as scripts (so bench/ is on sys.path) and import it. Nothing
here imports Django: Lentera runs in subprocesses (`manage.py`, gunicorn, Locust).
"""

import argparse
import http.client
import json
import math
import os
import platform
import secrets
import shlex
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis
from psycopg import sql

REPO_DIR = Path(__file__).resolve().parents[1]
STATIC_ROOT = REPO_DIR / "staticfiles"  # fixed in settings (base.py)
HOST = "127.0.0.1"
PG = "postgres://postgres@127.0.0.1:5432"
# Settings read from the environment, removed from the inherited one so the caller's shell
# cannot leak into a run.
_SETTINGS_NAMES = """
    ALLOWED_HOSTS AWS_STORAGE_BUCKET_NAME BEHIND_PROXY CACHE_KEY_PREFIX CONN_MAX_AGE
    CSRF_COOKIE_SECURE CSRF_TRUSTED_ORIGINS DATABASE_URL DEBUG DEFAULT_FROM_EMAIL EMAIL_HOST
    EMAIL_HOST_PASSWORD EMAIL_HOST_USER EMAIL_PORT EMAIL_USE_TLS LOG_LEVEL MEDIA_ROOT
    PRIVATE_MEDIA_ROOT PRIVATE_MEDIA_ACCEL_PREFIX PRIVATE_MEDIA_URL_SECONDS
    AWS_PRIVATE_STORAGE_BUCKET_NAME PAGE_CACHE_SECONDS READER_CACHE_SECONDS REDIS_URL
    SECRET_KEY SECURE_HSTS_INCLUDE_SUBDOMAINS SECURE_HSTS_PRELOAD SECURE_HSTS_SECONDS
    SECURE_SSL_REDIRECT SESSION_COOKIE_SECURE TASK_WORKER WAGTAILADMIN_BASE_URL
    WAGTAILDOCS_MAX_UPLOAD_SIZE WAGTAILIMAGES_MAX_UPLOAD_SIZE DJANGO_SETTINGS_MODULE
    WEB_CONCURRENCY GUNICORN_CMD_ARGS
"""
SETTINGS_ENV_VARS = frozenset(_SETTINGS_NAMES.split())

# Every `manage.py shell -c` snippet (Site.shell) starts with this. login_session(user): a
# logged-in database session made server-side, with the keys django.contrib.auth.login() stores,
# so no password hashing is measured. emit(value): the snippet's result, read back as JSON.
SHELL_PRELUDE = """
import datetime, json, os, pathlib
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

_BACKEND = "content.people.backends.IdentifierBackend"  # what the login view passes to login()
if _BACKEND not in settings.AUTHENTICATION_BACKENDS:
    raise SystemExit(f"{_BACKEND} is not in AUTHENTICATION_BACKENDS")

def login_session(user):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = _BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

def emit(value):
    print("@@bench " + json.dumps(value, default=str))
"""


def log(message):
    """Progress goes to stderr so stdout carries only the report."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def raise_on_sigterm(signum, frame):
    """SIGTERM becomes SystemExit, so finally blocks stop processes and drop databases
    (run_all.py stops a benchmark past its time with SIGTERM)."""
    raise SystemExit(128 + signum)


def positive_int(value):
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return number


def postgres_url(value):
    """A --database-url: PostgreSQL only (SQLite would serialize the concurrency measured)."""
    if urlsplit(value).scheme not in ("postgres", "postgresql", "pgsql"):
        raise argparse.ArgumentTypeError(f"not a PostgreSQL URL (postgres://...): {value}")
    return value


def bench_parser(description, default_database_url=None):
    """--summary-json, and with a default database --database-url (PostgreSQL only) and
    --keep-database."""
    parser = argparse.ArgumentParser(description=description)
    add = parser.add_argument
    add("--summary-json", metavar="PATH", help="also write the figures there (for make bench)")
    if default_database_url:
        url = {"type": postgres_url, "default": default_database_url}
        add("--database-url", **url, help="created when missing")
        add("--keep-database", action="store_true", help="keep it if this run created it")
    return parser


FIELDS = ("benchmark", "measure", "value", "unit", "ratio", "against", "goal", "met")


def summary_row(benchmark, measure, value, unit, ratio=None, against=None, goal=None, met=None):
    """One headline figure for the table. ratio: value (or the figure the goal is about) over
    the figure named in `against`; goal: the target as text; met: whether it held (None: no
    goal)."""
    value, ratio = (
        None if isinstance(x, float) and not math.isfinite(x) else x for x in (value, ratio)
    )
    values = (benchmark, measure, value, unit, ratio, against, goal, met)
    return dict(zip(FIELDS, values, strict=True))


def check_row(benchmark, measure, ok):
    return summary_row(benchmark, measure, "pass" if ok else "FAIL", "", goal="pass", met=ok)


def cell(value):
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float) and value == 0:
        return "0"
    if isinstance(value, float):  # three significant figures or so: 1,234 / 12.3 / 0.123
        digits = 0 if abs(value) >= 1000 else 1 if abs(value) >= 10 else 2 if abs(value) >= 1 else 3
        return f"{value:,.{digits}f}"
    return str(value)


def figure_rows(figures, name=None):
    """summary_row dicts as the table's rows; `name` for the benchmark column (run_all.py)."""
    rows = []
    for row in figures:
        ratio = row.get("ratio")
        text = [row.get("measure", ""), cell(row.get("value")), row.get("unit") or ""]
        text += ["-" if ratio is None else f"{ratio:.2f}", row.get("against") or "-"]
        rows.append([name or row["benchmark"], *text, row.get("goal") or "-", cell(row.get("met"))])
    return rows


def figures_table(rows):
    """The one table of figures `make bench` prints, and every benchmark under its report."""
    return format_table(FIELDS, rows, right={2, 4})


def write_summary(path, figures, parameters=None):
    """Print the figures' table; {"rows": [...], "parameters": {...}} to `path` when given."""
    print(
        "\nHeadline figures (what `make bench` collects):\n" + figures_table(figure_rows(figures))
    )
    if path:
        document = {"rows": list(figures), "parameters": parameters or {}}
        Path(path).write_text(json.dumps(document, indent=2, default=str) + "\n")


def at_most(value, goal):
    return None if value is None else value <= goal


def percentile(values, pct):
    """Nearest-rank percentile, NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


def format_table(headers, rows, right=None):
    """Plain-text table: the first two columns left-aligned, the others right-aligned (or only
    the columns whose index is in `right`)."""
    right = set(range(2, len(headers))) if right is None else right
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "  ".join(
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *map(line, rows)])


def machine_facts():
    """Cores, load average, Python: what every report states first."""
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    return {
        "cores": cores,
        "usable_cores": usable,
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def load_text(load, digits=2):
    return "/".join(f"{value:.{digits}f}" for value in load)


def random_secret_key(length=60):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def base_env_overrides(database_url, media_root):
    """Production settings, reachable over plain HTTP on 127.0.0.1 (SECRET_KEY apart)."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "PRIVATE_MEDIA_ROOT": str(media_root) + "-private",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "TASK_WORKER": "false",
        "PAGE_CACHE_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


def clean_environ(drop_prefix=None):
    """The caller's environment minus every settings variable (and names with `drop_prefix`)."""
    return {
        k: v
        for k, v in os.environ.items()
        if k not in SETTINGS_ENV_VARS and not (drop_prefix and k.startswith(drop_prefix))
    }


def subprocess_env(overrides, secret_key):
    return {**clean_environ(), **overrides, "SECRET_KEY": secret_key}


def run_checked(argv, env, cwd=REPO_DIR):
    """Run a command; show its output only when it fails."""
    completed = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise RuntimeError(f"Command failed ({completed.returncode}): {shlex.join(map(str, argv))}")
    return completed


def postgres_admin_connection(url):
    """An autocommit connection to the server's `postgres` database, and the target's name."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"--database-url names no database: {url}")
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    return psycopg.connect(admin_url, autocommit=True, connect_timeout=5), name


def create_postgres_database(url):
    """CREATE DATABASE unless it exists; True if this call created it."""
    connection, name = postgres_admin_connection(url)
    with connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def drop_postgres_database(url):
    connection, name = postgres_admin_connection(url)
    with connection:
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        connection.execute(statement.format(sql.Identifier(name)))


def redis_client(url):
    """A client for `url` if redis-py is installed and Redis answers, else None. Each benchmark
    has its own Redis db: 15 pages, 14 checkin, 13 quiz and stats (never run together)."""
    client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        return None
    return client


@dataclass
class Site:
    """A benchmark's isolated site: its work folder, database, environment and command log."""

    script: str
    work_dir: Path
    database_url: str
    database_label: str
    overrides: dict  # set on top of the caller's environment (printed; SECRET_KEY apart)
    secret_key: str
    redis: object = None
    redis_url: str = ""
    commands: list = field(default_factory=list)  # every command run, printed with the results

    @property
    def env(self):
        return subprocess_env(self.overrides, self.secret_key)

    @property
    def cache_label(self):
        if self.redis is None:
            return "local memory"
        return f"Redis db {urlsplit(self.redis_url).path.lstrip('/')}"

    def manage(self, *args, env=None):
        log(args[0])
        self.record([sys.executable, "manage.py", *args])
        return run_checked([sys.executable, "manage.py", *args], env or self.env)

    def shell(self, code, name, env=None, **extra_env):
        """Run SHELL_PRELUDE + `code` with `manage.py shell -c`; logged as `<name in script>`.
        Returns what the snippet emitted (None when nothing)."""
        env = {**(env or self.env), **extra_env}
        argv = [sys.executable, "manage.py", "shell", "-c"]
        completed = run_checked([*argv, SHELL_PRELUDE + code], env)
        self.record([*argv, f"<{name} in {self.script}>"])
        lines = completed.stdout.splitlines()
        results = [line[8:] for line in lines if line.startswith("@@bench ")]
        return json.loads(results[-1]) if results else None  # what it emitted last

    def popen(self, argv, env=None, **kwargs):
        return subprocess.Popen(argv, cwd=REPO_DIR, env=env or self.env, **kwargs)

    def build_demo_site(self):
        """migrate, load_demo_data, collectstatic (production's manifest storage needs it)."""
        for step in (["migrate", "--noinput"], ["load_demo_data"], ["collectstatic", "--noinput"]):
            self.manage(*step)

    def record(self, argv, env_overrides=None):
        """Log a command for the report, with the variables it gets beyond `overrides`."""
        prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env_overrides or {}).items())
        self.commands.append(f"{prefix} {shlex.join(str(a) for a in argv)}".strip())

    def print_reproduction(self):
        print("Environment for every command (SECRET_KEY: 60 random characters, not shown):")
        for key, value in self.overrides.items():
            print(f"  {key}={value}")
        print("Commands (run from the repository root):")
        for entry in self.commands:
            print(f"  {entry}")


@contextmanager
def bench_site(args=None, *, redis_url=None, **overrides):
    """Yield the running script's Site: a temporary work folder with its media, the database
    (args.database_url, PostgreSQL: created when missing; none: a temporary SQLite file), the
    Redis db flushed (REDIS_URL set when it answers), production settings plus `overrides`.
    Afterwards, even after an error, Ctrl-C or SIGTERM: Redis flushed, the work folder removed,
    STATIC_ROOT removed if this run created it (else STATIC_ROOT/bench), and the database
    dropped if this run created it (unless args.keep_database)."""
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    script = Path(sys.argv[0]).name
    database_url = getattr(args, "database_url", None)
    name = Path(script).stem
    work_dir = Path(tempfile.mkdtemp(prefix=f"lentera-bench-{name}-"))
    static_root_existed = STATIC_ROOT.exists()
    created = False
    site = None
    try:
        if database_url is None:
            database_url = f"sqlite:///{work_dir / 'bench.sqlite3'}"
            label = f"SQLite {work_dir / 'bench.sqlite3'} (temporary)"
        else:  # PostgreSQL (postgres_url)
            created = create_postgres_database(database_url)
            label = database_url + (" (created for this run)" if created else "")
            log(f"{'created' if created else 'reusing'} database {database_url}")
        (work_dir / "media").mkdir()
        env = {**base_env_overrides(database_url, work_dir / "media"), **overrides}
        site = Site(script, work_dir, database_url, label, env, random_secret_key())
        if redis_url:
            site.redis, site.redis_url = redis_client(redis_url), redis_url
            if site.redis is not None:
                site.redis.flushdb()
                env["REDIS_URL"] = redis_url
        yield site
    finally:
        if site is not None and site.redis is not None:
            site.redis.flushdb()
        # The static files a benchmark wrote (serve_pages: staticfiles/bench) go too.
        shutil.rmtree(STATIC_ROOT if not static_root_existed else STATIC_ROOT / "bench", True)
        shutil.rmtree(work_dir, ignore_errors=True)
        if created and not args.keep_database:
            drop_postgres_database(database_url)
            log(f"dropped database {database_url}")


def stop(process, timeout, group=False, terminate=True):
    """SIGTERM (unless it had one already), then SIGKILL (to its process group) after
    `timeout` seconds."""
    if process.poll() is not None:
        return
    if terminate:
        process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL) if group else process.kill()
        process.wait()


def get(port, path, headers=None, timeout=10):
    """One GET on a fresh connection to 127.0.0.1: (status, body, headers)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"User-Agent": "lentera-bench", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read(), response.headers
    finally:
        connection.close()


def gunicorn_argv(port, workers, log_file, pythonpath="site", wsgi="config.wsgi"):
    """`gunicorn --pythonpath site config.wsgi` as in the Procfile, bound to 127.0.0.1 (the
    serve_pages peer: its own folder and WSGI module)."""
    script = Path(sys.executable).with_name("gunicorn")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "gunicorn"]
    argv = [*program, "--pythonpath", pythonpath, wsgi, "--bind", f"{HOST}:{port}"]
    return [*argv, "--workers", str(workers), "--error-logfile", str(log_file)]


class GunicornServer:
    """Starts gunicorn in its own session and always stops it (a context manager)."""

    def __init__(self, argv, env, log_file):
        self.argv, self.env, self.log_file = argv, env, log_file
        self.process = None

    def __enter__(self):
        # Own session: a Ctrl-C reaches only the benchmark, which stops gunicorn in __exit__.
        output = {"stdout": subprocess.DEVNULL, "stderr": subprocess.STDOUT}
        self.process = subprocess.Popen(
            self.argv, cwd=REPO_DIR, env=self.env, start_new_session=True, **output
        )
        return self

    def __exit__(self, *exc_info):
        stop(self.process, timeout=20, group=True)  # gunicorn's graceful shutdown first

    def log_tail(self, lines=30):
        try:
            return "\n".join(Path(self.log_file).read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def wait_ready(self, port, probe_path, timeout=60.0):
        """Poll until `probe_path` answers 200, failing fast if gunicorn exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log_tail()}")
            try:
                if get(port, probe_path)[0] == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready after {timeout:.0f} s:\n{self.log_tail()}")
