"""The signing officials' signatures and the office stamp are private files of the certificate
template: uploaded and checked on its form, kept where no public URL reaches, shown only to
whoever may edit templates, and still printed on the certificate."""

import io
import os
import random
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from content.certificates import links
from content.certificates.models import CertificateTemplate
from content.certificates.services import certificate_issue, certificate_render
from tests.factories.certificates import issues_for, make_template, mark_file
from tests.factories.people import ParticipantFactory
from tests.factories.training import HeldSessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def png(size=(240, 90), colour=(27, 42, 110, 255), *, noisy=False):
    picture = Image.new("RGBA", size, colour)
    if noisy:  # so the compressed data is large enough to cut in the middle
        generator = random.Random(7)
        picture.putdata(
            [tuple(generator.randrange(256) for _ in range(4)) for _ in range(size[0] * size[1])]
        )
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_bomb(side=16_000):
    """A real decompression bomb: a PNG of side x side grey pixels, all zero, in a few hundred
    kilobytes (256 MB once decoded)."""
    compressor = zlib.compressobj(9)
    row = bytes(side + 1)  # filter byte and the row
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def upload(data, name="ttd.png"):
    return SimpleUploadedFile(name, data, content_type="image/png")


def form_data(template, **files):
    """What the template's edit form posts, with `files` for its image fields."""
    fields = [
        "name",
        "page_size",
        "orientation",
        "title",
        "body_participant",
        "body_speaker",
        "body_committee",
        "issuer",
        "signatory_1_name",
        "signatory_1_nip",
        "signatory_1_position",
        "signatory_2_name",
        "signatory_2_nip",
        "signatory_2_position",
        "number_format",
    ]
    data = {field: getattr(template, field) for field in fields}
    data.update({"background": "", "valid_years": ""})
    for formset in ("session_rules", "quiz_rules"):
        data.update(
            {
                f"{formset}-TOTAL_FORMS": "0",
                f"{formset}-INITIAL_FORMS": "0",
                f"{formset}-MIN_NUM_FORMS": "0",
                f"{formset}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(files)
    return data


def edit_url(template):
    return reverse("certificatetemplate:edit", args=[template.pk])


def mark_url(template, mark="ttd-1"):
    return reverse("certificates_template_mark", args=[template.pk, mark])


def private_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def public_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


class TestUploadOnTheTemplateForm:
    def test_a_signature_is_stored_privately_under_a_random_name(self, client, organizer):
        template = make_template()
        data = png()
        response = client.post(
            edit_url(template), form_data(template, signatory_1_signature=upload(data))
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        template.refresh_from_db()
        name = template.signatory_1_signature.name
        assert name.startswith("certificates/templates/") and name.endswith(".png")
        assert len(Path(name).stem) == 32 and "ttd" not in name
        assert private_files() == [name]
        assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).read_bytes() == data
        # Not a Wagtail image: nothing in the library, nothing in the public folder.
        assert get_image_model().objects.count() == 0
        assert public_files() == []

    def test_the_form_shows_it_through_the_checked_view(self, client, organizer):
        template = make_template(stamp=mark_file())
        page = client.get(edit_url(template)).content.decode()
        assert f'src="{mark_url(template, "stempel")}"' in page
        assert template.stamp.name not in page

    def test_a_jpeg_is_kept_as_jpeg(self, client, organizer):
        template = make_template()
        out = io.BytesIO()
        Image.new("RGB", (200, 200), (72, 58, 160)).save(out, format="JPEG")
        client.post(edit_url(template), form_data(template, stamp=upload(out.getvalue(), "s.png")))
        template.refresh_from_db()
        assert template.stamp.name.endswith(".jpg")

    @pytest.mark.parametrize(
        ("case", "message"),
        [
            ("not_an_image", "bukan gambar PNG atau JPEG"),
            ("gif", "bukan gambar PNG atau JPEG"),
            ("damaged", "rusak atau tidak dapat dibaca"),
            ("pixel_bomb", "terlalu besar setelah dibuka"),
            ("too_many_bytes", "Berkas lebih dari"),
        ],
    )
    def test_a_bad_file_is_refused_in_indonesian_and_nothing_changes(
        self, client, organizer, settings, case, message
    ):
        template = make_template(signatory_1_signature=mark_file())
        before = template.signatory_1_signature.name
        gif = io.BytesIO()
        Image.new("RGB", (20, 20)).save(gif, format="GIF")
        noisy = png((200, 200), noisy=True)
        data = {
            "not_an_image": b"%PDF-1.4 bukan gambar",
            "gif": gif.getvalue(),
            "damaged": noisy[: len(noisy) * 3 // 5],
            "pixel_bomb": pixel_bomb(),
            "too_many_bytes": png(),
        }[case]
        if case == "too_many_bytes":
            settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(data) - 1
        response = client.post(
            edit_url(template),
            form_data(template, name="Nama baru", signatory_1_signature=upload(data)),
        )
        assert response.status_code == 200
        assert message in response.content.decode()
        template.refresh_from_db()
        assert template.name == "Templat uji"
        assert template.signatory_1_signature.name == before
        assert private_files() == [before]


class TestNoPublicUrlServesTheMarks:
    def test_neither_media_nor_the_image_library_has_them(self, client, organizer):
        data = png(colour=(1, 2, 3, 255))
        template = make_template(background=None)
        client.post(
            edit_url(template),
            form_data(
                template,
                signatory_1_signature=upload(data),
                stamp=upload(png(colour=(4, 5, 6, 255))),
            ),
        )
        template.refresh_from_db()
        assert template.signatory_1_signature and template.stamp
        # Every file the public storage holds, fetched at its public address: none is a mark.
        for name in public_files():
            response = client.get(f"/media/{name}")
            body = b"".join(response.streaming_content) if response.streaming else b""
            assert data not in body
        # The private names, and every way to climb to them from /media/, are not found.
        names = [template.signatory_1_signature.name, template.stamp.name]
        private_root = os.path.basename(settings.PRIVATE_MEDIA_ROOT)
        for name in names:
            for path in (name, f"images/../{name}", f"original_images/../../{private_root}/{name}"):
                assert client.get(f"/media/{path}").status_code == 404
        # The image library and its chooser list nothing.
        assert get_image_model().objects.count() == 0
        library = client.get(reverse("wagtailimages:index")).content.decode()
        assert all(Path(name).stem not in library for name in names)
        with pytest.raises(ValueError):
            template.stamp.url  # noqa: B018 (the private storage has no URL to give)


class TestThePreviewView:
    def test_an_organizer_gets_the_bytes_not_to_keep(self, client, organizer):
        data = png()
        template = make_template()
        template.signatory_1_signature.save("gambar.png", io.BytesIO(data))
        response = client.get(mark_url(template))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == data
        assert response["Content-Type"] == "image/png"
        assert "no-store" in response["Cache-Control"]
        assert response["Content-Disposition"].startswith("inline")

    @pytest.mark.parametrize("who", ["anonymous", "participant", "analyst", "editor"])
    def test_nobody_else_gets_them(self, client, who):
        template = make_template(signatory_1_signature=mark_file(), stamp=mark_file())
        if who == "participant":
            client.force_login(ParticipantFactory())
        elif who != "anonymous":
            client.force_login(UserFactory(username=who, groups=[who.capitalize()]))
        for mark in ("ttd-1", "stempel"):
            response = client.get(mark_url(template, mark))
            assert response.status_code in (302, 403)
            assert not getattr(response, "streaming", False)
            if response.status_code == 302:  # to log in, or back to the dashboard
                assert response["Location"].startswith("/admin/")

    def test_a_missing_or_unknown_mark_is_not_found(self, client, organizer):
        template = make_template(signatory_1_signature=mark_file())
        assert client.get(mark_url(template, "ttd-2")).status_code == 404
        assert client.get(mark_url(template, "latar")).status_code == 404
        assert client.get(mark_url(template, "signatory_1_signature")).status_code == 404


def _pdf(sessions, template, slug):
    session = HeldSessionPageFactory(parent=sessions, title="Literasi Digital", slug=slug)
    issues_for(session, template)
    person = ParticipantFactory()
    mark_attendance(session, person)
    certificate, _ = certificate_issue(participant=person, session=session)
    certificate = certificate_render(
        certificate=certificate, verify_url=links.verify_url(certificate.code)
    )
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def _images_in(pdf, tmp_path):
    path = tmp_path / "sertifikat.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [line.split()[2] for line in listing]  # image, smask, ...


def test_the_pdf_still_prints_the_signatures_and_the_stamp(sessions, tmp_path):
    bare = make_template(name="Tanpa gambar", number_format="{seq}/A/{tahun}")
    marked = make_template(
        name="Dengan gambar",
        number_format="{seq}/B/{tahun}",
        signatory_2_name="Siti Rahmawati",
        signatory_2_position="Kepala Bidang",
        signatory_1_signature=mark_file(colour=(200, 0, 0, 255)),
        signatory_2_signature=mark_file(colour=(0, 200, 0, 255)),
        stamp=mark_file(size=(200, 200), colour=(0, 0, 200, 128)),
    )
    without = _images_in(_pdf(sessions, bare, "tanpa"), tmp_path).count("image")
    with_marks = _images_in(_pdf(sessions, marked, "dengan"), tmp_path).count("image")
    assert with_marks == without + 3


class TestFilesNoTemplateUses:
    def test_a_replaced_or_cleared_mark_is_deleted(
        self, client, organizer, django_capture_on_commit_callbacks
    ):
        template = make_template(signatory_1_signature=mark_file(), stamp=mark_file())
        old_signature, stamp = template.signatory_1_signature.name, template.stamp.name
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                edit_url(template),
                form_data(template, signatory_1_signature=upload(png()), **{"stamp-clear": "on"}),
            )
        assert response.status_code == 302
        template.refresh_from_db()
        assert not template.stamp
        assert private_files() == [template.signatory_1_signature.name]
        assert old_signature != template.signatory_1_signature.name
        assert stamp not in private_files()

    def test_a_deleted_templates_marks_go_unless_a_copy_uses_them(
        self, client, organizer_or_superuser, django_capture_on_commit_callbacks
    ):
        original = make_template(signatory_1_signature=mark_file())
        name = original.signatory_1_signature.name
        copy = make_template(
            name="Salinan", number_format="{seq}/SALIN/{tahun}", signatory_1_signature=name
        )
        for template, left in ((original, [name]), (copy, [])):
            url = reverse("certificatetemplate:delete", args=[template.pk])
            with django_capture_on_commit_callbacks(execute=True):
                client.post(url)
            if organizer_or_superuser.is_superuser:
                assert not CertificateTemplate.objects.filter(pk=template.pk).exists()
                assert private_files() == left
            else:  # organizers may not delete templates: nothing changes
                assert CertificateTemplate.objects.filter(pk=template.pk).exists()
                assert private_files() == [name]
