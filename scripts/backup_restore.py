"""Backup and restore of Lentera's database and media; run through scripts/backup and
scripts/restore.

Both read DATABASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT, AWS_STORAGE_BUCKET_NAME and
AWS_PRIVATE_STORAGE_BUCKET_NAME as config/settings/base.py does (dj-database-url, with the same
SQLite default), so they act on the database and the folders the site uses when run with the
site's environment.

A backup is one folder, ``lentera-<UTC time>``, holding:
  database.dump      PostgreSQL: pg_dump's custom format (compressed; pg_restore reads it)
  database.sqlite3   SQLite: a consistent copy made with SQLite's online backup
  media.tar          the public files (images) under MEDIA_ROOT (absent when they live on S3)
  private-media.tar  the private files (certificates, documents, imports, ZIPs) under
                     PRIVATE_MEDIA_ROOT (absent when they live in the private S3 bucket)
  manifest.json      what was backed up, when, and each file's size and sha256
It is written under a hidden name and renamed when complete, so a folder with a manifest is a
whole backup. It holds personal data: the folder and its files are readable by the owner only.

A restore checks every file against the manifest before it writes anything, refuses a database
that has tables or a media folder that has files (unless --force), and never drops what it did
not restore. Backups made before the private folder existed (format 1) restore too: their
media.tar holds the private files beside the images, and `manage.py migrate` moves them.
"""

import argparse
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR / "site"))

import dj_database_url  # noqa: E402

from config.env import env_str  # noqa: E402

MANIFEST = "manifest.json"
# 2: private-media.tar beside media.tar.
FORMAT = 2
READABLE_FORMATS = (1, 2)
# Connection options dj-database-url may carry that libpq (pg_dump, pg_restore) understands.
_LIBPQ_OPTIONS = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslpassword",
    "connect_timeout",
    "application_name",
    "target_session_attrs",
    "service",
    "passfile",
}


class Refused(Exception):
    """Nothing was changed; the message says why."""


# Where things are, as the settings see them.


def database_settings():
    database = dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    engine = database.get("ENGINE", "")
    if engine.endswith("postgresql") or engine.endswith("postgis"):
        return "postgresql", database
    if engine.endswith("sqlite3"):
        return "sqlite", database
    raise Refused(f"DATABASE_URL names a database this script does not handle ({engine}).")


def media_root():
    if env_str("AWS_STORAGE_BUCKET_NAME", ""):
        return None
    return Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))


def private_media_root():
    if env_str("AWS_PRIVATE_STORAGE_BUCKET_NAME", ""):
        return None
    return Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))


def media_folders():
    """(manifest key, archive name, folder or None when on S3, what names it) per media kind."""
    return [
        ("media", "media.tar", media_root(), "MEDIA_ROOT", "AWS_STORAGE_BUCKET_NAME"),
        (
            "private_media",
            "private-media.tar",
            private_media_root(),
            "PRIVATE_MEDIA_ROOT",
            "AWS_PRIVATE_STORAGE_BUCKET_NAME",
        ),
    ]


def libpq(database):
    """The connection string (without the password) and environment for libpq's tools."""
    from psycopg.conninfo import make_conninfo

    options = {k: v for k, v in (database.get("OPTIONS") or {}).items() if k in _LIBPQ_OPTIONS}
    parts = {
        "dbname": database.get("NAME"),
        "user": database.get("USER"),
        "host": database.get("HOST"),
        "port": database.get("PORT"),
        **options,
    }
    conninfo = make_conninfo(**{k: str(v) for k, v in parts.items() if v not in (None, "")})
    environ = dict(os.environ)
    if database.get("PASSWORD"):
        environ["PGPASSWORD"] = str(database["PASSWORD"])
    return conninfo, environ


def require_tool(name):
    path = shutil.which(name)
    if path is None:
        raise Refused(
            f"{name} was not found. Install Debian's PostgreSQL client tools: "
            "scripts/ensure-debian-packages postgresql-client (or `make system-packages`)."
        )
    return path


# Files and the manifest.


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def describe(path):
    return {"size": path.stat().st_size, "sha256": sha256(path)}


def verify(folder):
    """The backup's manifest, once every file it lists has its recorded size and sha256."""
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise Refused(f"{folder} holds no {MANIFEST}: not a backup, or an unfinished one.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") not in READABLE_FORMATS:
        raise Refused(f"{manifest_path} has format {manifest.get('format')!r}, not {FORMAT}.")
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise Refused(f"{path} is missing.")
        if describe(path) != expected:
            raise Refused(f"{path} does not match the manifest (size or sha256): damaged.")
    return manifest


# Backup.


