"""Benchmark: req/s of Lentera's article under gunicorn against the real wagtail/bakerydemo
(the peer: its blog post, served beside ours with the same gunicorn command line), with Redis as
deployed and with local-memory caches, alternated in one run.

Rows (issue 23), each with Redis (REDIS_URL set) and with local memory (REDIS_URL empty):
  - bakerydemo's blog post, req/s;
  - our newest article for the demo's PTT participant (logged in), / bakerydemo: goal >= 3x;
  - the article anonymously with the page cache off (PAGE_CACHE_SECONDS=0), / bakerydemo:
    goal >= 1.5x;
  - the article anonymously from the page cache, / a static file of the same bytes served by the
    same gunicorn: goal >= 0.9x.
The goals are about the Redis rows; the local-memory rows show what the Redis round trips cost.

Six gunicorns run for the whole measurement (2 sync workers each, only one loaded at a time):
Lentera with the page cache on and off, and bakerydemo, each with Redis and with local memory.
Every round loads, for each cache in turn: the blog post, the participant's article, the blog
post, the uncached article, the blog post, the cached article, the static file. Each URL's req/s
is its requests over its time summed across rounds, so a Lentera row and the bakerydemo row it is
divided by are measured interleaved under the same load. The client is this script's own
(threads over http.client; wrk is not installed here): a new TCP connection per request, as
gunicorn's sync workers close it.

The peer: bakerydemo's newest commit from the git snapshot (--bakerydemo-git, default the
`fetch` mirror), exported into the work folder, with its own venv there (never Lentera's):
requirements/base.txt plus what production.py imports (whitenoise, django-redis) and gunicorn. Its
base.txt asks for Django 6.0, which needs Python >= 3.12; on Python 3.11 the bench installs the
same file with Django 5.2 instead (the report says which). Then `migrate`, its own
`load_initial_data` and `collectstatic` on its own SQLite file, with its production settings
(DEBUG = False, whitenoise) through a two-line module that only moves its Redis caches to dbs
9 and 10 (production.py appends /0 and /1 to REDIS_URL); SECURE_SSL_REDIRECT=False, as
Lentera's bench serves plain HTTP on 127.0.0.1 too. Its blog post: the newest one.

    .venv/bin/python bench/serve_pages.py [--rounds N] [--requests N] [--uncached-requests N]
        [--duration S] [--bakerydemo-git DIR] [--no-peer]
"""

import http.client
import subprocess
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import harness

BENCH_STATIC_DIR = harness.STATIC_ROOT / "bench"  # bench_site removes it
REDIS_URL = "redis://127.0.0.1:6379/15"
PEER_REDIS_URL, PEER_REDIS_DBS = "redis://127.0.0.1:6379", (9, 10)  # bakerydemo's two caches
BAKERYDEMO_GIT = Path("/work/.mirror/wagtail+bakerydemo/repo")
CACHE_HEADER = "X-Lentera-Cache"
HEADERS = {"Accept": "text/html", "User-Agent": "lentera-bench"}
WORKERS, CONCURRENCY = 2, 8  # gunicorn sync workers (Lentera's and the peer's), client threads
REDIS, LOCMEM = "Redis", "local memory"
PEER = "bakerydemo blog post"
PARTICIPANT = "article, participant"
UNCACHED = "article, anonymous, page cache off"
CACHED = "article, anonymous, cached"
STATIC = "static file, same bytes"
GOALS = {PARTICIPANT: (3.0, PEER), UNCACHED: (1.5, PEER), CACHED: (0.9, STATIC)}
# What production.py's caches become: REDIS_URL + "/0" and "/1" would be dbs 0 and 1.
PEER_SETTINGS = f"""from .production import *  # noqa: F403

if REDIS_URL:  # noqa: F405
    for alias, db in zip(("default", "renditions"), {PEER_REDIS_DBS!r}):
        CACHES[alias]["LOCATION"] = f"{{REDIS_URL}}/{{db}}"  # noqa: F405
"""
PEER_EXTRA = ["whitenoise>=6.11.0,<7", "django-redis>=6.0.0,<7", "gunicorn"]

