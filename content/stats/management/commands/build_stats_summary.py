from django.core.management.base import BaseCommand

from content.stats import services


class Command(BaseCommand):
    help = (
        "Build the statistics' summary tables from the records in full (the task worker's "
        "refresh rebuilds them after writes). Safe to run at any time and more than once; "
        "until they are built, the statistics read the records themselves."
    )

    def handle(self, *args, **options):
        rows = services.summary_rebuild()
        for table, count in rows.items():
            self.stdout.write(f"{table}: {count} baris")
        self.stdout.write("Ringkasan statistik selesai dibangun.")
