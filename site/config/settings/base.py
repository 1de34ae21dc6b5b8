"""Production-safe base settings. dev.py and test.py loosen them; production.py tightens them.

Every integration switches on by its environment variable and falls back to an embedded default:
DATABASE_URL (SQLite file), REDIS_URL (local-memory cache), AWS_STORAGE_BUCKET_NAME and
AWS_PRIVATE_STORAGE_BUCKET_NAME (local public and private media folders),
EMAIL_HOST (console email), TASK_WORKER (tasks run inline).
"""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from config.env import env_bool, env_int, env_list, env_str
from content.base.address import root_url as site_root_url

BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"

# No default on purpose: a deployment without a secret must not start. dev.py and test.py set one.
SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "content.people",
    "content.base",
    "content.articles",
    "content.training",
    "content.quizzes",
    "content.certificates",
    "content.reports",
    "content.stats",
    "content.home",
    "content.demo",
    "axes",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Answers the load balancer's /healthz before sessions, host checks and the page cache.
    "content.base.health.HealthCheckMiddleware",
    # PostgreSQL refuses NUL in any query: such a path is a 404 before a view sees it.
    "content.base.middleware.RefuseNulInPathMiddleware",
    # ...and so does a query parameter holding a control character (forms refuse them in bodies).
    "content.base.middleware.DropControlCharactersFromQueryMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (settings below).
    "csp.middleware.CSPMiddleware",
    "content.base.csp.CurrentNonceMiddleware",
    "content.base.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # One read of the page cache's generations per request (one Redis round trip), and the
    # anonymous copies served from here, before sessions, locale and CSRF (see the module).
    "content.base.page_cache_middleware.PageCopyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Outside the page cache: on a 404 it looks for a redirect with the request's real query,
    # which the page cache hides from the view while it runs (page_cache.py).
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Anonymous visitors get pages from the shared cache; publishing invalidates it (see cache.py).
    "content.base.page_cache_middleware.AnonymousPageCacheMiddleware",
    # Turns a locked-out login into the Indonesian lockout page; must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite file by default; DATABASE_URL (postgres://...) in production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler spends far longer compiling the statistics' large aggregate
    # queries than running them (867 of 962 ms on one, bench/stats_views.py); the site's short
    # queries never gain from it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write transactions take the database lock when they begin, so "lock, count, insert"
    # sections (seats, waiting lists) run one at a time on SQLite as they do on PostgreSQL.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared Redis when REDIS_URL is set (required for more than one web process, since the
# page cache's invalidation lives there); otherwise per-process local memory.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, keeping its redis client instead of building one per call.
            "BACKEND": "content.base.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "lentera"),
        }
    }
    # Sessions are read from Redis and written through to the database: one query less on
    # every logged-in request (a hall checking in at once), and a Redis restart logs nobody out.
    # content.base.sessions: Django's cached_db, read in the same Redis round trip as the page
    # cache's generations (one round trip for a reader's page from the shared copy).
    SESSION_ENGINE = "content.base.sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def local_first_caches(entries):
    """The caches of entries keyed on a generation: each process keeps its own copy of what it
    read from the shared cache (content/base/local_first.py). `pages`: the page cache's copies
    and the routing lookups; `template_fragments` (the name Django's {% cache %} tag looks
    for): the fragments, keyed on `page_generation`."""
    return {
        alias: {
            "BACKEND": "content.base.local_first.LocalFirstCache",
            "OPTIONS": {"SHARED": "default", "MAX_ENTRIES": entries, "CULL_FREQUENCY": 4},
        }
        for alias in ("pages", "template_fragments")
    }


