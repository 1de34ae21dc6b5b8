"""`PORT=9000 make run` and `HOST=0.0.0.0 make run`: the server listens where asked, and the
site's address (the default Site, which every absolute URL is made from) is set to where it is
served before the demo prints it into certificates."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _dev_site_url(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SITE_URL", "HOST", "PORT", "PUBLIC_HOST")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev", PYTHONPATH=f"{ROOT}:{ROOT / 'site'}", **env
    )
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "9000"}, "http://127.0.0.1:9000"),
        ({"HOST": "0.0.0.0", "PUBLIC_HOST": "10.1.2.3", "PORT": "9000"}, "http://10.1.2.3:9000"),
        ({"SITE_URL": "http://lentera.local"}, "http://lentera.local"),
    ],
)
def test_development_settings_take_make_runs_address(env, expected):
    assert _dev_site_url(**env) == [expected, expected]


def test_listening_on_every_interface_gives_the_network_address():
    site_url, _ = _dev_site_url(HOST="0.0.0.0", PORT="9000")
    assert site_url.startswith("http://") and site_url.endswith(":9000")
    assert "0.0.0.0" not in site_url


def test_make_run_sets_the_address_before_the_demo_and_serves_on_host_and_port():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=9000", "HOST=0.0.0.0", "PUBLIC_HOST=10.1.2.3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()

    def line_of(command):
        [number] = [i for i, line in enumerate(lines) if command in line]
        return number, lines[number]

    migrate, _ = line_of("manage.py migrate")
    address, address_line = line_of("manage.py set_site_address")
    demo, demo_line = line_of("manage.py load_demo_data")
    serve, serve_line = line_of("scripts/serve-dev")
    assert migrate < address < demo < serve
    for line in (address_line, demo_line, serve_line):
        assert "HOST=0.0.0.0 PORT=9000 PUBLIC_HOST=10.1.2.3" in line


def test_serve_dev_listens_on_host_and_port(tmp_path):
    """scripts/serve-dev with a stand-in for Python that writes down how it was called."""
    calls = tmp_path / "calls"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho "$*" >> {calls}\n')
    python.chmod(0o755)
    result = subprocess.run(
        ["scripts/serve-dev"],
        cwd=ROOT,
        env={**os.environ, "PY": str(python), "HOST": "0.0.0.0", "PORT": "9000"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "manage.py runserver 0.0.0.0:9000" in calls.read_text().splitlines()
