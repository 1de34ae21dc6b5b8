"""Redis round trips and queries per request for the pages every reader opens, with Redis as
deployed (db 2 of the local Redis; skipped when it does not answer): the anonymous article from
the page cache, rendered with the page cache off, and for a logged-in participant from the
readers' shared copy (sessions as deployed: cached_db, read with the generations). Counted
exactly, and the same whether the site has 2 or 20 articles.

Each count is taken on the third request: the first renders and stores, the second is the
first one served (from this process's own copy, local_first.py); from then on a request costs
what it will cost for as long as nothing changes. Every Redis command is a round trip (Django's
Redis cache sends no pipelines for reads); the counter wraps the client's execute_command and a
pipeline's execute.

Also: a bump of a generation made by another cache client (another web process) is seen by the
very next request of this one, which holds a copy of the page in its own memory."""

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from content.base import generations
from content.base.page_cache import CACHE_HEADER
from tests.factories.articles import ArticlePageFactory, TopicFactory
from tests.factories.people import ParticipantFactory
from tests.redis_prefix import own_prefix

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/2"


@pytest.fixture
def redis_caches(settings):
    """The caches as deployed with REDIS_URL set (sessions included), on Redis db 2 under a
    prefix of this test's own."""
    with own_prefix(REDIS_URL) as prefix:
        default = {"BACKEND": "content.base.redis_cache.RedisCache", "LOCATION": REDIS_URL}
        local_first = {
            "BACKEND": "content.base.local_first.LocalFirstCache",
            "OPTIONS": {"SHARED": "default", "MAX_ENTRIES": 1000},
        }
        settings.CACHES = {
            "default": {**default, "KEY_PREFIX": prefix},
            "pages": local_first,
            "template_fragments": local_first,
        }
        settings.SESSION_ENGINE = "content.base.sessions"
        for alias in caches:
            caches[alias].clear()  # this process's copies of an earlier test's entries
        yield f"{prefix}:1:"  # Django's key: prefix, version, key
    for alias in caches:
        if alias != "default":
            caches[alias].clear()


class Sent(list):
    def __init__(self):
        super().__init__()
        self.keys = []

    def clear(self):
        super().clear()
        self.keys.clear()


@pytest.fixture
def redis_commands(monkeypatch):
    """The Redis commands sent, in order (a pipeline counts as one round trip); `sent.keys`
    the keys they named, for the message of a failed assertion."""
    sent = Sent()
    real_execute = redis.Redis.execute_command
    real_pipeline = redis.client.Pipeline.execute

    def execute_command(self, *args, **options):
        sent.append(args[0])
        sent.keys.append(args[1:])
        return real_execute(self, *args, **options)

    def pipeline_execute(self, *args, **kwargs):
        sent.append("PIPELINE")
        return real_pipeline(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", execute_command)
    monkeypatch.setattr(redis.client.Pipeline, "execute", pipeline_execute)
    return sent


@pytest.fixture(params=[2, 20], ids=["2-articles", "20-articles"])
def article(request, site_tree):
    topic = TopicFactory(name="Anti-Hoaks")
    pages = []
    for number in range(request.param):
        page = ArticlePageFactory(parent=site_tree.materials, topic=topic)
        page.tags.add("hoaks", f"tag-{number}")
        page.save_revision().publish()
        pages.append(page)
    return pages[0]


def _third_request(client, url, redis_commands):
    """(response, Redis commands, queries) of the third request for `url`."""
    client.get(url)
    client.get(url)
    redis_commands.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    print("Redis keys of the third request:", redis_commands.keys)  # shown when a test fails
    return response, list(redis_commands), len(queries)


class TestRoundTripsPerRequest:
    def test_cached_anonymous_article(self, settings, redis_caches, redis_commands, article):
        settings.PAGE_CACHE_SECONDS = 600
        response, commands, queries = _third_request(Client(), article.url, redis_commands)
        assert response[CACHE_HEADER] == "hit"
        # One MGET of the generations; the copy is this process's own.
        assert (commands, queries) == (["MGET"], 0)

    def test_anonymous_article_with_the_page_cache_off(
        self, settings, redis_caches, redis_commands, article
    ):
        settings.PAGE_CACHE_SECONDS = 0
        response, commands, queries = _third_request(Client(), article.url, redis_commands)
        assert CACHE_HEADER not in response
        # The generations (MGET); the site, route, restrictions, site settings and fragments are
        # this process's own. Queries: the page, its quizzes (RENDERED_FOR_A_VISITOR).
        assert (commands, queries) == (["MGET"], 2)

    def test_participant_article_from_the_readers_copy(
        self, settings, redis_caches, redis_commands, article
    ):
        settings.READER_CACHE_SECONDS = 600
        other = Client()
        other.force_login(ParticipantFactory())
        other.get(article.url)  # another reader's view stored the shared copy
        client = Client()
        client.force_login(ParticipantFactory())
        response, commands, queries = _third_request(client, article.url, redis_commands)
        assert response[CACHE_HEADER] == "reader-hit"
        # The generations and the session in one MGET (content/base/sessions.py); the user is
        # the only query.
        assert (commands, queries) == (["MGET"], 1)


class TestAnotherProcess:
    """Another web process: a second cache client of its own on the same Redis."""

    @pytest.fixture
    def other_process(self, redis_caches):
        prefix = redis_caches.split(":")[0]
        return RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})

    def test_a_bump_there_is_seen_by_the_next_request_here(
        self, settings, redis_caches, other_process, article
    ):
        settings.PAGE_CACHE_SECONDS = 600
        client = Client()
        client.get(article.url)
        assert client.get(article.url)[CACHE_HEADER] == "hit"  # this process's own copy
        other_process.incr(generations.generation_key())
        assert client.get(article.url)[CACHE_HEADER] == "miss"
        assert client.get(article.url)[CACHE_HEADER] == "hit"

    def test_a_scope_bumped_there_stales_only_its_pages_here(
        self, settings, redis_caches, other_process, article, sessions
    ):
        settings.PAGE_CACHE_SECONDS = 600
        client = Client()
        for _ in range(2):
            client.get(article.url)
            client.get("/sesi/")
        assert client.get("/sesi/")[CACHE_HEADER] == "hit"
        other_process.incr(generations.generation_key("sessions"))
        # /sesi/ shows seats taken (scope "sessions"); the article does not.
        assert client.get("/sesi/")[CACHE_HEADER] == "miss"
        assert client.get(article.url)[CACHE_HEADER] == "hit"

    def test_a_redis_emptied_never_brings_back_a_copy_of_before(
        self, settings, redis_caches, other_process, article
    ):
        """A Redis restarted empty: the counters start again, never at numbers a process still
        holds copies for."""
        settings.PAGE_CACHE_SECONDS = 600
        client = Client()
        client.get(article.url)
        assert client.get(article.url)[CACHE_HEADER] == "hit"
        other_process.delete(generations.generation_key())
        assert client.get(article.url)[CACHE_HEADER] == "miss"