# At most this many entries per alias and process (a page's copy is its whole HTML).
CACHES.update(local_first_caches(env_int("LOCAL_PAGE_COPIES", 1000)))
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Logged-in participants share one rendered copy of public pages (content/base/reader_cache.py)
# for at most this long; publishing shows at once. 0 turns it off.
READER_CACHE_SECONDS = env_int("READER_CACHE_SECONDS", 600)
# Web processes per machine; the Procfile passes it to gunicorn. More than one needs REDIS_URL
# when the page cache is on (a deploy check says so).
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", 3)
# The literacy index calibrates item difficulties on a random sample of at most this many
# finished attempts (every attempt is still scored): content/stats/services/literacy.py.
LITERACY_CALIBRATION_SAMPLE = env_int("LITERACY_CALIBRATION_SAMPLE", 100_000)

AUTH_USER_MODEL = "people.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins for an identifier that failed too often.
    "axes.backends.AxesStandaloneBackend",
    "content.people.backends.IdentifierBackend",
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "people:account"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# How long a link that confirms a change of email, NIP or NIK, or a merge, stays valid.
IDENTITY_CONFIRMATION_TIMEOUT = env_int("IDENTITY_CONFIRMATION_HOURS", 24) * 60 * 60

# Login throttle (django-axes): after AXES_FAILURE_LIMIT failures for one identifier from one
# client address, that pair is locked out for the cool-off period; after
# LOGIN_FAILURES_PER_IDENTIFIER failures for one identifier from all addresses together, that
# identifier is locked out everywhere (content.people.backends.LoginThrottleHandler). The
# "username" axes counts is the identifier as typed in its canonical spelling, keyed-hashed (see
# throttle_key): never the account, so a lockout never tells whether a NIP and an email belong
# to one person. Per pair, so one person's mistakes (or an attacker's) at a venue lock only
# that identifier from that address; the owner still gets in with a reset link (which also
# clears the account's lockouts) or with another of their identifiers.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_USERNAME_CALLABLE = "content.people.backends.throttle_key"
AXES_HANDLER = "content.people.backends.LoginThrottleHandler"
LOGIN_FAILURES_PER_IDENTIFIER = env_int("LOGIN_FAILURES_PER_IDENTIFIER", 30)

# Answers that tell whether a NIP, NIK or email is registered (sign-up, Tambah NIP, changing the
# email in Akun saya), per hour, in one budget all those forms share (content/people/lookups.py).
# Only answers that looked an identifier up count, so mistakes in other fields never do.
LOOKUPS_PER_ADDRESS = env_int("LOOKUPS_PER_ADDRESS", 30)
LOOKUPS_PER_IDENTIFIER = env_int("LOOKUPS_PER_IDENTIFIER", 10)
LOOKUPS_PER_ACCOUNT = env_int("LOOKUPS_PER_ACCOUNT", 10)

# The report desk (content/reports). Reports per hour from one address and per contact (email or
# phone): a viral hoax brings many reports from many people, one person rarely sends more. Status
# lookups by tracking code per address per hour. The form must be open at least this many seconds.
REPORTS_PER_ADDRESS = env_int("REPORTS_PER_ADDRESS", 20)
REPORTS_PER_CONTACT = env_int("REPORTS_PER_CONTACT", 10)
REPORT_LOOKUPS_PER_ADDRESS = env_int("REPORT_LOOKUPS_PER_ADDRESS", 30)
REPORT_MIN_FILL_SECONDS = env_int("REPORT_MIN_FILL_SECONDS", 3)
# SLA: a case should get its first response within these hours and be closed within these days;
# the queue marks cases past either limit.
REPORT_FIRST_RESPONSE_HOURS = env_int("REPORT_FIRST_RESPONSE_HOURS", 24)
REPORT_CLOSE_DAYS = env_int("REPORT_CLOSE_DAYS", 14)
# Reporters' contact details are erased this many days after their case closes.
REPORT_CONTACT_RETENTION_DAYS = env_int("REPORT_CONTACT_RETENTION_DAYS", 365)

