"""Every route that answers with a file, attacked with a corpus of path-traversal spellings as
every kind of user.

Private files (certificates, bulk ZIPs, documents, uploaded imports) live in a storage that no
public URL maps to, and public images are served only from their own folders. To prove it, a
canary file with bytes found nowhere else is planted where private files live (the private
storage, and the public media folder outside its image folders, where they lived before), and
every spelling below is put where each file route takes its variable part. No answer may be a
server error, a success, or carry a canary's bytes.

The routes are found, not remembered: the URL configuration is walked for views that serve
stored files, and every URL of the access table's world is opened by a superuser; a route that
answers with a file and is not in FILE_ROUTES fails `test_every_file_route_is_listed`. The
spellings go where each route's arguments go (found by resolving its URL) and after its end.
"""

import inspect
import io
import logging
import os
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from content.certificates.models import BulkIssue
from tests.access.world import ROLES, build_world

pytestmark = pytest.mark.django_db

CANARY = b"LENTERA-CANARY-" + uuid.uuid4().hex.encode()
# Where private files live (and lived, in the public media folder, before they moved).
CANARY_NAMES = (
    "canary.txt",
    "sertifikat/2026/CANARYCANARYCANARYCANARYCANARY00.pdf",
    "sertifikat/zip/canary.zip",
    "documents/canary.pdf",
    "imports/people_import/canary.xlsx",
)
SLOT = "\x01slot\x01"

# Routes that answer with a file: the access table's key (a URL name, or "PageType:route").
FILE_ROUTES = {
    # Public images: the web process's own handler (without S3).
    "public_media",
    # Wagtail's documents, sent from private storage after its collection privacy check.
    "wagtaildocs_serve",
    "certificates:download",
    "certificates_bulk_archive",
    "certificates_template_preview_image",
    # A template's signature or stamp, from private storage, for those who may edit templates.
    "certificates_template_mark",
    # A report's screenshot, from private storage, for the desk and, of forwarded cases, Bawaslu
    # (admin_partner.py); a case's signed evidence bundle, and the period summary
    # (admin_summary.py).
    "reports_case_screenshot",
    "reports_case_evidence",
    "reports_summary_pdf",
    "SessionPage:attendance_sheet",
    "SessionPage:calendar",
    "people:my_data",
    "people_import_template",
    "people_nip_import_template",
    "training_attendance_import_template",
    "quizzes_question_import_template",
    "quizzes_question_export",
    "stats_headcount_import_template",
    "stats_dashboard_pdf",
    "stats_open_data:dataset_csv",
    "stats_open_data:dataset_json",
    "stats_open_data:metadata",
}
# Views that send stored files, wherever they are mounted.
FILE_VIEWS = {
    "django.views.static.serve",
    "wagtail.documents.views.serve.serve",
    "wagtail.images.views.serve.ServeView",
    "content.base.public_media.serve",
    "content.base.documents.serve",
}
# Answers that are pages or data, not files.
PAGE_TYPES = {
    "text/html",
    "application/json",
    "text/plain",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
}


def _roots():
    """The public and private folders: siblings in tests (tests/conftest.py)."""
    return Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)


def _climbs(target, ups):
    """Spellings of `ups` steps up, then `target` (a relative path)."""
    enc = target.replace("/", "%2f")
    return {
        "dotdot": "../" * ups + target,
        "percent": "%2e%2e/" * ups + target,
        "percent-upper": "%2E%2E/" * ups + target,
        "half-encoded": ".%2e/" * ups + target,
        "encoded-slash": "..%2f" * ups + enc,
        "all-encoded": "%2e%2e%2f" * ups + enc,
        "double-encoded": "%252e%252e%252f" * ups + target.replace("/", "%252f"),
        "double-encoded-dots": "%252e%252e/" * ups + target,
        "encoded-backslash": "..%5c" * ups + target.replace("/", "%5c"),
        "backslash": "..\\" * ups + target.replace("/", "\\"),
        "overlong-dot": "%c0%ae%c0%ae/" * ups + target,
        "overlong-slash": "..%c0%af" * ups + target.replace("/", "%c0%af"),
        "overlong-3-byte": "%e0%80%ae%e0%80%ae/" * ups + target,
        "fullwidth-dot": "%ef%bc%8e%ef%bc%8e/" * ups + target,
        "iis-unicode": "%u002e%u002e/" * ups + target,
        "nul-suffix": "../" * ups + target + "%00.png",
        "nul-inside": "..%00/" * ups + target,
        "dot-segments": "./" + ".//" * 2 + "../" * ups + target,
        "double-slash": "..//" * ups + target,
        "nested-dots": "....//" * ups + target,
        "semicolon": "..;/" * ups + target,
    }


