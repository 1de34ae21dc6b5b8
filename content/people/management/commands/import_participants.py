import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content.base.spreadsheets import ImportRejected, RowAction, SpreadsheetError
from content.people import importing, services


class Command(BaseCommand):
    help = (
        "Import participants from an XLSX or CSV file: every row is checked first, and the file "
        "is imported whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .xlsx or .csv file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, write nothing"
        )

    def handle(self, path, dry_run=False, **options):
        file = Path(path)
        if not file.exists():
            raise CommandError(f"Berkas tidak ditemukan: {file}")
        try:
            rows = importing.read_table(file.read_bytes(), file.name)
            preview = importing.preview_import(rows, progress=self._progress)
        except SpreadsheetError as error:
            raise CommandError(str(error)) from error
        sys.stderr.write("\n")

        if not preview.ok:
            for row in preview.rows_with_errors:
                for message in row.errors:
                    self.stderr.write(f"Baris {row.number}: {message}")
            raise CommandError(
                f"{len(preview.rows_with_errors)} baris bermasalah; tidak ada data yang diimpor."
            )
        counts = {action: preview.count(action) for action in RowAction}
        if dry_run:
            self.stdout.write(f"Pemeriksaan selesai (tidak disimpan): {self._summary(counts)}")
            return
        try:
            counts = services.participants_import(preview=preview, by=None)
        except ImportRejected as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Impor selesai: {self._summary(counts)}"))

    @staticmethod
    def _summary(counts):
        waiting = counts.get("menunggu")
        return (
            f"{counts[RowAction.NEW]} baru, {counts[RowAction.UPDATED]} diperbarui, "
            f"{counts[RowAction.UNCHANGED]} tetap."
            + (
                f" {waiting} perubahan NIP/NIK/email menunggu konfirmasi pemiliknya."
                if waiting
                else ""
            )
        )

    @staticmethod
    def _progress(done, total):
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\rMemeriksa baris [{bar}] {done}/{total}")
        sys.stderr.flush()
