"""Every parser of uploaded files against a bomb of each kind.

A 33 KB XLSX with 200,000 styles or a million shared strings cost seconds of CPU and a gigabyte
of memory: the byte cap did not bound it. Each parser here is given small files (made by
tests/factories/bombs.py) that claim or unpack to far more than they weigh, through the same
door a person uses (the admin upload, the public verification form), and each must end in an
Indonesian refusal or a bounded result, never a 500; the work done before stopping is counted
(XML elements, rows, frames), and the process that served the upload still answers afterwards.

UPLOAD_PARSERS lists the parsers. Every form of the project that takes a file, every import
flow, and Wagtail's own upload views must be in it: a new upload parser fails
test_every_upload_is_listed until it is added here with its bombs.
"""

import importlib
import inspect
import io
import os
import pkgutil
import re
from dataclasses import dataclass

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

import content
from content.base import image_uploads, import_jobs, isolated, spreadsheets
from content.base.models import ImportJob
from content.certificates import uploaded_pdf
from content.certificates.models import CertificateTemplate
from content.certificates.models.templates import MARK_FIELDS
from content.reports.models import Case, Report, Screenshot
from tests.factories import bombs
from tests.factories.people import AgencyFactory
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory
from tests.reports.public_helpers import png_upload, post_report

pytestmark = pytest.mark.django_db


def VARIED_STYLES():  # noqa: N802 (named like the constants beside it)
    return bombs.xlsx_styles(varied=True)


def VARIED_STRINGS():  # noqa: N802
    return bombs.xlsx_shared_strings(count=600_000, varied=True)


# (bomb, file name, what the refusal says). Each says which limit it hit.
SPREADSHEET_BOMBS = {
    # The two files: a few dozen KB, packed 300-400 to 1.
    "issue-styles": (bombs.xlsx_styles, "gaya.xlsx", "lebih dari 100 kali"),
    "issue-shared-strings": (bombs.xlsx_shared_strings, "teks.xlsx", "lebih dari 100 kali"),
    # The same, packed like real files (0.6 and 1.5 MB): refused by their counts.
    "styles": (VARIED_STYLES, "gaya.xlsx", "lebih dari 20.000 gaya sel"),
    "shared-strings": (VARIED_STRINGS, "teks.xlsx", "lebih dari 500.000 teks"),
    "zip-bomb": (bombs.xlsx_zip_bomb, "zip.xlsx", "terlalu besar setelah dibuka"),
    "compression-ratio": (bombs.xlsx_compression_bomb, "mampat.xlsx", "lebih dari 100 kali"),
    "zip-members": (bombs.xlsx_many_members, "bagian.xlsx", "lebih dari 500 bagian"),
    "sheets": (bombs.xlsx_many_sheets, "lembar.xlsx", "lebih dari 100 lembar"),
    "rows": (bombs.xlsx_many_rows, "baris.xlsx", "lebih dari 50.000 baris"),
    "wide-row": (bombs.xlsx_wide_row, "lebar.xlsx", "lebih dari 16.384 sel"),
    "deep-xml": (bombs.xlsx_deep_nesting, "dalam.xlsx", "bersarang lebih dari 64 tingkat"),
    "billion-laughs": (bombs.xlsx_billion_laughs, "tawa.xlsx", "deklarasi XML (DTD"),
    "csv-huge-field": (bombs.csv_huge_field, "panjang.csv", "sel yang terlalu panjang"),
    "csv-many-columns": (bombs.csv_many_columns, "kolom.csv", "lebih dari 16.384 sel"),
    "csv-many-lines": (bombs.csv_many_lines, "baris.csv", "lebih dari 50.000 baris"),
}
IMAGE_BOMBS = {
    "png-claiming-gigapixels": (bombs.png_claiming, "besar.png"),
    "png-decompression-bomb": (bombs.png_decompression_bomb, "bom.png"),
    "gif-many-frames": (bombs.gif_frames, "bingkai.gif"),
    "gif-frames-times-pixels": (lambda: bombs.gif_frames(count=20, size=(2000, 2000)), "b.gif"),
}
PDF_BOMBS = {
    "pages": (bombs.pdf_many_pages, "jumlah halamannya lebih dari 20"),
    "objects": (bombs.pdf_many_objects, "jumlah objeknya lebih dari 5.000"),
    "xref-size": (bombs.pdf_huge_xref, "jumlah objeknya lebih dari 5.000"),
    "revisions": (bombs.pdf_many_revisions, "jumlah revisinya lebih dari 10"),
}


