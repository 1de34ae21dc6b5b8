"""Figures: how Lentera's NIK check compares with python-stdnum's on random NIK-shaped numbers.

Never part of the test suite. Draws --count random 16-digit numbers shaped like a NIK (seeded:
a province and regency of 11-99 and 01-99, a district of 01-99, a birth date that exists, a
sequence of 0001-9999), so that only the region decides, and counts how many each of these
accepts:

- Lentera before the registry (parse_nik with check_region=False: province 11 or more, no 00);
- Lentera now (parse_nik: the province and regency must be in python-stdnum's registry);
- python-stdnum's own stdnum.id.nik.is_valid (which looks up the province only).

Usage (from the repository root):

    .venv/bin/python bench/nik_regions.py [--count N] [--seed S]
"""

import argparse
import datetime
import os
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from stdnum.id import nik as stdnum_nik  # noqa: E402

from content.people.identity import known_regencies, parse_nik  # noqa: E402

TODAY = datetime.date(2026, 11, 26)


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    counts = Counter()
    for _ in range(args.count):
        number = shaped_nik(rng)
        before = accepts(number, check_region=False)
        now = accepts(number)
        stdnum = stdnum_nik.is_valid(number)
        counts["Lentera before the registry accepts"] += before
        counts["Lentera now accepts"] += now
        counts["python-stdnum accepts"] += stdnum
        counts["accepted before, region not in the registry"] += before and not now
        counts["accepted now, refused by python-stdnum"] += now and not stdnum
        counts["refused now, accepted by python-stdnum (regency not listed)"] += stdnum and not now
    print(f"{args.count} NIK-shaped numbers (seed {args.seed}); registry of python-stdnum:")
    print(f"  {len(known_regencies())} province-and-regency codes known")
    for label, value in counts.items():
        print(f"  {label}: {value}")


if __name__ == "__main__":
    main()
