"""scripts/backup and scripts/restore, end to end, as an operator runs them."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
BACKUP = str(BASE_DIR / "scripts" / "backup")
RESTORE = str(BASE_DIR / "scripts" / "restore")


def private_root_of(media_root):
    """Each test's private folder sits beside its public one: media-a/ and private-a/."""
    media_root = Path(media_root)
    return media_root.with_name(media_root.name.replace("media", "private"))


def run(script, *arguments, database_url, media_root, check=True):
    environ = {
        **os.environ,
        "PYTHON": sys.executable,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "PRIVATE_MEDIA_ROOT": str(private_root_of(media_root)),
    }
    environ.pop("AWS_STORAGE_BUCKET_NAME", None)
    environ.pop("AWS_PRIVATE_STORAGE_BUCKET_NAME", None)
    return subprocess.run(
        [script, *map(str, arguments)], env=environ, capture_output=True, text=True, check=check
    )


def the_backup(folder):
    (backup,) = folder.iterdir()
    return backup


def file_digests(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


def put_media(root):
    """A few files as uploads leave them: nested folders, binary content; an image in the
    public folder, a document and a certificate in the private one beside it."""
    for folder, relative, content in (
        (root, "original_images/poster.png", b"\x89PNG\r\n\x1a\n" + os.urandom(2048)),
        (private_root_of(root), "documents/materi/modul-1.pdf", b"%PDF-1.7\n" + os.urandom(4096)),
        (private_root_of(root), "sertifikat/2026/SERT-0001.pdf", b"%PDF-1.7\n" + os.urandom(1024)),
    ):
        path = Path(folder) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def all_media(root):
    """Digests of the public and the private files that belong to media folder `root`."""
    return {"public": file_digests(root), "private": file_digests(private_root_of(root))}


class TestSqlite:
    """SQLite (the default without DATABASE_URL) is backed up as a file copy."""

    @pytest.fixture
    def source(self, tmp_path):
        """A database of three rows and media-a/ with three files."""
        path = tmp_path / "a.sqlite3"
        connection = sqlite3.connect(path)
        with connection:
            connection.execute("CREATE TABLE peserta (id INTEGER PRIMARY KEY, nama TEXT)")
            connection.executemany(
                "INSERT INTO peserta (nama) VALUES (?)", [("Budi",), ("Sari",), ("Wayan",)]
            )
        connection.close()
        put_media(tmp_path / "media-a")
        return path

    @pytest.fixture
    def backup(self, tmp_path, source):
        run(
            BACKUP,
            tmp_path / "backups",
            database_url=f"sqlite:///{source}",
            media_root=tmp_path / "media-a",
        )
        return the_backup(tmp_path / "backups")

    def rows(self, path):
        connection = sqlite3.connect(path)
        try:
            return connection.execute("SELECT id, nama FROM peserta ORDER BY id").fetchall()
        finally:
            connection.close()

    def test_restores_the_same_rows_and_files_and_refuses_a_database_with_tables(
        self, tmp_path, source, backup
    ):
        target = tmp_path / "b" / "b.sqlite3"

        run(RESTORE, backup, database_url=f"sqlite:///{target}", media_root=tmp_path / "media-b")
        again = run(
            RESTORE,
            backup,
            database_url=f"sqlite:///{target}",
            media_root=tmp_path / "media-c",
            check=False,
        )

        assert self.rows(target) == self.rows(source) == [(1, "Budi"), (2, "Sari"), (3, "Wayan")]
        assert all_media(tmp_path / "media-b") == all_media(tmp_path / "media-a")
        assert [len(files) for files in all_media(tmp_path / "media-a").values()] == [1, 2]
        assert again.returncode == 1
        assert "already has 1 tables" in again.stderr
        assert not (tmp_path / "media-c").exists()
        assert not (tmp_path / "private-c").exists()

    def test_backup_is_readable_by_its_owner_only_and_lists_sizes_and_sha256(self, backup):
        manifest = json.loads((backup / "manifest.json").read_text())

        assert backup.name.startswith("lentera-")
        assert backup.stat().st_mode & 0o777 == 0o700
        assert sorted(manifest["files"]) == ["database.sqlite3", "media.tar", "private-media.tar"]
        for name, entry in manifest["files"].items():
            path = backup / name
            assert path.stat().st_mode & 0o777 == 0o600
            assert entry == {
                "size": path.stat().st_size,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
        assert manifest["media"]["count"] == 1
        assert manifest["private_media"]["count"] == 2

    def test_a_damaged_backup_is_refused_and_nothing_is_written(self, tmp_path, backup):
        target = tmp_path / "b.sqlite3"
        with open(backup / "media.tar", "r+b") as archive:
            archive.seek(600)
            archive.write(b"X")

        result = run(
            RESTORE,
            backup,
            database_url=f"sqlite:///{target}",
            media_root=tmp_path / "media-b",
            check=False,
        )

        assert result.returncode == 1
        assert "media.tar does not match the manifest" in result.stderr
        assert not target.exists()
        assert not (tmp_path / "media-b").exists()

    def test_a_media_root_with_files_is_refused(self, tmp_path, backup):
        target = tmp_path / "b.sqlite3"
        (tmp_path / "media-b").mkdir()
        (tmp_path / "media-b" / "lama.txt").write_text("sudah ada")

        result = run(
            RESTORE,
            backup,
            database_url=f"sqlite:///{target}",
            media_root=tmp_path / "media-b",
            check=False,
        )

        assert result.returncode == 1
        assert "MEDIA_ROOT" in result.stderr
        assert not target.exists()
        assert file_digests(tmp_path / "media-b").keys() == {"lama.txt"}

    def test_a_backup_from_before_the_private_folder_still_restores(self, tmp_path, backup):
        """Format 1 had media.tar only (private files were in it, beside the images); the
        migration moves them after the restore."""
        manifest = json.loads((backup / "manifest.json").read_text())
        manifest["format"] = 1
        del manifest["private_media"], manifest["files"]["private-media.tar"]
        (backup / "private-media.tar").unlink()
        (backup / "manifest.json").write_text(json.dumps(manifest))

        run(
            RESTORE,
            backup,
            database_url=f"sqlite:///{tmp_path / 'b.sqlite3'}",
            media_root=tmp_path / "media-b",
        )

        assert file_digests(tmp_path / "media-b") == file_digests(tmp_path / "media-a")
        assert not (tmp_path / "private-b").exists()

    def test_a_private_media_root_with_files_is_refused(self, tmp_path, backup):
        target = tmp_path / "b.sqlite3"
        (tmp_path / "private-b").mkdir()
        (tmp_path / "private-b" / "lama.pdf").write_text("sudah ada")

        result = run(
            RESTORE,
            backup,
            database_url=f"sqlite:///{target}",
            media_root=tmp_path / "media-b",
            check=False,
        )

        assert result.returncode == 1
        assert "PRIVATE_MEDIA_ROOT" in result.stderr
        assert not target.exists() and not (tmp_path / "media-b").exists()
        assert file_digests(tmp_path / "private-b").keys() == {"lama.pdf"}


def snapshot(admin_conninfo, database):
    """Per table: its row count and an md5 of its rows; and every sequence's position."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_conninfo, dbname=database) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        result = {}
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                " FROM {} t"
            ).format(sql.Identifier(table))
            result[table] = connection.execute(query).fetchone()
        sequences = connection.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall()
        return result, dict(sequences)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgres_demo_data_and_media_come_back_whole(tmp_path, _signing_key):
    import psycopg
    from django.db import connection, connections
    from psycopg import sql

    settings_dict = connection.settings_dict
    test_database = settings_dict["NAME"]
    admin = psycopg.conninfo.make_conninfo(
        dbname="postgres",
        user=settings_dict["USER"] or None,
        host=settings_dict["HOST"] or None,
        port=str(settings_dict["PORT"] or "") or None,
        password=settings_dict["PASSWORD"] or None,
    )
    suffix = uuid.uuid4().hex[:8]
    source, target = f"{test_database}_backup_{suffix}", f"{test_database}_restore_{suffix}"

    def url(name):
        credentials = settings_dict["USER"] or ""
        if settings_dict["PASSWORD"]:
            credentials += f":{settings_dict['PASSWORD']}"
        host = settings_dict["HOST"] or "localhost"
        port = settings_dict["PORT"] or 5432
        return f"postgres://{credentials}@{host}:{port}/{name}"

    # The source starts as a copy of the migrated test database (no minute of migrations),
    # which must have no open connection to be copied.
    connections.close_all()
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(source), sql.Identifier(test_database)
            )
        )
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target)))
    try:
        media_a, media_b = tmp_path / "media-a", tmp_path / "media-b"
        subprocess.run(
            [sys.executable, "manage.py", "load_demo_data"],
            cwd=BASE_DIR,
            env={
                **os.environ,
                # As an operator runs it (the test settings would put media in a folder of
                # their own).
                "DJANGO_SETTINGS_MODULE": "config.settings.dev",
                "DATABASE_URL": url(source),
                "MEDIA_ROOT": str(media_a),
                "PRIVATE_MEDIA_ROOT": str(private_root_of(media_a)),
                "CERTIFICATE_SIGNING_P12": str(_signing_key),
                "CERTIFICATE_SIGNING_PASSPHRASE": "uji-rahasia",
            },
            capture_output=True,
            check=True,
        )
        put_media(media_a)

        run(BACKUP, tmp_path / "backups", database_url=url(source), media_root=media_a)
        backup = the_backup(tmp_path / "backups")
        run(RESTORE, backup, database_url=url(target), media_root=media_b)
        refused = run(
            RESTORE, backup, database_url=url(target), media_root=tmp_path / "media-c", check=False
        )

        before, after = snapshot(admin, source), snapshot(admin, target)
        assert after == before
        tables, _ = before
        assert tables["people_user"][0] > 10
        assert tables["wagtailcore_page"][0] > 5
        assert all_media(media_b) == all_media(media_a)
        # The demo's images and certificates, and put_media's three.
        assert len(file_digests(media_a)) > 1 and len(file_digests(private_root_of(media_a))) > 2
        assert refused.returncode == 1
        assert "already has" in refused.stderr
    finally:
        with psycopg.connect(admin, autocommit=True) as server:
            for name in (source, target):
                server.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
