"""Benchmark: req/s of Lentera's public pages under gunicorn, against a stock Wagtail page (the
peer, peer_wagtail.py) measured just before and after each page, and static files of the same
bytes.

The article, fact-check, /materi/ listing, home and session page, anonymously and as the demo's
PTT participant (logged in server-side), uncached then cached (Redis db 15, else local memory);
each URL warmed, then loaded by --concurrency threads. Goal: >= 1.5x the peer for the
participant's pages and the cached ones.

    .venv/bin/python bench/serve_pages.py [--requests N] [--uncached-requests N] [--workers N]
        [--concurrency N] [--duration S] [--database-url URL] [--keep-database] [--no-peer]
"""

import http.client
import shutil
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field

import harness
import peer_wagtail

BENCH_STATIC_DIR = harness.STATIC_ROOT / "bench"
REDIS_URL = "redis://127.0.0.1:6379/15"
CACHE_HEADER = "X-Lentera-Cache"
HEADERS = {"Accept": "text/html", "User-Agent": "lentera-bench"}
STATIC_TWINS = ("article", "listing")  # the pages whose anonymous bytes get a static copy
PEER_KIND = "peer: stock Wagtail page"
PEER_GOAL = 1.5

# The pages, a logged-in session for the demo's PTT participant, and every page rendered once
# with Django's test client (same Host as the load generator), anonymously and as them.
PROBE_CODE = """
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
pages = {"article": article.get_url(), "fact-check": fact_check.get_url(), "listing": "/materi/",
         "home": "/", "session": session.get_url()}
reader = User.objects.get(email="ptt@contoh.go.id")  # the demo's PTT participant
assert not (reader.is_staff or reader.is_superuser or reader.get_all_permissions())
cookie = f"{settings.SESSION_COOKIE_NAME}={login_session(reader)}"
result = {}
for reader_kind, extra in (("anonymous", {}), ("participant", {"HTTP_COOKIE": cookie})):
    client = Client(HTTP_HOST=os.environ["BENCH_PROBE_HOST"], **extra)
    for kind, path in pages.items():
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} ({reader_kind}) answered {response.status_code}")
        if reader_kind == "participant" and b"Akun saya" not in response.content:
            raise SystemExit(f"GET {path} with the participant's cookie is not logged in")
        (out_dir / f"{kind}-{reader_kind}.html").write_bytes(response.content)
        result[f"{kind}-{reader_kind}"] = path
emit({"pages": result, "cookie": cookie})
"""


@dataclass
class Target:
    """One URL under load: a Lentera page, the peer's page, or a static copy of a page."""

    kind: str
    path: str
    size: int
    is_page: bool
    twin_of: str = ""  # static files: the page whose bytes they hold
    cookie: str = ""  # the participant's session for logged-in pages
    peer: bool = False
    reader: str = ""  # "anonymous" or "participant" for Lentera's pages


@dataclass
class LoadResult:
    configuration: str
    cache_enabled: bool
    target: Target
    requests: int = 0
    failures: int = 0
    elapsed: float = 0.0
    latencies: list = field(default_factory=list, repr=False)
    cache_hits: int = 0
    body_sizes: set = field(default_factory=set)

    @property
    def rps(self):
        return self.requests / self.elapsed if self.elapsed > 0 else 0.0

    def percentile_ms(self, pct):
        return harness.percentile(self.latencies, pct) * 1000


def parse_args(argv=None):
    parser = harness.bench_parser("Lentera's pages under gunicorn next to a stock Wagtail page.")
    add = parser.add_argument
    add(
        "--requests", type=harness.positive_int, default=2000, help="per cached page or static file"
    )
    add("--uncached-requests", type=harness.positive_int, default=400, help="per rendered page")
    add("--concurrency", type=harness.positive_int, default=8, help="client threads (default 8)")
    add("--workers", type=harness.positive_int, default=2, help="gunicorn workers (default 2)")
    add("--duration", type=float, default=30.0, help="cap in seconds per URL (default 30)")
    add("--database-url", help="a PostgreSQL database instead of a temporary SQLite file")
    add("--keep-database", action="store_true", help="keep a database this run created")
    add("--no-peer", action="store_true", help="without the stock Wagtail peer")
    return parser.parse_args(argv)


