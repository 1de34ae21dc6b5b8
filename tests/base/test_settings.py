import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from content.base.checks import page_cache_is_shared

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


def _check_deploy(**env):
    from django.conf import settings

    environment = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        # The test run's own signing key (tests/conftest.py), so lentera.E002 stays quiet.
        CERTIFICATE_SIGNING_P12=settings.CERTIFICATE_SIGNING_P12,
        CERTIFICATE_SIGNING_PASSPHRASE=settings.CERTIFICATE_SIGNING_PASSPHRASE,
        SECRET_KEY="y" * 60,
        ALLOWED_HOSTS="lentera.example.go.id",
        SITE_URL="https://lentera.example.go.id",
        PYTHONPATH=f"{ROOT}:{ROOT / 'site'}",
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestSharedPageCache:
    """Several web processes with a per-process cache would each keep their own copy of a page
    after a publish: `check --deploy` refuses that configuration."""

    def test_production_without_redis_fails_the_deploy_check(self):
        result = _check_deploy()
        assert result.returncode != 0
        assert "lentera.E001" in result.stderr
        assert "REDIS_URL" in result.stderr

    def test_production_with_redis_passes_it(self):
        result = _check_deploy(REDIS_URL="redis://127.0.0.1:6379/0")
        assert "lentera.E001" not in result.stderr
        assert result.returncode == 0, result.stderr

    @pytest.mark.parametrize(
        "changes",
        [{"WEB_CONCURRENCY": 1}, {"PAGE_CACHE_SECONDS": 0}],
        ids=["one-process", "cache-off"],
    )
    def test_one_process_or_no_page_cache_needs_no_shared_cache(self, settings, changes):
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        settings.PAGE_CACHE_SECONDS, settings.WEB_CONCURRENCY = 600, 3
        for name, value in changes.items():
            setattr(settings, name, value)
        assert page_cache_is_shared(None) == []


@pytest.mark.django_db
def test_the_admin_sends_no_email_hash_to_an_avatar_service(client):
    from tests.factories.users import UserFactory

    client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()
    assert "/static/wagtailadmin/images/default-user-avatar" in html


class TestSecurityHeaders:
    def test_production_settings_carry_a_strict_script_policy(self):
        environment = {
            **{key: value for key, value in os.environ.items() if key != "DEBUG"},
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "z" * 60,
            "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
        }
        code = (
            "import django; django.setup(); from django.conf import settings; "
            "d = settings.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
            "print(d['script-src'], d['object-src'], d['frame-ancestors'], "
            "'csp.middleware.CSPMiddleware' in settings.MIDDLEWARE)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], env=environment, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == (
            "[\"'self'\", csp.constants.NONCE] [\"'none'\"] [\"'self'\"] True"
        )

    @pytest.mark.django_db
    def test_every_response_says_what_the_page_may_run_and_use(self, client, site_tree):
        response = client.get("/")
        policy = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]*)", policy).group(1)
        assert script_src == "'self'" and "object-src 'none'" in policy
        assert "camera=()" in response["Permissions-Policy"]

    @pytest.mark.django_db
    def test_wagtails_inline_scripts_carry_this_responses_nonce(self, client, sessions):
        from tests.factories.training import SessionPageFactory
        from tests.factories.users import UserFactory

        session = SessionPageFactory(parent=sessions)
        client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
        response = client.get(f"/admin/pages/{session.pk}/edit/")
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
        executable = [attrs for attrs in inline if "application/json" not in attrs]
        assert len(executable) >= 4  # date and time pickers, speakers, materials, choosers
        assert all(f'nonce="{nonce}"' in attrs for attrs in executable)
