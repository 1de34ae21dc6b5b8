"""Benchmark: req/s of Lentera's public pages under gunicorn, against a stock Wagtail page (the
peer) measured just before and after each page, and static files of the same bytes.

The article, fact-check, /materi/ listing, home and session page, anonymously and as the demo's
PTT participant (logged in server-side), uncached then cached (Redis db 15, else local memory);
each URL warmed, then loaded by --concurrency threads. Goal: >= 1.5x the peer for the
participant's pages and the cached ones.

The peer is the project `wagtail start` makes, in the work folder, with the venv's Wagtail, plus
the page type every Wagtail tutorial adds (a blog page whose body is a StreamField of headings,
paragraphs, images and quotes, as bakerydemo's BlogPage) and its own SQLite database, holding one
blog page with the text and images of Lentera's newest article. Its settings are its own
production.py (DEBUG = False, ManifestStaticFilesStorage) plus the local.py it imports, holding
SECRET_KEY and ALLOWED_HOSTS; it runs under Lentera's gunicorn command line.

    .venv/bin/python bench/serve_pages.py [--requests N] [--uncached-requests N] [--duration S]
"""

import http.client
import json
import sys
import textwrap
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import harness

BENCH_STATIC_DIR = harness.STATIC_ROOT / "bench"  # bench_site removes it
REDIS_URL = "redis://127.0.0.1:6379/15"
CACHE_HEADER = "X-Lentera-Cache"
HEADERS = {"Accept": "text/html", "User-Agent": "lentera-bench"}
STATIC_TWINS = ("article", "listing")  # the pages whose anonymous bytes get a static copy
PEER_KIND = "peer: stock Wagtail page"
PEER_GOAL = 1.5
PEER_PROJECT = "peer"
WORKERS, CONCURRENCY = 2, 8  # gunicorn sync workers (Lentera's and the peer's), client threads

# The pages, a logged-in session for the demo's PTT participant, and every page rendered once
# with Django's test client (same Host as the load generator), anonymously and as them. Then the
# article as plain data for the peer: rich text expanded to front-end HTML (internal links become
# plain hrefs), so the peer stores exactly the markup Lentera shows.
PROBE_CODE = """
from django.test import Client
from wagtail.rich_text import expand_db_html
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

images = []

def image_ref(image):
    if image is None:
        return None
    images.append({"title": image.title, "path": image.file.path, "alt": image.default_alt_text})
    return len(images) - 1

hero = image_ref(article.listing_image)
blocks = []
for block in article.body:
    value = block.value
    if block.block_type == "heading":
        blocks.append({"type": "heading", "value": value["text"]})
    elif block.block_type == "paragraph":
        blocks.append({"type": "paragraph", "value": expand_db_html(value.source)})
    elif block.block_type == "quote":
        blocks.append({"type": "quote", "value": value["text"],
                       "attribution": value["attribution"]})
    elif block.block_type == "figure":
        blocks.append({"type": "image", "image": image_ref(value["image"]),
                       "caption": value["caption"]})
data = {
    "title": article.title,
    "slug": article.slug,
    "url": article.url,
    "summary": article.summary,
    "date": article.published_date.isoformat(),
    "author": article.author_name,
    "hero": hero,
    "images": images,
    "blocks": blocks,
}
emit({"pages": result, "cookie": cookie, "article": data})
"""

# Added to the stock home/models.py: bakerydemo's blog, reduced to its body.
PEER_MODELS = textwrap.dedent(
    """

    from wagtail import blocks
    from wagtail.fields import StreamField
    from wagtail.images.blocks import ImageBlock


    class BodyBlock(blocks.StreamBlock):
        heading = blocks.CharBlock(form_classname="title", template="blocks/heading_block.html")
        paragraph = blocks.RichTextBlock()
        image = ImageBlock(template="blocks/image_block.html")
        quote = blocks.BlockQuoteBlock()


    class BlogIndexPage(Page):
        subpage_types = ["home.BlogPage"]


    class BlogPage(Page):
        introduction = models.TextField(blank=True)
        image = models.ForeignKey(
            "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
            related_name="+",
        )
        body = StreamField(BodyBlock(), blank=True)
        date_published = models.DateField(null=True, blank=True)
        author = models.CharField(max_length=120, blank=True)

        parent_page_types = ["home.BlogIndexPage"]
    """
)

PEER_TEMPLATES = {
    "home/blog_index_page.html": """{% extends "base.html" %}
{% block content %}<h1>{{ page.title }}</h1>{% endblock %}
""",
    "home/blog_page.html": """{% extends "base.html" %}
{% load wagtailcore_tags wagtailimages_tags %}
{% block content %}
<article class="blog-page">
    <h1>{{ page.title }}</h1>
    <p class="intro">{{ page.introduction }}</p>
    <p class="meta">{% if page.author %}{{ page.author }} · {% endif %}{{ page.date_published }}</p>
    {% if page.image %}<figure>{% image page.image width-1200 format-webp %}</figure>{% endif %}
    <div class="body">{% for block in page.body %}{% include_block block %}{% endfor %}</div>
</article>
{% endblock %}
""",
    "blocks/heading_block.html": "<h2>{{ value }}</h2>\n",
    "blocks/image_block.html": """{% load wagtailimages_tags %}
<figure>{% image value width-800 format-webp %}</figure>
""",
}

