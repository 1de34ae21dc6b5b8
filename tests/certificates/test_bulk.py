"""Issuing a whole session's certificates in the task worker: one numbered certificate per
attendee, refusals with their reason, one ZIP, emails on request, and a job that survives a
crashed worker without duplicates or skipped numbers."""

import datetime
import io
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from content.base.errors import NotAllowed
from content.certificates import numbering, services, signing
from content.certificates.models import BulkIssue, Certificate, NumberSequence
from content.certificates.services import bulk as bulk_service
from content.quizzes import selectors as quiz_selectors
from content.quizzes import services as quiz_services
from content.quizzes.models import Purpose
from tests.concurrency import all_at_once
from tests.factories.certificates import issues_for, make_template
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
NAMES = ["Wayan Sudirta", "Ahmad Fauzi", "Larasati Dewi", "bambang Irawan", "Citra Lestari"]


@pytest.fixture
def session(sessions):
    return SessionPageFactory(
        parent=sessions,
        title="Netralitas ASN",
        slug="netralitas-asn",
        date=datetime.date(2026, 11, 20),
        training_hours=4,
    )


@pytest.fixture
def organizer_user(db):
    return UserFactory(username="organizer", groups=["Organizer"])


def held_yesterday(**fields):
    """A session that is over: certificates are issued only then."""
    return SessionPageFactory(date=timezone.localdate() - datetime.timedelta(days=1), **fields)


def attendees(session, names=NAMES, **fields):
    people = [ParticipantFactory(full_name=name, **fields) for name in names]
    for person in people:
        mark_attendance(session, person)
    return people


def run_inline(capture, session, by, *, send_email=False):
    """Start a job with the immediate task backend: the whole job runs on commit."""
    with capture(execute=True):
        bulk, created = services.bulk_issue_start(session=session, by=by, send_email=send_email)
    assert created
    bulk.refresh_from_db()
    return bulk


def zip_entries(bulk):
    with bulk.archive.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sequences(session):
    return list(
        Certificate.objects.filter(session=session)
        .order_by("sequence")
        .values_list("sequence", flat=True)
    )


# --- What a job does ---------------------------------------------------------------------


@pytest.mark.django_db
def test_every_attendee_gets_one_certificate_numbered_in_name_order(
    session, organizer_user, django_capture_on_commit_callbacks
):
    issues_for(session)
    people = attendees(session)
    excused = ParticipantFactory(full_name="Aan Izin")
    mark_attendance(session, excused, status="izin")
    late = ParticipantFactory(full_name="Zainal Terlambat")
    mark_attendance(session, late, status="terlambat")

    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user)

    assert (bulk.status, bulk.done, bulk.total, bulk.failures) == ("selesai", 6, 6, [])
    assert bulk.finished_at is not None
    certificates = list(Certificate.objects.filter(session=session).order_by("sequence"))
    # Numbered consecutively down the alphabetical list (case ignored); nobody twice.
    assert [c.holder_name for c in certificates] == sorted(
        [p.full_name for p in people] + [late.full_name], key=str.lower
    )
    assert [c.sequence for c in certificates] == [1, 2, 3, 4, 5, 6]
    assert certificates[0].number == numbering.format_number(
        certificates[0].template.number_format,
        sequence=1,
        moment=certificates[0].issued_at.astimezone(),
    )
    assert NumberSequence.objects.get().last == 6
    assert all(c.pdf and c.pdf_sha256 and c.issued_by == organizer_user for c in certificates)
    assert not Certificate.objects.filter(participant=excused).exists()


