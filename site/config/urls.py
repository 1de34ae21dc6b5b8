from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from content.articles import views as article_views
from content.base import health, page_cache, public_media
from content.base.storages import PUBLIC
from content.home import views as home_views
from content.training import views as training_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document URLs, served from the private storage (content/base/documents.py).
    path("documents/", include("content.base.documents")),
    path("akun/", include("content.people.urls")),
    path("cari/", article_views.search, name="search"),
    path("kuis/", include("content.quizzes.urls")),
    path("sertifikat/", include("content.certificates.urls")),
    path("data-terbuka/", include("content.stats.urls")),
    path("lapor/", include("content.reports.urls")),
    # A long sitemap's pages are ?p=2...: the one parameter its copies are keyed on.
    path("sitemap.xml", page_cache.query_params("p")(sitemap), name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # Check-in: the QR code's URL (written in capitals, see checkin_tokens) and the typed code.
    re_path(
        r"^[pP]/(?P<token>[0-9A-Za-z-]{3,24})/$", training_views.checkin_scan, name="checkin_scan"
    ),
    path("presensi/", training_views.checkin_code, name="checkin_code"),
]

if isinstance(storages[PUBLIC], FileSystemStorage):
    # Without S3, the web process serves public images itself, and only them: every path under
    # /media/ reaches the handler, which answers 404 unless it names an image file inside the
    # images folders. Private files (certificates, documents, imports) are in another folder no
    # URL maps to, sent by the views that check who asks.
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            public_media.serve,
            name="public_media",
        )
    )

urlpatterns.append(path("", include(wagtail_urls)))
