"""`make demo-reset` (manage.py reset_demo_data): the demo from scratch on a developer's
machine, and nowhere else."""

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

from content.demo.management.commands.reset_demo_data import refusal

ROOT = Path(__file__).resolve().parents[2]


def _run(settings_module, database, media, private_media, signing_key, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "SITE_URL", "REDIS_URL")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(media),
        PRIVATE_MEDIA_ROOT=str(private_media),
        CERTIFICATE_SIGNING_P12=str(signing_key),
        CERTIFICATE_SIGNING_PASSPHRASE="uji-rahasia",
        SECRET_KEY="z" * 60,
        ALLOWED_HOSTS="lentera.example.go.id",
        PORT="9000",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "reset_demo_data", "--noinput"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture
def workspace(_signing_key):
    """A database holding a marker, and media folders inside the project holding a file each,
    as a developer's machine has them; removed afterwards."""
    folder = ROOT / f".reset-test-{uuid.uuid4().hex[:8]}"
    media, private_media = folder / "media", folder / "private-media"
    for each in (media, private_media):
        each.mkdir(parents=True)
        (each / "lama.txt").write_text("lama")
    database = folder / "db.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE penanda (x)")
    try:
        yield database, media, private_media, _signing_key
    finally:
        shutil.rmtree(folder)


def _marker_survives(database):
    with sqlite3.connect(database) as db:
        return bool(db.execute("SELECT name FROM sqlite_master WHERE name = 'penanda'").fetchall())


class TestItRefuses:
    @pytest.mark.django_db
    def test_under_settings_other_than_development(self, site_tree):
        assert refusal()
        with pytest.raises(CommandError):
            call_command("reset_demo_data", "--noinput")
        assert Site.objects.exists()

    def test_with_production_settings(self, workspace):
        database, media, private_media, key = workspace
        result = _run(
            "config.settings.production",
            database,
            media,
            private_media,
            key,
            SITE_URL="https://lentera.example.go.id",
        )
        assert result.returncode != 0
        assert "Hanya untuk pengembangan" in result.stderr
        assert _marker_survives(database)
        assert (media / "lama.txt").exists()

    def test_media_outside_the_project(self, workspace, tmp_path):
        database, _media, _private, key = workspace
        outside = tmp_path / "media"
        outside.mkdir()
        (outside / "foto.jpg").write_text("x")
        result = _run("config.settings.dev", database, outside, tmp_path / "private", key)
        assert result.returncode != 0
        assert "di luar folder proyek" in result.stderr
        assert _marker_survives(database) and (outside / "foto.jpg").exists()

    def test_a_public_address(self, workspace):
        database, media, private_media, key = workspace
        result = _run(
            "config.settings.dev",
            database,
            media,
            private_media,
            key,
            SITE_URL="https://lentera.example.go.id",
        )
        assert result.returncode != 0
        assert _marker_survives(database)


def test_in_development_it_starts_the_demo_again_on_make_runs_address(workspace):
    database, media, private_media, key = workspace
    result = _run("config.settings.dev", database, media, private_media, key)
    assert result.returncode == 0, result.stderr
    assert not _marker_survives(database)
    assert not (media / "lama.txt").exists() and not (private_media / "lama.txt").exists()
    with sqlite3.connect(database) as db:
        [(hostname, port)] = db.execute(
            "SELECT hostname, port FROM wagtailcore_site WHERE is_default_site"
        ).fetchall()
        people = db.execute("SELECT count(*) FROM people_user").fetchone()[0]
    assert (hostname, port) == ("127.0.0.1", 9000)
    assert people > 0