@pytest.mark.django_db
def test_refusals_are_recorded_with_their_reason_and_take_no_number(
    session, organizer_user, django_capture_on_commit_callbacks
):
    issues_for(session)
    use_in_session(make_quiz(count=2, self_paced=False), session, Purpose.POST)
    passed = attendees(session, ["Budi Santoso", "Dewi Anggraini"])
    context = quiz_selectors.session_test_context(session, Purpose.POST)
    for person in passed:
        attempt = quiz_services.attempt_start(context=context, participant=person)
        quiz_services.attempt_submit(
            participant=person, key=attempt.key, answers=correct_keys(attempt)
        )
    [failed] = attendees(session, ["Cahya Purnama"])

    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user)

    assert (bulk.status, bulk.done, bulk.total) == ("selesai", 3, 3)
    assert bulk.failures == [
        {
            "participant": failed.pk,
            "name": "Cahya Purnama",
            "nip": failed.nip,
            "reason": "Sertifikat sosialisasi ini mensyaratkan lulus post-test.",
        }
    ]
    assert sequences(session) == [1, 2]
    assert NumberSequence.objects.get().last == 2
    assert set(zip_entries(bulk)) == {
        bulk_service.archive_name(c) for c in Certificate.objects.filter(session=session)
    }


@pytest.mark.django_db
def test_a_revoked_certificate_is_neither_reissued_nor_zipped(
    session, organizer_user, django_capture_on_commit_callbacks
):
    issues_for(session)
    kept, revoked = attendees(session, ["Agus Salim", "Bayu Nugroho"])
    certificate, _ = services.certificate_issue(participant=revoked, session=session)
    services.certificate_revoke(certificate=certificate, reason="Data ganda", by=organizer_user)

    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user)

    assert [failure["reason"] for failure in bulk.failures] == [
        "Sertifikatnya pernah diterbitkan lalu dicabut (Data ganda)."
    ]
    assert (bulk.done, bulk.total) == (2, 2)
    assert len(zip_entries(bulk)) == 1
    assert Certificate.objects.filter(participant=revoked).count() == 1


@pytest.mark.django_db
def test_who_claimed_before_keeps_their_number_and_is_in_the_zip(
    session, organizer_user, django_capture_on_commit_callbacks
):
    issues_for(session)
    people = attendees(session, ["Yusuf Maulana", "Andi Wijaya", "Maya Sari"])
    early, _ = services.certificate_issue(participant=people[0], session=session)
    assert early.sequence == 1

    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user)

    early.refresh_from_db()
    assert early.sequence == 1 and early.pdf
    assert sequences(session) == [1, 2, 3]
    assert (bulk.done, bulk.total) == (3, 3)
    assert len(zip_entries(bulk)) == 3


@pytest.mark.django_db
def test_the_zip_holds_exactly_the_stored_pdfs(
    session, organizer_user, django_capture_on_commit_callbacks
):
    issues_for(session)
    attendees(session, ["Siti Aminah", "Rudi Hartono", "Nur Aisyah"])

    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user)

    stored = {}
    for certificate in Certificate.objects.filter(session=session).order_by("sequence"):
        with certificate.pdf.open("rb") as handle:
            stored[bulk_service.archive_name(certificate)] = handle.read()
    entries = zip_entries(bulk)
    assert entries == stored
    assert list(entries) == sorted(entries)  # in number order
    # Signed once each, with the room for the signature measured on the first (signing.py).
    assert all(signing.signature_intact(data) for data in entries.values())
    assert next(iter(entries)).startswith("001-sert-ld-diskominfo-")


@pytest.mark.django_db
def test_certificates_are_emailed_to_their_holders_when_asked(
    session, organizer_user, django_capture_on_commit_callbacks
):
    issues_for(session)
    people = attendees(session, ["Hendra Gunawan", "Indah Permata"])
    no_email = ParticipantFactory(full_name="Joko Tanpa Surel", email="")
    mark_attendance(session, no_email)

    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user, send_email=True)

    assert bulk.status == "selesai"
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
    for message in mail.outbox:
        certificate = Certificate.objects.get(participant__email=message.to[0])
        assert message.subject == "Sertifikat: Netralitas ASN"
        assert certificate.number in message.body
        [(filename, content, mimetype)] = message.attachments
        assert filename == f"sertifikat-{certificate.code[:8].lower()}.pdf"
        assert mimetype == "application/pdf"
        with certificate.pdf.open("rb") as handle:
            assert content == handle.read()