def run_load(port, target, config, requests, concurrency, duration):
    """Up to `requests` GETs of one URL from `concurrency` threads, for at most `duration` s.
    Each thread keeps one connection; sync workers close it after each response, so every
    request includes a new TCP connection."""
    result = LoadResult(config["name"], config["cached"], target)
    lock = threading.Lock()
    headers = {**HEADERS, "Cookie": target.cookie} if target.cookie else HEADERS
    deadline = time.perf_counter() + duration

    def client():
        connection = http.client.HTTPConnection(harness.HOST, port, timeout=10)
        while True:
            with lock:
                if result.requests >= requests or time.perf_counter() >= deadline:
                    break
                result.requests += 1
            start = time.perf_counter()
            try:
                connection.request("GET", target.path, headers=headers)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(harness.HOST, port, timeout=10)
                with lock:
                    result.failures += 1
                continue
            with lock:
                result.latencies.append(time.perf_counter() - start)
                result.failures += response.status != 200
                result.body_sizes.add(len(body))
                result.cache_hits += response.getheader(CACHE_HEADER) in ("hit", "reader-hit")
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - started
    return result


def load_order(targets, peer):
    """The peer's page before the first URL and after each page's pair (anonymous,
    participant), so every Lentera page is measured between two peer runs."""
    if peer is None:
        return list(targets)
    order = [peer]
    for target, following in zip(targets, [*targets[1:], None], strict=True):
        order.append(target)
        same_page = following is not None and following.is_page and following.path == target.path
        if target.is_page and not same_page:
            order.append(peer)
    return order


def benchmark_configuration(site, config, targets, args, port, peer):
    """gunicorn with `config`; every URL warmed, then loaded in turn; gunicorn stopped."""
    log_file = site.work_dir / f"gunicorn-{'cached' if config['cached'] else 'uncached'}.log"
    argv = harness.gunicorn_argv(port, args.workers, log_file)
    site.commands.add(argv, config["env"])
    env = harness.subprocess_env({**site.overrides, **config["env"]}, site.secret_key)
    results, warmed = [], set()
    harness.log(
        f"{config['name']}: starting gunicorn on {harness.HOST}:{port} with {args.workers} workers"
    )
    with harness.GunicornServer(argv, env, log_file) as server:
        server.wait_ready(port, targets[-1].path)
        for target in load_order(targets, peer and peer.target):
            target_port = peer.port if target.peer else port
            if id(target) not in warmed:
                warmed.add(id(target))
                rounds = max(4 * args.workers, 2 * args.concurrency)
                run_load(target_port, target, config, rounds, args.concurrency, 30)
                # A second round; the page cache (cached) or reader cache (participant) must hit.
                if target.is_page and not target.peer:
                    again = run_load(target_port, target, config, rounds, args.concurrency, 30)
                    if not again.cache_hits and (
                        config["cached"] or target.reader == "participant"
                    ):
                        harness.log(f"warning: no cache hit for {target.kind} after warm-up")
            rendered = target.is_page and (
                target.peer or target.reader == "participant" or not config["cached"]
            )
            requests = args.uncached_requests if rendered else args.requests
            result = run_load(
                target_port, target, config, requests, args.concurrency, args.duration
            )
            harness.log(
                f"{config['name']}: {target.kind:<32} {result.requests:>5} req "
                f"{result.rps:8.1f} req/s, {result.failures} failures"
            )
            results.append(result)
    return results


def peer_ratios(results):
    """[(configuration, page result, peer req/s)]: the mean of the peer's runs just before and
    just after each Lentera page, in the same configuration."""
    ratios = []
    for config in dict.fromkeys(r.configuration for r in results):
        runs = [r for r in results if r.configuration == config]
        for index, page in enumerate(runs):
            if page.target.is_page and not page.target.peer:
                before = [r for r in runs[:index] if r.target.peer][-1:]
                after = [r for r in runs[index + 1 :] if r.target.peer][:1]
                if before + after:
                    peer_rps = sum(r.rps for r in before + after) / len(before + after)
                    ratios.append((config, page, peer_rps))
    return ratios


