"""Fast, isolated tests: cheap hashing, local caches, inline tasks, throwaway media dirs."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-lentera-0123456789-abcdefghijklmnop")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["SESSION_COOKIE_SECURE"] = "false"
os.environ["CSRF_COOKIE_SECURE"] = "false"
os.environ["SECURE_HSTS_SECONDS"] = "0"
os.environ.pop("REDIS_URL", None)
os.environ.pop("AWS_STORAGE_BUCKET_NAME", None)
os.environ.pop("AWS_PRIVATE_STORAGE_BUCKET_NAME", None)
os.environ.pop("PRIVATE_MEDIA_ACCEL_PREFIX", None)
os.environ.pop("EMAIL_HOST", None)
os.environ["TASK_WORKER"] = "false"

from .base import *  # noqa: E402,F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    **local_first_caches(1000),  # noqa: F405
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="lentera-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="lentera-test-private-media-")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The default Site the migrations make (localhost, port 80). Not the test client's host
# (testserver): a URL made from the request's Host instead of the Site shows up as wrong.
SITE_URL = "http://localhost"
WAGTAILADMIN_BASE_URL = SITE_URL
# The anonymous page cache is off by default in tests (tests of the cache switch it on).
PAGE_CACHE_SECONDS = 0
# So is the logged-in readers' copy of pages (content/base/reader_cache.py).
READER_CACHE_SECONDS = 0
