"""Local development: debug on, plain HTTP, console email, a dummy secret."""

import os

os.environ.setdefault("SECRET_KEY", "django-insecure-dev-only-never-use-in-production-lentera")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("DEBUG", "true")

from content.base.address import development_address  # noqa: E402

from .base import *  # noqa: E402,F403

# Any host: phones on the same network reach a demo by this machine's address (HOST=0.0.0.0).
ALLOWED_HOSTS = ["*"]
# The address `make run` serves on (HOST, PORT, PUBLIC_HOST; content/base/address.py),
# unless given.
if not SITE_URL:  # noqa: F405
    SITE_URL = development_address(os.environ).url
WAGTAILADMIN_BASE_URL = SITE_URL
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