def corpus():
    """(label, spelling) pairs: every way of climbing, aimed from the image folder at a private
    file in the public folder (one step up), at the private folder beside it (two), and past
    the root at the private canary's absolute path."""
    public, private = _roots()
    found = []
    for ups, target in (
        (1, "sertifikat/zip/canary.zip"),
        (2, f"{private.name}/canary.txt"),
        (16, str(private / "documents" / "canary.pdf").lstrip("/")),
    ):
        for label, spelling in _climbs(target, ups).items():
            found.append((f"{label}:{ups}", spelling))
    for root in (public, private):
        absolute = str(root / "canary.txt")
        found += [
            ("absolute", absolute),
            ("absolute-double-slash", "/" + absolute),
            ("absolute-encoded", absolute.replace("/", "%2f")),
            ("absolute-backslash", absolute.replace("/", "\\")),
            ("file-url", "file://" + absolute),
        ]
    found += [
        ("empty-segments", "//"),
        ("only-dots", ".."),
        ("one-dot", "."),
        ("long-name", "a" * 300 + ".png"),
        ("long-word", "a" * 300),
        ("very-long-word", "w" * 5000),
        ("very-long-name", "b" * 5000 + ".png"),
        ("long-path", "c/" * 400 + "d.png"),
        ("long-encoded", "%2e" * 2000),
        ("control-characters", "gambar%0d%0aSet-Cookie:%20x=1.png"),
        ("tab", "gambar%09.png"),
        ("encoded-nul", "%00"),
        ("unicode-separator", "gambar%e2%80%a8.png"),
    ]
    return found


@pytest.fixture
def canaries():
    """The canary's bytes, planted under every name in CANARY_NAMES in both folders."""
    public, private = _roots()
    for root in (public, private):
        for name in CANARY_NAMES:
            path = Path(os.path.normpath(root / name))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(CANARY)
    return CANARY


@pytest.fixture
def world(site_tree):
    """The access table's world, with the files its file routes send: a ZIP for its bulk
    issue, and a document in a collection only logged-in users may read."""
    world = build_world(site_tree)
    bulk = BulkIssue.objects.get()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sertifikat.pdf", b"%PDF-1.4 arsip")
    bulk.archive.save("arsip.zip", ContentFile(buffer.getvalue()))
    restricted = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.LOGIN
    )
    internal = get_document_model().objects.create(
        title="Modul internal",
        file=ContentFile(b"%PDF-1.4 internal", name="internal.pdf"),
        collection=restricted,
    )
    # More URLs of a file route than the access table needs.
    world.more_urls = {"wagtaildocs_serve": [internal.url]}
    return world


def _walk(patterns, route=""):
    for pattern in patterns:
        here = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, here)
        elif isinstance(pattern, URLPattern):
            yield here, pattern


def file_views_in_url_conf():
    """{route: name} of every pattern whose view sends stored files."""
    found = {}
    for route, pattern in _walk(get_resolver().url_patterns):
        callback = getattr(pattern.callback, "view_class", pattern.callback)
        callback = inspect.unwrap(callback)
        if f"{callback.__module__}.{callback.__qualname__}" in FILE_VIEWS:
            found[route] = pattern.name
    return found


def _variables(world, key, url):
    """The parts of `url` that come from its route's arguments."""
    page_type = key.split(":")[0]
    if ":" in key and page_type in world.pages:
        return {world.pages[page_type].slug}
    match = resolve(urlsplit(url).path)
    values = {str(value) for value in (*match.args, *match.kwargs.values()) if str(value)}
    # A path argument ("images/x.png"): its last part alone, too.
    return values | {value.rsplit("/", 1)[1] for value in values if "/" in value}


def slots(world):
    """{route key: [its URL with SLOT where a variable part goes, or after its end]}."""
    found = {}
    for key in sorted(FILE_ROUTES):
        templates = set()
        for url in [world.urls[key], *world.more_urls.get(key, [])]:
            path, query = urlsplit(url).path, urlsplit(url).query
            query = f"?{query}" if query else ""
            for variable in _variables(world, key, url):
                if variable in path:
                    head, _, tail = path.rpartition(variable)
                    templates.add(head + SLOT + tail + query)
            templates.add(path.rstrip("/") + "/" + SLOT + query)
        found[key] = sorted(templates)
    return found


