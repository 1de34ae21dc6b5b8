"""Public images under /media/: only plain names inside the image folders, never anything else
the public media folder holds (it held certificates and documents before they moved)."""

import os
import time

import pytest
from django.utils.http import http_date

from content.base.file_names import plain_relative_name
from tests.factories.images import ImageFactory

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.7 sertifikat NIP 198501012010011001"


@pytest.fixture
def rendition(settings):
    return ImageFactory().get_rendition("fill-40x20")


@pytest.fixture
def left_in_media(settings):
    """Private files where they lived before the private storage: beside the images."""
    for name in ("sertifikat/2026/ABCD.pdf", "documents/internal.pdf", "canary.txt"):
        path = os.path.join(settings.MEDIA_ROOT, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(SECRET)


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


class TestImages:
    def test_a_rendition_is_served_with_validators(self, client, rendition):
        response = client.get(rendition.url)

        assert rendition.url.startswith("/media/images/")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        with rendition.file.open("rb") as stored:
            assert _body(response) == stored.read()
        assert response["ETag"].startswith('"') and response["Last-Modified"]
        assert response["Cache-Control"] == "public, max-age=3600"

    def test_the_original_is_served_too(self, client, rendition):
        original = rendition.image.file
        assert original.url.startswith("/media/original_images/")
        assert client.get(original.url).status_code == 200

    def test_a_known_etag_or_date_gives_not_modified(self, client, rendition):
        first = client.get(rendition.url)
        by_etag = client.get(rendition.url, HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=http_date(time.time() + 60))
        assert by_etag.status_code == by_date.status_code == 304
        assert by_etag["ETag"] == first["ETag"]

    def test_head_answers_like_get_without_a_body(self, client, rendition):
        response = client.head(rendition.url)
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert client.post(rendition.url).status_code == 405


class TestEverythingElseIsNotFound:
    @pytest.mark.parametrize(
        "url",
        [
            "/media/images/../canary.txt",
            "/media/images/%2e%2e/sertifikat/2026/ABCD.pdf",
            "/media/images/%2E%2E/documents/internal.pdf",
            "/media/images/..%2fsertifikat%2f2026%2fABCD.pdf",
            "/media/original_images/.%2e/canary.txt",
            "/media/images/..//canary.txt",
            "/media/images/./../canary.txt",
            "/media/sertifikat/2026/ABCD.pdf",
            "/media/canary.txt",
            "/media/images/..%5ccanary.txt",
            "/media/images/%252e%252e/canary.txt",
            "/media/images/%c0%ae%c0%ae/canary.txt",
            "/media/images/canary.txt%00.png",
        ],
    )
    def test_a_private_file_left_in_the_media_folder_never_comes_out(
        self, client, left_in_media, url
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert SECRET not in _body(response)

    @pytest.mark.parametrize(
        "url",
        [
            "/media/images/" + "a" * 300 + ".png",
            "/media/original_images/" + "b" * 5000 + ".jpg",
            "/media/images/" + "c/" * 400 + "d.png",
        ],
    )
    def test_a_very_long_name_is_not_found_rather_than_a_server_error(self, client, url):
        assert client.get(url).status_code == 404

    def test_a_file_that_is_not_an_image_is_not_served_from_the_image_folder(
        self, client, settings
    ):
        folder = os.path.join(settings.MEDIA_ROOT, "images")
        os.makedirs(folder, exist_ok=True)
        for name in ("halaman.html", "gambar.svg", "arsip.png.gz"):
            with open(os.path.join(folder, name), "wb") as handle:
                handle.write(SECRET)
            assert client.get(f"/media/images/{name}").status_code == 404

    def test_a_link_out_of_the_image_folder_is_not_followed(self, client, settings, tmp_path):
        outside = tmp_path / "rahasia.png"
        outside.write_bytes(SECRET)
        folder = os.path.join(settings.MEDIA_ROOT, "images")
        os.makedirs(folder, exist_ok=True)
        os.symlink(outside, os.path.join(folder, "tautan.png"))

        response = client.get("/media/images/tautan.png")
        assert response.status_code == 404 and SECRET not in _body(response)

    def test_a_folder_is_not_listed(self, client, rendition):
        assert client.get("/media/images/").status_code == 404
        assert client.get("/media/images").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "images/foto.fill-40x20.png",
        "original_images/Foto_Aula-2026.jpg",
        "documents/modul_ğ.pdf",
        "sertifikat/2026/ABCDEFGH.pdf",
    ],
)
def test_names_storages_make_are_plain(name):
    assert plain_relative_name(name) == name


@pytest.mark.parametrize(
    "name",
    [
        "",
        "/etc/passwd",
        "images/../x.png",
        "images/./x.png",
        "images//x.png",
        "images/x.png/",
        "images\\x.png",
        "images/%2e%2e/x.png",
        "images/x\x00.png",
        "images/x\n.png",
        "images/x\u2028.png",
        "images/\uff0e\uff0e/x.png",
        "images/...",
        "C:/x.png",
        "images/" + "a" * 300,
        None,
    ],
)
def test_other_names_are_not(name):
    assert plain_relative_name(name) is None
