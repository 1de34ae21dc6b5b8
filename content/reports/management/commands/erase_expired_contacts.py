from django.conf import settings
from django.core.management.base import BaseCommand

from content.reports.services.retention import contacts_erase_expired


class Command(BaseCommand):
    help = (
        "Erase reporters' contact details (email, phone, consent) of reports whose case closed "
        "more than REPORT_CONTACT_RETENTION_DAYS ago. Idempotent: schedule it daily."
    )

    def handle(self, *args, **options):
        erased = contacts_erase_expired()
        self.stdout.write(
            f"Kontak pelapor dihapus dari {erased} laporan (kasus ditutup lebih dari "
            f"{settings.REPORT_CONTACT_RETENTION_DAYS} hari lalu)."
        )
