"""Benchmark: bulk issuing of a session's certificates through the task worker (1, then 2
`db_worker` processes) against a bare WeasyPrint render of the same pages. Goals (issue 23):
per certificate <= 1.15x a bare render (alternated in one process, and for a whole job), and
two workers >= 1.8x one worker's throughput.

A session held yesterday, a template with a background, signature and stamp, --certificates PNS
participants present, a throwaway signing key. Per worker count: the job as the admin starts it,
timed from the first task picked up to finished_at (numbering, rendering, signing, storing, the
ZIP); the bare render (documents.render_html + WeasyPrint's write_pdf with its defaults) over as
many processes after a warm-up render; the checks (one certificate each, numbered 1..N, every
PDF in the ZIP). Then both renders alternately in one process (the job's with its image cache,
signature and SHA-256). Rows: the job's time per certificate against the bare render over
as many processes (goal <= 1.15), certificates per second, two workers' certificates per second
against one worker's (goal >= 1.8, when both ran; beside it the bare render's own scaling in
the same run, what the machine gave two processes), and the alternated per-certificate ratio
(goal <= 1.15). Exit status 1 when a check fails.

    .venv/bin/python bench/certificates_bulk.py [--certificates 500] [--workers 1 2]
        [--database-url postgres://...] [--keep-database]
"""

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import harness
import psycopg

NAME = "certificates"
SIGNING_PASSPHRASE = "bench-only"
GOAL = 1.15  # a certificate as the job makes it, over a bare render of its page (at most)
SCALING_GOAL = 1.8  # two workers' throughput over one worker's (at least)
JOB_TIMEOUT = 1800  # seconds a job may take before the benchmark gives up on it

# Idempotent: the template with its images, the session and its rule, an organizer, and
# BENCH_CERTIFICATES participants (PNS, Faker's Indonesian names, 20 OPD) recorded present.
SETUP_CODE = """
from django.contrib.auth.models import Group
from faker import Faker
from content.people.identity import Gender, compose_nip
from content.people.models import Agency, AgencyKind, ParticipantGroup, User
from content.training.models import Attendance, SessionIndexPage, SessionPage
from tests.factories.certificates import issues_for, make_letterhead_template
from tests.factories.people import bulk_participants
from tests.factories.training import HeldSessionPageFactory, mark_attendance

count = int(os.environ["BENCH_CERTIFICATES"])

session = SessionPage.objects.filter(slug=os.environ["BENCH_SESSION_SLUG"]).first()
if session is None:
    template = make_letterhead_template()
    session = HeldSessionPageFactory(
        parent=SessionIndexPage.objects.first(),
        title="Sosialisasi Uji Sertifikat Massal: Keamanan Informasi bagi ASN",
        slug=os.environ["BENCH_SESSION_SLUG"], venue="Aula Uji", training_hours=4,
        description="<p>Sosialisasi untuk uji penerbitan sertifikat massal.</p>",
        start_time=datetime.time(8, 0), end_time=datetime.time(12, 0),
    )
    session.save_revision().publish()
    issues_for(session, template)
organizer, _ = User.objects.get_or_create(
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
participants = bulk_participants(
    count, username="uji-sertifikat", full_name=lambda n: fake.name(),
    participant_group=ParticipantGroup.PNS, agency=lambda n: agencies[n % len(agencies)],
    nip=lambda n: compose_nip(
        birth_date=datetime.date(1970, 1, 1) + datetime.timedelta(days=37 * n),
        appointment=datetime.date(2000 + n % 20, 1 + n % 12, 1),
        gender=Gender.MALE if n % 2 else Gender.FEMALE, sequence=n % 999 + 1,
    ),
)
present = set(Attendance.objects.filter(session=session).values_list("participant_id", flat=True))
for user in participants:
    if user.pk not in present:
        mark_attendance(session, user)
"""

# Before each job: nothing of an earlier run is left (certificates, counters, jobs, tasks, PDFs).
RESET_CODE = """
import shutil
from django_tasks_db.models import DBTaskResult
from content.certificates.models import BulkIssue, Certificate, NumberSequence

for model in (Certificate, NumberSequence, BulkIssue, DBTaskResult):
    model.objects.all().delete()
shutil.rmtree(pathlib.Path(settings.PRIVATE_MEDIA_ROOT) / "sertifikat", ignore_errors=True)
"""

