"""Benchmark: grouping --reports reports into cases (content/reports/services/grouping.py) on
PostgreSQL, and the screenshot lookup against everything they stored.

The reports, in a shuffled order (seed 21), as the service files them one by one, each in its own
transaction as report_submit does (links normalised, case_for, the report row, its screenshot
row with the fingerprint and bands; no image files: the fingerprints are written directly):
- half of them report posts by link: one post per ten reports, each report spelling it its own
  way (share, mobile and short forms, tracking parameters; Facebook, Instagram, TikTok, X,
  YouTube, WhatsApp);
- a quarter send a screenshot and no link: one post per ten reports, the first with the post's
  fingerprint, the others with it at up to 4 bits off (re-encoded, resized, cropped);
- a quarter report posts nobody else reports (a news link each; half with a screenshot too).
The expected number of cases is known from that; the run checks it, then times 1,000 lookups
(similar_case) against the stored screenshots and shows PostgreSQL's plan for one. Exit status 1
when a check fails.

    .venv/bin/python bench/reports_grouping.py [--reports 100000]
        [--database-url postgres://...] [--keep-database]
"""

import functools
import os
import sys
import time

import harness

NAME = "grouping"

EMPTY_CODE = """
from content.reports.models import Case
emit(Case.objects.exists())
"""

# Each family spells one post (n) in ways that must all give one key.
GROUP_CODE = """
import random, sys, time
from django.db import connection, transaction
from content.reports.models import Case, Kind, Report, Screenshot
from content.reports.rules import codes, links, similar
from content.reports.services import grouping

count, rng = int(os.environ["BENCH_REPORTS"]), random.Random(21)
by_link, by_shot = count // 2, count // 4
unique = count - by_link - by_shot
FAMILIES = [
    ["https://www.facebook.com/permalink.php?story_fbid=pfbid0{n}&id=1000{n}&mibextid=x",
     "https://m.facebook.com/story.php?story_fbid=pfbid0{n}&id=1000{n}",
     "https://web.facebook.com/1000{n}/posts/pfbid0{n}/?_rdc=1",
     "HTTPS://WWW.FACEBOOK.COM/1000{n}/posts/pfbid0{n}",
     "facebook.com/permalink.php?id=1000{n}&story_fbid=pfbid0{n}&fbclid=IwAR"],
    ["https://twitter.com/user{n}/status/17{n}?s=20&t=abc",
     "https://x.com/i/web/status/17{n}",
     "https://mobile.twitter.com/Other/status/17{n}/photo/1",
     "x.com/user{n}/status/17{n}"],
    ["https://www.instagram.com/reel/Cx{n}AbcD/?igsh=abc",
     "https://www.instagram.com/someone/p/Cx{n}AbcD/",
     "https://instagr.am/p/Cx{n}AbcD?utm_source=ig_web_copy_link"],
    ["https://www.tiktok.com/@user{n}/video/7300000{n}?_r=1&_t=x",
     "https://m.tiktok.com/v/7300000{n}.html",
     "https://www.tiktok.com/embed/v2/7300000{n}"],
    ["https://youtu.be/{y}?si=abc", "https://www.youtube.com/shorts/{y}?feature=share",
     "https://m.youtube.com/watch?v={y}&t=42s"],
    ["https://chat.whatsapp.com/invite/Grup{n}", "https://chat.whatsapp.com/Grup{n}/?utm_source=wa"],
]

def spelling(post, turn):
    family = FAMILIES[post % len(FAMILIES)]
    n = post // len(FAMILIES) + 10
    return family[turn % len(family)].format(n=n, y=f"{n:011d}")

def near(value, bits):
    number = int(value, 16)
    for bit in rng.sample(range(64), bits):
        number ^= 1 << bit
    return f"{number:016x}"

# Who reports what: (links, fingerprint) per report, in a shuffled order.
jobs = [("link", i // 10, i % 10) for i in range(by_link)]
jobs += [("shot", i // 10, i % 10) for i in range(by_shot)]
jobs += [("unique", i, 0) for i in range(unique)]
rng.shuffle(jobs)
link_posts, shot_posts = (by_link + 9) // 10, (by_shot + 9) // 10
bases = [f"{rng.getrandbits(64):016x}" for _ in range(shot_posts)]
keys = {}
for post in range(link_posts):
    found = {links.normalise(spelling(post, turn)) for turn in range(10)}
    if len(found) != 1:
        raise SystemExit(f"post {post} has {len(found)} keys: {sorted(found)}")
    keys[post] = found.pop()
if len(set(keys.values())) != link_posts:
    raise SystemExit("two posts share a key")
seen, reports = set(), []
for group, post, turn in jobs:
    if group == "link":
        reports.append(([spelling(post, turn)], None))
    elif group == "shot":
        first = post not in seen
        seen.add(post)
        reports.append(([], bases[post] if first else near(bases[post], rng.randrange(5))))
    else:
        value = f"{rng.getrandbits(64):016x}" if post % 2 else None
        link = f"https://www.berita{post % 97}.example/read/{post}?utm_source=wa"
        reports.append(([link], value))
expected = link_posts + shot_posts + unique

def file_report(number, raw_links, value):
    normalised = [links.normalise(link) for link in raw_links]
    platform = links.platform_of(raw_links[0]) if raw_links else "lainnya"
    token = f"bench-{number}"
    code = codes.code_for_token(token)
    with transaction.atomic():
        case = grouping.case_for(kind=Kind.HOAX, platform=platform, links=normalised,
                                 fingerprints=[value] if value else [], summary="bench")
        report = Report.objects.create(case=case, code_digest=codes.digest(code), form_token=token,
                                       kind=Kind.HOAX, links=raw_links, platform=platform)
        if value:
            Screenshot.objects.create(
                report=report, image="", original_sha256="0" * 64, stored_sha256="0" * 64,
                original_size=1, original_format="PNG", width=1, height=1, phash=value,
                grouping_hash=value, **similar.band_fields(value))

started = time.perf_counter()
for number, (raw_links, value) in enumerate(reports):
    file_report(number, raw_links, value)
    if number and number % 10000 == 0:
        print(f"[bench] {number:,} reports filed", file=sys.stderr, flush=True)
seconds = time.perf_counter() - started
cases = Case.objects.count()
shot_cases = Case.objects.filter(links__isnull=True).distinct().count()

# The lookup against everything stored: 1,000 fingerprints, half near a stored one (after
# ANALYZE, as autovacuum would have run on a real table by then).
with connection.cursor() as cursor:
    cursor.execute("ANALYZE reports_screenshot; ANALYZE reports_report")
stored = list(Screenshot.objects.values_list("grouping_hash", flat=True)[:5000])
probes = [near(rng.choice(stored), 3) if i % 2 else f"{rng.getrandbits(64):016x}"
          for i in range(1000)]
started = time.perf_counter()
found = sum(grouping.similar_case([value]) is not None for value in probes)
lookup_seconds = time.perf_counter() - started
candidates = [len(list(grouping._candidates(value))) for value in probes[:200]]
with connection.cursor() as cursor:
    query = grouping._candidates(probes[0]).query
    sql, params = query.sql_with_params()
    cursor.execute("EXPLAIN " + sql, params)
    plan = [row[0] for row in cursor.fetchall()]
emit({"reports": len(reports), "seconds": seconds, "cases": cases, "expected": expected,
      "link_posts": link_posts, "shot_posts": shot_posts, "unique": unique,
      "shot_cases": shot_cases, "screenshots": Screenshot.objects.count(),
      "lookups": len(probes), "lookup_seconds": lookup_seconds, "lookups_found": found,
      "candidates_mean": sum(candidates) / len(candidates), "candidates_max": max(candidates),
      "plan": plan, "vendor": connection.vendor})
"""


