"""Erasure reaches every copy of a person's data.

A participant with a unique name, NIP, NIK, emails and phone uses everything the site offers
(an older account merged into theirs, a name corrected by an organizer, registrations,
attendance with an organizer's reason and a correction, a self-paced quiz, certificates with
their PDFs, one revoked with a reason naming them, bulk issues with a ZIP and a refusal, import
previews and an import file still waiting, verification lookups, a queued password reset and an
identity-change notice, admin history, wrong passwords, pages in the cache, a session). After
the organizer erases them, nothing anywhere holds any of those values: every text and JSON
column of every model (found by introspecting every installed app, Django's and Wagtail's
included, sessions decoded), every file in every storage (PDF text and metadata read, ZIPs and
spreadsheets opened) and every cache entry are scanned.
"""

import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.files.storage import storages
from django.db import models
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from pypdf import PdfReader

from content.certificates import codes
from content.certificates import services as certificates
from content.certificates.models import BulkIssue, Certificate
from content.people import confirmation_links
from content.people import services as people
from content.people.identity import IdentifierKind, mask
from content.people.models import DeletionRequest, PendingIdentityChange
from content.quizzes import selectors as quiz_selectors
from content.quizzes import services as quiz_services
from content.quizzes.models import Attempt, Purpose
from content.training import services as training
from content.training.models import Attendance, Registration
from tests.factories.certificates import issues_for, issues_for_quiz, make_template
from tests.factories.people import (
    PASSWORD,
    AgencyFactory,
    ParticipantFactory,
    prove_control_of_both,
    ptt,
)
from tests.factories.quizzes import correct_keys, make_quiz, use_in_session
from tests.factories.reports import screenshot_bytes, submit_report
from tests.factories.spreadsheets import xlsx_bytes
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

NAME = "Zulaikha Paramitha Anggraeni"
FIRST_NAME = "Zulaikha Paramita Anggraini"  # as she first signed up; an organizer corrected it
OLD_ACCOUNT_NAME = "Zulaikha Anggraeni Putri"  # her older PTT account, merged into this one
NIP = "199203152015032007"
NIK = "3471015503920007"
EMAIL = "zulaikha.paramitha@contoh.go.id"
NEW_EMAIL = "zulaikha.anggraeni@contoh.go.id"
OLD_ACCOUNT_EMAIL = "zulaikha.ptt@contoh.go.id"
PHONE = "081299887766"
AGENCY = "Kelurahan Sukamaju Kidul"
DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})

MARKERS = {
    NAME,
    FIRST_NAME,
    OLD_ACCOUNT_NAME,
    slugify(NAME),
    NIP,
    NIK,
    EMAIL,
    NEW_EMAIL,
    OLD_ACCOUNT_EMAIL,
    PHONE,
    PHONE[1:],
    # Parts of her names and addresses, wherever they turn up on their own.
    "zulaikha",
    "paramitha",
    "paramita",
    "anggraeni",
    "anggraini",
    # The masked forms identity-change logs and merge records keep.
    mask(IdentifierKind.NIP, NIP),
    mask(IdentifierKind.NIK, NIK),
    mask(IdentifierKind.EMAIL, EMAIL),
    mask(IdentifierKind.EMAIL, NEW_EMAIL),
    mask(IdentifierKind.EMAIL, OLD_ACCOUNT_EMAIL),
}
MARKERS = {marker.lower() for marker in MARKERS}


# --- The scan -----------------------------------------------------------------------------


def _text_columns(model):
    kinds = (
        models.CharField,
        models.TextField,
        models.JSONField,
        models.FileField,
        models.GenericIPAddressField,
    )
    return [field for field in model._meta.concrete_fields if isinstance(field, kinds)]


def _found(text):
    text = text.lower()
    return sorted(marker for marker in MARKERS if marker in text)


