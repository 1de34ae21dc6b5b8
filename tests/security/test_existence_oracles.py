"""Playing the attacker against every form that says whether a NIP, NIK, email or username is
registered (issue 18, section 3): with a partly masked NIP from the verification page, the
sign-up, Tambah NIP and merge-request forms gave the rest of it back in about 70 requests.

Each form that looks an identifier up is listed below as data, as a FLOW. Two kinds:

- GENERIC flows answer alike for a registered and an unknown identifier: their responses must be
  identical (status, Location, Retry-After, body without CSRF tokens, nonces and the values the
  attacker typed), before and after every ceiling, from one address or from many.
- COUNTED flows cannot (lookups.py says why, per flow): a probe gets "registered" or "free".
  After the per-address, per-identifier and per-account ceilings, the answers for a registered
  and an unknown identifier must be identical (429), and mistakes that never reach the lookup
  must never use the budget up.

New forms cannot slip past: every form class of the project with an identifier field, and every
view reading one straight from the request, must be listed here (as a flow, or as staff-only
with the reason).
"""

import ast
import datetime
import importlib
import itertools
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django import forms
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import content
from content.people.forms import IdentityNumberField, PlainEmailField
from content.people.identity import Gender, compose_nip
from content.people.models import ParticipantGroup
from tests.factories.people import PASSWORD, AgencyFactory, ParticipantFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

# Small ceilings, each different, so every one of them is reached on its own.
LIMITS = {
    "LOOKUPS_PER_ADDRESS": 4,
    "LOOKUPS_PER_IDENTIFIER": 3,
    "LOOKUPS_PER_ACCOUNT": 3,
    "AXES_FAILURE_LIMIT": 3,
    "LOGIN_FAILURES_PER_IDENTIFIER": 5,
    "PASSWORD_RESETS_PER_EMAIL_AND_ADDRESS": 2,
    "PASSWORD_RESETS_PER_EMAIL": 3,
    "PASSWORD_RESETS_PER_ADDRESS": 4,
}
# More probes than any ceiling above (and than MERGE_REQUESTS_PER_DAY).
ROUNDS = 8
ACTOR_NAME = "Peserta Uji Penyerang"


@pytest.fixture(autouse=True)
def _small_ceilings(settings):
    for name, value in LIMITS.items():
        setattr(settings, name, value)


@pytest.fixture
def agency():
    return AgencyFactory(name="Dinas Uji Keamanan", short_name="DUK")


# The identifiers: registered ones belong to someone other than the prober. ----------------------

_numbers = itertools.count(1)


def _nip(base_year, n):
    return compose_nip(
        birth_date=datetime.date(base_year, 1, 1) + datetime.timedelta(days=n),
        appointment=datetime.date(2008, 3, 1),
        gender=Gender.MALE,
        sequence=n % 999 + 1,
    )


def _nik(year, n):
    return f"347101{n % 28 + 1:02d}03{year % 100:02d}{n % 9999 + 1:04d}"


def _owner(**identifiers):
    return ParticipantFactory(full_name="Pemilik Akun", **identifiers)


def known_nip(n):
    return _owner(nip=_nip(1970, n)).nip


def unknown_nip(n):
    return _nip(1980, n)


def known_nik(n):
    return _owner(participant_group=ParticipantGroup.PTT, nip=None, nik=_nik(1988, n)).nik


def unknown_nik(n):
    return _nik(1990, n)


def known_email(n):
    return _owner(email=f"terdaftar{n}@contoh.go.id").email


def unknown_email(n):
    return f"belum{n}@contoh.go.id"


def known_username(n):
    return UserFactory(username=f"staf{n}").username


def unknown_username(n):
    return f"bukan-staf{n}"


# The probes: one request as the attacker makes it. ---------------------------------------------


def _sign_up(client, agency, **changes):
    data = {
        "participant_group": "pns",
        "nip": "",
        "nik": "",
        "full_name": ACTOR_NAME,
        "agency": agency.pk,
        "position": "Staf",
        "rank": "III/a",
        # A fresh address every time: only the identifier under test is ever registered.
        "email": f"isian{next(_numbers)}@contoh.go.id",
        "phone": "",
        "password1": "Lentera-2024-aman",
        "password2": "Lentera-2024-aman",
    }
    data.update(changes)
    return client.post("/akun/daftar/", data), [data["email"]]


def _ptt_sign_up(client, agency, **changes):
    return _sign_up(client, agency, participant_group="ptt", rank="", **changes)