@pytest.mark.django_db
def test_no_email_unless_asked(session, organizer_user, django_capture_on_commit_callbacks):
    issues_for(session)
    attendees(session, ["Kurniawan"])
    run_inline(django_capture_on_commit_callbacks, session, organizer_user)
    assert mail.outbox == []


@pytest.mark.django_db
def test_one_job_at_a_time_per_session(session, organizer_user):
    issues_for(session)
    attendees(session, ["Lina Marlina"])
    first, created = services.bulk_issue_start(session=session, by=organizer_user)
    again, created_again = services.bulk_issue_start(session=session, by=organizer_user)
    assert created and not created_again and again == first
    assert BulkIssue.objects.count() == 1


@pytest.mark.django_db
def test_only_organizers_start_jobs_and_only_for_sessions_that_issue(session, organizer_user):
    attendees(session, ["Made Wirawan"])
    with pytest.raises(NotAllowed, match="tidak menerbitkan"):
        services.bulk_issue_start(session=session, by=organizer_user)
    issues_for(session)
    for user in (UserFactory(username="analyst", groups=["Analyst"]), ParticipantFactory()):
        with pytest.raises(NotAllowed, match="penyelenggara"):
            services.bulk_issue_start(session=session, by=user)
    assert not BulkIssue.objects.exists()


# --- Resuming --------------------------------------------------------------------------


class WorkerKilled(BaseException):
    """What the worker process dying looks like from inside the task: not an Exception."""


@pytest.mark.django_db
def test_a_crash_while_numbering_resumes_without_gaps_or_duplicates(
    session, organizer_user, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(bulk_service, "CHUNK_SIZE", 2)  # numbered two to a transaction
    issues_for(session)
    attendees(session)
    real_format = numbering.format_number
    calls = []

    def dies_on_the_third(*args, **kwargs):
        # Inside the issue's transaction, after its number was taken.
        calls.append(1)
        if len(calls) == 3:
            raise WorkerKilled
        return real_format(*args, **kwargs)

    monkeypatch.setattr(numbering, "format_number", dies_on_the_third)
    with django_capture_on_commit_callbacks(execute=True):
        bulk, _ = services.bulk_issue_start(session=session, by=organizer_user)
    bulk.refresh_from_db()
    assert bulk.status == "antre" and sequences(session) == [1, 2]
    assert NumberSequence.objects.get().last == 2  # the third number went back with its chunk

    monkeypatch.setattr(numbering, "format_number", real_format)
    with django_capture_on_commit_callbacks(execute=True):
        services.bulk_issue_resume(bulk=bulk, by=organizer_user)

    bulk.refresh_from_db()
    assert (bulk.status, bulk.done, bulk.total) == ("selesai", 5, 5)
    assert sequences(session) == [1, 2, 3, 4, 5]
    assert Certificate.objects.values("participant").distinct().count() == 5
    assert len(zip_entries(bulk)) == 5


@pytest.mark.django_db
def test_a_finished_job_is_not_resumed(session, organizer_user, django_capture_on_commit_callbacks):
    issues_for(session)
    attendees(session, ["Oka Mahendra"])
    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user)
    with pytest.raises(NotAllowed, match="sudah selesai"):
        services.bulk_issue_resume(bulk=bulk, by=organizer_user)