def database_hits():
    """(model.field, marker) for every text or JSON column of every row of every model."""
    hits = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = _text_columns(model)
        if not fields:
            continue
        for row in model._base_manager.values_list(*[field.attname for field in fields]):
            for field, value in zip(fields, row, strict=True):
                text = json.dumps(value, ensure_ascii=False, default=str)
                hits |= {(f"{model._meta.label}.{field.name}", m) for m in _found(text)}
    for session in Session.objects.all():
        text = json.dumps(session.get_decoded(), ensure_ascii=False, default=str)
        hits |= {("sessions.Session (decoded)", m) for m in _found(text)}
    return hits


def _storage_roots():
    """Every folder files are stored in: each configured storage and each file field's own
    (a private storage for certificates, say)."""
    found = {Path(settings.MEDIA_ROOT)}
    for alias in settings.STORAGES:
        if alias != "staticfiles" and hasattr(storages[alias], "location"):
            found.add(Path(storages[alias].location))
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and hasattr(field.storage, "location"):
                found.add(Path(field.storage.location))
    return {root for root in found if root.exists()}


def _texts_of(name, data):
    """What a file says: its bytes, a PDF's text, metadata and XMP, a ZIP's (an XLSX's)
    entries and their names, opened recursively."""
    yield name
    yield data.decode("utf-8", "ignore")
    if data.startswith(b"%PDF"):
        reader = PdfReader(io.BytesIO(data))
        yield " ".join(page.extract_text() or "" for page in reader.pages)
        yield json.dumps(dict(reader.metadata or {}), default=str, ensure_ascii=False)
        metadata = reader.trailer["/Root"].get("/Metadata")
        if metadata is not None:
            yield metadata.get_object().get_data().decode("utf-8", "ignore")
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for entry in archive.infolist():
                yield from _texts_of(entry.filename, archive.read(entry))


def file_hits():
    hits = set()
    for root in _storage_roots():
        for path in root.rglob("*"):
            if path.is_file():
                for text in _texts_of(str(path.relative_to(root)), path.read_bytes()):
                    hits |= {(f"file {path.relative_to(root)}", m) for m in _found(text)}
    return hits


def _cache_entries():
    """(key, stored bytes) of every entry of every local-memory cache (the test settings')."""
    for alias in settings.CACHES:
        cache = caches[alias]
        if isinstance(cache, LocMemCache):
            yield from list(cache._cache.items())


def cache_hits():
    hits = set()
    for key, value in _cache_entries():
        for marker in _found(key + value.decode("utf-8", "ignore")):
            hits.add((f"cache {key[:60]}", marker))
    return hits


def everywhere():
    return database_hits() | file_hits() | cache_hits()


def _places(hits):
    return {place.split(" ")[0] if place.startswith("file") else place for place, _ in hits}


# --- A person who used everything -----------------------------------------------------------


def _login(client, identifier, password=PASSWORD):
    return client.post(reverse("people:login"), {"username": identifier, "password": password})


def _upload_import(client, rows):
    headers = ["nama", "kelompok", "nip", "nik", "opd", "jabatan", "pangkat_golongan", "email"]
    upload = io.BytesIO(xlsx_bytes(rows, headers=[*headers, "telepon"]))
    upload.name = "peserta.xlsx"
    response = client.post("/admin/peserta-impor/", {"file": upload})
    assert response.status_code == 302