def reaches_a_view(url):
    """Whether Django routes `url` (decoded as a WSGI server does) to a view. A URL no pattern
    matches is answered 404 by the resolver, before any view or any user is involved (or
    redirected by CommonMiddleware to the URL with a slash, another URL)."""
    try:
        resolve(RequestFactory().get(url).path_info)
    except Resolver404:
        return False
    return True


def attacks(world):
    """(route key, spelling's label, URL) for every file route and every spelling."""
    spellings = corpus()
    return [
        (key, label, template.replace(SLOT, spelling))
        for key, templates in slots(world).items()
        for template in templates
        for label, spelling in spellings
    ]


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _failures(client, requests):
    failures = []
    for key, label, url in requests:
        response = client.get(url)
        body = _body(response)
        where = f"{key} [{label}] {url[:140]}"
        if response.status_code >= 500:
            failures.append(f"{response.status_code}: {where}")
        elif CANARY in body:
            failures.append(f"canary in the answer: {where}")
        elif response.status_code == 200:
            failures.append(f"200: {where}")
        elif "X-Accel-Redirect" in response:
            failures.append(f"X-Accel-Redirect {response['X-Accel-Redirect']}: {where}")
    return failures


@pytest.fixture
def quiet_not_found(caplog):
    """Thousands of 404s: the test reads answers, not Django's "Not Found" warnings."""
    caplog.set_level(logging.ERROR, logger="django.request")


def test_no_spelling_reaches_a_file_through_any_file_route(
    client, settings, world, canaries, quiet_not_found
):
    """Every spelling that reaches a view, on every file route, as every kind of user (one
    world for all, logging in and out), then as a superuser with a front server sending the
    files: never a server error, a success, a canary or an internal redirect."""
    client.raise_request_exception = False
    routed = [attack for attack in attacks(world) if reaches_a_view(attack[2])]
    failures = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        failures += [f"{role}: {failure}" for failure in _failures(client, routed)]
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    failures += [f"superuser, x-accel: {failure}" for failure in _failures(client, routed)]

    assert failures == []
    # The corpus is not idle: every file route with a variable part takes spellings to its view.
    with_variables = {key for key, templates in slots(world).items() if len(templates) > 1}
    assert with_variables - {key for key, _, _ in routed} == set()


def test_spellings_no_route_matches_are_plain_404s(client, world, canaries, quiet_not_found):
    """What the resolver turns away never reaches a view, whoever asks; a sample (each kind of
    spelling once, each route once) confirms the answer is a 404 without a canary."""
    client.raise_request_exception = False
    unrouted = [attack for attack in attacks(world) if not reaches_a_view(attack[2])]
    sample = {}
    for key, label, url in unrouted:
        sample.setdefault(label.split(":")[0], (key, label, url))
        sample.setdefault(key, (key, label, url))

    assert _failures(client, sample.values()) == []
    assert {client.get(url).status_code for _, _, url in sample.values()} <= {301, 404}


def _is_a_file(response):
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return (
        response.streaming
        or "Content-Disposition" in response
        or "X-Accel-Redirect" in response
        or (response.status_code == 200 and content_type not in PAGE_TYPES)
    )


def test_every_file_route_is_listed(client, world):
    """A route that sends files (by its view, or by what it answers a superuser) is in
    FILE_ROUTES, so the corpus walks it; and every route listed still sends a file."""
    in_url_conf = file_views_in_url_conf()
    unnamed = sorted(route for route, name in in_url_conf.items() if not name)
    # The superuser opens everything a file route answers with (the access table says so).
    client.force_login(world.users["superuser"])
    # "<name>@<variant>": the same route with another object of the world (tests/access).
    answering = {
        key.split("@")[0] for key, url in world.urls.items() if _is_a_file(client.get(url))
    }

    assert unnamed == [], "name these routes so the access table and FILE_ROUTES can list them"
    assert sorted(set(in_url_conf.values()) - FILE_ROUTES) == [], "add these to FILE_ROUTES"
    assert sorted(answering - FILE_ROUTES) == [], "add these to FILE_ROUTES"
    assert sorted(FILE_ROUTES - answering) == [], "these no longer send files"
