"""What every benchmark in bench/ shares: options, logging, the environment of the Django
subprocesses, PostgreSQL and Redis, gunicorn, tables, and the `--summary-json` rows that
bench/run_all.py (`make bench`) collects into one table.

Not a script: the benchmarks import it, and run as scripts so that bench/ is on sys.path.
Nothing here imports Django: the benchmarks run Lentera in subprocesses (`manage.py`, gunicorn),
with the environment built by `base_env_overrides` and `subprocess_env`.
"""

import argparse
import http.client
import json
import math
import os
import platform
import secrets
import shlex
import signal
import socket
import string
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO_DIR = Path(__file__).resolve().parents[1]
# Fixed in settings (base.py): STATIC_ROOT = <repo>/staticfiles.
STATIC_ROOT = REPO_DIR / "staticfiles"
HOST = "127.0.0.1"

# Settings read from the environment (site/config/settings/*.py) plus the few process-level ones.
# They are removed from the inherited environment so the caller's shell cannot leak into the run.
SETTINGS_ENV_VARS = [
    "ALLOWED_HOSTS",
    "AWS_STORAGE_BUCKET_NAME",
    "BEHIND_PROXY",
    "CACHE_KEY_PREFIX",
    "CONN_MAX_AGE",
    "CSRF_COOKIE_SECURE",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DEBUG",
    "DEFAULT_FROM_EMAIL",
    "EMAIL_HOST",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_HOST_USER",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "LOG_LEVEL",
    "MEDIA_ROOT",
    "PRIVATE_MEDIA_ROOT",
    "PRIVATE_MEDIA_ACCEL_PREFIX",
    "PRIVATE_MEDIA_URL_SECONDS",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME",
    "PAGE_CACHE_SECONDS",
    "READER_CACHE_SECONDS",
    "REDIS_URL",
    "SECRET_KEY",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "TASK_WORKER",
    "WAGTAILADMIN_BASE_URL",
    "WAGTAILDOCS_MAX_UPLOAD_SIZE",
    "WAGTAILIMAGES_MAX_UPLOAD_SIZE",
    "DJANGO_SETTINGS_MODULE",
    "WEB_CONCURRENCY",
    "GUNICORN_CMD_ARGS",
]


# --------------------------------------------------------------------------------------------
# Logging, commands, signals
# --------------------------------------------------------------------------------------------


def log(message):
    """Progress goes to stderr so stdout carries only the report."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class CommandLog:
    """Remembers every command the benchmark ran, to print them with the results."""

    def __init__(self):
        self.entries = []

    def add(self, argv, env_overrides=None):
        prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env_overrides or {}).items())
        command = shlex.join(str(a) for a in argv)
        self.entries.append(f"{prefix} {command}".strip())


def print_reproduction(env_overrides, commands):
    """What a reader needs to run the same thing by hand."""
    print("Environment for every command (SECRET_KEY: 60 random characters, not shown):")
    for key, value in env_overrides.items():
        print(f"  {key}={value}")
    print("Commands (run from the repository root):")
    for entry in commands.entries:
        print(f"  {entry}")


def raise_on_sigterm(signum, frame):
    """A SIGTERM handler: SystemExit, so the benchmark's finally blocks stop its processes and
    remove its databases and files (run_all.py stops a benchmark past its time with SIGTERM)."""
    raise SystemExit(128 + signum)


def install_sigterm_handler():
    signal.signal(signal.SIGTERM, raise_on_sigterm)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def positive_int(value):
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return number


def add_summary_option(parser):
    """`--summary-json PATH`: the benchmark's headline figures for run_all.py (see
    write_summary)."""
    parser.add_argument(
        "--summary-json",
        metavar="PATH",
        help="also write the headline figures to PATH as JSON rows (what `make bench` collects)",
    )


# --------------------------------------------------------------------------------------------
# Summary rows (--summary-json)
# --------------------------------------------------------------------------------------------


def summary_row(benchmark, measure, value, unit, *, ratio=None, against=None, goal=None, met=None):
    """One headline figure.

    benchmark: the benchmark's short name (as in run_all.py); measure: what was measured, in a
    few words; value and unit: the figure; ratio: value (or the figure the goal is about) divided
    by the figure named in `against` (None when there is no comparison); goal: the target, as
    text (">= 1.5", "<= 1.1", "0"); met: True or False when the benchmark checked the goal, None
    when there is none.
    """
    if isinstance(value, float) and not math.isfinite(value):
        value = None
    if isinstance(ratio, float) and not math.isfinite(ratio):
        ratio = None
    return {
        "benchmark": benchmark,
        "measure": measure,
        "value": value,
        "unit": unit,
        "ratio": ratio,
        "against": against,
        "goal": goal,
        "met": met,
    }


def write_summary(path, figures, parameters=None):
    """Write the figures (summary_row dicts) to `path` as {"rows": [...], "parameters": {...}}
    (the sizes the benchmark ran with); nothing when `path` is empty (option not given)."""
    if not path:
        return
    document = {"rows": list(figures), "parameters": parameters or {}}
    Path(path).write_text(json.dumps(document, indent=2, default=str) + "\n")


def at_most(value, goal):
    """`met` for a goal `value <= goal` (None when the value is missing)."""
    return None if value is None else value <= goal


def at_least(value, goal):
    return None if value is None else value >= goal


# --------------------------------------------------------------------------------------------
# The machine
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Environment and management commands
# --------------------------------------------------------------------------------------------


def random_secret_key(length=60):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def free_port():
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def base_env_overrides(database_url, media_root):
    """Environment variables shared by every subprocess (SECRET_KEY is added separately):
    production settings, reachable over plain HTTP on 127.0.0.1."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        # Private files (certificates, imports) beside the public ones, never in the checkout.
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


