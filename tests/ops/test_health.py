"""/healthz: what a load balancer sees when all is well, and when a part is down."""

import json

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from content.base import health

OK = {"status": "ok"}


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch):
    """Each test is a process that has not yet seen every migration applied."""
    monkeypatch.setattr(health, "_all_migrations_applied", False)


def body(response):
    return json.loads(response.content)


@pytest.mark.django_db
class TestHealthyAnswer:
    def test_answers_ok_and_checks_migrations_once_per_process(
        self, client, django_assert_num_queries
    ):
        # SELECT 1, then the recorder: does its table exist, which migrations are applied.
        with django_assert_num_queries(3):
            first = client.get("/healthz")
        # Once all were applied, only the database's answer is checked.
        with django_assert_num_queries(1):
            second = client.get("/healthz")

        assert (first.status_code, body(first)) == (200, OK)
        assert (second.status_code, body(second)) == (200, OK)

    def test_is_never_cached_and_sets_no_cookie(self, client, cache_on):
        client.get("/")  # the page cache is on and in use
        response = client.get("/healthz")

        assert "no-store" in response["Cache-Control"]
        assert "X-Lentera-Cache" not in response
        assert not response.cookies
        assert client.get("/healthz").status_code == 200

    def test_is_named_healthz(self):
        from django.urls import reverse

        assert reverse("healthz") == "/healthz"

    def test_head_is_answered_and_other_methods_are_refused(self, client):
        head = client.head("/healthz")
        assert (head.status_code, head.content) == (200, b"")
        assert client.post("/healthz").status_code == 405

    def test_answers_a_probe_by_machine_address_while_other_pages_keep_allowed_hosts(
        self, client, settings
    ):
        settings.ALLOWED_HOSTS = ["lentera.example.go.id"]

        assert client.get("/healthz", HTTP_HOST="10.0.3.17:8000").status_code == 200
        assert client.get("/", HTTP_HOST="10.0.3.17:8000").status_code == 400

    def test_answers_over_plain_http_when_https_is_enforced(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True

        assert client.get("/healthz").status_code == 200
        redirected = client.get("/")
        assert redirected.status_code == 301
        assert redirected["Location"].startswith("https://")


@pytest.mark.django_db
class TestUnavailable:
    def test_unreachable_database(self, client, monkeypatch, tmp_path):
        default = connections["default"]
        settings_dict = dict(default.settings_dict)
        if default.vendor == "sqlite":
            settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "db.sqlite3")
        else:
            settings_dict.update(HOST="127.0.0.1", PORT="1")
        # The health check's view of the connections: the default one is broken.
        monkeypatch.setattr(
            health, "connections", {"default": default.__class__(settings_dict, alias="default")}
        )

        response = client.get("/healthz")

        assert response.status_code == 503
        assert body(response) == {"status": "unavailable", "failing": ["database"]}
        assert "no-store" in response["Cache-Control"]

    def test_unreachable_cache(self, client):
        closed_port = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",
            }
        }
        with override_settings(CACHES=closed_port):
            response = client.get("/healthz")

        assert response.status_code == 503
        assert body(response) == {"status": "unavailable", "failing": ["cache"]}


def _reverse_one_app(app_label):
    """Unapplies `app_label`'s latest migration with Django's migration executor; returns a
    function that migrates everything forward again."""
    connection = connections["default"]
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    (leaf,) = graph.leaf_nodes(app_label)
    parents = [p for p in graph.node_map[leaf].parents if p.key[0] == app_label]
    executor.migrate([parents[0].key if parents else (app_label, None)])

    def forward():
        again = MigrationExecutor(connection)
        again.migrate(again.loader.graph.leaf_nodes())

    return forward


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unapplied_migration_makes_it_unavailable_until_applied(client):
    forward = _reverse_one_app("stats")
    try:
        unapplied = client.get("/healthz")
    finally:
        forward()
    applied = client.get("/healthz")

    assert unapplied.status_code == 503
    assert body(unapplied) == {"status": "unavailable", "failing": ["migrations"]}
    assert (applied.status_code, body(applied)) == (200, OK)
