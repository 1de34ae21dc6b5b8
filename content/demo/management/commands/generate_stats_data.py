"""Fill an empty database with a large synthetic data set for the statistics (see
content/demo/synthetic.py): for trying the dashboard, reports and literacy index on realistic
volumes and for bench/stats_views.py and bench/literacy.py. Refuses a database with real
participants or already filled."""

from dataclasses import replace

from django.core.management.base import BaseCommand, CommandError

from content.demo import synthetic


def _count(value):
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Generate a large synthetic data set for the statistics (default 100,000 participants, "
        "2,000 sessions, 1,000,000 attendances and quiz attempts, each attempt with its 20 "
        "answers drawn from a question bank of four pillars). Only on a fresh database: "
        "it refuses one holding real participants or already generated data."
    )

    def add_arguments(self, parser):
        defaults = synthetic.Sizes()
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="multiply every count (not agencies) by this factor, e.g. 0.05",
        )
        for name in ("participants", "agencies", "sessions", "attendances", "attempts",
                     "certificates"):  # fmt: skip
            parser.add_argument(
                f"--{name}",
                type=_count,
                help=f"number of {name} (default {getattr(defaults, name):,}, times --scale)",
            )
        parser.add_argument("--years", type=_count, help="years of sessions (default 3)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="confirm that this database is for test data (required)",
        )

    def handle(self, *args, **options):
        if not options["yes"]:
            raise CommandError(
                "Perintah ini mengisi basis data dengan data uji dalam jumlah besar. Jalankan "
                "hanya pada basis data uji yang kosong, dan tambahkan --yes untuk melanjutkan."
            )
        if options["scale"] <= 0:
            raise CommandError("--scale harus lebih dari 0.")
        sizes = synthetic.Sizes().scaled(options["scale"])
        chosen = {
            name: options[name]
            for name in (
                "participants",
                "agencies",
                "sessions",
                "attendances",
                "attempts",
                "certificates",
                "years",
            )  # fmt: skip
            if options[name] is not None
        }
        sizes = replace(sizes, **chosen)
        verbose = options["verbosity"] > 1
        try:
            generator = synthetic.generate(
                sizes, seed=options["seed"], log=self.stdout.write if verbose else None
            )
        except synthetic.Refused as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{name} {count:,}" for name, count in generator.counts.items())
        total = generator.timings["total"]
        self.stdout.write(self.style.SUCCESS(f"Data uji dibuat dalam {total:.1f} detik: {counts}."))
