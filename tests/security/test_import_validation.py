"""Preview and import run one validation, for every import the admin offers.

An import with a NUL in a name was called valid in the preview and failed at confirm with a
system error (PostgreSQL refuses NUL). Whatever a cell holds, the preview must either refuse the
row with an Indonesian message or call the file valid; and a file the preview called valid is
one the import applies. The imports are taken from the registry the task worker uses, so an
import added later must be given a case here.

Run it on PostgreSQL too: DATABASE_URL=postgres://... .venv/bin/python -m pytest tests/security
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from content.base import import_jobs
from content.base.models import ImportJob
from content.people.models import PendingIdentityChange, User
from content.quizzes.importing import COLUMNS as QUESTION_COLUMNS
from content.quizzes.models import Question
from content.stats.models import AgencyHeadcount
from content.training.models import Attendance
from tests.factories.articles import TopicFactory
from tests.factories.people import AgencyFactory, ParticipantFactory, ptt
from tests.factories.spreadsheets import HEADERS, csv_bytes, participant_rows, xlsx_bytes
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

AGENCY = "Dinas Komunikasi dan Informatika"
TOPIC = "Literasi Digital"
NIK = "3471014101900003"
NIP = "198501012010011001"


def _people(sessions):
    AgencyFactory(name=AGENCY)
    return {}


def _new_nips(sessions):
    ptt(full_name="Satu", nik=NIK, agency=AgencyFactory(name=AGENCY))
    return {}


def _attendance(sessions):
    session = SessionPageFactory(parent=sessions, date=datetime.date(2026, 10, 8))
    ParticipantFactory(nip=NIP)
    return {"session": session.pk}


def _questions(sessions):
    TopicFactory(name=TOPIC, slug="literasi-digital")
    return {}


def _headcounts(sessions):
    AgencyFactory(name=AGENCY)
    return {}


def _question_row():
    values = dict.fromkeys(QUESTION_COLUMNS, "")
    values.update(
        topik=TOPIC,
        jenis="tunggal",
        pertanyaan="Apa ciri pesan hoaks?",
        pilihan_a="Meminta segera disebarkan",
        pilihan_b="Mencantumkan sumber resmi",
        jawaban="A",
        penjelasan="Hoaks mendesak pembaca menyebarkannya.",
        tautan="https://contoh.go.id/hoaks",
    )
    return list(values.values())


@dataclass
class Case:
    """A file of one valid row for an import, and the records that make it valid."""

    headers: list
    row: list
    setup: object  # (sessions) -> the job's options
    written: object  # () -> how many records the import writes to
    # Columns the reader is given but the import never reads (the attendance file's names).
    unread: tuple = ()


CASES = {
    "people_import": Case(
        HEADERS,
        participant_rows(1, AGENCY)[0],
        _people,
        lambda: User.objects.filter(is_superuser=False).count(),
    ),
    "people_nip_import": Case(
        ["nik_atau_email", "nip_baru", "kelompok", "tanggal_berlaku"],
        [NIK, "199001012024211001", "PPPK", "2026-10-01"],
        _new_nips,
        # A known person's new NIP waits for the link sent to their email (proof of control).
        lambda: User.objects.exclude(nip=None).count() + PendingIdentityChange.objects.count(),
    ),
    "training_attendance_import": Case(
        ["nama", "nip", "nik", "email", "status"],
        ["Ahmad", NIP, "", "", "hadir"],
        _attendance,
        lambda: Attendance.objects.count(),
        unread=("nama",),
    ),
    "quizzes_question_import": Case(
        list(QUESTION_COLUMNS), _question_row(), _questions, lambda: Question.objects.count()
    ),
    "stats_headcount_import": Case(
        ["opd", "tahun", "asn", "ptt"],
        [AGENCY, "2025", "1.250", "80"],
        _headcounts,
        lambda: AgencyHeadcount.objects.count(),
    ),
}
# Control characters: NUL (PostgreSQL refuses it), ESC, DEL and a C1 control (NEL).
CONTROLS = ["\x00", "\x1b", "\x7f", "\x85"]
# What else a cell may hold that a database or a field may refuse.
HOSTILE = ["9" * 25, "-1", "1e999", "x" * 2000, "\u202e\U0001f600", "\u0669" * 18]


def _run(flow_name, data, filename, options):
    """The admin's flow: upload, check; if the preview is clean, confirm and apply."""
    flow = import_jobs.import_flows()[flow_name]
    user = UserFactory(is_superuser=True, is_staff=True)
    upload = SimpleUploadedFile(filename, data)
    job = import_jobs.job_start(flow=flow, upload=upload, options=options, user=user)
    job = import_jobs.job_check(job=job)
    if job.status == ImportJob.Status.CHECKED and job.ok:
        job = import_jobs.job_confirm(job=job, user=user)
        job = import_jobs.job_apply(job=job)
    job.refresh_from_db()
    return job