@pytest.fixture
def world(client, sessions, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 600
    settings.READER_CACHE_SECONDS = 600
    capture = django_capture_on_commit_callbacks
    # A fixed name: a generated one may share a token with hers ("Zulaikha Jailani"), and the
    # scan would find the organizer's own name after the erasure.
    organizer = UserFactory(
        username="organizer", first_name="Hendra", last_name="Wijaya", groups=["Organizer"]
    )
    agency = AgencyFactory(name=AGENCY, short_name="Kel. Sukamaju Kidul")
    person = ParticipantFactory(
        full_name=FIRST_NAME,
        nip=NIP,
        nik=NIK,
        email=EMAIL,
        phone=PHONE,
        rank="III/a",
        gender="P",
        agency=agency,
    )
    bystander = ParticipantFactory(full_name="Budi Santoso", agency=agency)

    # Her older PTT account asks to be merged, and an organizer merges it into this one.
    older = ptt(full_name=OLD_ACCOUNT_NAME, email=OLD_ACCOUNT_EMAIL, phone=PHONE, agency=agency)
    prove_control_of_both(older, person, by=organizer)
    people.participants_merge(survivor=person, loser=older, by=organizer)

    # A self-paced quiz she passed, and its certificate, issued under her first spelling and
    # later revoked with a reason that names her.
    quiz = make_quiz(count=2, title="Kuis Hoaks atau Fakta?")
    template = make_template()
    issues_for_quiz(quiz, template, training_hours=2)
    attempt = quiz_services.attempt_start(
        context=quiz_selectors.self_paced_context(quiz.slug), participant=person
    )
    quiz_services.attempt_submit(participant=person, key=attempt.key, answers=correct_keys(attempt))
    client.force_login(person)
    with capture(execute=True):
        client.post(reverse("certificates:claim_quiz", args=[quiz.pk]))
    quiz_certificate = Certificate.objects.get(participant=person, quiz=quiz)
    assert quiz_certificate.pdf and quiz_certificate.holder_name == FIRST_NAME

    # An organizer corrects her name and email in the admin (logged; the old address is told,
    # by a task still queued).
    client.force_login(organizer)
    with DB_TASKS, capture(execute=True):
        response = client.post(
            reverse("participant:edit", args=[person.pk]),
            {
                "full_name": NAME,
                "participant_group": "pns",
                "nip": NIP,
                "nik": NIK,
                "agency": agency.pk,
                "position": "Analis",
                "rank": "III/a",
                "email": NEW_EMAIL,
                "phone": PHONE,
                "is_active": "on",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    # The new email waits for its links (to the address on file, then to the new one); she
    # follows both.
    pending = PendingIdentityChange.objects.get(user=person, status="pending")
    with DB_TASKS, capture(execute=True):
        for side in (confirmation_links.ACCOUNT_SIDE, confirmation_links.EMAIL_SIDE):
            target = confirmation_links.LinkTarget(confirmation_links.CHANGE, pending.pk, side)
            people.identity_change_confirm(target=target)
    person.refresh_from_db()
    assert (person.full_name, person.email) == (NAME, NEW_EMAIL)
    with capture(execute=True):
        client.post(
            reverse("certificate:edit", args=[quiz_certificate.pk]),
            {"reason": f"Dicabut: {NAME} mengerjakan kuis bersama rekan."},
        )

    # A past session she attended by an organizer's override, corrected afterwards; its
    # certificates issued in bulk, with a ZIP.
    past = SessionPageFactory(
        parent=sessions, title="Netralitas ASN", date=timezone.localdate() - datetime.timedelta(5)
    )
    issues_for(past, template)
    attendance = training.attendance_mark(
        session=past,
        participant=person,
        status="hadir",
        by=organizer,
        override_reason=f"{NAME} hadir dengan surat tugas",
        now=past.starts_at,
    )
    training.attendance_correct(
        attendance=attendance, status="terlambat", by=organizer, reason="Zulaikha datang 09.30"
    )
    mark_attendance(past, bystander)
    with capture(execute=True):
        certificates.bulk_issue_start(session=past, by=organizer)
    # A session whose certificate needs the post-test she did not take: a refusal naming her.
    strict = SessionPageFactory(
        parent=sessions, title="Keamanan Digital", date=timezone.localdate() - datetime.timedelta(4)
    )
    issues_for(strict, template)
    use_in_session(make_quiz(count=1, self_paced=False), strict, Purpose.POST)
    mark_attendance(strict, person)
    with capture(execute=True):
        certificates.bulk_issue_start(session=strict, by=organizer)
    # An upcoming session she registered for.
    upcoming = SessionPageFactory(parent=sessions, title="Literasi Digital Lanjutan", capacity=3)
    training.registration_create(session=upcoming, participant=person)

    # Import previews listing her: one with an error (its rows are kept for the organizer), one
    # clean and waiting for confirmation (its file is kept).
    _upload_import(
        client, [[NAME, "PNS", NIP, NIK, "Dinas Yang Tidak Ada", "Analis", "", NEW_EMAIL, PHONE]]
    )
    _upload_import(client, [[NAME, "PNS", NIP, NIK, AGENCY, "Analis", "III/a", NEW_EMAIL, PHONE]])
    client.logout()

    # A verifier looks her certificate up, by code and by uploading the PDF.
    certificate = Certificate.objects.get(participant=person, session=past)
    with certificate.pdf.open("rb") as handle:
        issued_pdf = handle.read()
    client.get(reverse("certificates:verify_code", args=[certificate.code]))
    client.post(
        reverse("certificates:verify"), {"berkas": _pdf_upload(issued_pdf)}, REMOTE_ADDR="10.3.3.3"
    )

    # Reports to the desk: one while logged in (a contact of her own, her name in the text),
    # one without an account but with her old address and her phone as typed, and someone
    # else's naming her as the ASN who campaigned.
    submit_report(
        links=["https://www.facebook.com/permalink.php?story_fbid=77&id=88"],
        description=f"Saya {NAME} menerima pesan berantai ini di grup RT.",
        screenshots=[screenshot_bytes(seed=21)],
        contact_email=NEW_EMAIL,
        contact_phone=PHONE,
        contact_consent=True,
        reporter=person,
    )
    submit_report(
        links=["https://x.com/akun/status/99"],
        contact_email=OLD_ACCOUNT_EMAIL,
        contact_phone="0812 9988 7766",
    )
    submit_report(
        kind="asn_kampanye",
        links=["https://www.instagram.com/p/Cq1XyZ/"],
        description=f"ASN {NAME} ({AGENCY}) mengajak memilih calon nomor 2.",
    )

    # She logs in, reads pages (the caches keep copies), asks for erasure; wrong passwords and a
    # password reset (queued) follow.
    assert _login(client, NEW_EMAIL).status_code == 302
    for url in ("/", "/sesi/", upcoming.url, "/akun/"):
        client.get(url)
    client.post(
        reverse("people:request_deletion"),
        {"reason": f"Saya {NAME} pindah ke luar kota.", "confirm": "on"},
    )
    client.logout()
    _login(client, NIP, "salah")
    _login(client, NEW_EMAIL, "salah")
    with DB_TASKS:
        client.post(reverse("people:password_reset"), {"email": NEW_EMAIL})

    return {
        "person": person,
        "organizer": organizer,
        "certificate": certificate,
        "quiz_certificate": quiz_certificate,
        "issued_pdf": issued_pdf,
        "upcoming": upcoming,
    }


def _pdf_upload(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("sertifikat.pdf", data, content_type="application/pdf")


def _erase(client, world, capture):
    client.force_login(world["organizer"])
    request = DeletionRequest.objects.get(user=world["person"])
    with capture(execute=True):
        response = client.post(
            reverse("people_process_deletion", args=[request.pk]),
            {"decision": "erase", "note": "Permintaan Zulaikha diproses."},
        )
    assert response.status_code == 302
    client.logout()


# --- The tests ------------------------------------------------------------------------------


def test_erasure_leaves_no_trace_in_any_table_file_or_cache(
    client, world, django_capture_on_commit_callbacks
):
    before = everywhere()
    # The scan sees every kind of copy before: it is not passing by looking nowhere.
    assert _places(before) >= {
        "people.User.full_name",
        "people.User.email",
        "people.User.nip",
        "people.DeletionRequest.reason",
        "people.MergeRecord.survivor_label",
        "people.MergeRecord.summary",
        "people.IdentityChange.old_value",
        "wagtailcore.ModelLogEntry.label",
        "certificates.Certificate.holder_name",
        "certificates.Certificate.holder_nip",
        "certificates.Certificate.revoked_reason",
        "certificates.BulkIssue.failures",
        "base.ImportJob.problems",
        "training.Attendance.override_reason",
        "training.AttendanceCorrection.reason",
        "django_tasks_database.DBTaskResult.args_kwargs",
        "reports.Report.contact_email",
        "reports.Report.contact_phone",
        "reports.Report.description",
        "reports.Case.summary",
        "file",
    }
    assert any(place.endswith(".zip") for place, _ in before)
    assert any(place.endswith(".pdf") for place, _ in before)
    assert any(place.endswith(".xlsx") for place, _ in before)
    # The caches hold her pages and throttle counts (none of them her data: checked after).
    assert len(list(_cache_entries())) > 10

    _erase(client, world, django_capture_on_commit_callbacks)

    assert sorted(everywhere()) == []


def test_what_erasure_keeps_names_no_one(client, world, django_capture_on_commit_callbacks):
    person, certificate = world["person"], world["certificate"]
    attended = Attendance.objects.filter(participant=person).count()
    _erase(client, world, django_capture_on_commit_callbacks)

    # The account stays for the statistics, locked, with its group; so do its records.
    person.refresh_from_db()
    assert person.erased_at is not None and not person.is_active
    assert (person.participant_group, person.agency_id) == ("pns", None)
    assert Attendance.objects.filter(participant=person).count() == attended
    assert all(a.agency_id for a in Attendance.objects.filter(participant=person))
    assert Attempt.objects.filter(participant=person, passed=True).exists()
    # Her seat went back.
    assert Registration.objects.get(participant=person).status == "cancelled"
    # Certificates keep number, code and status, and the fingerprint of the file issued.
    certificate.refresh_from_db()
    assert certificate.number and certificate.pdf_sha256 and not certificate.pdf
    assert (certificate.holder_name, certificate.holder_nip, certificate.holder_agency) == (
        "",
        "",
        "",
    )
    # The bulk job's ZIP kept everyone else's PDF.
    bulk = BulkIssue.objects.get(session=certificate.session)
    with bulk.archive.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        names = archive.namelist()
    assert len(names) == 1 and "budi-santoso" in names[0]


def test_an_erased_holders_certificate_still_verifies_naming_no_one(
    client, world, django_capture_on_commit_callbacks
):
    certificate, revoked = world["certificate"], world["quiz_certificate"]
    _erase(client, world, django_capture_on_commit_callbacks)

    def page(response):
        assert not _found(response.content.decode()), _found(response.content.decode())
        return response.content.decode()

    html = page(client.get(reverse("certificates:verify_code", args=[certificate.code])))
    assert "Sertifikat sah" in html and certificate.number in html
    assert codes.grouped(certificate.code) in html and "Netralitas ASN" in html
    assert "telah dihapus" in html and "Cocokkan NIP" not in html and AGENCY not in html
    html = page(client.get(reverse("certificates:verify_code", args=[revoked.code])))
    assert "Sertifikat telah dicabut" in html and "mengerjakan kuis bersama rekan" in html
    # The holder's own copy, uploaded by a verifier, is still the genuine file.
    html = page(
        client.post(reverse("certificates:verify"), {"berkas": _pdf_upload(world["issued_pdf"])})
    )
    assert "Sertifikat sah" in html and "<strong>utuh</strong>" in html
    # A typed NIP is not compared any more: nothing is left to compare it with.
    response = client.post(
        reverse("certificates:verify_nip", args=[certificate.code]), {"nip": NIP}
    )
    assert "cocok</strong>" not in page(response)
    # Nobody downloads or re-renders it, organizers included.
    client.force_login(world["organizer"])
    assert client.get(reverse("certificates:download", args=[certificate.code])).status_code == 404
    certificate.refresh_from_db()
    assert not certificate.pdf
