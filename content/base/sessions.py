"""Sessions read from Redis with the request's generations: Django's cached_db sessions
(read from the cache, written through to the database), whose cache read is made in the same
round trip as the page cache's generations (generations.read_for_request), so a logged-in
reader's page from the readers' copy costs one Redis round trip, not two.

    SESSION_ENGINE = "content.base.sessions"

`prefetch_key(request)` names the cache key of the request's session, for the page copy
middleware to read with the generations; `SessionStore.load()` takes what that read found and
asks the cache (then the database) itself only when nothing was read for its key.
"""

from django.conf import settings
from django.contrib.sessions.backends import cached_db

from content.base import generations

# A session key is 32 letters and digits; anything far longer is not one (nor worth a read).
_LONGEST_KEY = 64


class SessionStore(cached_db.SessionStore):
    def load(self):
        if self.session_key is not None:
            found, data = generations.read_with_generations(self.cache_key)
            if found and data is not None:
                return data
        return super().load()


def prefetch_key(request):
    """The cache key of the request's session when it may be read with the generations: this
    engine, its cache the default one, and a cookie that may be a session key."""
    if __name__ != settings.SESSION_ENGINE or settings.SESSION_CACHE_ALIAS != "default":
        return None
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key or not 8 <= len(session_key) <= _LONGEST_KEY:
        return None
    return cached_db.KEY_PREFIX + session_key
