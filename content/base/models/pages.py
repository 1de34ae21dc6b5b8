from django.db import models
from wagtail.admin.panels import FieldPanel

from content.base.models.mixins import BasePage


class HomePage(BasePage):
    hero_title = models.CharField(
        "judul utama", max_length=200, default="Cerdas bermedia, bijak berbagi"
    )
    hero_text = models.TextField("teks pembuka", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("hero_title"), FieldPanel("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "beranda"

    def get_context(self, request, *args, **kwargs):
        from content.articles import selectors

        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = selectors.latest_articles(limit=6)
        context["latest_fact_checks"] = selectors.latest_fact_checks(limit=4)
        context["topics"] = selectors.topics_with_counts()
        return context