@dataclass
class Flow:
    name: str
    generic: bool
    probe: Callable  # (client, value, agency) -> (response, other values the page may echo)
    known: Callable
    unknown: Callable
    logged_in: bool = False
    # Who is logged in for the probes, when not a participant (agency -> user).
    actor: Callable | None = None
    # For GENERIC flows: whether ROUNDS probes reach a ceiling (the answer changes) from one
    # address and one account, and from a new address (and account) every time.
    ceiling_from_one: bool = True
    ceiling_from_many: bool = True
    # (client, agency) -> response: input refused before any lookup (COUNTED flows).
    mistake: Callable | None = None
    forms: tuple = field(default_factory=tuple)
    views: tuple = field(default_factory=tuple)


FLOWS = [
    Flow(
        "sign-up by NIP",
        generic=False,
        probe=lambda client, value, agency: _sign_up(client, agency, nip=value),
        known=known_nip,
        unknown=unknown_nip,
        mistake=lambda client, agency: _sign_up(
            client, agency, nip=unknown_nip(next(_numbers)), password2="berbeda-2024-aman"
        )[0],
        forms=("content.people.forms.RegistrationForm",),
        views=("content.people.views.register",),
    ),
    Flow(
        "sign-up by NIK",
        generic=False,
        probe=lambda client, value, agency: _ptt_sign_up(client, agency, nik=value),
        known=known_nik,
        unknown=unknown_nik,
        mistake=lambda client, agency: _ptt_sign_up(client, agency, nik="3471017201900003")[0],
        forms=("content.people.forms.RegistrationForm",),
    ),
    Flow(
        "sign-up by email",
        generic=False,
        probe=lambda client, value, agency: _ptt_sign_up(client, agency, email=value),
        known=known_email,
        unknown=unknown_email,
        mistake=lambda client, agency: _ptt_sign_up(
            client, agency, email=unknown_email(next(_numbers)), full_name=""
        )[0],
        forms=("content.people.forms.RegistrationForm",),
    ),
    Flow(
        "Tambah NIP",
        generic=False,
        logged_in=True,
        probe=lambda client, value, agency: (
            client.post(
                "/akun/nip-baru/",
                {"nip": value, "participant_group": "pns", "password": PASSWORD},
            ),
            [],
        ),
        known=known_nip,
        unknown=unknown_nip,
        # A NIP born on 30 February: refused by its own rules, never looked up.
        mistake=lambda client, agency: client.post(
            "/akun/nip-baru/",
            {"nip": "198502302010011001", "participant_group": "pns", "password": PASSWORD},
        ),
        forms=("content.people.forms.NewNipForm",),
        views=("content.people.views.add_nip",),
    ),
    Flow(
        "email in Akun saya",
        generic=False,
        logged_in=True,
        probe=lambda client, value, agency: (
            client.post("/akun/email/", {"email": value, "password": PASSWORD}),
            [],
        ),
        known=known_email,
        unknown=unknown_email,
        mistake=lambda client, agency: client.post(
            "/akun/email/", {"email": "bukan-email", "password": PASSWORD}
        ),
        forms=("content.people.forms.EmailChangeForm",),
        views=("content.people.views.change_email",),
    ),
    Flow(
        "merge request",
        generic=True,
        logged_in=True,
        probe=lambda client, value, agency: (
            client.post(
                "/akun/nip-baru/minta-gabung/",
                {"nip": value, "password": PASSWORD},
                follow=True,
            ),
            [],
        ),
        known=known_nip,
        unknown=unknown_nip,
        # Limited per account only: a new account each time never reaches it.
        ceiling_from_many=False,
        forms=("content.people.forms.MergeRequestForm",),
        views=("content.people.views.request_merge",),
    ),
    Flow(
        "email in the admin's account page",
        generic=True,
        logged_in=True,
        actor=lambda agency: UserFactory(
            username=f"editor{next(_numbers)}",
            first_name="Edi",
            last_name="Tor",
            groups=["Editor"],
        ),
        probe=lambda client, value, agency: (
            client.post(
                "/admin/account/",
                {
                    "name_email-first_name": "Edi",
                    "name_email-last_name": "Tor",
                    "name_email-email": value,
                    "locale-preferred_language": "id",
                    "theme-theme": "system",
                    "theme-density": "default",
                    "theme-contrast": "system",
                },
            ),
            [],
        ),
        known=known_email,
        unknown=unknown_email,
        # Nothing to limit: the email is not read at all (WAGTAIL_EMAIL_MANAGEMENT_ENABLED).
        ceiling_from_one=False,
        ceiling_from_many=False,
    ),
    Flow(
        "merge request, guessing the other account's password",
        generic=True,
        logged_in=True,
        probe=lambda client, value, agency: (
            client.post(
                "/akun/nip-baru/minta-gabung/",
                {"nip": value, "password": PASSWORD, "other_password": "tebakan-salah"},
            ),
            [],
        ),
        known=known_nip,
        unknown=unknown_nip,
        forms=("content.people.forms.MergeRequestForm",),
    ),
    Flow(
        "merge request for an account that has no email",
        generic=True,
        logged_in=True,
        probe=lambda client, value, agency: (
            client.post(
                "/akun/nip-baru/minta-gabung/",
                {"nip": value, "password": PASSWORD},
                follow=True,
            ),
            [],
        ),
        known=lambda n: _owner(nip=_nip(1970, n), email="").nip,
        unknown=unknown_nip,
        ceiling_from_many=False,
        forms=("content.people.forms.MergeRequestForm",),
    ),
    Flow(
        "login",
        generic=True,
        probe=lambda client, value, agency: (
            client.post("/akun/masuk/", {"username": value, "password": "tebakan-salah"}),
            [],
        ),
        known=known_nip,
        unknown=unknown_nip,
        forms=("content.people.forms.LoginForm",),
    ),
    Flow(
        "login by email",
        generic=True,
        probe=lambda client, value, agency: (
            client.post("/akun/masuk/", {"username": value, "password": "tebakan-salah"}),
            [],
        ),
        known=known_email,
        unknown=unknown_email,
        forms=("content.people.forms.LoginForm",),
    ),
    Flow(
        "admin login",
        generic=True,
        probe=lambda client, value, agency: (
            client.post("/admin/login/", {"username": value, "password": "tebakan-salah"}),
            [],
        ),
        known=known_username,
        unknown=unknown_username,
    ),
    Flow(
        "Lupa kata sandi",
        generic=True,
        probe=lambda client, value, agency: (
            client.post("/akun/sandi/lupa/", {"email": value}),
            [],
        ),
        known=known_email,
        unknown=unknown_email,
        forms=("content.people.password_reset.ParticipantPasswordResetForm",),
    ),
]
GENERIC = [flow for flow in FLOWS if flow.generic]
COUNTED = [flow for flow in FLOWS if not flow.generic]
LOGGED_IN = [flow for flow in COUNTED if flow.logged_in]

