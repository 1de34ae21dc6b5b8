"""What materials and fact-checks have in common: the listing index and the publication fields."""

import datetime

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.search import index

from content.base import page_views, reader_cache
from content.base.models import BasePage, SectionPage


def today():
    return timezone.localdate()


class Publication(BasePage):
    """Fields shared by ArticlePage and FactCheckPage. Concrete pages add their own `tags`."""

    summary = models.TextField(
        "ringkasan", max_length=400, help_text="Satu atau dua kalimat untuk daftar dan pratinjau."
    )
    topic = models.ForeignKey(
        "articles.Topic",
        verbose_name="topik",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    listing_image = models.ForeignKey(
        "base.LenteraImage",
        verbose_name="gambar utama",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_date = models.DateField("tanggal terbit", default=today)
    author_name = models.CharField("penulis", max_length=120, blank=True)

    meta_panels = [
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("tags"),
                FieldPanel("published_date"),
                FieldPanel("author_name"),
            ],
            heading="Klasifikasi",
        )
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.RelatedFields("topic", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("published_date"),
    ]

    class Meta:
        abstract = True

    def get_social_image(self):
        return self.social_image or self.listing_image

    def get_context(self, request, *args, **kwargs):
        reader_cache.share_with_readers(request, self)
        context = super().get_context(request, *args, **kwargs)
        # Related publications, and a fact-check's ClaimReview: registered by articles/views.py.
        return page_views.fill_context(self, request, context)

    @property
    def published_datetime(self):
        midnight = datetime.time(tzinfo=timezone.get_current_timezone())
        return datetime.datetime.combine(self.published_date, midnight)


class PublicationIndexPage(RoutablePageMixin, SectionPage):
    """A paginated, filterable listing of its children, with tag, topic and feed routes."""

    intro = RichTextField("pengantar", blank=True, features=["bold", "italic", "link"])

    content_panels = [*SectionPage.content_panels, FieldPanel("intro")]

    per_page = 12

    class Meta:
        abstract = True

    @property
    def query_params(self):
        """The filters and page number a listing reads (the page cache keys on these alone)."""
        audience = ("audiens",) if hasattr(self.listing_model(), "audience") else ()
        return ("topik", "tag", *audience, "halaman")

    def listing_model(self):
        """The child page type this index lists."""
        raise NotImplementedError

    @classmethod
    def get_subpage_urls(cls):
        # The listing and its topic, tag and feed routes: registered by articles/views.py.
        return (*page_views.routes(cls), *super().get_subpage_urls())
