"""Benchmark: how fast gunicorn serves Lentera's pages compared with static files of the same size.

Never part of the test suite. It builds an isolated site (temporary SQLite database and media
directory, or the PostgreSQL database given with --database-url), loads the demo data, then runs
gunicorn with production settings twice: without the anonymous page cache (PAGE_CACHE_SECONDS=0)
and with it (Redis db 15 when a Redis answers on 127.0.0.1:6379, local memory otherwise). In each
configuration a Python load generator requests an article, the /materi/ listing and two static
files served by whitenoise that hold exactly the same bytes as those pages, and prints throughput
and latency figures. All traffic goes to 127.0.0.1.

Usage (from the repository root):

    .venv/bin/python bench/serve_pages.py [--requests N] [--uncached-requests N]
        [--concurrency N] [--workers N] [--duration S] [--database-url URL] [--keep-database]
"""

import argparse
import contextlib
import http.client
import json
import math
import os
import shutil
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

# bench/ is on sys.path when this file runs as a script: the benchmarks' shared helpers.
from harness import (
    HOST,
    STATIC_ROOT,
    CommandLog,
    GunicornServer,
    add_summary_option,
    at_least,
    base_env_overrides,
    build_demo_site,
    drop_postgres_database,
    ensure_postgres_database,
    format_table,
    free_port,
    gunicorn_argv,
    install_sigterm_handler,
    is_postgres,
    log,
    manage,
    positive_int,
    print_reproduction,
    random_secret_key,
    redact_url,
    redis_client,
    subprocess_env,
    summary_row,
    write_summary,
)

# Fixed in settings (base.py): STATIC_ROOT = <repo>/staticfiles.
BENCH_STATIC_DIR = STATIC_ROOT / "bench"
REDIS_URL = "redis://127.0.0.1:6379/15"
CACHE_HEADER = "X-Lentera-Cache"
LISTING_PATH = "/materi/"


# Run inside `manage.py shell -c`: finds the pages to load (the newest live article and
# fact-check, the /materi/ listing, the home page and the newest session), makes one logged-in
# database session for the demo's PTT participant (a plain reader: no staff flag, no group), and
# renders every page once with Django's test client (same settings, same Host header as the load
# generator will send), anonymously and with that session, saving the bodies: static copies of the
# article and the listing must be written before gunicorn starts (whitenoise indexes STATIC_ROOT
# only at startup in production).
PROBE_CODE = textwrap.dedent(
    """
    import json, os, pathlib
    from importlib import import_module
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.test import Client
    from content.articles.models import ArticlePage, FactCheckPage
    from content.people.models import User
    from content.training.models import SessionPage

    out_dir = pathlib.Path(os.environ["BENCH_PROBE_DIR"])
    newest = ("-published_date", "-pk")
    article = ArticlePage.objects.live().public().order_by(*newest).first()
    fact_check = FactCheckPage.objects.live().public().order_by(*newest).first()
    session = SessionPage.objects.live().public().order_by("-date", "-pk").first()
    if article is None or fact_check is None or session is None:
        raise SystemExit("No live article, fact-check or session: did load_demo_data run?")
    pages = {
        "article": article.get_url(),
        "fact-check": fact_check.get_url(),
        "listing": os.environ["BENCH_LISTING"],
        "home": "/",
        "session": session.get_url(),
    }

    reader = User.objects.get(email=os.environ["BENCH_READER_EMAIL"])
    assert not (reader.is_staff or reader.is_superuser or reader.get_all_permissions())
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(reader.pk)
    store[BACKEND_SESSION_KEY] = "content.people.backends.IdentifierBackend"
    store[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    store.create()
    cookie = f"{settings.SESSION_COOKIE_NAME}={store.session_key}"

    result = {"pages": {}, "cookie": cookie}
    for reader_kind, extra in (("anonymous", {}), ("participant", {"HTTP_COOKIE": cookie})):
        client = Client(HTTP_HOST=os.environ["BENCH_PROBE_HOST"], **extra)
        for kind, path in pages.items():
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"GET {path} ({reader_kind}) answered {response.status_code}")
            if reader_kind == "participant" and b"Akun saya" not in response.content:
                raise SystemExit(f"GET {path} with the participant's cookie is not logged in")
            name = f"{kind}-{reader_kind}"
            (out_dir / f"{name}.html").write_bytes(response.content)
            result["pages"][name] = path
    (out_dir / "probe.json").write_text(json.dumps(result))
    """
)
# The probe's pages whose bytes get a static copy (anonymous renders).
STATIC_TWINS = ("article", "listing")
READER_EMAIL = "ptt@contoh.go.id"  # the demo's PTT participant (content/people/demo.py)
PEER_KIND = "peer: stock Wagtail page"
# The goal: each Lentera page serves at least this many times the peer's requests per second.
PEER_GOAL = 1.5