# Forms and views that take an identifier but only staff reach, where saying who is registered
# is the job (organizers manage participants); tests/access/ holds who may open them.
STAFF_ONLY = {
    "content.people.forms.ParticipantAdminForm": "organizers add and edit participants",
    "content.people.forms.OrganizerNewNipForm": "organizers add a NIP (Peserta > Tambah NIP)",
    "content.training.wagtail_hooks.ManualAttendanceForm": "organizers mark attendance by "
    "NIP, NIK or email",
}
# Forms that compare what is typed with one record already shown (a certificate's holder) and
# throttle themselves: list them here with where, and give them a FLOW when their answers can
# be compared.
THROTTLED_ELSEWHERE = {
    "content.certificates.forms.NipCheckForm": "the verification page's 'Cocokkan NIP': one "
    "certificate's holder, per certificate and per address (certificates/views.verify_nip)",
}
# Phone numbers are not unique and never looked up.
IDENTIFIER_NAMES = {"nip", "nik", "email", "username", "person", "identifier"}
IDENTIFIER_FIELDS = (IdentityNumberField, PlainEmailField, forms.EmailField)


# Making the attacker's clients. -----------------------------------------------------------------

_addresses = itertools.count(1)


def _new_address():
    n = next(_addresses)
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def _actor(agency):
    """A PTT participant without a NIP, named like every other actor, so two actors' pages
    differ only by what identifies them."""
    return ParticipantFactory(
        participant_group=ParticipantGroup.PTT,
        nip=None,
        full_name=ACTOR_NAME,
        agency=agency,
        position="Staf",
        email=f"aktor{next(_numbers)}@contoh.go.id",
    )


class Attacker:
    """Who sends the probes: an address, and for logged-in flows an account, each either fixed
    or new for every probe."""

    def __init__(self, flow, agency, *, address=None, actor=None):
        self.flow, self.agency = flow, agency
        self.address, self.actor = address, actor

    def probe(self, value):
        client = Client(REMOTE_ADDR=self.address or _new_address())
        actor = None
        if self.flow.logged_in:
            actor = self.actor or (self.flow.actor or _actor)(self.agency)
            client.force_login(actor)
        response, echoed = self.flow.probe(client, value, self.agency)
        hidden = [value, *echoed]
        if actor is not None:
            hidden += [actor.email, actor.username]
        return _answer(response, hidden)


