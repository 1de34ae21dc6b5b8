"""The fixed-window counters behind every throttle (content/base/throttle.py)."""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse

from content.base import throttle


def _counters(address_limit=2, identifier_limit=5):
    return [
        throttle.Counter("uji-alamat", "10.0.0.1", throttle.Rate(address_limit, 3600)),
        throttle.Counter("uji-nip", "198501012010011001", throttle.Rate(identifier_limit, 3600)),
    ]


def _count(counter):
    return cache.get(counter.cache_key(), 0)


class TestSpend:
    def test_a_request_counts_against_every_counter(self):
        assert throttle.spend(_counters()) is None
        assert [_count(counter) for counter in _counters()] == [1, 1]

    def test_the_counter_at_its_ceiling_refuses_and_nothing_is_counted(self):
        for _ in range(2):
            assert throttle.spend(_counters()) is None
        refused = throttle.spend(_counters())
        assert refused == _counters()[0]
        # The identifier's counter did not move: a refused client cannot use it up.
        assert [_count(counter) for counter in _counters()] == [2, 2]

    def test_each_counter_has_its_own_ceiling(self):
        for n in range(5):
            address = throttle.Counter("uji-alamat", f"10.0.0.{n}", throttle.Rate(2, 3600))
            assert throttle.spend([address, _counters()[1]]) is None
        assert throttle.spend(_counters()) == _counters()[1]


def test_the_cache_never_holds_what_it_counts():
    counter = _counters()[1]
    throttle.spend([counter])
    key = counter.cache_key()
    plain = hashlib.sha256(f"{counter.scope}:{counter.key}".encode()).hexdigest()[:32]
    assert counter.key not in key and plain not in key
    assert cache.get(key) == 1


def test_a_throttled_response_says_when_to_come_back():
    response = throttle.mark_throttled(HttpResponse(), _counters()[0])
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600


def test_the_count_starts_again_when_the_window_ends(monkeypatch):
    """Windows are fixed and read from throttle.clock (held still in tests, conftest): at the
    window's end the ceiling has room again, and not a second before."""
    start = 3600 * 1000
    monkeypatch.setattr(throttle, "clock", lambda: start)
    for _ in range(2):
        assert throttle.hit("uji-jendela", "10.0.0.9", limit=2, seconds=3600)
    assert not throttle.hit("uji-jendela", "10.0.0.9", limit=2, seconds=3600)
    monkeypatch.setattr(throttle, "clock", lambda: start + 3599)
    assert not throttle.hit("uji-jendela", "10.0.0.9", limit=2, seconds=3600)
    monkeypatch.setattr(throttle, "clock", lambda: start + 3600)
    assert throttle.hit("uji-jendela", "10.0.0.9", limit=2, seconds=3600)
