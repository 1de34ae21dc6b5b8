from django.db import models
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel

from content.articles import selectors as article_selectors
from content.base import reader_cache
from content.base.models import BasePage, SiteRoot
from content.base.site_address import absolute_url
from content.quizzes import links as quiz_links


class HomePage(SiteRoot, BasePage):
    hero_title = models.CharField(
        "judul utama", max_length=200, default="Cerdas bermedia, bijak berbagi"
    )
    hero_text = models.TextField("teks pembuka", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("hero_title"), FieldPanel("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "beranda"

    def get_sitemap_urls(self, request=None):
        """The home page, and /kuis/ (a view, not a page) at the same address."""
        urls = super().get_sitemap_urls(request)
        urls.append({"location": absolute_url(reverse("quizzes:index"))})
        return urls

    def get_context(self, request, *args, **kwargs):
        reader_cache.share_with_readers(request, self)
        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when their shared fragment is not cached (home_page.html).
        context["latest_articles"] = SimpleLazyObject(
            lambda: article_selectors.latest_articles(limit=6)
        )
        context["latest_fact_checks"] = SimpleLazyObject(
            lambda: article_selectors.latest_fact_checks(limit=4)
        )
        context["topics"] = SimpleLazyObject(article_selectors.topics_with_counts)
        context["featured_quizzes"] = quiz_links.featured_quizzes(request)
        return context
