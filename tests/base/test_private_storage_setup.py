"""Moving files that became private out of the public media folder, and the checks that refuse
a private storage some URL could reach."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from content.base.checks import private_files_have_no_url
from content.base.file_moves import move_private_files
from content.base.storages import private_storage, public_storage

ROOT = Path(__file__).resolve().parents[2]
BEFORE = {
    "original_images/aula.png": b"png aula",
    "images/aula.fill-40x20.png": b"png kecil",
    "sertifikat/2026/ABCD.pdf": b"%PDF sertifikat",
    "sertifikat/zip/sesi.zip": b"PK zip",
    "documents/modul.pdf": b"%PDF modul",
    "imports/people_import/0f1e.xlsx": b"PK xlsx",
}


def _files(root):
    root = Path(root)
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@pytest.fixture
def media_as_before(settings):
    """The one media folder as every deployment had it: private files beside the images."""
    for name, content in BEFORE.items():
        path = Path(settings.MEDIA_ROOT, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


class TestMovingFiles:
    def test_everything_but_images_moves_under_the_same_name(self, settings, media_as_before):
        report = move_private_files(source=public_storage(), target=private_storage())

        public, private = _files(settings.MEDIA_ROOT), _files(settings.PRIVATE_MEDIA_ROOT)
        assert public == {name: BEFORE[name] for name in BEFORE if "images/" in name}
        assert private == {name: BEFORE[name] for name in BEFORE if "images/" not in name}
        assert sorted(report.moved) == sorted(private)
        # No empty folder is left where the private files were.
        assert sorted(os.listdir(settings.MEDIA_ROOT)) == ["images", "original_images"]

    def test_running_again_moves_nothing_and_loses_nothing(self, settings, media_as_before):
        move_private_files(source=public_storage(), target=private_storage())
        before = _files(settings.MEDIA_ROOT), _files(settings.PRIVATE_MEDIA_ROOT)

        report = move_private_files(source=public_storage(), target=private_storage())

        assert (report.moved, report.conflicts) == ([], [])
        assert (_files(settings.MEDIA_ROOT), _files(settings.PRIVATE_MEDIA_ROOT)) == before

    def test_a_copy_already_private_is_removed_and_a_different_file_is_kept(
        self, settings, media_as_before
    ):
        for name, content in {
            "documents/modul.pdf": BEFORE["documents/modul.pdf"],
            "sertifikat/2026/ABCD.pdf": b"%PDF another file",
        }.items():
            path = Path(settings.PRIVATE_MEDIA_ROOT, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)

        report = move_private_files(source=public_storage(), target=private_storage())

        assert report.already_private == ["documents/modul.pdf"]
        assert report.conflicts == ["sertifikat/2026/ABCD.pdf"]
        assert "documents/modul.pdf" not in _files(settings.MEDIA_ROOT)
        assert _files(settings.MEDIA_ROOT)["sertifikat/2026/ABCD.pdf"] == b"%PDF sertifikat"
        assert _files(settings.PRIVATE_MEDIA_ROOT)["sertifikat/2026/ABCD.pdf"] == (
            b"%PDF another file"
        )

    def test_the_command_reports_and_fails_on_a_conflict(self, settings, media_as_before, capsys):
        call_command("move_private_files", "--dry-run")
        assert "4 berkas akan dipindahkan" in capsys.readouterr().out
        assert _files(settings.MEDIA_ROOT) == BEFORE

        path = Path(settings.PRIVATE_MEDIA_ROOT, "sertifikat/zip/sesi.zip")
        path.parent.mkdir(parents=True)
        path.write_bytes(b"PK other")
        with pytest.raises(CommandError, match="1 berkas tidak dapat dipindahkan"):
            call_command("move_private_files")
        assert "sertifikat/zip/sesi.zip" in capsys.readouterr().err

    def test_overlapping_folders_are_refused_before_anything_moves(self, settings, media_as_before):
        settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT
        with pytest.raises(ImproperlyConfigured, match="overlap"):
            move_private_files(source=public_storage(), target=private_storage())
        assert _files(settings.MEDIA_ROOT) == BEFORE

    def test_the_migration_moves_them(self, settings, media_as_before):
        migration = importlib.import_module("content.base.migrations.0008_private_storage")
        migration.move_to_private_storage(apps=None, schema_editor=None)

        assert set(_files(settings.PRIVATE_MEDIA_ROOT)) == {
            name for name in BEFORE if "images/" not in name
        }


class TestChecks:
    @pytest.mark.parametrize("inside", ["", "privat", "../"])
    def test_a_private_folder_overlapping_the_public_one_is_an_error(self, settings, inside):
        settings.PRIVATE_MEDIA_ROOT = os.path.normpath(os.path.join(settings.MEDIA_ROOT, inside))
        assert [error.id for error in private_files_have_no_url(None)] == ["lentera.E010"]

    def test_a_private_folder_among_the_static_files_is_an_error(self, settings):
        settings.PRIVATE_MEDIA_ROOT = os.path.join(settings.STATIC_ROOT, "privat")
        assert [error.id for error in private_files_have_no_url(None)] == ["lentera.E010"]

    def test_a_private_storage_that_makes_urls_is_an_error(self, settings):
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": settings.PRIVATE_MEDIA_ROOT},
            },
        }
        assert [error.id for error in private_files_have_no_url(None)] == ["lentera.E010"]

    def test_separate_folders_pass(self):
        assert private_files_have_no_url(None) == []


def _check_deploy(**env):
    from django.conf import settings

    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "PRIVATE_MEDIA", "MEDIA_ROOT"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        CERTIFICATE_SIGNING_P12=settings.CERTIFICATE_SIGNING_P12,
        CERTIFICATE_SIGNING_PASSPHRASE=settings.CERTIFICATE_SIGNING_PASSPHRASE,
        SECRET_KEY="y" * 60,
        ALLOWED_HOSTS="lentera.example.go.id",
        SITE_URL="https://lentera.example.go.id",
        REDIS_URL="redis://127.0.0.1:6379/0",
        PYTHONPATH=f"{ROOT}:{ROOT / 'site'}",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )


class TestDeployChecks:
    def test_s3_images_without_a_private_bucket_and_an_implicit_private_folder_are_refused(
        self, tmp_path
    ):
        result = _check_deploy(AWS_STORAGE_BUCKET_NAME="lentera-publik", MEDIA_ROOT=str(tmp_path))
        assert result.returncode != 0
        assert (
            "lentera.E011" in result.stderr and "AWS_PRIVATE_STORAGE_BUCKET_NAME" in result.stderr
        )
        assert "lentera.W010" in result.stderr

    def test_a_private_bucket_of_its_own_passes(self, tmp_path):
        result = _check_deploy(
            AWS_STORAGE_BUCKET_NAME="lentera-publik",
            AWS_PRIVATE_STORAGE_BUCKET_NAME="lentera-privat",
            MEDIA_ROOT=str(tmp_path / "media"),
            PRIVATE_MEDIA_ROOT=str(tmp_path / "privat"),
        )
        assert "lentera.E01" not in result.stderr and "lentera.W010" not in result.stderr
        assert result.returncode == 0, result.stderr
