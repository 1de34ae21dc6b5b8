from django.core.management.base import BaseCommand

from content.certificates.services.bulk import bulk_issues_tend


class Command(BaseCommand):
    help = (
        "Resume bulk certificate issues that stopped moving (a worker stopped mid-task) and "
        "delete finished ones older than BULK_ISSUE_KEEP_DAYS with their ZIP (schedule it "
        "every 10 to 60 minutes)."
    )

    def handle(self, *args, **options):
        resumed, deleted = bulk_issues_tend()
        self.stdout.write(
            f"{resumed} penerbitan massal yang terhenti dilanjutkan, {deleted} yang lama dihapus."
        )
