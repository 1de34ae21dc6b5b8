"""Answers that tell whether a NIP, NIK or email is registered: one budget, counted.

The certificate verification page showed part of a NIP, and the sign-up, Tambah NIP and
merge-request forms said "already registered" as often as anyone asked: the rest of the NIP
came back in about 70 requests. Every form that answers such a question now spends from one
budget shared by all of them, per hour (settings LOOKUPS_PER_*):

- per client address (content/base/clients.py), so one machine cannot walk a NIP's digits;
- per identifier, so many machines together cannot ask about one NIP, NIK or email without end;
- per account, for forms behind a login, so one account cannot either, from any address.

Rules that keep the budget itself from becoming an oracle:

- it is spent before the database is asked, and refused requests get the same 429 answer
  whatever the identifier is (content.base.throttle.spend counts a refused request nowhere);
- every answer that looked an identifier up counts, "registered" and "free" alike, so what the
  counters hold never depends on whether an identifier exists;
- input refused for another reason (a NIP with an impossible date, passwords that differ) never
  reaches the lookup and never counts: honest people who mistype are not blocked.

Which flow answers how, and why:

- Sign-up (/akun/daftar/): must differ. A walk-in at a venue signs up and is logged in and
  checked in on the spot (journey 7), so a free NIP gets an account at once; a registered one
  cannot. The form looks identifiers up only once everything else is valid, so a probe either
  gets "registered" or creates an account with that identifier; both are counted. The owner of
  a registered identifier is emailed (at most once a day) that someone tried to sign up with it.
- Tambah NIP (/akun/nip-baru/): must differ (the NIP is saved, or it belongs to another
  account and the person is offered a merge request). Counted per account too.
- New email in Akun saya (/akun/email/): differs ("taken by another account", or a link sent
  and the change shown as waiting); counted, per account too. It could answer alike only if a
  change that can never complete were also shown as waiting for its link.
- Merge request (/akun/nip-baru/minta-gabung/): generic. The same confirmation whether or not
  the NIP names another account; this account's password is checked before the lookup, and a
  guess at the other account's password is refused alike (services.merge_request_create).
- Login and "Lupa kata sandi": generic already (one message for a wrong password and an unknown
  identifier; "check your inbox" for every address); throttled in their own way (backends.py,
  views.PasswordResetView), keyed per identifier so a lockout never links a NIP to an email.
- The admin's own account page no longer takes an email (WAGTAIL_EMAIL_MANAGEMENT_ENABLED), so
  it says nothing about anyone's; admin screens where organizers look people up by NIP, NIK or
  email are theirs to see (tests/security/test_existence_oracles.py lists them).
"""

from django.conf import settings

from content.base import throttle
from content.base.clients import client_address

HOUR = 60 * 60
THROTTLED_MESSAGE = (
    "Terlalu banyak pemeriksaan NIP, NIK, atau email dari jaringan, akun, atau untuk data yang "
    "sama dalam satu jam terakhir. Demi melindungi data peserta, permintaan ini belum kami "
    "proses. Coba lagi satu jam lagi, atau minta bantuan penyelenggara."
)


def _counters(request, identifiers, account):
    yield throttle.Counter(
        "lookup-address",
        client_address(request),
        throttle.Rate(settings.LOOKUPS_PER_ADDRESS, HOUR),
    )
    if account is not None:
        yield throttle.Counter(
            "lookup-account", str(account.pk), throttle.Rate(settings.LOOKUPS_PER_ACCOUNT, HOUR)
        )
    wanted = sorted({f"{item.kind}:{item.value}" for item in identifiers if item.value})
    for identifier in wanted:
        yield throttle.Counter(
            "lookup-identifier",
            identifier,
            throttle.Rate(settings.LOOKUPS_PER_IDENTIFIER, HOUR),
        )


def lookup_spend(request, *, identifiers, account=None):
    """Count one answer about `identifiers` (identity.Identifier, in canonical spelling),
    asked from this request's client address (and by `account`, when logged in).

    Call it after every other check of the input passed and before the database is asked.
    Returns None when the answer may be given, or the throttle.Counter that refused it: then
    answer with THROTTLED_MESSAGE and throttle.mark_throttled, the same for every identifier.
    """
    return throttle.spend(_counters(request, identifiers, account))
