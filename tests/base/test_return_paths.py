"""`next` values are followed only as paths of this site (content/base/return_paths.py)."""

import pytest

from content.base.return_paths import local_path


@pytest.mark.parametrize("value", ["/akun/", "/sesi/literasi/?tab=1#hasil", "/P/ABC123/"])
def test_a_path_of_this_site_is_kept(value):
    assert local_path(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "akun",
        "https://contoh.com/",
        "http://localhost/akun/",
        "//contoh.com/",
        "/\\contoh.com/",
        "/\\/contoh.com/",
        "javascript:alert(1)",
        "/akun/\x00",
        "/akun/\x01x",
        "/akun/\x7f",
        "/akun/\u0085",
        "/akun/\r\nSet-Cookie: a=b",
        "/akun/\tx",
        "/" + "a" * 3000,
        None,
        ["/akun/"],
    ],
)
def test_anything_else_goes_to_the_default(value):
    assert local_path(value) == ""


@pytest.mark.django_db
def test_a_refused_claim_with_a_hostile_next_goes_back_to_akun_saya(client, sessions):
    """The claim view followed `next` with redirect(): "\x01" made it a 500."""
    from tests.factories.people import ParticipantFactory
    from tests.factories.training import SessionPageFactory

    session = SessionPageFactory(parent=sessions)
    client.force_login(ParticipantFactory())
    for hostile in ["\x01", "/akun/\x00", "//contoh.com/", "https://contoh.com/"]:
        response = client.post(f"/sertifikat/ambil/sesi/{session.pk}/", {"next": hostile})
        assert (response.status_code, response["Location"]) == (302, "/akun/")
    response = client.post(f"/sertifikat/ambil/sesi/{session.pk}/", {"next": session.url})
    assert response["Location"] == session.url
