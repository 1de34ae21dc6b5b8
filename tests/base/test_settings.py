import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_production_settings(**env):
    environment = {
        key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DEBUG")
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    code = (
        "import django; django.setup(); "
        "from django.conf import settings; print(repr(settings.DEBUG))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**environment, "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}"},
        capture_output=True,
        text=True,
        timeout=60,
    )


class TestProductionSettings:
    def test_refuse_to_start_without_secret_key(self):
        result = _load_production_settings()
        assert result.returncode != 0
        assert "Set the SECRET_KEY environment variable" in result.stderr

    def test_start_with_a_secret_key_and_debug_off(self):
        result = _load_production_settings(SECRET_KEY="x" * 60)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "False"

    def test_false_string_means_false(self):
        result = _load_production_settings(SECRET_KEY="x" * 60, DEBUG="False")
        assert result.stdout.strip() == "False"
