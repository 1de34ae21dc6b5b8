"""Benchmark: bulk issuing of a session's certificates through the task worker, with one and with
two `manage.py db_worker` processes, next to a bare WeasyPrint render of the same pages.

Never part of the test suite. It migrates an isolated PostgreSQL database (created when missing,
dropped afterwards unless --keep-database) with production settings and TASK_WORKER=true, makes
a throwaway signing key (`manage.py make_signing_key --path`), and adds one session held
yesterday whose template has a background, a signature and a stamp, with --certificates
participants recorded present. Then, for each --workers count:

1. deletes the session's certificates, number counters, bulk issues, queued tasks and PDFs;
2. starts that many `db_worker` processes and starts the bulk issue as the admin view does
   (services.bulk_issue_start); times it from the moment a worker picks up its first task to
   the job's finished_at (both from the database), and reads each worker's peak RSS (VmHWM);
3. renders the same certificates' pages bare (documents.render_html, then WeasyPrint's
   write_pdf with its defaults: no image cache across documents, no signing, no storage, no
   database writes), split over as many processes, each started after a
   warm-up render and released together;
4. checks the job: one certificate per participant, numbers 1..N, every PDF stored, N entries
   in the ZIP, no refusals.

Prints a table: certificates per second, time per certificate next to the bare render's (the
overhead ratio; the goal is 1.1 or less), PDF and ZIP sizes, peak memory. Exit status 1 when a
check fails.

Usage (from the repository root):

    .venv/bin/python bench/certificates_bulk.py [--certificates 500] [--workers 1 2]
        [--database-url postgres://...] [--keep-database]
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from harness import (
    REPO_DIR,
    CommandLog,
    add_summary_option,
    at_most,
    base_env_overrides,
    drop_postgres_database,
    ensure_postgres_database,
    format_table,
    install_sigterm_handler,
    is_postgres,
    log,
    manage,
    positive_int,
    print_reproduction,
    random_secret_key,
    redact_url,
    subprocess_env,
    summary_row,
    write_summary,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lentera_bench_certificates"
SESSION_SLUG = "uji-sertifikat-massal"
SIGNING_PASSPHRASE = "bench-only"
GOAL = 1.1
# Longest a job may take before the benchmark gives up on it.
JOB_TIMEOUT = 1800

# Run inside `manage.py shell -c` (idempotent): the template with its images, the session and
# its rule, an organizer, and BENCH_CERTIFICATES participants recorded present.
SETUP_CODE = textwrap.dedent(
    """
    import datetime, io, os
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from django.utils import timezone
    from faker import Faker
    from PIL import Image, ImageDraw

    from content.base.models import LenteraImage
    from content.certificates.models import CertificateTemplate, SessionRule
    from content.people.identity import Gender, compose_nip
    from content.people.models import Agency, AgencyKind, ParticipantGroup, User
    from content.training import services as training_services
    from content.training.models import Attendance, SessionIndexPage, SessionMode, SessionPage

    count = int(os.environ["BENCH_CERTIFICATES"])


    def drawn(size, mode, draw, fmt):
        picture = Image.new(mode, size, (255, 253, 247, 0) if mode == "RGBA" else (255, 253, 247))
        draw(ImageDraw.Draw(picture), size)
        out = io.BytesIO()
        picture.save(out, format=fmt)
        return out.getvalue()

    def image(title, size, mode, draw, fmt):
        found = LenteraImage.objects.filter(title=title).first()
        if found:
            return found
        name = title.lower().replace(" ", "-") + (".jpg" if fmt == "JPEG" else ".png")
        data = drawn(size, mode, draw, fmt)
        return LenteraImage.objects.create(title=title, file=ImageFile(io.BytesIO(data), name=name))

    def mark(size, draw):
        # Signatures and stamps are private files of the template, not library images.
        return ContentFile(drawn(size, "RGBA", draw, "PNG"), name="gambar.png")


    def background(canvas, size):
        width, height = size
        for y in range(height):  # a soft vertical gradient, as scanned letterheads have
            shade = 247 - int(22 * y / height)
            canvas.line([(0, y), (width, y)], fill=(shade, 250 - int(10 * y / height), 255))
        for inset, colour in ((40, (11, 79, 108)), (70, (242, 165, 65))):
            canvas.rectangle([inset, inset, width - inset, height - inset], outline=colour, width=8)


    def signature(canvas, size):
        points = [(20 + i * 9, 80 + ((i * 37) % 60) - 30) for i in range(50)]
        canvas.line(points, fill=(27, 42, 110, 255), width=5)


    def stamp(canvas, size):
        canvas.ellipse([10, 10, size[0] - 10, size[1] - 10], outline=(72, 58, 160, 215), width=12)
        canvas.ellipse([60, 60, size[0] - 60, size[1] - 60], outline=(72, 58, 160, 215), width=5)


    template = CertificateTemplate.objects.filter(name="Templat Uji Massal").first()
    if template is None:
        template = CertificateTemplate.objects.create(
            name="Templat Uji Massal",
            number_format="{seq:03d}/SERT-UJI/DISKOMINFO/{bulan_romawi}/{tahun}",
            signatory_1_name="Drs. Budi Santoso, M.Si.",
            signatory_1_nip="196805121994031005",
            signatory_1_position="Kepala Dinas Komunikasi dan Informatika Kota Lentera",
            signatory_2_name="Siti Rahmawati, S.Sos., M.M.",
            signatory_2_nip="197603222000122002",
            signatory_2_position="Kepala Bidang Informasi dan Komunikasi Publik",
            background=image("Latar uji massal", (3508, 2480), "RGB", background, "JPEG"),
            signatory_1_signature=mark((500, 160), signature),
            stamp=mark((420, 420), stamp),
        )

    index = SessionIndexPage.objects.first()
    session = SessionPage.objects.filter(slug=os.environ["BENCH_SESSION_SLUG"]).first()
    if session is None:
        session = SessionPage(
            title="Sosialisasi Uji Sertifikat Massal: Keamanan Informasi bagi ASN",
            slug=os.environ["BENCH_SESSION_SLUG"],
            description="<p>Sosialisasi untuk uji penerbitan sertifikat massal.</p>",
            date=timezone.localdate() - datetime.timedelta(days=1),
            start_time=datetime.time(8, 0),
            end_time=datetime.time(12, 0),
            mode=SessionMode.OFFLINE,
            venue="Aula Uji",
            training_hours=4,
        )
        index.add_child(instance=session)
        session.save_revision().publish()
    SessionRule.objects.get_or_create(session=session, defaults={"template": template})

    organizer, created = User.objects.get_or_create(
        username="uji-penyelenggara", defaults={"full_name": "Penyelenggara Uji", "is_staff": True}
    )
    organizer.groups.add(Group.objects.get(name="Organizer"))

    fake = Faker("id_ID")
    fake.seed_instance(2026)
    agencies = [
        Agency.objects.get_or_create(
            name=f"Dinas Uji Sertifikat {n}",
            defaults={"short_name": f"DUS{n}", "kind": AgencyKind.DINAS},
        )[0]
        for n in range(1, 21)
    ]
    names = [f"uji-sertifikat-{n:04d}" for n in range(1, count + 1)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create(
        User(
            username=name,
            full_name=fake.name(),
            participant_group=ParticipantGroup.PNS,
            nip=compose_nip(
                birth_date=datetime.date(1970, 1, 1) + datetime.timedelta(days=37 * n),
                appointment=datetime.date(2000 + n % 20, 1 + n % 12, 1),
                gender=Gender.MALE if n % 2 else Gender.FEMALE,
                sequence=n % 999 + 1,
            ),
            email=f"{name}@uji-beban.invalid",
            agency=agencies[n % len(agencies)],
        )
        for n, name in enumerate(names, 1)
        if name not in existing
    )
    present = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    for user in User.objects.filter(username__in=names):
        if user.pk not in present:
            training_services.attendance_mark(
                session=session, participant=user, status="hadir", by=None, now=session.starts_at
            )
    """
)

# Before each run: nothing of an earlier run is left (certificates, counters, jobs, tasks, PDFs).
RESET_CODE = textwrap.dedent(
    """
    import os, shutil
    from pathlib import Path
    from django.conf import settings
    from django_tasks_db.models import DBTaskResult
    from content.certificates.models import BulkIssue, Certificate, NumberSequence

    Certificate.objects.all().delete()
    NumberSequence.objects.all().delete()
    BulkIssue.objects.all().delete()
    DBTaskResult.objects.all().delete()
    shutil.rmtree(Path(settings.PRIVATE_MEDIA_ROOT) / "sertifikat", ignore_errors=True)
    """
)

# Start the job as the admin view does; the worker processes are already waiting.
START_CODE = textwrap.dedent(
    """
    import os
    from content.certificates import services
    from content.people.models import User
    from content.training.models import SessionPage

    session = SessionPage.objects.get(slug=os.environ["BENCH_SESSION_SLUG"])
    bulk, created = services.bulk_issue_start(
        session=session, by=User.objects.get(username="uji-penyelenggara")
    )
    assert created
    print(bulk.pk)
    """
)

# After a run: what the job did, from the database and the stored files.
RESULT_CODE = textwrap.dedent(
    """
    import json, os, zipfile
    from django.db.models import Max, Min
    from django_tasks_db.models import DBTaskResult
    from content.certificates.models import BulkIssue, Certificate

    bulk = BulkIssue.objects.get(pk=os.environ["BENCH_BULK_ID"])
    tasks = DBTaskResult.objects.filter(task_path__startswith="content.certificates.tasks.")
    first_started = tasks.aggregate(first=Min("started_at"))["first"]
    prepare = tasks.get(task_path__endswith=".prepare_bulk_issue")
    certificates = Certificate.objects.filter(session_id=bulk.session_id)
    sizes = [c.pdf.size for c in certificates if c.pdf]
    with bulk.archive.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        entries = len(archive.namelist())
    chunks = {}
    for task in tasks.filter(task_path__endswith=".render_bulk_chunk"):
        for worker in task.worker_ids:
            chunks[worker] = chunks.get(worker, 0) + 1
    print(json.dumps({
        "status": bulk.status,
        "done": bulk.done,
        "total": bulk.total,
        "failures": len(bulk.failures),
        "seconds": (bulk.finished_at - first_started).total_seconds(),
        "issue_seconds": (prepare.finished_at - prepare.started_at).total_seconds(),
        "certificates": certificates.count(),
        "participants": certificates.values("participant").distinct().count(),
        "sequences": sorted(certificates.values_list("sequence", flat=True)),
        "pdf_sizes": sizes,
        "zip_bytes": bulk.archive.size,
        "zip_entries": entries,
        "tasks_failed": tasks.filter(status="FAILED").count(),
        "chunks_per_worker": chunks,
    }))
    """
)

# The bare render: the same certificates' pages, WeasyPrint only, as its defaults render them
# (no image cache shared between documents, which the certificates' own renders use). One
# warm-up render first (fonts, WeasyPrint's own start-up), then every process waits for the
# same start time.
BARE_CODE = textwrap.dedent(
    """
    import json, os, resource, time
    from weasyprint import HTML
    from content.certificates import documents, links
    from content.certificates.models import Certificate

    offset, count = int(os.environ["BENCH_OFFSET"]), int(os.environ["BENCH_COUNT"])
    certificates = list(
        Certificate.objects.select_related("template").order_by("sequence")[offset : offset + count]
    )
    template = certificates[0].template
    for certificate in certificates:
        certificate.template = template
    first = certificates[0]


    def bare(html, assets):
        fetcher = documents.url_fetcher_for(assets)
        document = HTML(string=html, base_url=documents.ASSET_SCHEME, url_fetcher=fetcher)
        return document.write_pdf(pdf_variant="pdf/a-3b")


    bare(*documents.render_html(first, verify_url=links.verify_url(first.code)))
    time.sleep(max(0.0, float(os.environ["BENCH_START_AT"]) - time.time()))
    started = time.perf_counter()
    sizes = []
    for certificate in certificates:
        url = links.verify_url(certificate.code)
        html, assets = documents.render_html(certificate, verify_url=url)
        sizes.append(len(bare(html, assets)))
    seconds = time.perf_counter() - started
    with open(os.environ["BENCH_OUT"], "w") as out:
        json.dump({
            "seconds": seconds,
            "count": len(certificates),
            "sizes": sizes,
            "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        }, out)
    """
)


# The same comparison per certificate, immune to the machine's load drifting between the job
# and the bare run: in one process, each certificate is rendered bare and then as the job
# renders it (image cache, signature, SHA-256), alternately; medians of each.
ALTERNATE_CODE = textwrap.dedent(
    """
    import json, statistics, time
    from weasyprint import HTML
    from content.certificates import documents, links
    from content.certificates.models import Certificate

    certificates = list(Certificate.objects.select_related("template").order_by("sequence")[:60])


    def bare(certificate):
        url = links.verify_url(certificate.code)
        html, assets = documents.render_html(certificate, verify_url=url)
        fetcher = documents.url_fetcher_for(assets)
        document = HTML(string=html, base_url=documents.ASSET_SCHEME, url_fetcher=fetcher)
        return document.write_pdf(pdf_variant="pdf/a-3b")


    def pipeline(certificate):
        return documents.certificate_pdf(certificate, verify_url=links.verify_url(certificate.code))


    bare(certificates[0]), pipeline(certificates[0])  # warm-up
    times = {"bare": [], "pipeline": []}
    for certificate in certificates:
        for name, render in (("bare", bare), ("pipeline", pipeline)):
            started = time.perf_counter()
            render(certificate)
            times[name].append(time.perf_counter() - started)
    print(json.dumps({name: statistics.median(values) * 1000 for name, values in times.items()}))
    """
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Bulk certificate issuing through the task worker, one and two workers."
    )
    parser.add_argument(
        "--certificates",
        type=positive_int,
        default=500,
        help="participants present, so certificates per job (default 500)",
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        nargs="+",
        default=[1, 2],
        help="db_worker process counts to run in turn (default: 1 2)",
    )
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help=f"PostgreSQL database, created when missing (default {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="keep the database if this run created it (dropped by default)",
    )
    add_summary_option(parser)
    args = parser.parse_args(argv)
    if not is_postgres(args.database_url):
        parser.error("--database-url must be a PostgreSQL URL (postgres://...)")
    return args


def shell(code, env, commands, name, **extra):
    completed = manage(["shell", "-c", code], dict(env, **extra), CommandLog())
    commands.add([sys.executable, "manage.py", "shell", "-c", f"<{name} in certificates_bulk.py>"])
    return completed.stdout


def peak_rss_kb(pid):
    """The process's peak resident set size (VmHWM), in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def bulk_status(database_url, bulk_id):
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        row = connection.execute(
            "SELECT status, done, total FROM certificates_bulkissue WHERE id = %s", [bulk_id]
        ).fetchone()
    return row


def start_workers(count, env, commands, work_dir, tag):
    workers = []
    for number in range(1, count + 1):
        argv = [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.1",
            "--worker-id",
            f"bench-{tag}-{number}",
        ]
        commands.add(argv)
        logfile = open(work_dir / f"worker-{tag}-{number}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            argv, cwd=REPO_DIR, env=env, stdout=logfile, stderr=subprocess.STDOUT
        )
        workers.append((process, logfile))
    return workers


def stop_workers(workers):
    for process, _ in workers:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process, logfile in workers:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        logfile.close()


def run_job(workers_count, args, env, commands, work_dir):
    log(f"{workers_count} worker(s): reset")
    shell(RESET_CODE, env, commands, "RESET_CODE")
    workers = start_workers(workers_count, env, commands, work_dir, f"{workers_count}w")
    try:
        bulk_id = shell(START_CODE, env, commands, "START_CODE").strip().splitlines()[-1]
        log(f"{workers_count} worker(s): bulk issue {bulk_id} started")
        deadline = time.monotonic() + JOB_TIMEOUT
        last = None
        while True:
            for process, _ in workers:
                if process.poll() is not None:
                    raise RuntimeError(f"a worker exited ({process.returncode}); see {work_dir}")
            status, done, total = bulk_status(args.database_url, bulk_id)
            if (done, status) != last:
                log(f"  {status}: {done}/{total}")
                last = (done, status)
            if status in ("selesai", "gagal"):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the job did not finish in {JOB_TIMEOUT} s")
            time.sleep(0.5)
        rss = [peak_rss_kb(process.pid) for process, _ in workers]
    finally:
        stop_workers(workers)
    result = json.loads(
        shell(RESULT_CODE, env, commands, "RESULT_CODE", BENCH_BULK_ID=bulk_id).splitlines()[-1]
    )
    result["workers"] = workers_count
    result["rss_kb"] = rss
    return result


def run_bare(processes, count, env, commands, work_dir):
    """Render `count` certificates' pages bare, split over `processes` processes."""
    log(f"bare render: {count} pages over {processes} process(es)")
    share, extra = divmod(count, processes)
    start_at = time.time() + 15  # every process has started Django and warmed up by then
    running = []
    offset = 0
    for number in range(processes):
        part = share + (1 if number < extra else 0)
        out = work_dir / f"bare-{processes}-{number}.json"
        process_env = dict(
            env,
            BENCH_OFFSET=str(offset),
            BENCH_COUNT=str(part),
            BENCH_START_AT=str(start_at),
            BENCH_OUT=str(out),
        )
        offset += part
        argv = [sys.executable, "manage.py", "shell", "-c", BARE_CODE]
        running.append((subprocess.Popen(argv, cwd=REPO_DIR, env=process_env), out))
    commands.add(
        [sys.executable, "manage.py", "shell", "-c", "<BARE_CODE in certificates_bulk.py>"]
    )
    parts = []
    for process, out in running:
        if process.wait() != 0:
            raise RuntimeError("a bare render process failed")
        parts.append(json.loads(out.read_text()))
    return {
        "processes": processes,
        "count": sum(part["count"] for part in parts),
        "seconds": max(part["seconds"] for part in parts),
        "sizes": [size for part in parts for size in part["sizes"]],
        "rss_kb": [part["max_rss_kb"] for part in parts],
    }


def checks(result, count):
    problems = []
    if result["status"] != "selesai":
        problems.append(f"status {result['status']}")
    if result["certificates"] != count or result["participants"] != count:
        problems.append(f"{result['certificates']} certificates for {result['participants']}")
    if result["sequences"] != list(range(1, count + 1)):
        problems.append("numbers are not exactly 1..N")
    if len(result["pdf_sizes"]) != count or result["zip_entries"] != count:
        problems.append(f"{len(result['pdf_sizes'])} PDFs, {result['zip_entries']} in the ZIP")
    if result["failures"] or result["tasks_failed"]:
        problems.append(f"{result['failures']} refusals, {result['tasks_failed']} failed tasks")
    if (result["done"], result["total"]) != (count, count):
        problems.append(f"progress {result['done']}/{result['total']}")
    return problems


def kb(values):
    return f"{sum(values) / len(values) / 1024:.1f}"


def report(jobs, bares, count):
    rows = []
    for job in jobs:
        bare = bares[job["workers"]]
        per_job = job["seconds"] / count * 1000
        per_bare = bare["seconds"] / bare["count"] * 1000
        rows.append(
            [
                f"bulk, {job['workers']} db_worker",
                count,
                f"{job['seconds']:.1f}",
                f"{count / job['seconds']:.2f}",
                f"{per_job:.0f}",
                f"{per_bare:.0f}",
                f"{per_job / per_bare:.2f}",
                f"{job['issue_seconds']:.1f}",
                f"{kb(job['pdf_sizes'])} ({max(job['pdf_sizes']) / 1024:.1f})",
                f"{job['zip_bytes'] / 1024 / 1024:.1f}",
                " + ".join(f"{rss / 1024:.0f}" for rss in job["rss_kb"]),
            ]
        )
    for processes, bare in sorted(bares.items()):
        per_bare = bare["seconds"] / bare["count"] * 1000
        rows.append(
            [
                f"bare render, {processes} process{'es' if processes > 1 else ''}",
                bare["count"],
                f"{bare['seconds']:.1f}",
                f"{bare['count'] / bare['seconds']:.2f}",
                f"{per_bare:.0f}",
                f"{per_bare:.0f}",
                "1.00",
                "-",
                f"{kb(bare['sizes'])} ({max(bare['sizes']) / 1024:.1f})",
                "-",
                " + ".join(f"{rss / 1024:.0f}" for rss in bare["rss_kb"]),
            ]
        )
    headers = [
        "run",
        "certs",
        "wall s",
        "certs/s",
        "ms/cert",
        "bare ms/cert",
        "ratio",
        "numbering s",
        "PDF KB mean (max)",
        "ZIP MB",
        "peak RSS MB",
    ]
    print(format_table(headers, rows, text_columns=1))
    print()
    print(
        "ms/cert: wall time / certificates, from the first task a worker picked up to the job's "
        "finished_at\n(numbering, rendering, signing, storing, the ZIP). bare ms/cert: "
        "documents.render_html + WeasyPrint write_pdf\n(defaults) of the same certificates "
        "in as many processes, "
        f"after a warm-up render. ratio = ms/cert / bare ms/cert (goal <= {GOAL}).\n"
        "numbering s: the task that issues every certificate in name order (one worker; with "
        "two,\nthe other renders the chunks already numbered meanwhile)."
    )
    for job in jobs:
        shares = ", ".join(f"{w}: {n}" for w, n in sorted(job["chunks_per_worker"].items()))
        print(f"Chunks rendered per worker ({job['workers']} db_worker): {shares}")


def summary_rows(jobs, bares, alternate, count, problems):
    """The headline figures for --summary-json (run_all.py's table)."""
    name = "certificates"
    rows = []
    for job in jobs:
        bare = bares[job["workers"]]
        per_job = job["seconds"] / count * 1000
        ratio = per_job / (bare["seconds"] / bare["count"] * 1000)
        workers = f"{job['workers']} db_worker{'s' if job['workers'] > 1 else ''}"
        rows.append(
            summary_row(
                name,
                f"bulk issue of {count}, {workers}: time per certificate",
                round(per_job),
                "ms",
                ratio=round(ratio, 2),
                against=f"bare WeasyPrint render, {job['workers']} process"
                + ("es" if job["workers"] > 1 else ""),
                goal=f"<= {GOAL}",
                met=at_most(round(ratio, 2), GOAL),
            )
        )
        rows.append(
            summary_row(
                name,
                f"bulk issue of {count}, {workers}",
                round(count / job["seconds"], 2),
                "certs/s",
            )
        )
    ratio = alternate["pipeline"] / alternate["bare"]
    rows.append(
        summary_row(
            name,
            "one certificate as the job renders it (alternating, one process)",
            round(alternate["pipeline"]),
            "ms",
            ratio=round(ratio, 2),
            against="bare render, same process, alternately",
            goal=f"<= {GOAL}",
            met=at_most(round(ratio, 2), GOAL),
        )
    )
    rows.append(
        summary_row(
            name,
            "checks: one certificate each, numbered 1..N, every PDF in the ZIP",
            "FAIL" if problems else "pass",
            "",
            goal="pass",
            met=not problems,
        )
    )
    return rows


def main(argv=None):
    args = parse_args(argv)
    install_sigterm_handler()
    commands = CommandLog()
    load_before = os.getloadavg()
    work_dir = Path(tempfile.mkdtemp(prefix="lentera-bench-certificates-"))
    created = False
    try:
        created = ensure_postgres_database(args.database_url)
        if created:
            log(f"created database {redact_url(args.database_url)}")
        media_root = work_dir / "media"
        media_root.mkdir()
        key = work_dir / "signing.p12"
        overrides = base_env_overrides(args.database_url, media_root)
        overrides.update(
            {
                "TASK_WORKER": "true",
                "CERTIFICATE_SIGNING_P12": str(key),
                "CERTIFICATE_SIGNING_PASSPHRASE": SIGNING_PASSPHRASE,
            }
        )
        env = subprocess_env(overrides, random_secret_key())
        log("make_signing_key")
        manage(["make_signing_key", "--path", str(key)], env, commands)
        log("migrate")
        manage(["migrate", "--noinput"], env, commands)
        log(f"setup: session, template, {args.certificates} participants present")
        shell(
            SETUP_CODE,
            env,
            commands,
            "SETUP_CODE",
            BENCH_CERTIFICATES=str(args.certificates),
            BENCH_SESSION_SLUG=SESSION_SLUG,
        )
        env["BENCH_SESSION_SLUG"] = SESSION_SLUG
        jobs, bares, problems = [], {}, []
        for count in args.workers:
            job = run_job(count, args, env, commands, work_dir)
            problems += [f"{count} worker(s): {p}" for p in checks(job, args.certificates)]
            jobs.append(job)
            if count not in bares:
                bares[count] = run_bare(count, args.certificates, env, commands, work_dir)

        log("alternating bare and pipeline renders of 60 certificates in one process")
        alternate = json.loads(
            shell(ALTERNATE_CODE, env, commands, "ALTERNATE_CODE").splitlines()[-1]
        )

        print(f"Bulk issue of {args.certificates} certificates, PostgreSQL, {os.cpu_count()} cores")
        print(f"Database: {redact_url(args.database_url)}")
        print("Load average before the run: " + ", ".join(f"{n:.2f}" for n in load_before))
        print()
        report(jobs, bares, args.certificates)
        print(
            "Per certificate, alternately in one process (60 certificates, medians): bare "
            f"{alternate['bare']:.0f} ms, as the job renders it (image cache, signature, SHA-256) "
            f"{alternate['pipeline']:.0f} ms: ratio {alternate['pipeline'] / alternate['bare']:.2f}"
        )
        print()
        print_reproduction(overrides, commands)
        print()
        figures = summary_rows(jobs, bares, alternate, args.certificates, problems)
        parameters = {"certificates": args.certificates, "workers": args.workers}
        write_summary(args.summary_json, figures, parameters)
        if problems:
            print("CHECKS FAILED:")
            for problem in problems:
                print(f"  {problem}")
            return 1
        print(
            f"Checks passed: every job gave {args.certificates} certificates numbered "
            f"1-{args.certificates}, every PDF in its ZIP, no refusals."
        )
        return 0
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
        if created and not args.keep_database:
            drop_postgres_database(args.database_url)
            log(f"dropped database {redact_url(args.database_url)}")


if __name__ == "__main__":
    sys.exit(main())
