"""`make demo-reset`: the demo from scratch, on a developer's machine only."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from content.base.address import AddressError, development_reasons, parse

DEVELOPMENT_SETTINGS = "config.settings.dev"
LOCAL_DATABASE_HOSTS = {"", "localhost", "127.0.0.1", "::1"}


def refusal():
    """Why this machine's data may not be reset (None: it may). Every condition must hold:
    development settings with DEBUG on, a database on this machine, media on this machine
    inside the project, and a development address."""
    if getattr(settings, "SETTINGS_MODULE", "") != DEVELOPMENT_SETTINGS or not settings.DEBUG:
        return (
            f"Hanya untuk pengembangan: DJANGO_SETTINGS_MODULE={DEVELOPMENT_SETTINGS} dengan "
            "DEBUG aktif. Data produksi tidak pernah dihapus dengan perintah ini."
        )
    database = connection.settings_dict
    if connection.vendor not in ("sqlite", "postgresql"):
        return f"Basis data {connection.vendor} tidak didukung."
    if connection.vendor == "postgresql" and database.get("HOST", "") not in LOCAL_DATABASE_HOSTS:
        return f"Basis data ada di mesin lain ({database['HOST']}): tidak dihapus."
    if settings.AWS_STORAGE_BUCKET_NAME or settings.AWS_PRIVATE_STORAGE_BUCKET_NAME:
        return "Berkas disimpan di S3: tidak dihapus dari sini."
    base = Path(settings.BASE_DIR).resolve()
    for name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        folder = Path(getattr(settings, name)).resolve()
        if folder == base or base not in folder.parents:
            return f"{name} ({folder}) ada di luar folder proyek: tidak dihapus."
    try:
        public = not development_reasons(parse(settings.SITE_URL))
    except AddressError:
        public = False
    if public:
        return f"SITE_URL ({settings.SITE_URL}) adalah alamat publik: tidak dihapus."
    return None


def _drop_database():
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        connection.close()
        for path in (name, Path(f"{name}-wal"), Path(f"{name}-shm"), Path(f"{name}-journal")):
            path.unlink(missing_ok=True)
        return
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def _empty(folder):
    folder = Path(folder)
    if not folder.exists():
        return
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


class Command(BaseCommand):
    help = (
        "Development only: delete the database and the media folders' contents, then migrate, "
        "set the site's address and load the demo again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", default=True
        )

    def handle(self, *args, interactive=True, **options):
        reason = refusal()
        if reason:
            raise CommandError(reason)
        database = connection.settings_dict["NAME"]
        if interactive:
            answer = input(
                f"Semua data di {database} dan berkas di {settings.MEDIA_ROOT} dan "
                f"{settings.PRIVATE_MEDIA_ROOT} akan dihapus, lalu data demo dimuat ulang.\n"
                "Ketik 'hapus' untuk lanjut: "
            )
            if answer.strip().lower() != "hapus":
                raise CommandError("Dibatalkan; tidak ada yang berubah.")
        _drop_database()
        _empty(settings.MEDIA_ROOT)
        _empty(settings.PRIVATE_MEDIA_ROOT)
        cache.clear()
        self.stdout.write("Basis data dan berkas dihapus.")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("set_site_address", stdout=self.stdout)
        call_command("load_demo_data", stdout=self.stdout)