EVERY_COLUMN = [(name, index) for name, case in CASES.items() for index in range(len(case.headers))]
IMPORTED_COLUMNS = [
    (name, index)
    for name, index in EVERY_COLUMN
    if CASES[name].headers[index] not in CASES[name].unread
]


def test_every_registered_import_has_a_case():
    assert set(import_jobs.import_flows()) == set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_each_case_imports_as_it_is(name, sessions):
    case = CASES[name]
    options = case.setup(sessions)
    before = case.written()
    job = _run(name, csv_bytes([case.row], headers=case.headers), "berkas.csv", options)
    assert (job.status, job.problems) == ("done", [])
    assert case.written() == before + 1


@pytest.mark.parametrize(("name", "column"), IMPORTED_COLUMNS)
def test_control_characters_in_any_column_are_refused_by_row(name, column, sessions):
    case = CASES[name]
    options = case.setup(sessions)
    before = case.written()
    rows = []
    for control in CONTROLS:
        row = list(case.row)
        text = row[column] or "a"  # inside the text: stripping a cell's ends keeps it
        row[column] = f"{text}{control}{text}"
        rows.append(row)

    job = _run(name, csv_bytes(rows, headers=case.headers), "berkas.csv", options)

    assert job.status == "failed"
    assert job.message.startswith("4 baris berisi karakter kontrol")
    assert [problem["number"] for problem in job.problems] == [2, 3, 4, 5]
    assert job.problems[0]["errors"] == [
        f"Kolom {case.headers[column]}: berisi karakter kontrol U+0000 (NUL) yang tidak "
        "terlihat dan tidak dapat disimpan; ketik ulang isinya."
    ]
    assert "\u2400" in job.problems[0]["label"]  # drawn where it was
    assert case.written() == before


@pytest.mark.parametrize(
    "value", HOSTILE, ids=["long-number", "minus", "1e999", "2000-characters", "rtl", "arabic"]
)
@pytest.mark.parametrize(("name", "column"), EVERY_COLUMN)
def test_a_valid_preview_is_an_import_that_succeeds(name, column, value, sessions):
    case = CASES[name]
    options = case.setup(sessions)
    row = list(case.row)
    row[column] = value

    job = _run(name, csv_bytes([row], headers=case.headers), "berkas.csv", options)

    # Refused in the preview (row by row, or the whole file with a reason), or imported: never
    # a preview that says valid and an import that fails.
    assert job.message != import_jobs.FAILED
    if job.status == "checked":
        assert not job.ok and job.problems
    else:
        assert job.status in ("done", "failed"), job.status


def test_an_xlsx_carries_the_controls_xml_allows_and_they_are_refused_too(sessions):
    # XML cannot hold NUL or ESC, but it can hold DEL and the C1 controls.
    case = CASES["people_import"]
    case.setup(sessions)
    row = list(case.row)
    row[0] = "Siti\x85Aminah\x7f"
    job = _run("people_import", xlsx_bytes([row]), "peserta.xlsx", {})
    assert job.status == "failed"
    assert job.problems[0]["errors"] == [
        "Kolom nama: berisi karakter kontrol U+0085, U+007F yang tidak terlihat dan tidak dapat "
        "disimpan; ketik ulang isinya."
    ]
    assert not User.objects.filter(full_name__startswith="Siti").exists()
