"""The private storage (the default) and the one way its files leave: send_private_file, after
a view has checked who asks."""

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, UploadedFile

from content.base import uploads
from content.base.private_files import download_name, send_private_file
from content.base.s3_storages import PrivateS3Storage
from tests.factories.images import ImageFactory, png_file
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
Document = get_document_model()


def _files_under(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


class TestWhereFilesLive:
    def test_the_default_storage_is_private_and_has_no_url(self, settings):
        name = default_storage.save("sertifikat/2026/X.pdf", ContentFile(b"%PDF"))

        assert _files_under(settings.PRIVATE_MEDIA_ROOT) == ["sertifikat/2026/X.pdf"]
        assert not Path(settings.MEDIA_ROOT, name).exists()
        with pytest.raises(ValueError, match="tidak mempunyai URL publik"):
            default_storage.url(name)

    def test_images_and_renditions_are_public_on_purpose(self, settings):
        rendition = ImageFactory().get_rendition("fill-10x10")

        public = _files_under(settings.MEDIA_ROOT)
        assert rendition.file.name in public and rendition.image.file.name in public
        assert {name.split("/")[0] for name in public} == {"images", "original_images"}
        assert not Path(settings.PRIVATE_MEDIA_ROOT).exists()

    def test_documents_and_uploaded_imports_are_private(self, settings):
        Document.objects.create(title="Modul", file=ContentFile(b"%PDF-1.4", name="modul.pdf"))
        uploads.store(ContentFile(b"nip,nama", name="daftar.csv"), folder="people_import")

        private = _files_under(settings.PRIVATE_MEDIA_ROOT)
        assert [name.split("/")[0] for name in private] == ["documents", "imports"]
        assert not Path(settings.MEDIA_ROOT).exists()


class TestSending:
    @pytest.fixture
    def stored(self):
        name = default_storage.save("sertifikat/2026/ABCD.pdf", ContentFile(b"%PDF-1.7 isi"))
        return _FieldFile(name)

    def test_streamed_by_default_privately_and_named_safely(self, stored):
        response = send_private_file(
            RequestFactory().get("/"), stored, filename="sertifikat-abcd.pdf"
        )

        assert response.status_code == 200 and _body(response) == b"%PDF-1.7 isi"
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="sertifikat-abcd.pdf"'
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"

    def test_a_front_server_sends_it_from_its_internal_location(self, settings, stored):
        settings.PRIVATE_MEDIA_ACCEL_PREFIX = "_private"
        response = send_private_file(RequestFactory().get("/"), stored, filename="s.pdf")

        assert response.status_code == 200 and response.content == b""
        assert response["X-Accel-Redirect"] == "/_private/sertifikat/2026/ABCD.pdf"
        assert response["Content-Disposition"] == 'attachment; filename="s.pdf"'
        assert response["Cache-Control"] == "private, no-store"

    def test_on_s3_the_browser_gets_a_short_lived_signed_url(self, settings):
        # Real signing by boto3 (no network is needed to sign a URL).
        storage = PrivateS3Storage(
            bucket_name="lentera-privat",
            access_key="AKIAUJI0000000000000",
            secret_key="rahasia-uji",
            region_name="ap-southeast-3",
            querystring_expire=60,
        )
        file = _FieldFile("sertifikat/2026/ABCD.pdf", storage=storage)
        response = send_private_file(RequestFactory().get("/"), file, filename="s.pdf")

        url = urlsplit(response["Location"])
        query = parse_qs(url.query)
        assert response.status_code == 302
        assert url.path.endswith("/sertifikat/2026/ABCD.pdf") and "lentera-privat" in url.geturl()
        assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
        assert query["response-content-disposition"] == ['attachment; filename="s.pdf"']
        assert query["response-cache-control"] == ["private, no-store"]

    def test_a_private_s3_storage_never_makes_unsigned_or_cdn_urls(self):
        with pytest.raises(ImproperlyConfigured):
            PrivateS3Storage(bucket_name="b", custom_domain="cdn.example.go.id")
        with pytest.raises(ImproperlyConfigured):
            PrivateS3Storage(bucket_name="b", querystring_auth=False)

    @pytest.mark.parametrize("name", ["", "../sertifikat/x.pdf", "/etc/passwd", "tidak-ada.pdf"])
    def test_no_file_or_a_strange_name_is_not_found(self, settings, name):
        with pytest.raises(Http404):
            send_private_file(RequestFactory().get("/"), _FieldFile(name), filename="x.pdf")
        settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
        with pytest.raises(Http404):
            send_private_file(RequestFactory().get("/"), _FieldFile(name), filename="x.pdf")

    @pytest.mark.parametrize(
        "given, sent",
        [
            ("../../etc/passwd", "passwd"),
            ("modul\r\nSet-Cookie: a=b.pdf", "modulSet-Cookie: a=b.pdf"),
            ("laporan\u202egpj.exe", "laporangpj.exe"),
            ("C:\\Users\\x\\rapor.pdf", "rapor.pdf"),
            ("", "berkas"),
            ("a" * 400 + ".pdf", "a" * 146 + ".pdf"),
        ],
    )
    def test_download_names_are_one_plain_name(self, given, sent):
        assert download_name(given) == sent


class _FieldFile:
    """What a FileField gives a view: a name in a storage."""

    def __init__(self, name, storage=None):
        self.name = name
        self.storage = storage or default_storage


class TestDocuments:
    @pytest.fixture
    def internal(self):
        collection = Collection.get_first_root_node().add_child(name="Internal")
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        return Document.objects.create(
            title="Internal",
            file=ContentFile(b"%PDF-1.4 internal", name="internal.pdf"),
            collection=collection,
        )

    def test_a_public_document_comes_from_private_storage_without_caching(self, client, settings):
        document = Document.objects.create(
            title="Modul", file=ContentFile(b"%PDF-1.4 modul", name="modul.pdf")
        )
        response = client.get(document.url)

        assert response.status_code == 200 and _body(response) == b"%PDF-1.4 modul"
        assert response["Content-Disposition"] == 'inline; filename="modul.pdf"'
        assert "no-store" in response["Cache-Control"]
        assert _files_under(settings.PRIVATE_MEDIA_ROOT) == ["documents/modul.pdf"]

    def test_a_document_for_logged_in_users_only_asks_a_visitor_to_log_in(self, client, internal):
        response = client.get(internal.url)
        assert response.status_code == 302 and "login" in response["Location"]

        client.force_login(UserFactory())
        response = client.get(internal.url)
        assert response.status_code == 200 and _body(response) == b"%PDF-1.4 internal"

    def test_through_a_front_server_too_after_the_check(self, client, settings, internal):
        settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
        assert "X-Accel-Redirect" not in client.get(internal.url)

        client.force_login(UserFactory())
        response = client.get(internal.url)
        assert response["X-Accel-Redirect"] == "/_private/documents/internal.pdf"

    def test_a_wrong_file_name_is_not_found(self, client, internal):
        client.force_login(UserFactory())
        assert client.get(f"/documents/{internal.pk}/lain.pdf").status_code == 404


def test_the_private_folder_is_not_inside_the_public_one(settings):
    private, public = Path(settings.PRIVATE_MEDIA_ROOT), Path(settings.MEDIA_ROOT)
    assert os.path.commonpath([private, public]) not in (str(private), str(public))


def test_an_image_uploaded_several_at_a_time_ends_in_the_public_folder(client, settings):
    """Wagtail keeps an upload that still needs its alt text as an UploadedFile (private
    storage); completing it copies the file to the image's own, public, storage."""
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    upload = SimpleUploadedFile("aula.png", png_file().read(), content_type="image/png")
    answer = client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload}).json()
    assert _files_under(settings.PRIVATE_MEDIA_ROOT) == [UploadedFile.objects.get().file.name]

    prefix = f"uploaded-image-{answer['uploaded_file_id']}"
    client.post(
        reverse(
            "wagtailimages:create_multiple_from_uploaded_image", args=[answer["uploaded_file_id"]]
        ),
        {f"{prefix}-title": "Aula", f"{prefix}-description": "Peserta di aula"},
    )

    image = get_image_model().objects.get()
    assert _files_under(settings.MEDIA_ROOT) == [image.file.name]
    assert _files_under(settings.PRIVATE_MEDIA_ROOT) == []
    assert client.get(image.file.url).status_code == 200