@pytest.mark.django_db
def test_a_render_error_stops_the_job_until_resumed(
    session, organizer_user, django_capture_on_commit_callbacks, monkeypatch
):
    issues_for(session)
    attendees(session, ["Putu Ayu", "Rahmat Hidayat", "Sri Wahyuni"])
    real_render = bulk_service.certificate_render

    def fails_for_rahmat(*, certificate, verify_url):
        if certificate.holder_name == "Rahmat Hidayat":
            raise OSError("disk full")
        return real_render(certificate=certificate, verify_url=verify_url)

    monkeypatch.setattr(bulk_service, "certificate_render", fails_for_rahmat)
    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user)
    # The rest of the chunk went on; the job waits for the error to be fixed.
    assert (bulk.status, bulk.done, bulk.total, bool(bulk.archive)) == ("gagal", 2, 3, False)

    monkeypatch.setattr(bulk_service, "certificate_render", real_render)
    with django_capture_on_commit_callbacks(execute=True):
        services.bulk_issue_resume(bulk=bulk, by=organizer_user)
    bulk.refresh_from_db()
    assert (bulk.status, bulk.done, bulk.total) == ("selesai", 3, 3)
    assert sequences(session) == [1, 2, 3]


# --- With the real worker (django_tasks_db and `manage.py db_worker`) -------------------


def db_worker(**options):
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, **options)


@DB_TASKS
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_runs_the_job_in_chunks_and_resumes_after_a_crash(
    sessions, organizer_user, monkeypatch
):
    monkeypatch.setattr(bulk_service, "CHUNK_SIZE", 2)
    session = held_yesterday(parent=sessions, title="Keamanan Siber", slug="keamanan-siber")
    issues_for(session)
    names = [*NAMES, "Eko Prasetyo", "Fitri Handayani"]
    people = attendees(session, names)
    db_worker()  # Wagtail's own tasks for the new page (search and reference index)

    bulk, _ = services.bulk_issue_start(session=session, by=organizer_user, send_email=True)
    [prepare] = DBTaskResult.objects.filter(task_path__endswith=".prepare_bulk_issue")
    assert prepare.status == "READY"

    # The worker numbers everyone and renders the first chunk, then stops.
    db_worker(max_tasks=2)
    assert sequences(session) == [1, 2, 3, 4, 5, 6, 7]
    chunks = DBTaskResult.objects.filter(task_path__endswith=".render_bulk_chunk")
    assert chunks.count() == 4 and chunks.filter(status="SUCCESSFUL").count() == 1

    # A worker dies half-way through the next chunk: its task stays claimed, never finished.
    dead = next(c for c in chunks.filter(status="READY") if len(c.args_kwargs["args"][1]) == 2)
    dead.claim("killed-worker")
    first_of_dead, _ = dead.args_kwargs["args"][1]
    services.certificate_render(
        certificate=Certificate.objects.get(pk=first_of_dead), verify_url="https://x/v/"
    )
    db_worker()  # the other chunks run; the job cannot finish without the dead one
    bulk.refresh_from_db()
    assert (bulk.status, bulk.done, bulk.total) == ("berjalan", 6, 7)
    assert mail.outbox == []

    services.bulk_issue_resume(bulk=bulk, by=organizer_user)
    db_worker()

    bulk.refresh_from_db()
    assert (bulk.status, bulk.done, bulk.total, bulk.failures) == ("selesai", 7, 7, [])
    assert sequences(session) == [1, 2, 3, 4, 5, 6, 7]
    assert NumberSequence.objects.get().last == 7
    assert Certificate.objects.values("participant").distinct().count() == 7
    assert len(zip_entries(bulk)) == 7
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
    assert all(len(message.attachments) == 1 for message in mail.outbox)
    # (The statistics' refresh, queued 30 s ahead by the new certificates, is not the job's.)
    left = DBTaskResult.objects.filter(status__in=["READY", "FAILED"])
    assert not left.filter(task_path__startswith="content.certificates.").exists()