def clean_environ():
    """The caller's environment minus every settings variable."""
    return {k: v for k, v in os.environ.items() if k not in SETTINGS_ENV_VARS}


def subprocess_env(overrides, secret_key):
    """The caller's environment minus every settings variable, plus the benchmark's own."""
    env = clean_environ()
    env.update(overrides)
    env["SECRET_KEY"] = secret_key
    return env


def run_checked(argv, env, commands, env_overrides=None):
    """Run a command from the repository root; show its output only when it fails."""
    commands.add(argv, env_overrides)
    completed = subprocess.run(
        argv, cwd=REPO_DIR, env=env, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise RuntimeError(f"Command failed ({completed.returncode}): {shlex.join(argv)}")
    return completed


def manage(args, env, commands, env_overrides=None):
    return run_checked(
        [sys.executable, "manage.py", *args], env, commands, env_overrides=env_overrides
    )


def build_demo_site(env, commands):
    """Migrate the database, load the demo data and collect the static files: the site the page
    benchmark and the load tests serve."""
    log("migrate")
    manage(["migrate", "--noinput"], env, commands)
    log("load_demo_data")
    manage(["load_demo_data"], env, commands)
    # Production's manifest storage needs the manifest to render any page.
    log("collectstatic")
    manage(["collectstatic", "--noinput"], env, commands)


# --------------------------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------------------------


def redact_url(url):
    """The URL without its password, for printing."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def is_postgres(url):
    return urlsplit(url).scheme in ("postgres", "postgresql", "pgsql")


def postgres_admin_connection(url):
    """An autocommit connection to the server's `postgres` database, plus the target's name."""
    import psycopg  # only needed for PostgreSQL

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"--database-url names no database: {redact_url(url)}")
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    return psycopg.connect(admin_url, autocommit=True, connect_timeout=5), name


# The name the scripts used when this lived in serve_pages.py.
_postgres_admin_connection = postgres_admin_connection


def ensure_postgres_database(url):
    """Create the database named in `url` when it is missing. Returns True if it was created."""
    from psycopg import sql

    connection, name = postgres_admin_connection(url)
    with connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists:
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def drop_postgres_database(url):
    from psycopg import sql

    connection, name = postgres_admin_connection(url)
    with connection:
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        connection.execute(statement.format(sql.Identifier(name)))


# --------------------------------------------------------------------------------------------
# Redis
# --------------------------------------------------------------------------------------------


def redis_client(url):
    """A client for `url` if redis-py is installed and Redis answers, else None. Each benchmark
    has its own Redis db (named in its README section) and flushes it before and after."""
    try:
        import redis
    except ImportError:
        return None
    client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        return None
    return client


# --------------------------------------------------------------------------------------------
# gunicorn
# --------------------------------------------------------------------------------------------


def http_status(port, path, headers=None, timeout=10):
    """One GET on a fresh connection to 127.0.0.1:`port`: the status (the body is read)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"User-Agent": "lentera-bench", **(headers or {})})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def gunicorn_argv(port, workers, log_file):
    """`gunicorn --pythonpath site config.wsgi` as in the Procfile, bound to 127.0.0.1."""
    script = Path(sys.executable).with_name("gunicorn")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "gunicorn"]
    return [
        *program,
        "--pythonpath",
        "site",
        "config.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--error-logfile",
        str(log_file),
    ]


class GunicornServer:
    """Starts gunicorn in its own session and always stops it (use as a context manager)."""

    def __init__(self, argv, env, log_file):
        self.argv = argv
        self.env = env
        self.log_file = log_file
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            self.argv,
            cwd=REPO_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            # Own session: a Ctrl-C in the terminal reaches only the benchmark, which then stops
            # gunicorn itself in __exit__.
            start_new_session=True,
        )
        return self

    def __exit__(self, *exc_info):
        self.stop()

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
                if http_status(port, probe_path) == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready after {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self):
        """SIGTERM (gunicorn's graceful shutdown), then SIGKILL to its process group."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def percentile(values, pct):
    """Nearest-rank percentile, NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


def format_table(headers, rows, text_columns=2):
    """Plain-text table: the first `text_columns` left-aligned, the figures right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        out = [
            str(cell).ljust(width) if index < text_columns else str(cell).rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(out).rstrip()

    separator = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), separator, *(line(row) for row in rows)])