_TOKENS = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'"CSRF_TOKEN": "[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
]


def _come_back_at(retry_after):
    """When to come back (its window's end); the throttles' clock stands still in a test
    (conftest), so two answers from one window say the same number of seconds."""
    return int(retry_after) if retry_after else None


def _answer(response, hidden):
    """What the attacker learns from a response: status, where it leads, when to come back,
    and the body without per-response tokens and without what the attacker typed."""
    body = response.content.decode()
    for token in _TOKENS:
        body = token.sub("«token»", body)
    for value in sorted({value for value in hidden if value}, key=len, reverse=True):
        body = body.replace(value, "«isian»")
    return (
        response.status_code,
        response.get("Location", ""),
        _come_back_at(response.get("Retry-After")),
        body,
    )


def _ids(flows):
    return [flow.name for flow in flows]


# GENERIC flows: identical answers, always. -----------------------------------------------------


@pytest.mark.parametrize("flow", GENERIC, ids=_ids(GENERIC))
@pytest.mark.parametrize("rotate", [False, True], ids=["one address", "many addresses"])
def test_generic_flows_answer_alike_past_every_ceiling(flow, rotate, agency):
    """From one address (per-address ceilings) or a new one each time (per-identifier
    ceilings), a registered and an unknown identifier get the same answer, every time."""
    known, unknown = flow.known(1), flow.unknown(1)
    if rotate:
        sides = [Attacker(flow, agency), Attacker(flow, agency)]
    else:
        sides = [
            Attacker(
                flow,
                agency,
                address=_new_address(),
                actor=flow.logged_in and (flow.actor or _actor)(agency),
            )
            for _ in range(2)
        ]
    answers = [(sides[0].probe(known), sides[1].probe(unknown)) for _ in range(ROUNDS)]
    for number, (for_known, for_unknown) in enumerate(answers, start=1):
        assert for_known == for_unknown, f"{flow.name}: probe {number} tells them apart"
    if flow.ceiling_from_many if rotate else flow.ceiling_from_one:
        # A ceiling was reached on the way (the answer changed), and it changed alike.
        assert len({for_known for for_known, _ in answers}) > 1, "no ceiling was reached"


# COUNTED flows: they differ, but only until a ceiling. -----------------------------------------


@pytest.mark.parametrize("flow", COUNTED, ids=_ids(COUNTED))
def test_counted_flows_do_tell_registered_from_free_before_a_ceiling(flow, agency):
    """Why each of these is counted rather than generic. If one of them comes to answer alike
    (say, an email change that goes through a confirmation link), move it to GENERIC."""
    for_known = Attacker(flow, agency).probe(flow.known(1))
    for_unknown = Attacker(flow, agency).probe(flow.unknown(1))
    assert 429 not in (for_known[0], for_unknown[0])
    assert for_known != for_unknown


def _exhaust_then_compare(flow, agency, *, make_attacker, exhaust_values, limit):
    """Probe until the ceiling answers, then probe a registered and an unknown identifier from
    that same state: both must get the same 429."""
    attacker = make_attacker()
    answers = [attacker.probe(value) for value in exhaust_values]
    assert [status for status, *_ in answers[:limit]].count(429) == 0
    assert all(status == 429 for status, *_ in answers[limit:]), f"{flow.name}: no ceiling"
    for_known = attacker.probe(flow.known(next(_numbers)))
    for_unknown = attacker.probe(flow.unknown(next(_numbers)))
    assert for_known[0] == 429
    assert "Terlalu banyak" in for_known[3]
    assert for_known == for_unknown
    return for_known


@pytest.mark.parametrize("flow", COUNTED, ids=_ids(COUNTED))
def test_per_address_ceiling(flow, agency):
    limit = LIMITS["LOOKUPS_PER_ADDRESS"]
    # Distinct identifiers and (behind a login) a new account each time: only the address
    # is the same.
    values = [flow.known(next(_numbers)) for _ in range(limit + 1)]
    _exhaust_then_compare(
        flow,
        agency,
        make_attacker=lambda: Attacker(flow, agency, address=_new_address()),
        exhaust_values=values,
        limit=limit,
    )