# "Lupa kata sandi", per hour: links to one email from one address, to one email from anywhere,
# and requests from one address. Links already sent stay valid whatever happens after.
PASSWORD_RESETS_PER_EMAIL_AND_ADDRESS = env_int("PASSWORD_RESETS_PER_EMAIL_AND_ADDRESS", 3)
PASSWORD_RESETS_PER_EMAIL = env_int("PASSWORD_RESETS_PER_EMAIL", 10)
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 30)
# One reset flow for everyone, throttled as above: Wagtail's own admin reset form sends its
# email inside the request (a known address answers slower) and counts nothing.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Staff do not change their own login email in the admin's account page: it asked for no
# password, told no old address, and its "already registered" answered editors and moderators
# (who never see participants) whether any email had an account. Superusers change it.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Behind TRUSTED_PROXY_COUNT reverse proxies (load balancers) that each append to
# X-Forwarded-For, the client's address is that header's entry that many places from the right;
# with 0 (the default) it is the connection's own address, which a client cannot forge. Set it
# to the number of proxies in front of gunicorn, never more. See content/base/clients.py.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "content.base.clients.client_address"
AXES_LOCKOUT_TEMPLATE = "people/lockout.html"
AXES_RESET_ON_SUCCESS = True

# Language and time.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# The project's Indonesian for the admin (what Wagtail's id_ID catalogue leaves in English); it
# takes precedence over the apps' catalogues.
LOCALE_PATHS = [BASE_DIR / "locale"]
# "8 Oktober 2024" rather than Django's abbreviated "8 Okt 2024".
FORMAT_MODULE_PATH = ["config.formats"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]

# Static files: whitenoise serves hashed, compressed files from the web process.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files have two homes (content/base/storages.py). PUBLIC: images and their renditions only,
# under MEDIA_URL from MEDIA_ROOT (or the public S3 bucket). PRIVATE, the default storage:
# certificates, bulk ZIPs, documents, uploaded imports and anything else, in a folder no URL
# maps to (or a private S3 bucket); views that check who asks send them
# (content/base/private_files.py). PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT, the static
# files or a web server's document root: `check` refuses the first two (lentera.E010).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
# With a front server (nginx) that sends private files itself: the internal location that maps
# to PRIVATE_MEDIA_ROOT, e.g. "/_private/". Empty: the web process streams them.
PRIVATE_MEDIA_ACCEL_PREFIX = env_str("PRIVATE_MEDIA_ACCEL_PREFIX", "")
# How long a signed URL to a file in the private S3 bucket stays valid.
PRIVATE_MEDIA_URL_SECONDS = env_int("PRIVATE_MEDIA_URL_SECONDS", 60)

STORAGES = {
    "default": {"BACKEND": "content.base.storages.PrivateFileSystemStorage"},
    # No options: it follows MEDIA_ROOT and MEDIA_URL.
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible storage (AWS S3, MinIO, Cloudflare R2...) when a bucket is named: the
# public bucket for images, and a private bucket (blocking all public access) for the rest.
# Every web and worker process must see the same files, so with S3 the private bucket is
# required: `check --deploy` refuses S3 images with private files on local disk (lentera.E011).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
AWS_PRIVATE_STORAGE_BUCKET_NAME = env_str("AWS_PRIVATE_STORAGE_BUCKET_NAME", "")
_S3_OPTIONS = {
    "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
    "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
    "default_acl": None,
    "file_overwrite": False,
}
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["public"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3_OPTIONS,
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", "") or None,
            # Signed image URLs work whether or not the bucket allows public reads.
            "querystring_auth": True,
        },
    }
if AWS_PRIVATE_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "content.base.s3_storages.PrivateS3Storage",
        "OPTIONS": {
            **_S3_OPTIONS,
            "bucket_name": AWS_PRIVATE_STORAGE_BUCKET_NAME,
            # Never a CDN: every URL is signed by S3 for one file and a short time.
            "custom_domain": None,
            "querystring_auth": True,
            "querystring_expire": PRIVATE_MEDIA_URL_SECONDS,
        },
    }

