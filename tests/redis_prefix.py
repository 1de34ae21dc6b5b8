"""A key prefix of a test's own on a database of the local Redis: the test is skipped when Redis
does not answer (CI's PostgreSQL pass starts it), and every key under the prefix is deleted
afterwards (never FLUSHDB: the database may be shared with other tests)."""

import contextlib
import uuid

import pytest
import redis


@contextlib.contextmanager
def own_prefix(url):
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    try:
        yield prefix
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
