"""`manage.py calibrate_literacy`: compute the digital literacy index now (cron, the demo
loader). The screens only read its stored runs."""

from django.core.management.base import BaseCommand, CommandError

from content.stats import services
from content.stats.services.literacy import RunInProgress


class Command(BaseCommand):
    help = "Menghitung ulang indeks literasi digital (kalibrasi Rasch, skor, sel indeks)."

    def add_arguments(self, parser):
        parser.add_argument("--sample", type=int, default=None, help="percobaan untuk kalibrasi")
        parser.add_argument("--seed", type=int, default=None, help="benih acak")

    def handle(self, *args, sample=None, seed=None, **options):
        try:
            run = services.literacy_calibrate(sample=sample, seed=seed)
        except RunInProgress as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Perhitungan #{run.pk} selesai: {run.people} orang, {run.attempts} percobaan, "
            f"{run.responses} jawaban, {run.cells.count()} sel."
        )
