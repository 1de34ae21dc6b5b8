from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from content.base.file_moves import move_private_files
from content.base.storages import private_storage, public_storage


class Command(BaseCommand):
    help = (
        "Move every file of the public storage outside its image folders (certificates, ZIPs, "
        "documents, imports) into the private storage, under the same name. Idempotent: run it "
        "again to move what old processes wrote late. Works on local folders and on S3."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="only list what would move; change nothing"
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            report = move_private_files(
                source=public_storage(), target=private_storage(), dry_run=dry_run
            )
        except ImproperlyConfigured as problem:
            raise CommandError(str(problem)) from problem
        verb = "akan dipindahkan" if dry_run else "dipindahkan"
        self.stdout.write(f"{len(report.moved)} berkas {verb} ke penyimpanan privat.")
        if report.already_private:
            self.stdout.write(
                f"{len(report.already_private)} berkas sudah ada di penyimpanan privat dengan isi "
                "yang sama; salinan publiknya " + ("akan dihapus." if dry_run else "dihapus.")
            )
        for name in report.conflicts:
            self.stderr.write(
                f"Tidak dipindahkan: {name} (nama yang sama di penyimpanan privat berisi berkas "
                "lain). Periksa keduanya lalu hapus salah satunya."
            )
        if report.conflicts:
            raise CommandError(f"{len(report.conflicts)} berkas tidak dapat dipindahkan.")
