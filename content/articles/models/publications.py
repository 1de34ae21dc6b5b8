"""What materials and fact-checks have in common: the listing index and the publication fields."""

import datetime

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

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
        from content.articles import selectors
        from content.base import reader_cache

        reader_cache.share_with_readers(request, self)
        context = super().get_context(request, *args, **kwargs)
        # Lazy, as the lists below: read only when their shared fragment is not cached.
        context["related"] = SimpleLazyObject(lambda: selectors.related_publications(self))
        return context

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

    def _render_listing(self, request, *, topic=None, tag=None):
        from content.articles import selectors
        from content.base import page_cache, reader_cache

        reader_cache.share_with_readers(request, self)
        model = self.listing_model()
        filters = selectors.ListingFilters.from_query(
            request.GET, topic=topic, tag=tag, has_audience=hasattr(model, "audience")
        )
        pages = selectors.publication_list(model=model, index_page=self, filters=filters)
        page_number = request.GET.get("halaman")
        return self.render(
            request,
            context_overrides={
                # The fragment's key: the path and the parameters the listing reads, never
                # the raw query (an unknown parameter would make a fragment per value).
                "listing_key": request.path
                + "?"
                + page_cache.canonical_query(request.GET, self.query_params).urlencode(),
                # Lazy: a listing served from its cached fragment counts nothing.
                "listing": SimpleLazyObject(
                    lambda: selectors.paginate(pages, page_number, self.per_page)
                ),
                "filters": filters,
                "topics": SimpleLazyObject(selectors.topics_with_counts),
                "popular_tags": SimpleLazyObject(lambda: selectors.popular_tags(model=model)),
            },
        )

    @path("")
    def listing_view(self, request):
        return self._render_listing(request)

    @path("topik/<slug:slug>/", name="topic")
    def topic_view(self, request, slug):
        from content.articles.models import Topic

        return self._render_listing(request, topic=get_object_or_404(Topic, slug=slug))

    @path("tag/<slug:slug>/", name="tag")
    def tag_view(self, request, slug):
        from taggit.models import Tag

        return self._render_listing(request, tag=get_object_or_404(Tag, slug=slug))

    @path("rss/", name="rss")
    def rss_view(self, request):
        from content.articles.feeds import PublicationRssFeed

        return PublicationRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_view(self, request):
        from content.articles.feeds import PublicationAtomFeed

        return PublicationAtomFeed(self)(request)