# The newest article, a logged-in session for the demo's PTT participant, and the article
# rendered once with Django's test client, anonymously and as them (the static copy holds the
# anonymous bytes).
PROBE_CODE = """
from django.test import Client
from content.articles.models import ArticlePage
from content.people.models import User

out_dir = pathlib.Path(os.environ["BENCH_PROBE_DIR"])
newest = ("-published_date", "-pk")
article = ArticlePage.objects.live().public().order_by(*newest).first()
if article is None:
    raise SystemExit("No live article: did load_demo_data run?")
pages = {"article": article.get_url()}
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
    """One URL under load on one gunicorn."""

    kind: str
    cache: str  # REDIS or LOCMEM
    port: int
    path: str
    size: int = 0
    cookie: str = ""
    rendered: bool = True  # rendered per request (fewer requests per run)
    expect_hit: bool = False  # the page cache or reader cache must hit after warm-up


@dataclass
class LoadResult:
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

    def add(self, other):
        self.requests += other.requests
        self.failures += other.failures
        self.elapsed += other.elapsed
        self.latencies += other.latencies
        self.cache_hits += other.cache_hits
        self.body_sizes |= other.body_sizes


def parse_args(argv=None):
    parser = harness.bench_parser("Lentera's article under gunicorn beside bakerydemo's blog.")
    add = parser.add_argument
    add("--rounds", type=harness.positive_int, default=3, help="alternations (default 3)")
    add("--requests", type=harness.positive_int, default=2000, help="per cached URL and round")
    add("--uncached-requests", type=harness.positive_int, default=400, help="per rendered URL")
    add("--duration", type=float, default=10.0, help="cap in seconds per URL and round")
    add("--bakerydemo-git", type=Path, default=BAKERYDEMO_GIT, help="bakerydemo's git dir")
    add("--no-peer", action="store_true", help="skip bakerydemo (no ratios against it)")
    add("--redis-url", default=REDIS_URL, help=f"Lentera's Redis (default {REDIS_URL})")
    return parser.parse_args(argv)


def run_load(target, requests, concurrency, duration):
    """Up to `requests` GETs of one URL from `concurrency` threads, for at most `duration` s.
    Each thread keeps one connection; sync workers close it after each response, so every
    request includes a new TCP connection."""
    result = LoadResult(target)
    lock = threading.Lock()
    headers = {**HEADERS, "Cookie": target.cookie} if target.cookie else HEADERS
    deadline = time.perf_counter() + duration

    def client():
        connection = http.client.HTTPConnection(harness.HOST, target.port, timeout=10)
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
                connection = http.client.HTTPConnection(harness.HOST, target.port, timeout=10)
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


def render_article(site, port):
    """PROBE_CODE: the article's path, its anonymous and participant bytes, and the cookie. The
    anonymous bytes are written as the static file."""
    probe_dir = site.work_dir / "probe"
    probe_dir.mkdir()
    env = {"BENCH_PROBE_DIR": str(probe_dir), "BENCH_PROBE_HOST": f"{harness.HOST}:{port}"}
    probe = site.shell(PROBE_CODE, "PROBE_CODE", **env)
    path = probe["pages"]["article-anonymous"]
    anonymous = (probe_dir / "article-anonymous.html").read_bytes()
    participant = (probe_dir / "article-participant.html").read_bytes()
    BENCH_STATIC_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_STATIC_DIR / "same-size-as-article.html").write_bytes(anonymous)
    return path, len(anonymous), len(participant), probe["cookie"]


def start_lentera(site, stack, port, cache, page_cache):
    """Lentera's gunicorn (the Procfile's command line) with `cache` and the page cache on/off."""
    env = {"PAGE_CACHE_SECONDS": "600" if page_cache else "0"}
    if cache == LOCMEM:
        env["REDIS_URL"] = ""
    log_file = site.work_dir / f"gunicorn-{cache.replace(' ', '-')}-{page_cache}.log"
    argv = harness.gunicorn_argv(port, WORKERS, log_file)
    site.record(argv, env)
    full_env = harness.subprocess_env({**site.overrides, **env}, site.secret_key)
    return stack.enter_context(harness.GunicornServer(argv, full_env, log_file))


def run_peer_step(site, argv, env, cwd, shown=None):
    site.record(shown or argv)
    return harness.run_checked(argv, env, cwd=cwd)


def build_peer(site, git_dir):
    """bakerydemo exported from `git_dir` into the work folder, its venv, its data and static
    files. Returns (folder, venv's bin, environment, a note on what was installed)."""
    harness.log(f"building bakerydemo from {git_dir}")
    directory = site.work_dir / "bakerydemo"
    directory.mkdir()
    commit = subprocess.run(
        ["git", f"--git-dir={git_dir}", "log", "-1", "--format=%h %cs"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    archive = subprocess.Popen(
        ["git", f"--git-dir={git_dir}", "archive", "HEAD"], stdout=subprocess.PIPE
    )
    subprocess.run(["tar", "-x", "-C", str(directory)], stdin=archive.stdout, check=True)
    archive.wait()
    site.record(
        ["git", f"--git-dir={git_dir}", "archive", "HEAD", "|", "tar", "-x", "-C", str(directory)]
    )
    (directory / "bakerydemo" / "settings" / "bench.py").write_text(PEER_SETTINGS)
    venv = site.work_dir / "bakerydemo-venv"
    python = "python3.11"
    run_peer_step(site, [python, "-m", "venv", str(venv)], None, site.work_dir)
    pip = [str(venv / "bin" / "pip"), "install", "--quiet"]
    base = directory / "requirements" / "base.txt"
    note = f"bakerydemo {commit}: requirements/base.txt as pinned"
    harness.log("installing bakerydemo's requirements into its own venv")
    try:
        run_peer_step(site, [*pip, "-r", str(base), *PEER_EXTRA], None, directory)
    except RuntimeError:
        # Django 6.0 needs Python >= 3.12: the same file with Django 5.2 (Wagtail 7.4 supports it).
        lines = base.read_text().splitlines()
        fallback = directory / "requirements" / "base-py311.txt"
        kept = [line for line in lines if not line.lower().startswith("django>=")]
        fallback.write_text("\n".join(["Django>=5.2,<5.3", *kept]) + "\n")
        run_peer_step(site, [*pip, "-r", str(fallback), *PEER_EXTRA], None, directory)
        note = (
            f"bakerydemo {commit}: requirements/base.txt with Django 5.2 instead of 6.0 "
            f"(6.0 needs Python >= 3.12)"
        )
    versions = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import django, wagtail; print(django.__version__, wagtail.__version__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    note += f"; Django {versions[0]}, Wagtail {versions[1]}"
    env = peer_env(site, LOCMEM)
    python_bin = str(venv / "bin" / "python")
    for step in (["migrate", "--noinput"], ["load_initial_data"], ["collectstatic", "--noinput"]):
        harness.log(f"bakerydemo: {step[0]}")
        run_peer_step(site, [python_bin, "manage.py", *step], env, directory)
    code = (
        "from bakerydemo.blog.models import BlogPage; "
        "print(BlogPage.objects.live().public().order_by('-date_published').first().url)"
    )
    shown = [python_bin, "manage.py", "shell", "-c", "<the newest blog post's url>"]
    completed = run_peer_step(
        site, [python_bin, "manage.py", "shell", "-c", code], env, directory, shown
    )
    path = completed.stdout.strip().splitlines()[-1]
    return directory, venv / "bin", path, note


def peer_env(site, cache):
    """This process's environment without Lentera's settings, with bakerydemo's."""
    dropped = {"PYTHONPATH", "VIRTUAL_ENV", "DATABASE_NAME", "REDIS_TLS_URL"}
    env = {k: v for k, v in harness.clean_environ().items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="bakerydemo.settings.bench",
        DJANGO_SECRET_KEY=site.secret_key,
        DJANGO_ALLOWED_HOSTS=f"{harness.HOST},localhost",
        SECURE_SSL_REDIRECT="False",
    )
    if cache == REDIS:
        env["REDIS_URL"] = PEER_REDIS_URL
    return env


def start_peer(site, stack, directory, bin_dir, port, cache):
    log_file = site.work_dir / f"gunicorn-bakerydemo-{cache.replace(' ', '-')}.log"
    argv = [
        str(bin_dir / "gunicorn"),
        "--chdir",
        str(directory),
        "bakerydemo.wsgi",
        "--bind",
        f"{harness.HOST}:{port}",
        "--workers",
        str(WORKERS),
        "--error-logfile",
        str(log_file),
    ]
    shown = {"REDIS_URL": PEER_REDIS_URL} if cache == REDIS else {}
    site.record(argv, {"DJANGO_SETTINGS_MODULE": "bakerydemo.settings.bench", **shown})
    return stack.enter_context(harness.GunicornServer(argv, peer_env(site, cache), log_file))


def flush_peer_redis():
    for db in PEER_REDIS_DBS:
        client = harness.redis_client(f"{PEER_REDIS_URL}/{db}")
        if client is not None:
            client.flushdb()


def measure(targets, args):
    """Warm every URL, then `args.rounds` rounds over `targets` in order; summed results."""
    totals = {}
    for target in targets:
        rounds = max(4 * WORKERS, 2 * CONCURRENCY)
        run_load(target, rounds, CONCURRENCY, 30)
        again = run_load(target, rounds, CONCURRENCY, 30)
        if target.expect_hit and not again.cache_hits:
            harness.log(f"warning: no cache hit for {target.kind} ({target.cache}) after warm-up")
        if not target.size and again.body_sizes:
            target.size = max(again.body_sizes)
    for number in range(1, args.rounds + 1):
        for target in targets:
            requests = args.uncached_requests if target.rendered else args.requests
            result = run_load(target, requests, CONCURRENCY, args.duration)
            harness.log(
                f"round {number}: {target.cache:<12} {target.kind:<36} {result.requests:>5} req "
                f"{result.rps:8.1f} req/s, {result.failures} failures"
            )
            key = (target.cache, target.kind)
            if key in totals:
                totals[key].add(result)
            else:
                totals[key] = result
    return totals


def summary_rows(totals, caches):
    rows = []
    for cache in caches:
        peer = totals.get((cache, PEER))
        if peer is not None:
            rows.append(
                harness.summary_row("pages", f"{PEER}, {cache}", round(peer.rps, 1), "req/s")
            )
        for kind, (goal, against) in GOALS.items():
            page, base = totals[(cache, kind)], totals.get((cache, against))
            ratio = page.rps / base.rps if base is not None and base.rps else None
            label = f"{against}, {cache}, req/s" if base is not None else None
            if base is None and against == PEER:
                label = "bakerydemo not built (--no-peer or no snapshot)"
            goal_text = met = None
            if cache == REDIS:
                goal_text = f">= {goal}x"
                met = None if ratio is None else ratio >= goal
            rows.append(
                harness.summary_row(
                    "pages",
                    f"{kind}, {cache}",
                    round(page.rps, 1),
                    "req/s",
                    None if ratio is None else round(ratio, 3),
                    label,
                    goal_text,
                    met,
                )
            )
    return rows


def print_report(site, totals, caches, args, note, peer_path):
    facts = harness.machine_facts()
    print(
        f"\nLentera's article against bakerydemo's blog post\n  cores: {facts['cores']} "
        f"({facts['usable_cores']} usable), shared with the load generator; python "
        f"{facts['python']}; gunicorn sync workers: {WORKERS} per server, client threads: "
        f"{CONCURRENCY} (this script's own client, new TCP connection per request); "
        f"{args.rounds} rounds, cap per URL and round {args.duration:g} s\n  Lentera: "
        f"{site.database_label}, Redis {args.redis_url} or local memory\n  peer: "
        + (
            f"{peer_path}; {note}; its SQLite file, production settings, Redis dbs "
            f"{PEER_REDIS_DBS} or local memory"
            if peer_path
            else "not built"
        )
    )
    rows = []
    for cache in caches:
        for (c, kind), result in totals.items():
            if c != cache:
                continue
            goal, against = GOALS.get(kind, (None, None))
            base = totals.get((cache, against)) if against else None
            ratio = f"{result.rps / base.rps:.2f}" if base is not None and base.rps else ""
            p50 = harness.percentile(result.latencies, 50) * 1000 if result.latencies else 0
            goal_text = f">= {goal}x {against}" if goal and cache == REDIS else ""
            met = (
                "" if not goal_text or not ratio else ("met" if float(ratio) >= goal else "NOT met")
            )
            rows.append(
                [
                    cache,
                    kind,
                    f"{result.rps:.1f}",
                    f"{p50:.1f}",
                    result.requests,
                    result.failures,
                    ratio,
                    goal_text,
                    met,
                ]
            )
    headers = ["cache", "URL", "req/s", "p50 ms", "requests", "failures", "ratio", "goal", ""]
    print(harness.format_table(headers, rows))
    for result in totals.values():
        sizes = {size for size in result.body_sizes if size != result.target.size}
        if sizes and result.target.size:
            print(
                f"  warning: {result.target.cache} {result.target.kind}: served "
                f"{sorted(sizes)} bytes, expected {result.target.size}"
            )
    print()
    site.print_reproduction()


def main(argv=None):
    args = parse_args(argv)
    with harness.bench_site(redis_url=args.redis_url) as site, ExitStack() as stack:
        caches = [REDIS, LOCMEM] if site.redis is not None else [LOCMEM]
        if site.redis is None:
            harness.log("Redis does not answer: local-memory rows only")
        site.build_demo_site()
        ports = {(cache, on): harness.free_port() for cache in caches for on in (True, False)}
        # The article's absolute URLs hold the Host header: rendered for one of the ports, all
        # of the same length.
        path, anonymous_size, participant_size, cookie = render_article(
            site, ports[caches[0], True]
        )
        peer_path = note = None
        peer_build = None
        if args.no_peer:
            harness.log("--no-peer: bakerydemo not built")
        elif not (args.bakerydemo_git / "HEAD").exists():
            harness.log(f"no bakerydemo snapshot at {args.bakerydemo_git}: peer rows skipped")
        else:
            peer_build = build_peer(site, args.bakerydemo_git)
            peer_path, note = peer_build[2], peer_build[3]
        flush_peer_redis()
        stack.callback(flush_peer_redis)
        targets = []
        for cache in caches:
            servers = {
                on: start_lentera(site, stack, ports[cache, on], cache, on) for on in (True, False)
            }
            for on, server in servers.items():
                server.wait_ready(ports[cache, on], path)
            cached, uncached = ports[cache, True], ports[cache, False]
            article = [
                Target(PARTICIPANT, cache, cached, path, participant_size, cookie, True, True),
                Target(UNCACHED, cache, uncached, path, anonymous_size),
                Target(
                    CACHED, cache, cached, path, anonymous_size, rendered=False, expect_hit=True
                ),
            ]
            if peer_build is not None:
                peer_port = harness.free_port()
                server = start_peer(site, stack, *peer_build[:2], peer_port, cache)
                server.wait_ready(peer_port, peer_path)
                peer = Target(PEER, cache, peer_port, peer_path)
                article = [x for target in article for x in (peer, target)]
            static = "/static/bench/same-size-as-article.html"
            targets += [
                *article,
                Target(STATIC, cache, cached, static, anonymous_size, rendered=False),
            ]
        totals = measure(targets, args)
        stack.close()
        print_report(site, totals, caches, args, note, peer_path)
        parameters = {
            name: getattr(args, name)
            for name in ("rounds", "requests", "uncached_requests", "duration")
        }
        parameters.update(concurrency=CONCURRENCY, workers=WORKERS, peer=note or "none")
        harness.write_summary(args.summary_json, summary_rows(totals, caches), parameters)


if __name__ == "__main__":
    main()