# --------------------------------------------------------------------------------------------
# Data structures
# --------------------------------------------------------------------------------------------


@dataclass
class Target:
    """One URL under load: a page, or a static file holding the same bytes as a page."""

    kind: str
    path: str
    size: int
    is_page: bool
    # For static files: the page kind whose bytes it copies ("article" or "listing").
    twin_of: str = ""
    # Sent as the Cookie header: the participant's session for logged-in pages.
    cookie: str = ""
    # Served by the stock Wagtail project (peer_wagtail.py) rather than Lentera.
    peer: bool = False
    # "anonymous" or "participant" for Lentera's pages.
    reader: str = ""


@dataclass
class LoadResult:
    """Figures of one load run against one URL."""

    configuration: str
    cache_enabled: bool
    target: Target
    requests: int
    failures: int
    elapsed: float
    latencies: list[float] = field(repr=False)
    cache_hits: int
    body_sizes: set[int] = field(default_factory=set)

    @property
    def rps(self):
        return self.requests / self.elapsed if self.elapsed > 0 else 0.0

    def percentile_ms(self, pct):
        """Nearest-rank percentile of the recorded latencies, in milliseconds."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(1, math.ceil(pct / 100 * len(ordered)))
        return ordered[rank - 1] * 1000


@dataclass
class Configuration:
    """A gunicorn run: a label and the environment variables that differ between runs."""

    name: str
    env: dict[str, str]
    cached: bool


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Compare gunicorn page serving with whitenoise static files of the same size."
    )
    parser.add_argument(
        "--requests",
        type=positive_int,
        default=2000,
        help="requests per URL for cached pages and static files (default 2000)",
    )
    parser.add_argument(
        "--uncached-requests",
        type=positive_int,
        default=400,
        help="requests per URL for pages without the page cache (default 400)",
    )
    parser.add_argument(
        "--concurrency", type=positive_int, default=8, help="client threads (default 8)"
    )
    parser.add_argument(
        "--workers", type=positive_int, default=2, help="gunicorn workers (default 2)"
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=30.0,
        help="cap in seconds on each URL's load run (default 30)",
    )
    parser.add_argument(
        "--database-url",
        help="use this database instead of a temporary SQLite file, e.g. "
        "postgres://postgres@127.0.0.1:5432/lentera_bench (created when missing)",
    )
    add_summary_option(parser)
    parser.add_argument(
        "--no-peer",
        action="store_true",
        help="do not build and load the stock Wagtail peer (bench/peer_wagtail.py)",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="keep a PostgreSQL database that this run created (dropped by default)",
    )
    return parser.parse_args(argv)


# --------------------------------------------------------------------------------------------
# Static copies of the pages
# --------------------------------------------------------------------------------------------


def probe_pages(env, host_header, work_dir, commands):
    """Render every page once, anonymously and as the participant. Returns
    ({"<kind>-<reader>": (path, body bytes)}, the participant's Cookie header)."""
    probe_dir = work_dir / "probe"
    probe_dir.mkdir()
    probe_env = dict(
        env,
        BENCH_PROBE_DIR=str(probe_dir),
        BENCH_PROBE_HOST=host_header,
        BENCH_LISTING=LISTING_PATH,
        BENCH_READER_EMAIL=READER_EMAIL,
    )
    # The probe's code is long: record a short description of it instead.
    manage(["shell", "-c", PROBE_CODE], probe_env, CommandLog())
    commands.add([sys.executable, "manage.py", "shell", "-c", "<PROBE_CODE in serve_pages.py>"])
    probe = json.loads((probe_dir / "probe.json").read_text())
    pages = {
        name: (path, (probe_dir / f"{name}.html").read_bytes())
        for name, path in probe["pages"].items()
    }
    return pages, probe["cookie"]


def write_static_copies(pages):
    """Write the anonymous article's and listing's bytes under STATIC_ROOT/bench/; returns the
    static Targets."""
    BENCH_STATIC_DIR.mkdir(parents=True, exist_ok=True)
    targets = []
    for kind in STATIC_TWINS:
        _path, body = pages[f"{kind}-anonymous"]
        name = f"same-size-as-{kind}.html"
        (BENCH_STATIC_DIR / name).write_bytes(body)
        targets.append(
            Target(
                kind=f"static same size as {kind}",
                path=f"/static/bench/{name}",
                size=len(body),
                is_page=False,
                twin_of=f"{kind} (anonymous)",
            )
        )
    return targets


def page_targets(pages, cookie):
    """Lentera's pages: each anonymously, then as the logged-in participant."""
    targets = []
    for name, (path, body) in pages.items():
        kind, reader = name.rsplit("-", 1)
        targets.append(
            Target(
                kind=f"{kind} ({reader})",
                path=path,
                size=len(body),
                is_page=True,
                cookie=cookie if reader == "participant" else "",
                reader=reader,
            )
        )
    return targets


# --------------------------------------------------------------------------------------------
# Load generator
# --------------------------------------------------------------------------------------------

REQUEST_HEADERS = {"Accept": "text/html", "User-Agent": "lentera-bench"}


def request_headers(cookie=""):
    return {**REQUEST_HEADERS, "Cookie": cookie} if cookie else REQUEST_HEADERS


def fetch(port, path, cookie=""):
    """One GET on a fresh connection: (status, body, headers)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request("GET", path, headers=request_headers(cookie))
        response = connection.getresponse()
        return response.status, response.read(), response.headers
    finally:
        connection.close()


class _LoadState:
    """Shared between the client threads: the request budget and the merged figures."""

    def __init__(self, total, deadline):
        self.total = total
        self.deadline = deadline
        self.issued = 0
        self.lock = threading.Lock()
        self.latencies = []
        self.failures = 0
        self.cache_hits = 0
        self.body_sizes = set()

    def take_ticket(self):
        """True while requests remain and the duration cap has not passed."""
        with self.lock:
            if self.issued >= self.total or time.perf_counter() >= self.deadline:
                return False
            self.issued += 1
            return True


def _client_thread(state, port, path, cookie=""):
    """Send requests until the budget runs out, reusing one keep-alive connection.

    gunicorn's sync workers close the connection after each response; http.client then
    reconnects transparently on the next request, so that cost is part of the latency.
    """
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    headers = request_headers(cookie)
    latencies, failures, hits, sizes = [], 0, 0, set()
    while state.take_ticket():
        start = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            failures += 1
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=10)
            continue
        latencies.append(time.perf_counter() - start)
        if response.status != 200:
            failures += 1
        sizes.add(len(body))
        if response.getheader(CACHE_HEADER) in ("hit", "reader-hit"):
            hits += 1
    connection.close()
    with state.lock:
        state.latencies.extend(latencies)
        state.failures += failures
        state.cache_hits += hits
        state.body_sizes |= sizes


def run_load(port, target, config, requests, concurrency, duration):
    """Bounded load: `requests` GETs of one URL (or fewer if `duration` seconds pass)."""
    start = time.perf_counter()
    state = _LoadState(requests, start + duration)
    threads = [
        threading.Thread(
            target=_client_thread, args=(state, port, target.path, target.cookie), daemon=True
        )
        for _ in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return LoadResult(
        configuration=config.name,
        cache_enabled=config.cached,
        target=target,
        requests=state.issued,
        failures=state.failures,
        elapsed=elapsed,
        latencies=state.latencies,
        cache_hits=state.cache_hits,
        body_sizes=state.body_sizes,
    )


def warm_up(port, target, config, concurrency, workers):
    """A few concurrent requests so every worker has imported, rendered and (if cached) stored
    the URL. Returns the number of cache hits seen in a last, separate round."""
    rounds = max(4 * workers, 2 * concurrency)
    run_load(port, target, config, rounds, concurrency, duration=30)
    if not target.is_page or target.peer:
        return 0
    return run_load(port, target, config, rounds, concurrency, duration=30).cache_hits


# --------------------------------------------------------------------------------------------
# One configuration
# --------------------------------------------------------------------------------------------


def load_order(targets, peer_target):
    """Lentera's URLs with the peer's page before the first and after each page's pair
    (anonymous, participant), so every Lentera page is measured between two peer runs."""
    if peer_target is None:
        return list(targets)
    order = [peer_target]
    for index, target in enumerate(targets):
        order.append(target)
        following = targets[index + 1] if index + 1 < len(targets) else None
        same_page = (
            following is not None
            and following.is_page
            and target.is_page
            and following.path == target.path
        )
        if target.is_page and not same_page:
            order.append(peer_target)
    return order


def benchmark_configuration(
    config, targets, args, port, base_env, secret_key, work_dir, commands, peer=None
):
    """Start gunicorn with `config`, warm every URL, load each one in turn (alternating with the
    peer's page when `peer` is (target, port)), stop gunicorn."""
    log_file = work_dir / f"gunicorn-{'cached' if config.cached else 'uncached'}.log"
    argv = gunicorn_argv(port, args.workers, log_file)
    env = subprocess_env({**base_env, **config.env}, secret_key)
    commands.add(argv, config.env)
    peer_target, peer_port = peer if peer is not None else (None, None)
    results = []
    log(f"{config.name}: starting gunicorn on {HOST}:{port} with {args.workers} workers")
    with GunicornServer(argv, env, log_file) as server:
        server.wait_ready(port, targets[-1].path)
        warmed = set()
        for target in load_order(targets, peer_target):
            target_port = peer_port if target.peer else port
            if id(target) not in warmed:
                warmed.add(id(target))
                hits = warm_up(target_port, target, config, args.concurrency, args.workers)
                expect_hits = target.is_page and not target.peer
                expect_hits = expect_hits and (config.cached or target.reader == "participant")
                if expect_hits and hits == 0:
                    log(f"warning: no cache hit for {target.kind} {target.path} after warm-up")
            # Rendered pages are slow: they get the smaller budget.
            rendered = target.is_page and (
                target.peer or target.reader == "participant" or not config.cached
            )
            requests = args.uncached_requests if rendered else args.requests
            result = run_load(
                target_port, target, config, requests, args.concurrency, args.duration
            )
            log(
                f"{config.name}: {target.kind:<32} {result.requests:>5} req "
                f"{result.rps:8.1f} req/s, {result.failures} failures"
            )
            results.append(result)
    return results


def build_configurations(redis):
    """Uncached, then cached with Redis db 15 (or local memory when Redis is unavailable)."""
    uncached = Configuration("uncached", {"PAGE_CACHE_SECONDS": "0"}, cached=False)
    if redis is not None:
        cached = Configuration(
            "cached (Redis db 15)",
            {"PAGE_CACHE_SECONDS": "600", "REDIS_URL": REDIS_URL},
            cached=True,
        )
    else:
        cached = Configuration("cached (local memory)", {"PAGE_CACHE_SECONDS": "600"}, cached=True)
    return [uncached, cached]


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def results_table(results):
    headers = [
        "configuration",
        "URL kind",
        "bytes",
        "requests",
        "failures",
        "req/s",
        "p50 ms",
        "p99 ms",
        "cache hits",
    ]
    rows = []
    for r in results:
        if not r.target.is_page or r.target.peer:
            hits = "-"
        elif not r.cache_enabled and r.target.reader != "participant":
            hits = "off"
        else:
            hits = f"{r.cache_hits / max(r.requests, 1):.0%}"
        rows.append(
            [
                r.configuration,
                r.target.kind,
                f"{r.target.size:,}",
                r.requests,
                r.failures,
                f"{r.rps:.1f}",
                f"{r.percentile_ms(50):.2f}",
                f"{r.percentile_ms(99):.2f}",
                hits,
            ]
        )
    return format_table(headers, rows)


def ratio_table(results):
    """Page req/s divided by the req/s of the static file with the same bytes, per run."""
    rows = []
    for config in dict.fromkeys(r.configuration for r in results):
        in_config = [r for r in results if r.configuration == config]
        static = {r.target.twin_of: r for r in in_config if not r.target.is_page}
        for page in (r for r in in_config if r.target.is_page):
            twin = static.get(page.target.kind)
            if twin is None or twin.rps == 0:
                continue
            rows.append(
                [
                    config,
                    page.target.kind,
                    f"{page.rps:.1f}",
                    f"{twin.rps:.1f}",
                    f"{page.rps / twin.rps:.3f}",
                    f"{page.percentile_ms(50) / twin.percentile_ms(50):.1f}",
                ]
            )
    headers = [
        "configuration",
        "page",
        "page req/s",
        "static req/s",
        "page/static req/s",
        "page/static p50",
    ]
    return format_table(headers, rows)


def peer_ratio_table(results):
    """Each Lentera page's req/s divided by the stock Wagtail page's, measured just before and
    just after it (their mean), in the same configuration."""
    rows = []
    for config, page, peer_rps in peer_ratios(results):
        if peer_rps == 0:
            continue
        ratio = page.rps / peer_rps
        rows.append(
            [
                config,
                page.target.kind,
                f"{page.rps:.1f}",
                f"{peer_rps:.1f}",
                f"{ratio:.2f}",
                "yes" if ratio >= PEER_GOAL else "NO",
            ]
        )
    headers = [
        "configuration",
        "Lentera page",
        "req/s",
        "peer req/s",
        "page/peer",
        f">= {PEER_GOAL}",
    ]
    return format_table(headers, rows)


def peer_ratios(results):
    """[(configuration, page result, peer req/s)] for every Lentera page with a peer run next to
    it (the mean of the peer's runs just before and after)."""
    ratios = []
    for config in dict.fromkeys(r.configuration for r in results):
        in_config = [r for r in results if r.configuration == config]
        for index, page in enumerate(in_config):
            if not page.target.is_page or page.target.peer:
                continue
            before = [r for r in in_config[:index] if r.target.peer][-1:]
            after = [r for r in in_config[index + 1 :] if r.target.peer][:1]
            around = before + after
            if around:
                ratios.append((config, page, sum(r.rps for r in around) / len(around)))
    return ratios


def summary_rows(results):
    """The headline figures for --summary-json (run_all.py's table): each Lentera page's req/s
    against the peer's. The goal (>= 1.5) is checked for the participant's pages and the cached
    anonymous ones; a visitor's page with the page cache off is shown against the peer too."""
    rows = []
    for config, page, peer_rps in peer_ratios(results):
        ratio = page.rps / peer_rps if peer_rps else None
        goal_applies = page.target.reader == "participant" or page.cache_enabled
        rows.append(
            summary_row(
                "pages",
                f"{page.target.kind}, {config}",
                round(page.rps, 1),
                "req/s",
                ratio=ratio,
                against="stock Wagtail page req/s",
                goal=f">= {PEER_GOAL}" if goal_applies else None,
                met=at_least(ratio, PEER_GOAL) if goal_applies else None,
            )
        )
    return rows


def size_warnings(results):
    """Pages whose served bytes differ from their static copy (should not happen)."""
    warnings = []
    for r in results:
        odd = {size for size in r.body_sizes if size != r.target.size}
        if odd:
            warnings.append(
                f"{r.configuration} {r.target.path}: served {sorted(odd)} bytes, "
                f"expected {r.target.size}"
            )
    return warnings


def print_report(results, args, pages, commands, env_overrides, database_label, peer=None):
    cpu_count = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpu_count
    print()
    print("Lentera page serving benchmark")
    print(f"  cores: {cpu_count} (usable by this process: {usable}); the load generator runs")
    print("         on the same machine and competes with gunicorn for them")
    print(
        f"  python {sys.version.split()[0]}, gunicorn sync workers: {args.workers}, "
        f"client threads: {args.concurrency}, duration cap per URL: {args.duration:g} s"
    )
    print("  sync workers close the connection after each response: every request includes")
    print("  a new TCP connection, in the latency as in req/s")
    print(f"  database: {database_label}")
    for kind, (path, body) in pages.items():
        print(f"  {kind}: {path} ({len(body):,} bytes)")
    if peer is not None:
        print(
            f"  peer: {peer.target.path} ({peer.target.size:,} bytes), a `wagtail start` project "
            f"in {peer.site.directory} (its own SQLite database,"
        )
        print(
            "        production.py: DEBUG = False), a StreamField page with the article's text "
            "and images, same gunicorn command line"
        )
    print("  participant: the demo's PTT participant, logged in (a plain reader); the page")
    print("  cache never serves them, the reader cache (content/base/reader_cache.py) may")
    print()
    print(results_table(results))
    print()
    print("Page req/s / static req/s (same bytes, same configuration):")
    print(ratio_table(results))
    if peer is not None:
        print()
        print("Page req/s / stock Wagtail page req/s (the peer's runs just before and after):")
        print(peer_ratio_table(results))
    warnings = size_warnings(results)
    for warning in warnings:
        print(f"  warning: {warning}")
    if not warnings:
        print("  every response had exactly the byte count of its page / static copy")
    print()
    print_reproduction(env_overrides, commands)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def prepare_site(args, work_dir, secret_key, port, commands):
    """Database, demo data, collectstatic and the probe. Returns (env overrides, pages, the
    participant's cookie, database label, Lentera's environment)."""
    if args.database_url:
        database_url, label = args.database_url, redact_url(args.database_url)
    else:
        database_url = f"sqlite:///{work_dir / 'bench.sqlite3'}"
        label = f"SQLite {work_dir / 'bench.sqlite3'} (temporary)"
    media_root = work_dir / "media"
    media_root.mkdir()
    overrides = base_env_overrides(database_url, media_root)
    env = subprocess_env(overrides, secret_key)

    build_demo_site(env, commands)
    log("rendering every page once (anonymous and logged in) to copy bytes into staticfiles/bench/")
    pages, cookie = probe_pages(env, f"{HOST}:{port}", work_dir, commands)
    return overrides, pages, cookie, label, env


@dataclass
class Peer:
    """The stock Wagtail project, served for the whole run."""

    site: object
    target: Target
    port: int


def start_peer(args, lentera_env, work_dir, commands, stack):
    """Build the stock Wagtail project with the newest article's content, start its gunicorn
    (entered into `stack`, so it always stops) and return a Peer."""
    import peer_wagtail

    log("building the peer: a stock `wagtail start` project with the article's content")
    article = peer_wagtail.export_article(manage, lentera_env, work_dir, commands)
    site = peer_wagtail.build_peer(work_dir / "peer", article, commands=commands)
    port = free_port()
    log_file = work_dir / "gunicorn-peer.log"
    argv = peer_wagtail.peer_gunicorn_argv(site, gunicorn_argv(port, args.workers, log_file))
    commands.add(argv, {"DJANGO_SETTINGS_MODULE": site.settings_module})
    server = stack.enter_context(GunicornServer(argv, site.env(), log_file))
    server.wait_ready(port, site.page_path)
    _status, body, _headers = fetch(port, site.page_path)
    target = Target(kind=PEER_KIND, path=site.page_path, size=len(body), is_page=True, peer=True)
    log(f"peer: gunicorn on {HOST}:{port}, {site.page_path} ({len(body):,} bytes)")
    return Peer(site=site, target=target, port=port)


def main(argv=None):
    args = parse_args(argv)
    install_sigterm_handler()
    commands = CommandLog()
    secret_key = random_secret_key()
    # One port for both configurations: the pages' absolute URLs contain the Host header, so the
    # bytes rendered by the probe match what gunicorn serves only if the port never changes.
    port = free_port()
    work_dir = Path(tempfile.mkdtemp(prefix="lentera-bench-"))
    static_root_existed = STATIC_ROOT.exists()
    created_database = False
    redis = None
    try:
        with contextlib.ExitStack() as stack:
            if args.database_url and is_postgres(args.database_url):
                created_database = ensure_postgres_database(args.database_url)
                if created_database:
                    log(f"created database {redact_url(args.database_url)}")
            base_env, pages, cookie, database_label, lentera_env = prepare_site(
                args, work_dir, secret_key, port, commands
            )
            static_targets = write_static_copies(pages)
            twins = {t.twin_of: t for t in static_targets}
            targets = []
            # Each page anonymously, as the participant, then the static file of its bytes.
            for target in page_targets(pages, cookie):
                targets.append(target)
                if target.reader == "participant":
                    twin = twins.get(target.kind.replace("(participant)", "(anonymous)"))
                    if twin is not None:
                        targets.append(twin)
            peer = (
                None if args.no_peer else start_peer(args, lentera_env, work_dir, commands, stack)
            )

            redis = redis_client(REDIS_URL)
            results = []
            for config in build_configurations(redis):
                if config.cached and redis is not None:
                    redis.flushdb()
                results += benchmark_configuration(
                    config,
                    targets,
                    args,
                    port,
                    base_env,
                    secret_key,
                    work_dir,
                    commands,
                    peer=(peer.target, peer.port) if peer is not None else None,
                )
        print_report(results, args, pages, commands, base_env, database_label, peer)
        parameters = {
            "requests": args.requests,
            "uncached_requests": args.uncached_requests,
            "concurrency": args.concurrency,
            "workers": args.workers,
            "duration": args.duration,
            "peer": not args.no_peer,
        }
        write_summary(args.summary_json, summary_rows(results), parameters)
    finally:
        if redis is not None:
            redis.flushdb()
        # Leave STATIC_ROOT as it was: drop our copies, or everything if collectstatic made it.
        shutil.rmtree(BENCH_STATIC_DIR if static_root_existed else STATIC_ROOT, ignore_errors=True)
        shutil.rmtree(work_dir, ignore_errors=True)
        if created_database and not args.keep_database:
            drop_postgres_database(args.database_url)
            log(f"dropped database {redact_url(args.database_url)}")


if __name__ == "__main__":
    main()