# Start the job as the admin view does; the workers are already waiting.
START_CODE = """
from content.certificates import services
from content.people.models import User
from content.training.models import SessionPage

session = SessionPage.objects.get(slug=os.environ["BENCH_SESSION_SLUG"])
organizer = User.objects.get(username="uji-penyelenggara")
bulk, created = services.bulk_issue_start(session=session, by=organizer)
assert created
emit(bulk.pk)
"""

# After a job: what it did, from the database and the stored files.
RESULT_CODE = """
import zipfile
from django.db.models import Min
from django_tasks_db.models import DBTaskResult
from content.certificates.models import BulkIssue, Certificate

bulk = BulkIssue.objects.get(pk=os.environ["BENCH_BULK_ID"])
tasks = DBTaskResult.objects.filter(task_path__startswith="content.certificates.tasks.")
prepare = tasks.get(task_path__endswith=".prepare_bulk_issue")
certificates = Certificate.objects.filter(session_id=bulk.session_id)
with bulk.archive.open("rb") as handle, zipfile.ZipFile(handle) as archive:
    entries = len(archive.namelist())
chunks = {}
for task in tasks.filter(task_path__endswith=".render_bulk_chunk"):
    for worker in task.worker_ids:
        chunks[worker] = chunks.get(worker, 0) + 1
emit({
    "status": bulk.status, "done": bulk.done, "total": bulk.total, "failures": len(bulk.failures),
    "seconds": (bulk.finished_at - tasks.aggregate(at=Min("started_at"))["at"]).total_seconds(),
    "issue_seconds": (prepare.finished_at - prepare.started_at).total_seconds(),
    "certificates": certificates.count(),
    "participants": certificates.values("participant").distinct().count(),
    "sequences": sorted(certificates.values_list("sequence", flat=True)),
    "pdf_sizes": [c.pdf.size for c in certificates if c.pdf],
    "zip_bytes": bulk.archive.size, "zip_entries": entries,
    "tasks_failed": tasks.filter(status="FAILED").count(),
    "chunks_per_worker": chunks,
})
"""

# The bare render: WeasyPrint with its defaults (no image cache shared between documents, which
# the certificates' own renders use), no signing, no storage, no database writes.
RENDER_CODE = """
import resource, statistics, time
from weasyprint import HTML
from content.certificates import documents, links
from content.certificates.models import Certificate

def bare(certificate):
    html, assets = documents.render_html(certificate, verify_url=links.verify_url(certificate.code))
    fetcher = documents.url_fetcher_for(assets)
    document = HTML(string=html, base_url=documents.ASSET_SCHEME, url_fetcher=fetcher)
    return document.write_pdf(pdf_variant="pdf/a-3b")

def pipeline(certificate):
    return documents.certificate_pdf(certificate, verify_url=links.verify_url(certificate.code))

certificates = list(Certificate.objects.select_related("template").order_by("sequence"))
if "BENCH_OFFSET" in os.environ:  # a share of the bare run: warm up, wait for the start time
    offset, count = int(os.environ["BENCH_OFFSET"]), int(os.environ["BENCH_COUNT"])
    certificates = certificates[offset : offset + count]
    for certificate in certificates:
        certificate.template = certificates[0].template
    bare(certificates[0])
    time.sleep(max(0.0, float(os.environ["BENCH_START_AT"]) - time.time()))
    started = time.perf_counter()
    sizes = [len(bare(certificate)) for certificate in certificates]
    emit({"seconds": time.perf_counter() - started, "count": len(certificates), "sizes": sizes,
          "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss})
else:  # alternately bare and as the job renders it (image cache, signature, SHA-256): medians
    certificates = certificates[:60]
    bare(certificates[0]), pipeline(certificates[0])
    times = {"bare": [], "pipeline": []}
    for certificate in certificates:
        for name, render in (("bare", bare), ("pipeline", pipeline)):
            started = time.perf_counter()
            render(certificate)
            times[name].append(time.perf_counter() - started)
    emit({name: statistics.median(values) * 1000 for name, values in times.items()})
"""


def parse_args(argv=None):
    parser = harness.bench_parser(
        "Bulk certificate issuing through the task worker, one and two workers.",
        f"{harness.PG}/lentera_bench_certificates",
    )
    add, count = parser.add_argument, harness.positive_int
    add("--certificates", type=count, default=500, help="participants present (default 500)")
    add("--workers", type=count, nargs="+", default=[1, 2], help="db_worker counts (default 1 2)")
    return parser.parse_args(argv)