@dataclass
class Parser:
    """An upload parser: what takes the file (form classes, import flows, Wagtail views) and
    the bombs it is tried with."""

    forms: tuple = ()
    flows: tuple = ()
    wagtail: tuple = ()
    model_fields: tuple = ()  # "app_label.Model.field" edited through the model's admin panels
    bombs: tuple = ()


UPLOAD_PARSERS = {
    "spreadsheet imports (openpyxl, csv)": Parser(
        forms=("SpreadsheetUploadForm", "AttendanceUploadForm"),
        flows=tuple(sorted(import_jobs.import_flows())),
        bombs=tuple(SPREADSHEET_BOMBS),
    ),
    "redirect import (Wagtail: CSV, TSV, XLSX)": Parser(
        wagtail=("redirect-import",), bombs=tuple(SPREADSHEET_BOMBS)
    ),
    "certificate verification (pyHanko)": Parser(forms=("UploadForm",), bombs=tuple(PDF_BOMBS)),
    "images (Wagtail, Willow, Pillow)": Parser(wagtail=("image",), bombs=tuple(IMAGE_BOMBS)),
    # Every staff member's profile picture: Wagtail's form opens and resizes it in the request.
    "avatars (Wagtail account, Pillow)": Parser(
        wagtail=("avatar",), bombs=("png-claiming-gigapixels", "png-decompression-bomb")
    ),
    # Screenshots sent with a report on /lapor/ (anyone, no account): decoded in a child. Only
    # an animated image's first frame is ever decoded, so the frame bombs are kept as one frame.
    "report screenshots (Pillow, isolated)": Parser(
        forms=("ReportForm",), bombs=("png-claiming-gigapixels", "png-decompression-bomb")
    ),
    # The signatures and stamp of a certificate template: private files, decoded in a child.
    "template signatures and stamp (Pillow, isolated)": Parser(
        model_fields=tuple(f"certificates.CertificateTemplate.{name}" for name in MARK_FIELDS),
        bombs=tuple(IMAGE_BOMBS),
    ),
    # Documents are stored and served as they are: nothing opens them, the byte cap bounds them.
    "documents (Wagtail: stored, never parsed)": Parser(wagtail=("document",), bombs=("zip-bomb",)),
}


