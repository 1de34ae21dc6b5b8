from django.core.management.base import BaseCommand

from content.base import import_jobs


class Command(BaseCommand):
    help = "Delete uploaded import files nobody confirmed in time (schedule it hourly)."

    def handle(self, *args, **options):
        count = import_jobs.clean_abandoned()
        self.stdout.write(f"{count} berkas impor yang ditinggalkan dihapus.")