@DB_TASKS
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_while_numbering_leaves_no_gap(sessions, organizer_user, monkeypatch):
    monkeypatch.setattr(bulk_service, "CHUNK_SIZE", 2)
    session = held_yesterday(parent=sessions, title="Etika Digital", slug="etika-digital")
    issues_for(session)
    attendees(session)
    real_format = numbering.format_number

    def killed_on_the_fourth(*args, **kwargs):
        if NumberSequence.objects.get().last == 4:
            raise WorkerKilled
        return real_format(*args, **kwargs)

    monkeypatch.setattr(numbering, "format_number", killed_on_the_fourth)
    db_worker()  # Wagtail's own tasks for the new page
    bulk, _ = services.bulk_issue_start(session=session, by=organizer_user)
    db_worker()
    assert DBTaskResult.objects.get(task_path__endswith=".prepare_bulk_issue").status == "FAILED"
    # The chunk being numbered (3 and 4) went back whole: no gap, no number lost.
    assert sequences(session) == [1, 2] and NumberSequence.objects.get().last == 2
    # The first two were rendered meanwhile: a chunk is enqueued as soon as it is numbered.
    rendered = Certificate.objects.exclude(pdf="").values_list("sequence", flat=True)
    assert sorted(rendered) == [1, 2]

    monkeypatch.setattr(numbering, "format_number", real_format)
    services.bulk_issue_resume(bulk=bulk, by=organizer_user)
    db_worker()
    bulk.refresh_from_db()
    assert (bulk.status, bulk.done, bulk.total) == ("selesai", 5, 5)
    assert sequences(session) == [1, 2, 3, 4, 5]


def _worker(worker_id):
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()
    return worker_id