# Run inside the peer's `manage.py shell -c` with BENCH_ARTICLE_FILE set: publishes the blog
# index under the home page and the blog page under it, with the article's text and images.
PEER_CONTENT_CODE = textwrap.dedent(
    """
    import json, os
    from django.core.files.images import ImageFile
    from wagtail.images.models import Image
    from wagtail.models import Page
    from home.models import BlogIndexPage, BlogPage, HomePage

    data = json.load(open(os.environ["BENCH_ARTICLE_FILE"]))
    images = []
    for item in data["images"]:
        with open(item["path"], "rb") as handle:
            image = Image(title=item["title"], description=item["alt"],
                          file=ImageFile(handle, name=os.path.basename(item["path"])))
            image.save()
        images.append(image)
    body = []
    for block in data["blocks"]:
        if block["type"] == "image":
            ref = block["image"]
            value = {"image": images[ref].pk, "alt_text": data["images"][ref]["alt"],
                     "decorative": False}
            body.append({"type": "image", "value": value})
        elif block["type"] == "quote":
            body.append({"type": "quote", "value": block["value"]})
        else:
            body.append({"type": block["type"], "value": block["value"]})
    home = HomePage.objects.get()
    index = BlogIndexPage(title="Blog", slug="blog")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = BlogPage(
        title=data["title"], slug=data["slug"], introduction=data["summary"],
        image=images[data["hero"]] if data["hero"] is not None else None,
        body=body, date_published=data["date"], author=data["author"],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    print(json.dumps({"path": page.url}))
    """
)


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
    port: int = 0  # the peer's gunicorn (0: Lentera's)
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
    add("--duration", type=float, default=30.0, help="cap in seconds per URL (default 30)")
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
    argv = harness.gunicorn_argv(port, WORKERS, log_file)
    site.record(argv, config["env"])
    env = harness.subprocess_env({**site.overrides, **config["env"]}, site.secret_key)
    results, warmed = [], set()
    harness.log(
        f"{config['name']}: starting gunicorn on {harness.HOST}:{port} with {WORKERS} workers"
    )
    with harness.GunicornServer(argv, env, log_file) as server:
        server.wait_ready(port, targets[-1].path)
        for target in load_order(targets, peer):
            target_port = target.port or port
            if id(target) not in warmed:
                warmed.add(id(target))
                rounds = max(4 * WORKERS, 2 * CONCURRENCY)
                run_load(target_port, target, config, rounds, CONCURRENCY, 30)
                # A second round; the page cache (cached) or reader cache (participant) must hit.
                if target.is_page and not target.peer:
                    again = run_load(target_port, target, config, rounds, CONCURRENCY, 30)
                    if not again.cache_hits and (
                        config["cached"] or target.reader == "participant"
                    ):
                        harness.log(f"warning: no cache hit for {target.kind} after warm-up")
            rendered = target.is_page and (
                target.peer or target.reader == "participant" or not config["cached"]
            )
            requests = args.uncached_requests if rendered else args.requests
            result = run_load(target_port, target, config, requests, CONCURRENCY, args.duration)
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
    rows, against = [], "stock Wagtail page req/s"
    for config, page, peer_rps in peer_ratios(results):
        ratio = page.rps / peer_rps if peer_rps else None
        goal = met = None
        if page.target.reader == "participant" or page.cache_enabled:
            goal, met = f">= {PEER_GOAL}", None if ratio is None else ratio >= PEER_GOAL
        measure, value = f"{page.target.kind}, {config}", round(page.rps, 1)
        rows.append(
            harness.summary_row("pages", measure, value, "req/s", ratio, against, goal, met)
        )
    return rows


