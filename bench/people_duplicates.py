"""Figures: how long finding likely duplicate accounts takes for a city's participants.

Never part of the test suite. Builds --count synthetic participants in memory (seeded: names
drawn from a small pool so that names repeat as they do in a city, birth dates over 40 years,
one NIP, NIK or email each, 60 agencies) with --pairs planted duplicates (the same person again
with a title and another identifier), then times content.people.duplicates.find_duplicates,
which the duplicates screen runs over one query's rows, and reports how many pairs it found
by rule and how many planted pairs were among them.

Usage (from the repository root):

    .venv/bin/python bench/people_duplicates.py [--count N] [--pairs P] [--seed S]
"""

import argparse
import datetime
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from content.people.duplicates import find_duplicates  # noqa: E402

FIRST = [
    "Agus",
    "Budi",
    "Dewi",
    "Eko",
    "Fitri",
    "Hadi",
    "Indah",
    "Joko",
    "Kartini",
    "Lestari",
    "Made",
    "Nur",
    "Putri",
    "Rina",
    "Sari",
]
LAST = [
    "Santoso",
    "Wahyuni",
    "Pratama",
    "Hidayat",
    "Lestari",
    "Saputra",
    "Kusuma",
    "Nugroho",
    "Rahayu",
    "Setiawan",
]


def _person(pk, rng, *, name=None, born=None, kind=None, agency=None):
    born = born or datetime.date(1966, 1, 1) + datetime.timedelta(days=rng.randrange(40 * 365))
    name = name or f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}"
    kind = kind or rng.choice(["nip", "nik", "email"])
    nip = nik = None
    email = ""
    if kind == "nip":
        nip = f"{born:%Y%m%d}202421{rng.choice('12')}{pk % 999 + 1:03d}"
    elif kind == "nik":
        nik = f"347101{born:%d%m%y}{pk % 9999 + 1:04d}"
    else:
        email = f"{name.lower().replace(' ', '.')}{pk}@contoh.go.id"
    return SimpleNamespace(
        pk=pk,
        full_name=name,
        nip=nip,
        nik=nik,
        email=email,
        agency_id=agency or rng.randrange(1, 61),
        born=born,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    people = [_person(pk, rng) for pk in range(1, args.count + 1)]
    planted = set()
    for pk in range(args.count + 1, args.count + args.pairs + 1):
        original = rng.choice(people[: args.count])
        again = _person(
            pk,
            rng,
            name=f"Hj. {original.full_name}, S.Kom.",
            born=original.born,
            kind="nip" if original.nip is None else "nik",
            agency=original.agency_id,
        )
        people.append(again)
        planted.add((original.pk, again.pk))
    start = time.perf_counter()
    pairs = find_duplicates(people)
    seconds = time.perf_counter() - start
    found = {(pair.first.pk, pair.second.pk) for pair in pairs}
    rules = Counter(reason for pair in pairs for reason in pair.reasons)
    print(f"{len(people)} participants, {args.pairs} planted duplicates")
    print(f"find_duplicates: {seconds * 1000:.0f} ms, {len(pairs)} pairs")
    for rule, count in rules.most_common():
        print(f"  {count:6d}  {rule}")
    print(f"planted pairs found: {len(found & planted)} of {len(planted)}")


if __name__ == "__main__":
    main()