@pytest.mark.postgres
@DB_TASKS
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_share_the_chunks_and_one_of_them_finishes(
    sessions, organizer_user, monkeypatch
):
    monkeypatch.setattr(bulk_service, "CHUNK_SIZE", 1)
    session = held_yesterday(parent=sessions, title="Data Pribadi", slug="data-pribadi")
    issues_for(session)
    attendees(session, [f"Peserta {n:02d}" for n in range(1, 9)])
    db_worker()  # Wagtail's own tasks for the new page
    bulk, _ = services.bulk_issue_start(session=session, by=organizer_user)
    db_worker(max_tasks=1)  # numbering, then eight one-certificate chunks for two workers

    _, errors = all_at_once(_worker, ["pekerja-1", "pekerja-2"])

    assert errors == []
    chunks = DBTaskResult.objects.filter(task_path__endswith=".render_bulk_chunk")
    assert set(chunks.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert {worker for c in chunks for worker in c.worker_ids} == {"pekerja-1", "pekerja-2"}
    bulk.refresh_from_db()
    assert (bulk.status, bulk.done, bulk.total) == ("selesai", 8, 8)
    assert sequences(session) == list(range(1, 9))
    assert len(zip_entries(bulk)) == 8


@DB_TASKS
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_whose_worker_died_is_shown_stalled_and_resumed_by_the_housekeeping(
    sessions, organizer_user, client
):
    session = held_yesterday(parent=sessions, title="Hoaks Pemilu", slug="hoaks-pemilu")
    issues_for(session)
    attendees(session)
    db_worker()  # Wagtail's own tasks for the new page
    bulk, _ = services.bulk_issue_start(session=session, by=organizer_user)
    # A worker took the job and died: its task stays "running" in the queue for ever.
    DBTaskResult.objects.get(task_path__endswith=".prepare_bulk_issue").claim("mati")
    client.force_login(organizer_user)
    status_url = reverse("certificates_bulk_status", args=[bulk.pk])
    job_url = reverse("certificates_bulk_job", args=[bulk.pk])

    assert bulk_service.bulk_issues_tend() == (0, 0)  # silent for seconds: just waiting
    assert client.get(status_url).json()["stalled"] is False

    BulkIssue.objects.filter(pk=bulk.pk).update(
        moved_at=bulk.moved_at - datetime.timedelta(minutes=11)
    )
    assert client.get(status_url).json()["stalled"] is True
    assert "tidak bergerak sejak" in client.get(job_url).content.decode()

    out = io.StringIO()
    call_command("tend_bulk_issues", stdout=out)
    assert "1 penerbitan massal yang terhenti dilanjutkan" in out.getvalue()
    assert bulk_service.bulk_issues_tend() == (0, 0)  # moving again: resumed once
    db_worker()
    bulk.refresh_from_db()
    assert (bulk.status, bulk.done, bulk.total) == ("selesai", 5, 5)
    assert sequences(session) == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_old_finished_and_abandoned_jobs_are_deleted_with_their_zip_but_not_their_certificates(
    sessions, organizer_user, django_capture_on_commit_callbacks, settings
):
    settings.BULK_ISSUE_KEEP_DAYS = 30
    now = datetime.datetime.now(datetime.UTC)
    jobs = {}
    for name in ("lama", "baru", "gagal", "berjalan"):
        session = held_yesterday(parent=sessions, title=f"Sesi {name}", slug=f"sesi-{name}")
        issues_for(session, make_template(number_format=f"{{seq}}/{name}/{{tahun}}"))
        attendees(session, [f"Peserta {name}"])
        jobs[name] = run_inline(django_capture_on_commit_callbacks, session, organizer_user)
    month_ago = now - datetime.timedelta(days=31)
    BulkIssue.objects.filter(pk=jobs["lama"].pk).update(finished_at=month_ago)
    BulkIssue.objects.filter(pk=jobs["gagal"].pk).update(status="gagal", moved_at=month_ago)
    BulkIssue.objects.filter(pk=jobs["berjalan"].pk).update(
        status="berjalan", moved_at=month_ago, finished_at=None
    )
    old_zip = jobs["lama"].archive
    assert old_zip.storage.exists(old_zip.name)

    resumed, deleted = bulk_service.bulk_issues_tend()

    assert (resumed, deleted) == (1, 2)  # the silent running one goes on, never deleted
    assert set(BulkIssue.objects.values_list("session__slug", flat=True)) == {
        "sesi-baru",
        "sesi-berjalan",
    }
    assert not old_zip.storage.exists(old_zip.name)
    assert Certificate.objects.count() == 4 and not Certificate.objects.filter(pdf="").exists()


@pytest.mark.django_db
def test_without_a_worker_large_sessions_are_refused_before_anything_starts(
    session, organizer_user, monkeypatch
):
    """Inline, a job runs inside the organizer's request: a large one would outlast the web
    server's timeout and stop half-way."""
    monkeypatch.setattr(bulk_service, "INLINE_LIMIT", 4)
    issues_for(session)
    attendees(session)
    with pytest.raises(NotAllowed, match="5 peserta hadir.*dibatasi 4 peserta"):
        services.bulk_issue_start(session=session, by=organizer_user)
    assert not BulkIssue.objects.exists() and not Certificate.objects.exists()
    with DB_TASKS:
        bulk, created = services.bulk_issue_start(session=session, by=organizer_user)
    assert created and bulk.total == 5


# --- The admin ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_organizer_starts_a_job_from_the_admin_and_watches_it(client, session, organizer):
    issues_for(session)
    attendees(session, ["Teguh Santoso", "Umi Kalsum"])
    no_rule = SessionPageFactory(parent=session.get_parent(), title="Tanpa Sertifikat")

    page = client.get(reverse("certificates_bulk"))
    assert page.status_code == 200
    choices = [label for _, label in page.context["form"].fields["session"].choices]
    assert any("Netralitas ASN (2 hadir)" in str(label) for label in choices)
    assert not any("Tanpa Sertifikat" in str(label) for label in choices)

    response = client.post(
        reverse("certificates_bulk"), {"session": session.pk, "send_email": "on"}
    )
    bulk = BulkIssue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates_bulk_job", args=[bulk.pk])
    assert (bulk.session, bulk.send_email, bulk.created_by, bulk.total) == (
        session,
        True,
        organizer,
        2,
    )

    job = client.get(response["Location"])
    assert job.status_code == 200
    html = job.content.decode()
    assert "js/bulk_issue.js" in html
    assert reverse("certificates_bulk_status", args=[bulk.pk]) in html
    status = client.get(reverse("certificates_bulk_status", args=[bulk.pk])).json()
    assert status == {
        "status": "antre",
        "label": "Menunggu",
        "done": 0,
        "total": 2,
        "percent": 0,
        "failures": 0,
        "stalled": False,
    }
    assert client.post(reverse("certificates_bulk"), {"session": no_rule.pk}).status_code == 200


@pytest.mark.django_db
def test_the_finished_page_lists_refusals_and_offers_the_zip(
    client, session, organizer, django_capture_on_commit_callbacks
):
    issues_for(session)
    use_in_session(make_quiz(count=1, self_paced=False), session, Purpose.POST)
    attendees(session, ["Vina Oktaviani"])
    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer)

    html = client.get(reverse("certificates_bulk_job", args=[bulk.pk])).content.decode()
    assert "Vina Oktaviani" in html and "mensyaratkan lulus post-test" in html
    assert "js/bulk_issue.js" not in html  # nothing left to poll
    assert reverse("certificates_bulk_archive", args=[bulk.pk]) in html

    response = client.get(reverse("certificates_bulk_archive", args=[bulk.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="sertifikat-netralitas-asn.zip"' in response["Content-Disposition"]
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist() == []


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Analyst", "Editor", "Moderator"])
def test_other_staff_can_neither_start_nor_download(
    client, session, organizer_user, group, django_capture_on_commit_callbacks
):
    issues_for(session)
    attendees(session, ["Wulan Sari"])
    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user)
    client.force_login(UserFactory(username="staf", groups=[group]))

    for response in (
        client.get(reverse("certificates_bulk")),
        client.post(reverse("certificates_bulk"), {"session": session.pk}),
        client.get(reverse("certificates_bulk_archive", args=[bulk.pk])),
        client.get(reverse("certificates_bulk_status", args=[bulk.pk])),
        client.post(reverse("certificates_bulk_resume", args=[bulk.pk])),
    ):
        # Wagtail's admin answers a refusal by sending the user back to the dashboard.
        assert (response.status_code, response.get("Location")) == (302, "/admin/")
    assert BulkIssue.objects.count() == 1


@pytest.mark.django_db
def test_the_zip_needs_the_permission_to_download_anyones_certificate(
    client, session, organizer_user, django_capture_on_commit_callbacks
):
    """Issuing alone does not open every holder's PDF: the ZIP needs download_certificate."""
    issues_for(session)
    attendees(session, ["Yohana Simanjuntak"])
    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user)
    issuers = Group.objects.create(name="Penerbit saja")
    issuers.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="issue_certificate"),
    )
    client.force_login(UserFactory(username="penerbit", groups=["Penerbit saja"]))

    assert client.get(reverse("certificates_bulk_job", args=[bulk.pk])).status_code == 200
    response = client.get(reverse("certificates_bulk_archive", args=[bulk.pk]))
    assert (response.status_code, response.get("Location")) == (302, "/admin/")


@pytest.mark.django_db
def test_a_participant_is_sent_to_the_admin_login(
    client, session, organizer_user, django_capture_on_commit_callbacks
):
    issues_for(session)
    [person] = attendees(session, ["Xaverius Lumban"])
    bulk = run_inline(django_capture_on_commit_callbacks, session, organizer_user)
    client.force_login(person)
    response = client.get(reverse("certificates_bulk_archive", args=[bulk.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_the_menu_shows_bulk_issuing_to_organizers_only(client, organizer):
    assert reverse("certificates_bulk") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(UserFactory(username="analyst", groups=["Analyst"]))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("certificates_bulk") not in page
