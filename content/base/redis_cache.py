"""Django's Redis cache backend, with one redis client kept per connection pool.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for every cache call.
redis-py's constructor copies its table of response callbacks and sets up its options, which
took about 50 µs here: as long as the round trip itself, and a cached page costs exactly one
round trip (generations.read_for_request). A `redis.Redis` object is safe to share between
threads (each command takes a connection from the pool and gives it back), so one per pool
serves every call; nothing else changes (same pools, keys, serializer and commands).

    CACHES["default"] = {"BACKEND": "content.base.redis_cache.RedisCache", "LOCATION": ...}
"""

import threading

from django.core.cache.backends import redis as django_redis


class KeptClientRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # {id of a pool: the redis.Redis over it}; pools live as long
        self._lock = threading.Lock()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            with self._lock:
                client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