def summary_rows(results):
    """Each Lentera page's req/s against the peer's; the goal applies to the participant's
    pages and the cached ones."""
    rows = []
    for config, page, peer_rps in peer_ratios(results):
        ratio = page.rps / peer_rps if peer_rps else None
        has_goal = page.target.reader == "participant" or page.cache_enabled
        goal, met = (
            (f">= {PEER_GOAL}", harness.at_least(ratio, PEER_GOAL)) if has_goal else (None, None)
        )
        measure, against = f"{page.target.kind}, {config}", "stock Wagtail page req/s"
        rows.append(
            harness.summary_row(
                "pages", measure, round(page.rps, 1), "req/s", ratio, against, goal, met
            )
        )
    return rows


def print_report(site, results, args, pages, peer):
    facts = harness.machine_facts()
    print(
        f"\nLentera page serving benchmark\n  cores: {facts['cores']} ({facts['usable_cores']} "
        f"usable), shared with the load generator; python {facts['python']}; gunicorn sync "
        f"workers: {args.workers} (a new TCP connection per request), client threads: "
        f"{args.concurrency}, cap per URL: {args.duration:g} s\n  database: "
        f"{site.database_label}; participant: the demo's PTT participant, logged in"
    )
    for kind, (path, body) in pages.items():
        print(f"  {kind}: {path} ({len(body):,} bytes)")
    if peer is not None:
        print(
            f"  peer: {peer.target.path} ({peer.target.size:,} bytes), `wagtail start` project "
            f"in {peer.site.directory}, same gunicorn command line\n"
        )
    rows = []
    for r in results:
        hits = f"{r.cache_hits / max(r.requests, 1):.0%}"
        if not r.target.is_page or r.target.peer:
            hits = "-"
        elif not r.cache_enabled and r.target.reader != "participant":
            hits = "off"
        first = [r.configuration, r.target.kind, f"{r.target.size:,}", r.requests, r.failures]
        p50, p99 = (f"{r.percentile_ms(pct):.2f}" for pct in (50, 99))
        rows.append([*first, f"{r.rps:.1f}", p50, p99, hits])
    headers = ["configuration", "URL kind", "bytes", "requests", "failures", "req/s", "p50 ms"]
    print(harness.format_table([*headers, "p99 ms", "cache hits"], rows))
    print("\nPage req/s / static req/s (same bytes, same configuration):")
    rows = []
    for config in dict.fromkeys(r.configuration for r in results):
        runs = [r for r in results if r.configuration == config]
        static = {r.target.twin_of: r for r in runs if not r.target.is_page}
        for page in (r for r in runs if r.target.is_page):
            twin = static.get(page.target.kind)
            if twin is not None and twin.rps:
                ratios = page.rps / twin.rps, page.percentile_ms(50) / twin.percentile_ms(50)
                speeds = [f"{page.rps:.1f}", f"{twin.rps:.1f}", f"{ratios[0]:.3f}"]
                rows.append([config, page.target.kind, *speeds, f"{ratios[1]:.1f}"])
    headers = ["configuration", "page", "page req/s", "static req/s", "page/static req/s"]
    print(harness.format_table([*headers, "page/static p50"], rows))
    odd = [
        f"{r.configuration} {r.target.path}: served {sorted(sizes)} bytes, expected {r.target.size}"
        for r in results
        if (sizes := {size for size in r.body_sizes if size != r.target.size})
    ]
    for warning in odd:
        print(f"  warning: {warning}")
    if not odd:
        print("  every response had exactly the byte count of its page / static copy")
    print()
    site.print_reproduction()