# Email: SMTP when EMAIL_HOST is set, the console otherwise.
EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Lentera Diskominfo <noreply@lentera.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Tasks: Wagtail 8 runs its background work through django-tasks. With TASK_WORKER=true they are
# queued in the database and run by `manage.py db_worker` (the Procfile's worker); without it they
# run inline, which suits the single-machine default.
TASK_WORKER = env_bool("TASK_WORKER", False)

# Certificates are signed (PAdES) with the office's key and certificate: a PKCS#12 file and its
# passphrase. `make run` creates a self-signed demo key at this default path, outside the
# repository; production points CERTIFICATE_SIGNING_P12 at the office's own file.
CERTIFICATE_SIGNING_P12 = env_str(
    "CERTIFICATE_SIGNING_P12", str(Path.home() / ".lentera" / "demo-signing.p12")
)
CERTIFICATE_SIGNING_PASSPHRASE = env_str("CERTIFICATE_SIGNING_PASSPHRASE", "lentera-demo")
# Finished bulk issues (their ZIP, and the list of who was refused and why, which names people)
# are deleted after this many days by `manage.py tend_bulk_issues`; the certificates stay.
BULK_ISSUE_KEEP_DAYS = env_int("BULK_ISSUE_KEEP_DAYS", 30)
# What an ASN is expected to train each year (PermenPAN-RB: 20 JP of competence development).
YEARLY_TRAINING_HOURS_TARGET = env_int("YEARLY_TRAINING_HOURS_TARGET", 20)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASK_WORKER
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Security: safe by default, loosened only in dev.py/test.py.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe /healthz over plain HTTP, often without X-Forwarded-Proto: a redirect to
# HTTPS would read as "down". The answer holds nothing private.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail's live preview shows the page in a same-origin iframe, so DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
if env_bool("BEHIND_PROXY", True):
    # The load balancer terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): scripts only from this site or with the response's
# nonce, so an injected <script> never runs; no plugins, no framing by other sites, forms post
# here only. Styles allow inline: Wagtail's admin sets style attributes. Media on S3 (or its CDN)
# and video embeds are the only other hosts.
_MEDIA_HOSTS = [
    f"https://{host}"
    for host in (
        env_str("AWS_S3_CUSTOM_DOMAIN", ""),
        f"{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com" if AWS_STORAGE_BUCKET_NAME else "",
    )
    if host
] + ([env_str("AWS_S3_ENDPOINT_URL")] if env_str("AWS_S3_ENDPOINT_URL", "") else [])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_MEDIA_HOSTS],
        "media-src": [SELF, *_MEDIA_HOSTS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [
            SELF,
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Powerful browser features nobody here needs: participants scan the check-in QR code with their
# phone's camera app, not in the page.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "magnetometer=(), gyroscope=(), accelerometer=()"
)

# Django's default would refuse large page edit forms in the Wagtail admin.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Lentera"
# The address the site is served on, e.g. https://lentera.example.go.id: scheme, host and, if
# not the scheme's own, port. `manage.py set_site_address` (the Procfile's release step, and
# `make run`) writes it on the default Wagtail Site, from which every absolute URL the site
# writes is made (content/base/site_address.py): QR codes, emails, sitemap, canonical links.
# `check --deploy` refuses a development address (lentera.E012). dev.py derives it from
# `make run`'s HOST and PORT.
SITE_URL = env_str("SITE_URL", "")
# Wagtail's own emails to staff (moderation) read this setting: the same address.
WAGTAILADMIN_BASE_URL = site_root_url(SITE_URL) if SITE_URL else "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # PostgreSQL full-text search on PostgreSQL, a portable fallback on SQLite.
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "indonesian",
    }
}
# Uploads: no SVG (it can carry scripts), documents limited to office formats and a size cap.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Decoding costs memory by the pixel (a 50 MP photo is 150-200 MB), not by the byte: a 50 KB
# PNG can claim 2 gigapixels. Wagtail refuses uploads above this (frames included); Pillow is
# set to the same figure (content/base/apps.py) and refuses to open anything above twice it.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 50_000_000)
# Frames of an animated GIF/WebP/PNG counted at upload (Wagtail's Pillow backend counts one).
IMAGE_MAX_FRAMES = env_int("IMAGE_MAX_FRAMES", 200)
WAGTAILIMAGES_IMAGE_FORM_BASE = "content.base.image_uploads.LenteraImageForm"

