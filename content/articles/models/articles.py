from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content.articles.extensions import article_links
from content.articles.models.publications import Publication, PublicationIndexPage
from content.articles.reading_time import reading_minutes
from content.base.blocks import BodyBlock
from content.base.models import AudienceMixin


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleIndexPage(PublicationIndexPage):
    """The materials section at /materi/."""

    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = "indeks materi"

    def listing_model(self):
        return ArticlePage


class ArticlePage(AudienceMixin, Publication):
    """A literacy material: an article with text, images, video and downloads."""

    body = StreamField(BodyBlock(), verbose_name="isi")
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name="tag")
    reading_time = models.PositiveSmallIntegerField("waktu baca (menit)", default=1, editable=False)

    content_panels = [
        *Publication.content_panels,
        FieldPanel("summary"),
        FieldPanel("listing_image"),
        FieldPanel("body"),
        *AudienceMixin.panels,
        *Publication.meta_panels,
    ]
    search_fields = [*Publication.search_fields, index.SearchField("body")]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "materi"
        verbose_name_plural = "materi"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_links"] = article_links(self, request)
        return context

    def save(self, *args, **kwargs):
        # Derived, never typed: recomputed on every save so it cannot go stale.
        self.reading_time = reading_minutes(self.body, self.summary)
        super().save(*args, **kwargs)
