import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.documents.forms import get_document_form
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from tests.factories.images import png_file

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _image_form(upload, description="Peserta sosialisasi di aula"):
    form_class = get_image_form(get_image_model())
    return form_class(data={"title": "Gambar", "description": description}, files={"file": upload})


def _document_form(upload):
    form_class = get_document_form(Document)
    return form_class(data={"title": "Dokumen"}, files={"file": upload})


class TestImageUploads:
    def test_png_with_alt_text_is_accepted(self):
        png = png_file()
        upload = SimpleUploadedFile("foto.png", png.read(), content_type="image/png")
        assert _image_form(upload).is_valid()

    def test_svg_is_refused(self):
        upload = SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml")
        form = _image_form(upload)
        assert not form.is_valid()
        assert "file" in form.errors

    def test_alt_text_is_required(self):
        png = png_file()
        upload = SimpleUploadedFile("foto.png", png.read(), content_type="image/png")
        form = _image_form(upload, description="")
        assert not form.is_valid()
        assert "description" in form.errors


class TestDocumentUploads:
    @pytest.mark.parametrize("name", ["materi.pdf", "modul.docx", "data.xlsx", "paparan.pptx"])
    def test_office_formats_are_accepted(self, name):
        assert _document_form(SimpleUploadedFile(name, b"isi")).is_valid()

    @pytest.mark.parametrize("name", ["virus.exe", "skrip.html", "gambar.svg", "arsip.zip"])
    def test_other_formats_are_refused(self, name):
        form = _document_form(SimpleUploadedFile(name, b"isi"))
        assert not form.is_valid()
        assert "file" in form.errors

    @override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
    def test_files_over_the_size_cap_are_refused(self):
        form = _document_form(SimpleUploadedFile("besar.pdf", b"x" * 2048))
        assert not form.is_valid()
        assert "file" in form.errors

    def test_documents_are_served_through_the_serve_view(self, client):
        document = Document.objects.create(
            title="Modul", file=SimpleUploadedFile("modul.pdf", b"%PDF-1.4 isi")
        )
        assert document.url == f"/documents/{document.pk}/modul.pdf"
        response = client.get(document.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 isi"