@pytest.mark.parametrize("flow", COUNTED, ids=_ids(COUNTED))
@pytest.mark.parametrize("registered", [True, False], ids=["registered", "unknown"])
def test_per_identifier_ceiling_from_many_addresses(flow, registered, agency):
    """One identifier probed from a new address (and account) each time, until it is refused
    everywhere; the identifier may be registered or not: the ceiling comes alike."""
    limit = LIMITS["LOOKUPS_PER_IDENTIFIER"]
    value = (flow.known if registered else flow.unknown)(next(_numbers))
    attacker = Attacker(flow, agency)
    answers = [attacker.probe(value) for _ in range(limit + 2)]
    assert [status for status, *_ in answers[:limit]].count(429) == 0
    assert [status for status, *_ in answers[limit:]] == [429, 429]
    # And an unknown identifier at its ceiling gets exactly what a registered one gets.
    other = (flow.unknown if registered else flow.known)(next(_numbers))
    for _ in range(limit):
        Attacker(flow, agency).probe(other)
    assert Attacker(flow, agency).probe(other) == Attacker(flow, agency).probe(value)


@pytest.mark.parametrize("flow", LOGGED_IN, ids=_ids(LOGGED_IN))
def test_per_account_ceiling_from_many_addresses(flow, agency):
    limit = LIMITS["LOOKUPS_PER_ACCOUNT"]
    actor = _actor(agency)
    values = [flow.known(next(_numbers)) for _ in range(limit + 1)]
    _exhaust_then_compare(
        flow,
        agency,
        make_attacker=lambda: Attacker(flow, agency, actor=actor),
        exhaust_values=values,
        limit=limit,
    )


@pytest.mark.parametrize("flow", COUNTED, ids=_ids(COUNTED))
def test_mistakes_that_never_reach_the_lookup_are_not_counted(flow, agency):
    """Honest people who mistype are not blocked: many refused forms from one address and one
    account, then the right one goes through."""
    address, actor = _new_address(), _actor(agency)
    client = Client(REMOTE_ADDR=address)
    if flow.logged_in:
        client.force_login(actor)
    for _ in range(LIMITS["LOOKUPS_PER_ADDRESS"] + 2):
        refused = flow.mistake(client, agency)
        assert refused.status_code in (200, 400)  # the form again, with the reason
    answer = Attacker(flow, agency, address=address, actor=actor).probe(flow.unknown(99))
    assert answer[0] != 429


def test_the_throttled_answer_is_given_before_the_database_is_asked(agency):
    """Once refused, the sign-up form does not look the identifier up at all (no query names
    it), so even timing cannot tell registered from unknown."""
    flow = FLOWS[0]
    address = _new_address()
    for n in range(LIMITS["LOOKUPS_PER_ADDRESS"]):
        Attacker(flow, agency, address=address).probe(flow.unknown(n + 500))
    known = flow.known(900)
    with CaptureQueriesContext(connection) as queries:
        answer = Attacker(flow, agency, address=address).probe(known)
    assert answer[0] == 429
    assert not [query for query in queries if known in query["sql"]]


# Nothing slips past the list. ------------------------------------------------------------------


def _project_forms():
    for module in pkgutil.walk_packages(content.__path__, "content."):
        if ".migrations" not in module.name and ".management" not in module.name:
            importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return {
        f"{form.__module__}.{form.__qualname__}": form
        for form in subclasses(forms.BaseForm)
        if form.__module__.startswith("content.")
    }


def _takes_an_identifier(form):
    return any(
        name in IDENTIFIER_NAMES or isinstance(field, IDENTIFIER_FIELDS)
        for name, field in getattr(form, "base_fields", {}).items()
    )


def test_every_form_that_takes_an_identifier_is_listed():
    listed = {name for flow in FLOWS for name in flow.forms}
    listed |= set(STAFF_ONLY) | set(THROTTLED_ELSEWHERE)
    found = {name for name, form in _project_forms().items() if _takes_an_identifier(form)}
    assert sorted(found - listed) == [], "add these forms to FLOWS (or another list, with why)"
    assert sorted(listed - set(_project_forms())) == [], "these forms no longer exist"


def _views_reading_identifiers():
    """Functions that read an identifier straight from request.POST or request.GET."""
    root = Path(content.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if _reads_identifier(node):
                    found.add(f"{module}.{function.name}")
    return found


def _reads_identifier(node):
    target, key = None, None
    if isinstance(node, ast.Subscript):
        target, key = node.value, node.slice
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"get", "getlist"}
        and node.args
    ):
        target, key = node.func.value, node.args[0]
    return (
        isinstance(target, ast.Attribute)
        and target.attr in {"POST", "GET"}
        and isinstance(key, ast.Constant)
        and key.value in IDENTIFIER_NAMES
    )


def test_every_view_reading_an_identifier_from_the_request_is_listed():
    listed = {name for flow in FLOWS for name in flow.views}
    assert sorted(_views_reading_identifiers() - listed) == [], "add these views to FLOWS"