# Uploaded files are parsed with their counts bounded, then in a child process whose memory
# and CPU time the kernel caps (content/base/isolated.py): a runaway is stopped there with an
# Indonesian message and never takes a web process or the task worker down.
UPLOAD_PARSE_MEMORY_MB = env_int("UPLOAD_PARSE_MEMORY_MB", 1024)
UPLOAD_PARSE_CPU_SECONDS = env_int("UPLOAD_PARSE_CPU_SECONDS", 120)
# What an uploaded spreadsheet (the imports: content/base/spreadsheets.py) may hold. The XLSX
# counts are made while streaming its XML (content/base/xlsx_check.py) before openpyxl sees it.
SPREADSHEET_LIMITS = {
    "rows": env_int("SPREADSHEET_MAX_ROWS", 50_000),
    "columns": 60,  # columns read; cells further right are ignored
    "cell_characters": 2_000,
    # Per row, cells a sheet (or a CSV line) may hold at all: Excel's own maximum.
    "cells_per_row": 16_384,
    # Cell elements of every sheet: 50,000 rows of 60, and room for formatted empty cells.
    "cells": 5_000_000,
    "unpacked_bytes": 150 * 1024 * 1024,
    "zip_members": 500,
    # Unpacked / packed size of one zip member of more than 1 MB. Real sheets pack 5-20 to 1;
    # the 33 KB files that unpack to a million styles or strings pack 300-400 to 1.
    "compression_ratio": 100,
    "styles": 20_000,  # cell formats, fonts, fills, borders, number formats... together
    "shared_strings": 500_000,
    "sheets": 100,
    "xml_depth": 64,  # OOXML nests about 12 deep
    "xml_elements": 20_000_000,  # in all the parts together (a full sheet is about 10 million)
}
# What a PDF uploaded to /sertifikat/verifikasi/ may hold (content/certificates/uploaded_pdf.py).
# A Lentera certificate has one page, about 40 objects and two revisions.
CERTIFICATE_UPLOAD_LIMITS = {
    "bytes": 10 * 1024 * 1024,
    "pages": 20,
    "objects": 5_000,
    "revisions": 10,
    "memory_mb": env_int("CERTIFICATE_UPLOAD_MEMORY_MB", 512),
    "cpu_seconds": env_int("CERTIFICATE_UPLOAD_CPU_SECONDS", 20),
}
WAGTAILIMAGES_IMAGE_MODEL = "base.LenteraImage"
# Images are public; their renditions too (content/base/storages.py).
WAGTAILIMAGES_RENDITION_STORAGE = "public"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send staff email hashes to a third party, and break offline.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Every handler redacts NIP, NIK, email addresses and phone numbers from what it writes (the
# message, its arguments and any traceback), and adds the method and user id to request errors.
# Django's own "django" handlers are dropped: its errors reach the root handler once (not also
# Django's debug console), and never the admins' email, which would carry the POSTed data.
# production.py adds one line per request (content/base/request_log.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "content.base.log_filters.RequestContext"},
        "redact_personal_data": {"()": "content.base.log_filters.RedactPersonalData"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_context", "redact_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per task state change is noise; failures still show as warnings and errors.
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Page created/edited/published lines: the same events are in Wagtail's audit log.
        "wagtail": {"level": "WARNING"},
        # WeasyPrint reports each rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
