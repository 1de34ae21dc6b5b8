from django.core.management.base import BaseCommand

from content.stats import open_data, services


class Command(BaseCommand):
    help = (
        "Publish the open data release of every closed quarter that has none yet (a quarter "
        f"closes {open_data.GRACE_DAYS} days after it ends). Idempotent: schedule it daily or "
        "hourly; a release, once published, never changes."
    )

    def handle(self, *args, **options):
        published = services.open_data_publish_due()
        for release in published:
            self.stdout.write(f"Rilis data terbuka {release.slug} diterbitkan.")
        if not published:
            self.stdout.write("Tidak ada rilis data terbuka yang jatuh tempo.")
