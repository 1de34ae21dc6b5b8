import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (real concurrency) run in CI's PostgreSQL pass, not on SQLite."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL; CI's PostgreSQL pass runs it")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with empty caches (the page cache lives there, and each process's own
    copies of it: content/base/local_first.py)."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _throttle_clock_held(monkeypatch):
    """Throttles count in fixed windows (15 minutes, an hour, a day): a test that counts up to
    a ceiling and crossed a window's end saw the count start again and the ceiling never come
    (CI, 17:45:00). Within a test the throttles' clock stands at the moment the test began."""
    import time

    from content.base import throttle

    began = time.time()
    monkeypatch.setattr(throttle, "clock", lambda: began)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Each test stores uploads in folders of its own (public and private), so it sees only
    its own files."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")


@pytest.fixture(scope="session")
def _signing_key(tmp_path_factory):
    from content.certificates.management.commands.make_signing_key import self_signed_p12

    path = tmp_path_factory.mktemp("signing") / "test-signing.p12"
    path.write_bytes(self_signed_p12("uji-rahasia", common_name="Lentera (UJI)"))
    return path


@pytest.fixture(autouse=True)
def _certificate_signing(settings, _signing_key):
    """Certificates are signed with a key made for the test run, never the developer's."""
    settings.CERTIFICATE_SIGNING_P12 = str(_signing_key)
    settings.CERTIFICATE_SIGNING_PASSPHRASE = "uji-rahasia"


@pytest.fixture
def site_tree(db):
    """The site structure every migrated database has: the home page as the default site's
    root, with the materials, fact-check and sessions sections (home 0002)."""
    from types import SimpleNamespace

    from content.articles.models import ArticleIndexPage, FactCheckIndexPage
    from content.home.models import HomePage
    from content.training.models import SessionIndexPage

    return SimpleNamespace(
        home=HomePage.objects.get(),
        materials=ArticleIndexPage.objects.get(),
        fact_checks=FactCheckIndexPage.objects.get(),
        sessions=SessionIndexPage.objects.get(),
    )


@pytest.fixture
def sessions(site_tree):
    """The sessions section, /sesi/."""
    return site_tree.sessions


@pytest.fixture
def cache_on(settings):
    """The anonymous page cache switched on (tests run with it off)."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def stored_timeouts(monkeypatch):
    """The lifetimes the page cache gives the copies it stores, by key."""
    from django.core.cache import caches

    cache = caches["pages"]  # the page cache's copies (content/base/page_cache.py)
    timeouts = {}
    real_set = cache.set

    def recording_set(key, value, timeout=None, **kwargs):
        if key.startswith("page-cache:") and isinstance(value, tuple):
            timeouts[key] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    return timeouts


@pytest.fixture
def organizer(client):
    """An organizer, logged in on `client`."""
    from tests.factories.users import UserFactory

    user = UserFactory(username="organizer", groups=["Organizer"])
    client.force_login(user)
    return user


@pytest.fixture(params=["organizer", "superuser"])
def organizer_or_superuser(request, client):
    """Logged in on `client`: what neither of them may do, nobody may."""
    from tests.factories.users import UserFactory

    if request.param == "superuser":
        user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    else:
        user = UserFactory(username="organizer", groups=["Organizer"])
    client.force_login(user)
    return user
