"""Reads for the publishing side: listings, filters, search. Every listing runs a fixed number of
queries whatever its length: relations are joined or prefetched, never fetched per row."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from content.articles.models import ArticlePage, FactCheckPage, Topic
from content.base import routing
from content.base.models.mixins import Audience

# Rendition specs the listing templates use; prefetched so a card costs no query.
LISTING_RENDITION = "fill-640x360|format-webp"


@dataclass(frozen=True)
class ListingFilters:
    topic: Topic | None = None
    tag: Tag | None = None
    audience: str | None = None
    # The names of filters the query gave but the listing could not apply, said on the page.
    ignored: tuple = ()

    @property
    def active(self):
        return bool(self.topic or self.tag or self.audience)

    @property
    def audience_label(self):
        return Audience(self.audience).label if self.audience else ""


def _with_listing_relations(queryset):
    images = get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
    return queryset.select_related("topic").prefetch_related(
        "tags", Prefetch("listing_image", queryset=images)
    )


def publication_list(*, model, index_page=None, filters=None):
    """Live, public pages of `model` (under `index_page` when given), newest first."""
    pages = routing.public(model.objects.live())
    if index_page is not None:
        pages = pages.child_of(index_page)
    if filters is not None:
        if filters.topic:
            pages = pages.filter(topic=filters.topic)
        if filters.tag:
            pages = pages.filter(tags=filters.tag)
        if filters.audience:
            pages = pages.filter(audience=filters.audience)
    return _with_listing_relations(pages.order_by("-published_date", "-pk"))


def latest_articles(*, limit):
    return publication_list(model=ArticlePage)[:limit]


def latest_fact_checks(*, limit):
    return publication_list(model=FactCheckPage)[:limit]


def paginate(items, page_number, per_page):
    return Paginator(items, per_page).get_page(page_number)


def topics_with_counts():
    """Topics with the number of live materials and fact-checks in each, in one query."""
    live_articles = Q(articlepage__live=True)
    live_fact_checks = Q(factcheckpage__live=True)
    return Topic.objects.annotate(
        article_count=Count("articlepage", filter=live_articles, distinct=True),
        fact_check_count=Count("factcheckpage", filter=live_fact_checks, distinct=True),
    )


def popular_tags(*, model, limit=15):
    """The tags most used by live pages of `model`."""
    items = f"{model._meta.app_label}_{model._meta.model_name}tag_items"
    live = Q(**{f"{items}__content_object__live": True})
    return (
        Tag.objects.annotate(uses=Count(items, filter=live))
        .filter(uses__gt=0)
        .order_by("-uses", "name")[:limit]
    )


def related_publications(page, *, limit=3):
    """Other live pages of the same type sharing the topic, newest first."""
    pages = publication_list(model=type(page)).exclude(pk=page.pk)
    if page.topic_id:
        pages = pages.filter(topic_id=page.topic_id)
    return pages[:limit]


def search_publications(query):
    """Materials and fact-checks matching `query`, best first, as their specific page types."""
    if not query:
        return Page.objects.none()
    return (
        Page.objects.live()
        .public()
        .type(ArticlePage, FactCheckPage)
        .specific()
        .search(query, operator="and")
    )
