from django.core.management.base import BaseCommand

from content.demo import people as people_demo
from content.demo.loader import DEMO_STAFF, DemoLoader


class Command(BaseCommand):
    help = "Builds the demo site (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        created = DemoLoader(self.stdout.write).run()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Data demo dimuat: {created} objek baru."))
        else:
            self.stdout.write("Data demo sudah lengkap; tidak ada yang berubah.")
        self.stdout.write("Akun demo:")
        for username, password, group, _ in DEMO_STAFF:
            self.stdout.write(f"  {username} / {password} ({group or 'superuser'})")
        self.stdout.write(
            f"  peserta ASN: NIP {people_demo.DEMO_ASN_NIP} / {people_demo.DEMO_PASSWORD}"
        )
        self.stdout.write(
            f"  peserta PTT: {people_demo.DEMO_PTT_EMAIL} / {people_demo.DEMO_PASSWORD}"
        )