def backup(destination):
    engine, database = database_settings()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    destination.mkdir(parents=True, exist_ok=True)
    final = destination / f"lentera-{stamp}"
    if final.exists():
        raise Refused(f"{final} exists already.")
    partial = destination / f".lentera-{stamp}.partial"
    os.umask(0o077)
    partial.mkdir(mode=0o700)
    try:
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": {"engine": engine},
            "media": None,
            "private_media": None,
            "files": {},
        }
        if engine == "postgresql":
            name = "database.dump"
            conninfo, environ = libpq(database)
            pg_dump = require_tool("pg_dump")
            subprocess.run(
                [pg_dump, "--format=custom", "--file", str(partial / name), "--dbname", conninfo],
                env=environ,
                check=True,
            )
            version = subprocess.run(
                [pg_dump, "--version"], capture_output=True, text=True, check=True
            ).stdout.strip()
            manifest["database"]["pg_dump"] = version
        else:
            name = "database.sqlite3"
            source_path = Path(database["NAME"])
            if not source_path.is_file():
                raise Refused(f"The SQLite database {source_path} does not exist.")
            source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
            target = sqlite3.connect(partial / name)
            with target:
                source.backup(target)
            source.close()
            target.close()
        manifest["database"]["file"] = name
        manifest["files"][name] = describe(partial / name)

        for key, archive_name, media_folder, _, bucket in media_folders():
            if media_folder is None:
                manifest[key] = {
                    "skipped": f"the files are in the S3 bucket ({bucket}); back it up there"
                }
                continue
            count = 0
            with tarfile.open(partial / archive_name, "w") as archive:
                if media_folder.is_dir():
                    for path in sorted(media_folder.rglob("*")):
                        if path.is_file() and not path.is_symlink():
                            archive.add(path, arcname=str(path.relative_to(media_folder)))
                            count += 1
            manifest[key] = {"file": archive_name, "count": count}
            manifest["files"][archive_name] = describe(partial / archive_name)

        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final, manifest


# Restore.


def postgres_table_count(database):
    import psycopg

    conninfo, environ = libpq(database)
    with psycopg.connect(conninfo, password=environ.get("PGPASSWORD")) as connection:
        return connection.execute(
            "SELECT count(*) FROM information_schema.tables"
            " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()[0]


def sqlite_table_count(path):
    if not path.exists() or path.stat().st_size == 0:
        return 0
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        query = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        return connection.execute(query).fetchone()[0]
    finally:
        connection.close()


def restore(folder, *, force=False):
    manifest = verify(folder)
    engine, database = database_settings()
    if manifest["database"]["engine"] != engine:
        raise Refused(
            f"The backup holds a {manifest['database']['engine']} database; DATABASE_URL names "
            f"a {engine} one."
        )
    # (archive, folder, variable) of every media archive the backup holds.
    restoring = []
    for key, _, media_folder, variable, bucket in media_folders():
        archive_name = (manifest.get(key) or {}).get("file")
        if not archive_name:
            continue
        if media_folder is None:
            raise Refused(f"The backup holds {archive_name} but {bucket} is set.")
        restoring.append((archive_name, media_folder, variable))

    # Refuse before writing anything.
    if engine == "postgresql":
        tables = postgres_table_count(database)
        where = f"database {database['NAME']!r}"
    else:
        tables = sqlite_table_count(Path(database["NAME"]))
        where = f"SQLite file {database['NAME']}"
    if tables and not force:
        raise Refused(
            f"The {where} already has {tables} tables. Restore into an empty database, or pass "
            "--force to replace the objects the backup holds."
        )
    for _, media_folder, variable in restoring:
        if media_folder.exists() and any(media_folder.iterdir()) and not force:
            raise Refused(
                f"{variable} {media_folder} is not empty. Restore into an empty folder, or --force."
            )

    database_file = folder / manifest["database"]["file"]
    if engine == "postgresql":
        conninfo, environ = libpq(database)
        command = [require_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
        command += ["--single-transaction"]
        if force:
            command += ["--clean", "--if-exists"]
        command += ["--dbname", conninfo, str(database_file)]
        subprocess.run(command, env=environ, check=True)
    else:
        target = Path(database["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restoring")
        shutil.copyfile(database_file, partial)
        partial.replace(target)

    for archive_name, target, _ in restoring:
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / archive_name) as archive:
            archive.extractall(target, filter="data")
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(prog="backup_restore")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser(
        "backup", help="back up the database and the media (public and private)"
    )
    make.add_argument(
        "destination",
        nargs="?",
        type=Path,
        # Outside the repository by default: a backup holds personal data.
        default=Path(env_str("BACKUP_DIR", str(Path.home() / "lentera-backups"))),
        help="folder that receives the backup folder (default: $BACKUP_DIR or ~/lentera-backups)",
    )
    back = commands.add_parser("restore", help="restore a backup into an empty database")
    back.add_argument("backup", type=Path, help="the backup folder (lentera-...)")
    back.add_argument(
        "--force",
        action="store_true",
        help="restore even into a database with tables (replacing the backup's objects) "
        "or a MEDIA_ROOT or PRIVATE_MEDIA_ROOT with files (overwriting those the backup holds)",
    )
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "backup":
            folder, manifest = backup(arguments.destination)
            for name, entry in manifest["files"].items():
                print(f"  {name}: {entry['size']} bytes, sha256 {entry['sha256']}")
            for key in ("media", "private_media"):
                if (manifest[key] or {}).get("skipped"):
                    print(f"  {key}: {manifest[key]['skipped']}")
            print(f"Backup written: {folder}")
        else:
            restore(arguments.backup, force=arguments.force)
            print(f"Restored {arguments.backup}.")
            print(
                "Next: `python manage.py migrate` (if this code is newer than the backup), then "
                "clear the cache or restart Redis so no page cached before is served."
            )
    except Refused as refusal:
        print(f"Refused: {refusal}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(f"Failed: {Path(error.cmd[0]).name} exited with {error.returncode}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