def print_report(site, results, args, pages, peer):
    facts = harness.machine_facts()
    print(
        f"\nLentera page serving benchmark\n  cores: {facts['cores']} ({facts['usable_cores']} "
        f"usable), shared with the load generator; python {facts['python']}; gunicorn sync "
        f"workers: {WORKERS} (a new TCP connection per request), client threads: "
        f"{CONCURRENCY}, cap per URL: {args.duration:g} s\n  database: "
        f"{site.database_label}; participant: the demo's PTT participant, logged in"
    )
    for kind, (path, body) in pages.items():
        print(f"  {kind}: {path} ({len(body):,} bytes)")
    print(
        f"  peer: {peer.path} ({peer.size:,} bytes), `wagtail start` project in "
        f"{site.work_dir / PEER_PROJECT}, same gunicorn command line"
    )
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
    """Render every page (PROBE_CODE), write the static copies; the pages, the targets in load
    order (each page anonymously, as the participant, then the static copy of its bytes) and
    the article's data for the peer."""
    probe_dir = site.work_dir / "probe"
    probe_dir.mkdir()
    env = {"BENCH_PROBE_DIR": str(probe_dir), "BENCH_PROBE_HOST": f"{harness.HOST}:{port}"}
    probe = site.shell(PROBE_CODE, "PROBE_CODE", **env)
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
        path, twin = f"/static/bench/{name}", f"{kind} (anonymous)"
        twins[f"{kind} (participant)"] = Target(
            f"static same size as {kind}", path, len(body), False, twin
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
    return pages, targets, probe["article"]


def build_peer(site, article):
    """`wagtail start` in the work folder, the blog page models, migrate, collectstatic, and the
    blog page holding Lentera's newest article (`article`, from PROBE_CODE). Every command runs with
    the peer's production settings and its own SQLite file. Returns (folder, environment, the
    page's path)."""
    directory = site.work_dir / PEER_PROJECT
    directory.mkdir()
    wagtail = Path(sys.executable).with_name("wagtail")
    start = [str(wagtail)] if wagtail.exists() else [sys.executable, "-m", "wagtail"]
    argv = [*start, "start", PEER_PROJECT, str(directory)]
    site.record(argv)
    harness.run_checked(argv, None, cwd=site.work_dir)
    models_file = directory / "home" / "models.py"
    models_file.write_text(models_file.read_text() + PEER_MODELS)
    for name, text in PEER_TEMPLATES.items():
        path = directory / "home" / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    # What production.py's `from .local import *` is there for: the deployment's secrets.
    secrets = f"SECRET_KEY = {harness.random_secret_key()!r}\n"
    secrets += "ALLOWED_HOSTS = ['127.0.0.1', 'localhost']\n"
    (directory / PEER_PROJECT / "settings" / "local.py").write_text(secrets)
    # This process's environment without Lentera's settings, with the peer's module.
    env = {key: value for key, value in harness.clean_environ().items() if key != "PYTHONPATH"}
    env["DJANGO_SETTINGS_MODULE"] = f"{PEER_PROJECT}.settings.production"
    article_file = directory / "article.json"
    article_file.write_text(json.dumps(article))
    for step in (
        ["makemigrations", "home"],
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
    ):
        argv = [sys.executable, "manage.py", *step]
        site.record(argv)
        harness.run_checked(argv, env, cwd=directory)
    argv = [sys.executable, "manage.py", "shell", "-c", PEER_CONTENT_CODE]
    site.record([*argv[:-1], "<PEER_CONTENT_CODE in serve_pages.py>"])
    env_content = {**env, "BENCH_ARTICLE_FILE": str(article_file)}
    completed = harness.run_checked(argv, env_content, cwd=directory)
    return directory, env, json.loads(completed.stdout.strip().splitlines()[-1])["path"]


def start_peer(site, article, stack):
    """The stock Wagtail project with the newest article's content, served for the whole run
    under Lentera's gunicorn command line pointed at its folder and WSGI module: its page's
    Target."""
    harness.log("building the peer: a stock `wagtail start` project with the article's content")
    directory, env, path = build_peer(site, article)
    port = harness.free_port()
    log_file = site.work_dir / "gunicorn-peer.log"
    argv = harness.gunicorn_argv(
        port, WORKERS, log_file, pythonpath=str(directory), wsgi=f"{PEER_PROJECT}.wsgi"
    )
    argv += ["--chdir", str(directory)]
    site.record(argv, {"DJANGO_SETTINGS_MODULE": env["DJANGO_SETTINGS_MODULE"]})
    server = stack.enter_context(harness.GunicornServer(argv, env, log_file))
    server.wait_ready(port, path)
    size = len(harness.get(port, path, HEADERS)[1])
    harness.log(f"peer: gunicorn on {harness.HOST}:{port}, {path} ({size:,} bytes)")
    return Target(PEER_KIND, path, size, True, peer=True, port=port)


def main(argv=None):
    args = parse_args(argv)
    # One port for both configurations: the pages' absolute URLs hold the Host header, so the
    # probe's bytes match what gunicorn serves only if the port never changes.
    port = harness.free_port()
    with harness.bench_site(redis_url=REDIS_URL) as site, ExitStack() as stack:
        site.build_demo_site()
        harness.log("rendering every page once (anonymous and logged in); static copies")
        pages, targets, article = targets_for(site, port)
        peer = start_peer(site, article, stack)
        # Uncached: local memory for the reader cache too (an empty REDIS_URL).
        uncached = {"PAGE_CACHE_SECONDS": "0", "REDIS_URL": ""}
        configurations = [
            {"name": "uncached", "env": uncached, "cached": False},
            {"name": f"cached ({site.cache_label})", "env": {"PAGE_CACHE_SECONDS": "600"}},
        ]
        results = []
        for config in configurations:
            if config.setdefault("cached", True) and site.redis is not None:
                site.redis.flushdb()
            results += benchmark_configuration(site, config, targets, args, port, peer)
        stack.close()
        print_report(site, results, args, pages, peer)
        names = ("requests", "uncached_requests", "duration")
        parameters = {name: getattr(args, name) for name in names}
        parameters.update(concurrency=CONCURRENCY, workers=WORKERS, peer=True)
        harness.write_summary(args.summary_json, summary_rows(results), parameters)


if __name__ == "__main__":
    main()
