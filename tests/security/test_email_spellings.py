"""One mailbox, one account: every spelling of an address (quoted local part, capitals, a
Unicode or IDNA domain, spaces around it, fullwidth letters) is the same address wherever an
address is stored or compared: sign-up, the admin, imports, login, password reset. Addresses
that are really other mailboxes (plus-addressing, dots, another domain) stay apart."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from content.people import duplicates, importing, services
from content.people.identity import canonical_email, canonical_identifier, parse_email
from content.people.models import User
from content.people.selectors import likely_duplicates
from tests.factories.people import PASSWORD, AgencyFactory, ptt
from tests.factories.spreadsheets import xlsx_bytes
from tests.factories.users import UserFactory

MAILBOX = "ptt@contoh.go.id"
SAME_MAILBOX = [
    MAILBOX,
    '"ptt"@contoh.go.id',
    '"PTT"@Contoh.Go.Id',
    "PTT@CONTOH.GO.ID",
    "  ptt@contoh.go.id\t",
    "\u00a0ptt@contoh.go.id\u3000",
    "ptt@ＣＯＮＴＯＨ.go.id",
    "ＰＴＴ@contoh.go.id",
    '"ptt"@ＣＯＮＴＯＨ.GO.ID ',
]
IDN_MAILBOX = "budi@xn--bcher-kva.example"
SAME_IDN_MAILBOX = [
    IDN_MAILBOX,
    "budi@bücher.example",
    "BUDI@BÜCHER.EXAMPLE",
    "Budi@XN--BCHER-KVA.example",
    '"budi"@bu\u0308cher.example',  # ü as u and a combining diaeresis
]
OTHER_MAILBOXES = [
    "ptt+sesi@contoh.go.id",
    "p.tt@contoh.go.id",
    "ptt@contoh.go.id.example",
    "ptt@contoh.co.id",
]
REFUSED = [
    '"p tt"@contoh.go.id',
    "ptt@contoh.go.id.",
    "ptt@[127.0.0.1]",
    "ptt.@contoh.go.id",
    "p\u200btt@contoh.go.id",
    "ptı@contoh.go.id",
    "Budi <ptt@contoh.go.id>",
]


class TestTheParser:
    @pytest.mark.parametrize("typed", SAME_MAILBOX)
    def test_every_spelling_of_the_mailbox_is_its_canonical_address(self, typed):
        assert parse_email(typed) == MAILBOX
        assert canonical_identifier(typed).value == MAILBOX

    @pytest.mark.parametrize("typed", SAME_IDN_MAILBOX)
    def test_an_internationalised_domain_is_stored_in_its_ascii_form(self, typed):
        assert parse_email(typed) == IDN_MAILBOX

    @pytest.mark.parametrize("typed", OTHER_MAILBOXES)
    def test_other_mailboxes_stay_apart(self, typed):
        assert parse_email(typed) != MAILBOX

    @pytest.mark.parametrize("typed", REFUSED)
    def test_what_is_no_plain_mailbox_is_refused_in_indonesian(self, typed):
        with pytest.raises(ValidationError) as refusal:
            parse_email(typed)
        assert refusal.value.messages[0].startswith(("Alamat email tidak valid", "Email hanya"))
        # Looking it up never raises, and finds nobody's canonical address.
        assert canonical_email(typed) != MAILBOX

    @settings(max_examples=40, deadline=None)
    @given(
        local=st.from_regex(r"\A[a-z][a-z0-9._-]{0,14}[a-z0-9]\Z"),
        upper=st.lists(st.booleans(), min_size=16, max_size=16),
        quoted=st.booleans(),
        pad=st.sampled_from(["", " ", "\t", "\u00a0"]),
    )
    def test_case_quotes_and_spaces_never_make_another_address(self, local, upper, quoted, pad):
        if ".." in local or "._" in local or "-." in local:
            local = local.replace(".", "")
        spelled = "".join(c.upper() if up else c for c, up in zip(local, upper, strict=False))
        spelled = f'"{spelled}"' if quoted else spelled
        typed = f"{pad}{spelled}@Contoh.GO.id{pad}"
        assert parse_email(typed) == f"{local}@contoh.go.id"
        assert canonical_email(canonical_email(typed)) == canonical_email(typed)


def _sign_up(client, email):
    return client.post(
        "/akun/daftar/",
        {
            "participant_group": "ptt",
            "nip": "",
            "nik": "",
            "full_name": "Orang Kedua",
            "agency": AgencyFactory().pk,
            "position": "Staf",
            "rank": "",
            "email": email,
            "phone": "",
            "password1": "Lentera-2024-aman",
            "password2": "Lentera-2024-aman",
        },
    )


@pytest.fixture
def holder():
    return ptt(full_name="Pemilik Kotak Surat", email=MAILBOX, nik=None)


@pytest.mark.django_db
class TestEveryPlaceThatStoresOrComparesAnAddress:
    @pytest.mark.parametrize("typed", SAME_MAILBOX[1:])
    def test_sign_up_with_another_spelling_makes_no_second_account(self, client, holder, typed):
        response = _sign_up(client, typed)
        assert response.status_code == 200
        assert User.objects.count() == 1

    @pytest.mark.parametrize("typed", SAME_IDN_MAILBOX)
    def test_sign_up_stores_the_ascii_domain_and_refuses_the_unicode_twin(self, client, typed):
        _sign_up(client, SAME_IDN_MAILBOX[1])
        client.logout()
        _sign_up(client, typed)
        assert list(User.objects.values_list("email", flat=True)) == [IDN_MAILBOX]

    @pytest.mark.parametrize("typed", SAME_MAILBOX)
    def test_login_with_any_spelling_opens_the_account(self, client, holder, typed):
        client.post("/akun/masuk/", {"username": typed, "password": PASSWORD})
        assert client.session.get("_auth_user_id") == str(holder.pk)

    @pytest.mark.parametrize("typed", ['"ptt"@contoh.go.id', "PTT@ＣＯＮＴＯＨ.go.id "])
    def test_a_reset_asked_with_any_spelling_goes_to_the_stored_address(
        self, client, holder, typed
    ):
        response = client.post("/akun/sandi/lupa/", {"email": typed})
        assert response.status_code == 302
        [email] = mail.outbox
        assert email.to == [MAILBOX]
        assert re.search(r"/akun/sandi/atur/\S+/", email.body)

    @pytest.mark.parametrize("typed", SAME_MAILBOX[1:4])
    def test_an_import_row_with_another_spelling_is_the_same_person(self, holder, typed):
        rows = [["Pemilik Kotak Surat", "PTT", "", "", holder.agency.name, "", "", typed, ""]]
        preview = importing.preview_import(importing.read_table(xlsx_bytes(rows), "p.xlsx"))
        assert [row.errors for row in preview.rows] == [[]]
        assert preview.rows[0].user.pk == holder.pk
        services.participants_import(preview=preview, by=None)
        assert User.objects.count() == 1

    @pytest.mark.parametrize("typed", ['"ptt"@contoh.go.id', "PTT@Contoh.GO.ID"])
    def test_the_admin_cannot_add_a_second_account_for_the_mailbox(self, client, holder, typed):
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        response = client.post(
            "/admin/participant/new/",
            {
                "full_name": "Orang Kedua",
                "participant_group": "ptt",
                "nip": "",
                "nik": "",
                "agency": holder.agency_id,
                "position": "",
                "rank": "",
                "email": typed,
                "phone": "",
                "is_active": "on",
            },
        )
        assert response.status_code == 200
        assert User.objects.filter(participant_group="ptt").count() == 1


@pytest.mark.django_db
def test_accounts_stored_before_the_parser_are_listed_as_one_mailbox(holder):
    """A second account for the mailbox, stored (as the old code did) with a quoted local
    part: organizers find the pair on the duplicates screen, to merge it."""
    quoted = ptt(full_name="Orang Lain Sama Sekali", nik=None, email="x@contoh.go.id")
    User.objects.filter(pk=quoted.pk).update(email='"ptt"@contoh.go.id')
    [pair] = likely_duplicates()
    assert {pair.first.pk, pair.second.pk} == {holder.pk, quoted.pk}
    assert pair.reasons == [duplicates.SAME_MAILBOX]
