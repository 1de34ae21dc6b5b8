"""`/healthz` for load balancers: 200 when the database and the cache answer and every migration
is applied, 503 otherwise.

The answer never shows internals: no exception text, versions or host names, only
``{"status": "ok"}`` or ``{"status": "unavailable", "failing": ["database"]}`` (the parts are
"database", "cache" and "migrations"). What went wrong is logged as a warning for the operators.

``HealthCheckMiddleware`` answers the address right after Django's ``SecurityMiddleware``, so a
probe needs no session, gets no cookie, never reaches the page cache (which would otherwise
read the shared cache before the check could report it down) and is not refused by
``ALLOWED_HOSTS`` (load balancers often probe a machine by its own address, as the Host header;
the answer names no host, so it is safe to give to any). ``SECURE_REDIRECT_EXEMPT`` lets it be
probed over plain HTTP. The URL in config/urls.py names the address and serves it through the
ordinary stack should the middleware be removed.

Migrations are checked cheaply: the migration graph's leaf nodes are read from disk once per
process (the code cannot change under a running process), and compared with the recorder's
table until they are all applied; from then on the process only checks the database answers.
"""

import logging
import os
from functools import cache as memoize

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponseNotAllowed, JsonResponse
from django.views.decorators.cache import never_cache

PATH = "/healthz"

logger = logging.getLogger(__name__)

# Set once every migration this process's code knows is applied; migrations are only ever added
# by a deploy, which starts new processes.
_all_migrations_applied = False


@memoize
def _leaf_nodes():
    """The latest migration of every app, as this process's code has them (read once)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(loader.graph.leaf_nodes())


def _check_database(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    key = f"healthz:{os.getpid()}"
    token = os.urandom(8).hex()
    cache.set(key, token, timeout=60)
    if cache.get(key) != token:
        raise RuntimeError("the cache did not return what was just stored in it")


def _check_migrations(connection):
    global _all_migrations_applied
    if _all_migrations_applied:
        return
    leaves = _leaf_nodes()
    applied = MigrationRecorder(connection).applied_migrations()
    if not leaves <= applied.keys():
        # A squashed migration may be a leaf that the recorder lists by the names it replaces:
        # ask the migration executor, which knows, before calling anything unapplied.
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise RuntimeError("unapplied migrations")
    _all_migrations_applied = True


def failing_parts():
    """The names of the parts that do not work, in a stable order; empty when all is well."""
    failing = []
    connection = connections[DEFAULT_DB_ALIAS]
    checks = [("database", lambda: _check_database(connection)), ("cache", _check_cache)]
    for name, check in checks:
        try:
            check()
        except Exception as exc:
            logger.warning("Health check: %s failed: %s: %s", name, type(exc).__name__, exc)
            failing.append(name)
    if "database" not in failing:
        try:
            _check_migrations(connection)
        except Exception as exc:
            logger.warning("Health check: migrations failed: %s: %s", type(exc).__name__, exc)
            failing.append("migrations")
    return failing


@never_cache
def healthz(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    failing = failing_parts()
    if failing:
        response = JsonResponse({"status": "unavailable", "failing": failing}, status=503)
    else:
        response = JsonResponse({"status": "ok"})
    if request.method == "HEAD":
        # Gunicorn warns of every body sent with an answer to HEAD.
        response.content = b""
    return response


class HealthCheckMiddleware:
    """Answers `/healthz` before sessions, host checks and the page cache; place it right after
    SecurityMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return healthz(request)
        return self.get_response(request)
