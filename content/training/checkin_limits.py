"""The guard on typed check-in codes: six characters (about 10^9 values) that name a session by
themselves, so someone could try codes until one opens check-in to a session they never
attended.

Wrong codes are counted per account (WRONG_CODES_PER_ACCOUNT in WINDOW_SECONDS) and over the
whole site (WRONG_CODES_SITE, for many accounts guessing together), with
content/base/throttle.py in the shared cache. Never per address: an online session's
participants, a whole office behind one NAT or a hall on one Wi-Fi type the code from one
address within the same minute, and none of them may be refused.

A right code is never counted. An account over its ceiling is refused before its code is
compared, so its guesses stop there, the right one included. The site-wide ceiling binds only
accounts that already typed a wrong code in the window: whoever types the right code at the
first try is never refused, however many others guess, so guessers cannot shut the door on a
launch of thousands; each account they add buys them one guess per window.

Cost: one cache read (both counters at once) per code typed, two increments per wrong code.
"""

from django.core.cache import cache

from content.base import throttle

WINDOW_SECONDS = 10 * 60
WRONG_CODES_PER_ACCOUNT = 10
# A code is right for 2 windows of each open session: with 50 sessions open, a guess opens one
# with probability 2 x 50 / 32^6 (~1e-7). At this ceiling, nonstop guessing succeeds about once
# a week, and a launch where 350,000 people type a code with 2% typos (7,000) stays under it;
# past it, only those who mistyped wait.
WRONG_CODES_SITE = 10_000

THROTTLED = (
    "Terlalu banyak kode presensi yang salah. Tunggu beberapa menit, lalu ketik kode yang "
    "sedang tampil di layar, atau pindai kode QR-nya."
)


def _counters(user):
    return [
        throttle.Counter(
            "checkin-code-account",
            str(user.pk),
            throttle.Rate(WRONG_CODES_PER_ACCOUNT, WINDOW_SECONDS),
        ),
        throttle.Counter(
            "checkin-code-site", "all", throttle.Rate(WRONG_CODES_SITE, WINDOW_SECONDS)
        ),
    ]


def refusing(user):
    """The counter that refuses `user`'s next code (they typed too many wrong ones lately, or
    they typed one and the whole site too many), or None."""
    account, site = _counters(user)
    now = throttle.clock()
    stored = cache.get_many([account.cache_key(now), site.cache_key(now)])
    wrong = stored.get(account.cache_key(now), 0)
    if wrong >= account.rate.limit:
        return account
    if wrong and stored.get(site.cache_key(now), 0) >= site.rate.limit:
        return site
    return None


def count_wrong_code(user):
    for counter in _counters(user):
        throttle.hit(
            counter.scope, counter.key, limit=counter.rate.limit, seconds=counter.rate.seconds
        )