def _project_upload_forms():
    """Every form class of the project with a file field (every module imported first, so a
    form nobody has imported yet is found too)."""
    for module in pkgutil.walk_packages(content.__path__, "content."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    found, stack = set(), [forms.Form, forms.ModelForm]
    while stack:
        for subclass in stack.pop().__subclasses__():
            stack.append(subclass)
            module = inspect.getmodule(subclass).__name__
            fields = subclass.base_fields.values()
            if module.startswith("content.") and any(
                isinstance(field, forms.FileField) for field in fields
            ):
                found.add(subclass.__name__)
    return found


def _panel_fields(panels):
    for panel in panels:
        if getattr(panel, "field_name", None):
            yield panel.field_name
        yield from _panel_fields(getattr(panel, "children", ()))


def _project_model_uploads():
    """Every file field of a project model that its admin panels let someone upload."""
    found = set()
    for model in apps.get_models():
        if not model.__module__.startswith("content."):
            continue
        for name in _panel_fields(getattr(model, "panels", ())):
            field = model._meta.get_field(name)
            if isinstance(field, FileField):
                found.add(f"{model._meta.label}.{name}")
    return found


def test_every_upload_is_listed():
    listed_forms = {name for parser in UPLOAD_PARSERS.values() for name in parser.forms}
    listed_flows = {name for parser in UPLOAD_PARSERS.values() for name in parser.flows}
    listed_wagtail = {name for parser in UPLOAD_PARSERS.values() for name in parser.wagtail}
    listed_fields = {name for parser in UPLOAD_PARSERS.values() for name in parser.model_fields}
    assert _project_upload_forms() == listed_forms
    assert _project_model_uploads() == listed_fields
    assert set(import_jobs.import_flows()) == listed_flows
    assert listed_wagtail == {"image", "document", "redirect-import", "avatar"}
    assert reverse("wagtailredirects:start_import") == "/admin/redirects/import/"


@pytest.fixture(scope="module")
def made():
    """Each bomb made once for the module: {name: bytes}."""
    cache = {}

    def make(factory):
        if factory not in cache:
            cache[factory] = factory()
        return cache[factory]

    return make


@pytest.fixture
def superuser(client):
    user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def _answers(client):
    """The process that served the upload still serves: the database and a page."""
    assert ImportJob.objects.count() >= 0
    assert client.get("/healthz").status_code == 200


# Spreadsheets ----------------------------------------------------------------------------------


class TestSpreadsheetReader:
    """The shared reader every import uses: refused with the limit named, the work counted."""

    @pytest.mark.parametrize("kind", SPREADSHEET_BOMBS)
    def test_each_bomb_is_refused_naming_its_limit(self, kind, made):
        factory, name, message = SPREADSHEET_BOMBS[kind]
        data = made(factory)
        assert len(data) < 11 * 1024 * 1024  # each passes the byte cap
        with pytest.raises(spreadsheets.SpreadsheetError, match=re.escape(message)) as refused:
            spreadsheets.parse_table(data, name)
        work = refused.value.work
        limits = spreadsheets.limits()
        # The counts stopped one past their limit: nothing more was read.
        if kind == "styles":
            assert work["styles"] == limits["styles"] + 1
            # The parts read before the styles (the theme...) hold a few hundred elements.
            assert work["xml_elements"] < limits["styles"] + 1_000
        if kind == "shared-strings":
            assert work["shared_strings"] == limits["shared_strings"] + 1
        if kind == "sheets":
            assert work["sheets"] == limits["sheets"] + 1
        if kind == "rows":
            assert work["rows"] == 2 * limits["rows"] + 3
        if kind == "wide-row":
            assert work["cells"] == limits["cells_per_row"] + 1
        if kind == "deep-xml":
            assert work["xml_depth"] == limits["xml_depth"] + 1
        if kind == "csv-many-lines":
            assert work["rows_read"] == limits["rows"] + 2
        if kind == "csv-many-columns":
            assert work["rows_read"] == 1

    def test_a_sheet_claiming_every_cell_is_read_as_the_cells_it_holds(self):
        from tests.factories.spreadsheets import xlsx_claiming_every_cell

        table = spreadsheets.parse_table(xlsx_claiming_every_cell([["Siti", "PNS"]]), "a.xlsx")
        limits = spreadsheets.limits()
        # Blank rows up to the far cell's, no further than one past the limit, 60 columns each.
        assert table[1][:2] == ["Siti", "PNS"] and not any(any(row) for row in table[2:])
        assert len(table) <= limits["rows"] + 2
        assert all(len(row) <= limits["columns"] for row in table)

    def test_a_runaway_past_the_counts_is_stopped_by_the_memory_cap(self, settings, made):
        # With the style count lifted, openpyxl builds the 200,000 styles: the child's memory
        # cap stops it and this process carries on.
        settings.SPREADSHEET_LIMITS = {
            **settings.SPREADSHEET_LIMITS,
            "styles": 10**7,
            "compression_ratio": 10**6,
        }
        settings.UPLOAD_PARSE_MEMORY_MB = 60
        with pytest.raises(spreadsheets.SpreadsheetError, match="terlalu rumit") as refused:
            spreadsheets.parse_table(made(bombs.xlsx_styles), "gaya.xlsx")
        assert refused.value.work == {"stopped_by": "memory"}
        assert isinstance(refused.value.__cause__, isolated.TooComplex)

    def test_a_runaway_past_the_counts_is_stopped_by_the_cpu_cap(self, settings, made):
        settings.SPREADSHEET_LIMITS = {
            **settings.SPREADSHEET_LIMITS,
            "shared_strings": 10**7,
            "compression_ratio": 10**6,
        }
        settings.UPLOAD_PARSE_CPU_SECONDS = 1
        with pytest.raises(spreadsheets.SpreadsheetError, match="terlalu rumit") as refused:
            spreadsheets.parse_table(made(bombs.xlsx_shared_strings), "teks.xlsx")
        assert refused.value.work == {"stopped_by": "cpu"}


class TestEveryImportFlow:
    """Through the admin, as an organizer uploads: a refusal on the job page, no 500."""

    @pytest.mark.parametrize("flow_name", sorted(import_jobs.import_flows()))
    @pytest.mark.parametrize(
        "kind", ["issue-styles", "styles", "shared-strings", "zip-bomb", "csv-many-lines"]
    )
    def test_each_flow_refuses_each_bomb(self, client, superuser, sessions, flow_name, kind, made):
        factory, name, message = SPREADSHEET_BOMBS[kind]
        flow = import_jobs.import_flows()[flow_name]
        fields = {"file": io.BytesIO(made(factory))}
        fields["file"].name = name
        if flow_name == "training_attendance_import":
            fields["session"] = SessionPageFactory(parent=sessions, date="2026-10-08").pk
        response = client.post(reverse(flow.name), fields)
        assert response.status_code == 302, response.content.decode()[:500]
        page = client.get(response["Location"])
        assert page.status_code == 200
        job = ImportJob.objects.get()
        assert (job.status, job.file) == ("failed", "")
        assert message in job.message and message in page.content.decode()
        _answers(client)

    def test_a_runaway_in_the_web_request_leaves_the_web_process_answering(
        self, client, superuser, settings, made
    ):
        # Tasks run inline in tests, as they do without a worker: the check runs inside the
        # upload request. Its child hits the memory cap; the request and the next ones answer.
        AgencyFactory()
        settings.SPREADSHEET_LIMITS = {
            **settings.SPREADSHEET_LIMITS,
            "styles": 10**7,
            "compression_ratio": 10**6,
        }
        settings.UPLOAD_PARSE_MEMORY_MB = 60
        upload = io.BytesIO(made(bombs.xlsx_styles))
        upload.name = "gaya.xlsx"
        parent = os.getpid()
        response = client.post(reverse("people_import"), {"file": upload})
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "Berkas terlalu rumit untuk dibaca" in page
        assert os.getpid() == parent
        _answers(client)


class TestRedirectImport:
    @pytest.mark.parametrize("kind", SPREADSHEET_BOMBS)
    def test_each_bomb_is_refused_before_wagtail_reads_it(self, client, superuser, kind, made):
        factory, name, message = SPREADSHEET_BOMBS[kind]
        upload = io.BytesIO(made(factory))
        upload.name = name
        response = client.post("/admin/redirects/import/", {"import_file": upload})
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert message in page
        _answers(client)

    def test_a_real_file_still_imports(self, client, superuser):
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.models import Site

        upload = io.BytesIO(b"dari,ke\n/lama/,https://contoh.go.id/baru/\n")
        upload.name = "pengalihan.csv"
        response = client.post("/admin/redirects/import/", {"import_file": upload})
        assert response.status_code == 200 and "/lama/" in response.content.decode()
        form = response.context["form"]
        response = client.post(
            "/admin/redirects/import/process/",
            {
                **{name: form[name].value() for name in ("import_file_name", "input_format")},
                "from_index": 0,
                "to_index": 1,
                "site": Site.objects.get().pk,
                "permanent": "on",
            },
        )
        assert Redirect.objects.filter(old_path="/lama").exists()


# Images and documents --------------------------------------------------------------------------


class TestImages:
    def _post(self, client, data, name):
        return client.post(
            "/admin/images/add/",
            {
                "title": "Bom",
                "description": "Gambar uji",
                "collection": Collection.get_first_root_node().pk,
                "file": _named(data, name),
            },
        )

    @pytest.mark.parametrize("kind", IMAGE_BOMBS)
    def test_each_bomb_is_refused_from_its_header_and_frames(self, client, superuser, kind, made):
        factory, name = IMAGE_BOMBS[kind]
        response = self._post(client, made(factory), name)
        assert response.status_code == 200  # the form again, with the reason
        assert not get_image_model().objects.exists()
        errors = response.context["form"].errors["file"]
        assert errors and any(
            word in " ".join(errors) for word in ("piksel", "bingkai", "pixels", "terlalu")
        )
        _answers(client)

    def test_frames_are_counted_no_further_than_the_limit(self, made):
        upload = io.BytesIO(made(bombs.gif_frames))
        assert image_uploads.frames_within(upload, frames_allowed=200) == 201
        big = io.BytesIO(made(IMAGE_BOMBS["gif-frames-times-pixels"][0]))
        # 2000 x 2000 pixels a frame: 12 frames fill 50 megapixels; the 14th is never read.
        assert image_uploads.frames_within(big, frames_allowed=12) == 13

    def test_pillow_refuses_to_decode_what_no_upload_may_hold(self):
        from PIL import Image

        with pytest.raises(Image.DecompressionBombError):
            Image.open(io.BytesIO(bombs.png_claiming(20_000, 20_000)))

    def test_an_ordinary_animation_is_accepted(self, client, superuser):
        response = self._post(client, bombs.gif_frames(count=12, size=(40, 40)), "ok.gif")
        assert response.status_code == 302
        assert get_image_model().objects.count() == 1


class TestTemplateMarks:
    """The certificate template's form field for a signature or the stamp."""

    @pytest.mark.parametrize("kind", IMAGE_BOMBS)
    def test_each_bomb_is_refused_by_the_field_in_words(self, kind, made):
        factory, name = IMAGE_BOMBS[kind]
        field = CertificateTemplate._meta.get_field("stamp").formfield()
        upload = SimpleUploadedFile(name, made(factory), content_type="image/png")
        with pytest.raises(forms.ValidationError) as refused:
            field.clean(upload)
        message = " ".join(refused.value.messages)
        assert any(word in message for word in ("piksel", "bergerak", "bukan gambar", "rusak"))


class TestReportScreenshots:
    """The public report form: the refusal says why, and nothing of the report is kept."""

    @pytest.mark.parametrize("kind", UPLOAD_PARSERS["report screenshots (Pillow, isolated)"].bombs)
    def test_each_bomb_is_refused_in_words_and_saves_nothing(self, client, kind, made):
        factory, name = IMAGE_BOMBS[kind]
        response = post_report(client, screenshots=[png_upload(made(factory), name)])
        assert response.status_code == 200
        page = response.content.decode()
        assert any(word in page for word in ("piksel", "bukan gambar", "terlalu rumit"))
        assert not Report.objects.exists() and not Case.objects.exists()
        assert _answers(client) is None

    @pytest.mark.parametrize("kind", ["gif-many-frames", "gif-frames-times-pixels"])
    def test_an_animated_bomb_is_kept_as_its_first_frame(self, client, kind, made):
        factory, name = IMAGE_BOMBS[kind]
        response = post_report(client, screenshots=[png_upload(made(factory), name)])
        assert response.status_code == 303
        shot = Screenshot.objects.get()
        with shot.image.open("rb") as handle, PILImage.open(handle) as kept:
            assert kept.format == "PNG" and getattr(kept, "n_frames", 1) == 1


class TestAvatars:
    @pytest.mark.parametrize("kind", ["png-claiming-gigapixels", "png-decompression-bomb"])
    def test_each_bomb_is_refused_before_it_is_resized(self, kind, made):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from wagtail.admin.forms.account import AvatarPreferencesForm
        from wagtail.users.models import UserProfile

        factory, name = IMAGE_BOMBS[kind]
        profile = UserProfile.get_for_user(UserFactory(is_staff=True))
        upload = SimpleUploadedFile(name, made(factory), content_type="image/png")
        form = AvatarPreferencesForm(data={}, files={"avatar": upload}, instance=profile)
        assert not form.is_valid()
        assert "avatar" in form.errors


class TestDocuments:
    def test_a_zip_bomb_is_stored_as_bytes_and_never_opened(self, client, superuser, made):
        data = made(bombs.xlsx_zip_bomb)
        response = client.post(
            "/admin/documents/add/",
            {
                "title": "Bom",
                "collection": Collection.get_first_root_node().pk,
                "file": _named(data, "bom.xlsx"),
            },
        )
        assert response.status_code == 302
        document = get_document_model().objects.get()
        with document.file.open("rb") as stored:
            assert stored.read() == data
        _answers(client)


# PDF -------------------------------------------------------------------------------------------


class TestCertificateVerification:
    @pytest.mark.parametrize("kind", PDF_BOMBS)
    def test_each_bomb_is_refused_by_the_form(self, client, kind, made):
        factory, message = PDF_BOMBS[kind]
        data = made(factory)
        response = client.post(
            reverse("certificates:verify"), {"berkas": _named(data, "sertifikat.pdf")}
        )
        assert response.status_code == 200
        assert message in response.content.decode()
        with pytest.raises(uploaded_pdf.TooComplex) as refused:
            uploaded_pdf.check_counts(data)
        # Counted no further than one past the limit.
        assert all(count <= 5_001 for what, count in refused.value.work.items() if what != "bytes")
        _answers(client)

    def test_nesting_past_the_parsers_recursion_is_not_intact_and_not_an_error(self, client):
        response = client.post(
            reverse("certificates:verify"),
            {"berkas": _named(bombs.pdf_deep_nesting(), "sertifikat.pdf")},
        )
        assert response.status_code == 404  # the verdict page: not a certificate of ours
        assert not response.context["verification"].signature.intact
        _answers(client)

    def test_what_the_byte_scan_cannot_see_pyhanko_counts_in_the_child(self, client):
        data = bombs.pdf_pages_behind_a_reference()
        assert uploaded_pdf.check_counts(data)["objects"] == 4  # the bytes look harmless
        response = client.post(reverse("certificates:verify"), {"berkas": _named(data, "s.pdf")})
        assert response.status_code == 200
        assert "jumlah halamannya lebih dari 20" in response.content.decode()

    def test_a_runaway_in_pyhanko_is_stopped_and_said_in_words(self, settings, client):
        settings.CERTIFICATE_UPLOAD_LIMITS = {
            **settings.CERTIFICATE_UPLOAD_LIMITS,
            "memory_mb": 1,
        }
        response = client.post(
            reverse("certificates:verify"),
            {"berkas": _named(bombs.pdf_many_objects(count=3_000), "sertifikat.pdf")},
        )
        assert response.status_code == 200
        assert "terlalu rumit untuk diperiksa" in response.content.decode()
        _answers(client)


def _named(data, name):
    upload = io.BytesIO(data)
    upload.name = name
    return upload
