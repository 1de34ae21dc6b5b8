"""The Redis cache backend as deployed (content/base/redis_cache.py), on db 3 of the local Redis
(skipped when it does not answer): one redis client per pool, kept, doing what Django's does."""

import threading

import pytest

from content.base.redis_cache import RedisCache
from tests.redis_prefix import own_prefix

REDIS_URL = "redis://127.0.0.1:6379/3"


@pytest.fixture
def cache():
    with own_prefix(REDIS_URL) as prefix:
        yield RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})


def test_every_call_uses_the_same_client(cache):
    client = cache._cache.get_client()
    assert cache._cache.get_client("key") is client
    assert cache._cache.get_client("key", write=True) is client  # one server: one pool


def test_it_reads_and_writes_as_djangos_backend_does(cache):
    cache.set("number", 41)
    cache.set("object", {"judul": "Cek fakta"}, timeout=60)
    assert cache.incr("number") == 42
    assert cache.get_many(["number", "object", "missing"]) == {
        "number": 42,
        "object": {"judul": "Cek fakta"},
    }
    assert cache.add("number", 1) is False
    cache.delete("number")
    assert cache.get("number", "gone") == "gone"


def test_threads_share_the_client_without_losing_a_count(cache):
    cache.set("count", 0)
    threads = [
        threading.Thread(target=lambda: [cache.incr("count") for _ in range(50)]) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("count") == 400
    assert len(cache._cache._clients) == 1