def targets_for(site, port):
    """Render every page (PROBE_CODE), write the static copies; the targets in load order:
    each page anonymously, as the participant, then the static copy of its bytes."""
    probe_dir = site.work_dir / "probe"
    probe_dir.mkdir()
    probe = site.shell(
        PROBE_CODE,
        "PROBE_CODE",
        BENCH_PROBE_DIR=str(probe_dir),
        BENCH_PROBE_HOST=f"{harness.HOST}:{port}",
    )
    pages = {
        name: (path, (probe_dir / f"{name}.html").read_bytes())
        for name, path in probe["pages"].items()
    }
    BENCH_STATIC_DIR.mkdir(parents=True, exist_ok=True)
    twins = {}
    for kind in STATIC_TWINS:
        body = pages[f"{kind}-anonymous"][1]
        name = f"same-size-as-{kind}.html"
        (BENCH_STATIC_DIR / name).write_bytes(body)
        twins[f"{kind} (participant)"] = Target(
            f"static same size as {kind}",
            f"/static/bench/{name}",
            len(body),
            False,
            twin_of=f"{kind} (anonymous)",
        )
    targets = []
    for name, (path, body) in pages.items():
        kind, reader = name.rsplit("-", 1)
        cookie = probe["cookie"] if reader == "participant" else ""
        targets.append(
            Target(f"{kind} ({reader})", path, len(body), True, cookie=cookie, reader=reader)
        )
        if f"{kind} ({reader})" in twins:
            targets.append(twins[f"{kind} ({reader})"])
    return pages, targets


@dataclass
class Peer:
    site: object
    target: Target
    port: int


def start_peer(site, args, stack):
    """The stock Wagtail project with the newest article's content, served for the whole run."""
    harness.log("building the peer: a stock `wagtail start` project with the article's content")
    article = peer_wagtail.export_article(site)
    peer_site = peer_wagtail.build_peer(site.work_dir / "peer", article, site.commands)
    port = harness.free_port()
    log_file = site.work_dir / "gunicorn-peer.log"
    argv = peer_wagtail.peer_gunicorn_argv(
        peer_site, harness.gunicorn_argv(port, args.workers, log_file)
    )
    site.commands.add(argv, {"DJANGO_SETTINGS_MODULE": peer_site.settings_module})
    server = stack.enter_context(harness.GunicornServer(argv, peer_site.env(), log_file))
    server.wait_ready(port, peer_site.page_path)
    size = len(harness.get(port, peer_site.page_path, HEADERS)[1])
    harness.log(f"peer: gunicorn on {harness.HOST}:{port}, {peer_site.page_path} ({size:,} bytes)")
    return Peer(peer_site, Target(PEER_KIND, peer_site.page_path, size, True, peer=True), port)


def main(argv=None):
    args = parse_args(argv)
    static_root_existed = harness.STATIC_ROOT.exists()
    redis = None
    # One port for both configurations: the pages' absolute URLs hold the Host header, so the
    # probe's bytes match what gunicorn serves only if the port never changes.
    port = harness.free_port()
    try:
        site_context = harness.bench_site(
            "serve_pages.py", args.database_url, keep_database=args.keep_database
        )
        with site_context as site, ExitStack() as stack:
            site.build_demo_site()
            harness.log("rendering every page once (anonymous and logged in); static copies")
            pages, targets = targets_for(site, port)
            peer = None if args.no_peer else start_peer(site, args, stack)
            redis = harness.redis_client(REDIS_URL)
            cached = {"PAGE_CACHE_SECONDS": "600"}
            if redis is not None:
                cached["REDIS_URL"] = REDIS_URL
            configurations = [
                {"name": "uncached", "env": {"PAGE_CACHE_SECONDS": "0"}, "cached": False},
                {
                    "name": f"cached ({'Redis db 15' if redis else 'local memory'})",
                    "env": cached,
                    "cached": True,
                },
            ]
            results = []
            for config in configurations:
                if config["cached"] and redis is not None:
                    redis.flushdb()
                results += benchmark_configuration(site, config, targets, args, port, peer)
            stack.close()
            print_report(site, results, args, pages, peer)
            names = ("requests", "uncached_requests", "concurrency", "workers", "duration")
            parameters = {name: getattr(args, name) for name in names}
            parameters["peer"] = not args.no_peer
            harness.write_summary(args.summary_json, summary_rows(results), parameters)
    finally:
        if redis is not None:
            redis.flushdb()
        if static_root_existed:
            shutil.rmtree(BENCH_STATIC_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