def peak_rss_kb(pid):
    """The process's peak resident set size (VmHWM), in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run_job(site, workers_count):
    harness.log(f"{workers_count} worker(s): reset")
    site.shell(RESET_CODE, "RESET_CODE")
    workers = []
    for number in range(1, workers_count + 1):
        argv = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
        argv += ["--interval", "0.1", "--worker-id", f"bench-{workers_count}w-{number}"]
        site.record(argv)
        logfile = open(site.work_dir / f"worker-{workers_count}w-{number}.log", "w")  # noqa: SIM115
        workers.append((site.popen(argv, stdout=logfile, stderr=subprocess.STDOUT), logfile))
    try:
        bulk_id = str(site.shell(START_CODE, "START_CODE"))
        harness.log(f"{workers_count} worker(s): bulk issue {bulk_id} started")
        deadline, last = time.monotonic() + JOB_TIMEOUT, None
        while True:
            for process, _ in workers:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"a worker exited ({process.returncode}); see {site.work_dir}"
                    )
            with psycopg.connect(site.database_url, autocommit=True) as connection:
                status, done, total = connection.execute(
                    "SELECT status, done, total FROM certificates_bulkissue WHERE id = %s",
                    [bulk_id],
                ).fetchone()
            if (done, status) != last:
                harness.log(f"  {status}: {done}/{total}")
                last = (done, status)
            if status in ("selesai", "gagal"):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the job did not finish in {JOB_TIMEOUT} s")
            time.sleep(0.5)
        rss = [peak_rss_kb(process.pid) for process, _ in workers]
    finally:
        for process, _ in workers:
            if process.poll() is None:
                process.terminate()
        for process, logfile in workers:
            harness.stop(process, timeout=30, terminate=False)
            logfile.close()
    result = site.shell(RESULT_CODE, "RESULT_CODE", BENCH_BULK_ID=bulk_id)
    return {**result, "workers": workers_count, "rss_kb": rss}


def run_bare(site, processes, count):
    """Render `count` certificates' pages bare, split over `processes` processes at once."""
    harness.log(f"bare render: {count} pages over {processes} process(es)")
    share, extra = divmod(count, processes)
    shares = [share + (1 if number < extra else 0) for number in range(processes)]
    start_at = time.time() + 15  # every process has started Django and warmed up by then

    def render(number):
        env = {"BENCH_OFFSET": str(sum(shares[:number])), "BENCH_COUNT": str(shares[number])}
        return site.shell(RENDER_CODE, "RENDER_CODE", BENCH_START_AT=str(start_at), **env)

    with ThreadPoolExecutor(processes) as pool:
        results = list(pool.map(render, range(processes)))
    return {
        "processes": processes,
        "count": sum(r["count"] for r in results),
        "seconds": max(r["seconds"] for r in results),
        "sizes": [size for r in results for size in r["sizes"]],
        "rss_kb": [r["max_rss_kb"] for r in results],
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


def ms_per(run):
    return run["seconds"] / run["count"] * 1000


def report(jobs, bares, alternate, count):
    """Per job and per bare run: wall time, ms per certificate, PDF and ZIP sizes, peak RSS."""
    for run in [*jobs, *(dict(bare, workers=n, bare=True) for n, bare in sorted(bares.items()))]:
        sizes, rss = run.get("pdf_sizes") or run["sizes"], run["rss_kb"]
        what = "bare render" if run.get("bare") else "bulk issue"
        print(
            f"{what}, {run['workers']} process(es): {run.get('count', count)} certificates in "
            f"{run['seconds']:.1f} s, {ms_per({'count': count, **run}):.0f} ms each; PDF KB mean "
            f"{sum(sizes) / len(sizes) / 1024:.1f} (max {max(sizes) / 1024:.1f}); peak RSS MB "
            + " + ".join(f"{kb / 1024:.0f}" for kb in rss)
            + (
                ""
                if run.get("bare")
                else f"; numbering {run['issue_seconds']:.1f} s; ZIP MB "
                f"{run['zip_bytes'] / 1024 / 1024:.1f}; chunks {run['chunks_per_worker']}"
            )
        )
    print(
        f"Alternately in one process (60 certificates, medians): bare {alternate['bare']:.0f} ms, "
        f"as the job renders it {alternate['pipeline']:.0f} ms. Goal: ratio <= {GOAL}."
    )


def summary_rows(jobs, bares, alternate, count, problems):
    rows, goal = [], f"<= {GOAL}"
    for job in jobs:
        workers, per_job = job["workers"], ms_per({**job, "count": count})
        ratio = round(per_job / ms_per(bares[workers]), 2)
        label = f"bulk issue of {count}, {workers} db_worker{'s' if workers > 1 else ''}"
        against = f"bare WeasyPrint render, {workers} process{'es' if workers > 1 else ''}"
        met = harness.at_most(ratio, GOAL)
        measure = f"{label}: time per certificate"
        rows.append(
            harness.summary_row(NAME, measure, round(per_job), "ms", ratio, against, goal, met)
        )
        rows.append(harness.summary_row(NAME, label, round(count / job["seconds"], 2), "certs/s"))
    by_workers = {job["workers"]: job for job in jobs}
    if 1 in by_workers and 2 in by_workers:
        one, two = (count / by_workers[n]["seconds"] for n in (1, 2))
        ratio = round(two / one, 2)
        rows.append(
            harness.summary_row(
                NAME,
                f"bulk issue of {count}, 2 db_workers: throughput",
                round(two, 2),
                "certs/s",
                ratio,
                "1 db_worker's certs/s, same run",
                f">= {SCALING_GOAL}",
                ratio >= SCALING_GOAL,
            )
        )
    if 1 in bares and 2 in bares:
        # What the machine gave two processes in this run: the ceiling of the row above.
        one, two = (bares[n]["count"] / bares[n]["seconds"] for n in (1, 2))
        rows.append(
            harness.summary_row(
                NAME,
                "bare render, 2 processes: throughput",
                round(two, 2),
                "certs/s",
                round(two / one, 2),
                "bare render, 1 process, same run",
            )
        )
    ratio = round(alternate["pipeline"] / alternate["bare"], 2)
    measure = "one certificate as the job renders it (alternating, one process)"
    against = "bare render, same process, alternately"
    value, met = round(alternate["pipeline"]), harness.at_most(ratio, GOAL)
    rows.append(harness.summary_row(NAME, measure, value, "ms", ratio, against, goal, met))
    checks = "checks: one certificate each, numbered 1..N, every PDF in the ZIP"
    return [*rows, harness.check_row(NAME, checks, not problems)]


def main(argv=None):
    args = parse_args(argv)
    load_before = os.getloadavg()
    with harness.bench_site(
        args,
        TASK_WORKER="true",
        CERTIFICATE_SIGNING_PASSPHRASE=SIGNING_PASSPHRASE,
    ) as site:
        key = site.work_dir / "signing.p12"
        site.overrides["CERTIFICATE_SIGNING_P12"] = str(key)
        site.overrides["BENCH_SESSION_SLUG"] = "uji-sertifikat-massal"
        site.manage("make_signing_key", "--path", str(key))
        site.manage("migrate", "--noinput")
        harness.log(f"setup: session, template, {args.certificates} participants present")
        site.shell(SETUP_CODE, "SETUP_CODE", BENCH_CERTIFICATES=str(args.certificates))
        jobs, bares, problems = [], {}, []
        for count in args.workers:
            job = run_job(site, count)
            problems += [f"{count} worker(s): {p}" for p in checks(job, args.certificates)]
            jobs.append(job)
            if count not in bares:
                bares[count] = run_bare(site, count, args.certificates)
        harness.log("alternating bare and pipeline renders of 60 certificates in one process")
        alternate = site.shell(RENDER_CODE, "RENDER_CODE")
        print(f"Bulk issue of {args.certificates} certificates, PostgreSQL, {os.cpu_count()} cores")
        print(f"Database: {site.database_label}; load average: {harness.load_text(load_before)}\n")
        report(jobs, bares, alternate, args.certificates)
        print()
        site.print_reproduction()
        figures = summary_rows(jobs, bares, alternate, args.certificates, problems)
        parameters = {"certificates": args.certificates, "workers": args.workers}
        harness.write_summary(args.summary_json, figures, parameters)
        print("\nCHECKS FAILED:\n  " + "\n  ".join(problems) if problems else "\nChecks passed.")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