def print_report(args, site, result, load_before):
    rate = result["reports"] / result["seconds"]
    print(
        f"\nLentera report grouping benchmark\n  reports: {result['reports']:,} (half by link in "
        f"varied spellings, {result['link_posts']:,} posts; a quarter by screenshot only, "
        f"{result['shot_posts']:,} posts; {result['unique']:,} reported once)\n"
        f"  database: {site.database_label}; {os.cpu_count()} cores, load average before: "
        f"{harness.load_text(load_before)}\n"
        f"  grouped in {result['seconds']:.1f} s: {rate:,.0f} reports/s\n"
        f"  cases: {result['cases']:,} (expected {result['expected']:,}); of them with no link, "
        f"grouped by screenshot alone: {result['shot_cases']:,} "
        f"(expected {result['shot_posts']:,})\n"
        f"  screenshot lookups: {result['lookups']:,} against {result['screenshots']:,} "
        f"screenshots in {result['lookup_seconds']:.2f} s "
        f"({1000 * result['lookup_seconds'] / result['lookups']:.2f} ms each; candidates read: "
        f"{result['candidates_mean']:.1f} on average, {result['candidates_max']} at most); "
        f"{result['lookups_found']} of {result['lookups']} found a case (half were near one)"
    )
    print("  plan of one lookup:\n    " + "\n    ".join(result["plan"]) + "\n")
    site.print_reproduction()
    return (result["cases"], result["shot_cases"]) == (result["expected"], result["shot_posts"])


def summary_rows(result, ok):
    row = functools.partial(harness.summary_row, NAME)
    rate = result["reports"] / result["seconds"]
    per_lookup = 1000 * result["lookup_seconds"] / result["lookups"]
    return [
        row(f"reports grouped into cases ({result['reports']:,})", round(rate), "reports/s"),
        row("grouping time", round(result["seconds"], 1), "s"),
        row(f"screenshot lookup among {result['screenshots']:,}", round(per_lookup, 2), "ms"),
        harness.check_row(NAME, f"{result['cases']:,} cases, {result['expected']:,} expected", ok),
    ]


def main(argv=None):
    default = f"{harness.PG}/lentera_bench_reports_grouping"
    parser = harness.bench_parser("Group reports into cases by link and screenshot.", default)
    parser.add_argument("--reports", type=harness.positive_int, default=100_000)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    with harness.bench_site(args) as site:
        site.manage("migrate", "--noinput")
        if site.shell(EMPTY_CODE, "EMPTY_CODE"):
            raise SystemExit("The database holds cases already: use an empty one.")
        harness.log(f"grouping {args.reports:,} reports")
        started = time.perf_counter()
        result = site.shell(GROUP_CODE, "GROUP_CODE", BENCH_REPORTS=str(args.reports))
        harness.log(f"done in {time.perf_counter() - started:.0f} s")
        ok = print_report(args, site, result, load_before)
        harness.write_summary(
            args.summary_json, summary_rows(result, ok), {"reports": args.reports}
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
