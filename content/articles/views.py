"""What serves the publishing side: search, and the views of its page models, registered with
content/base/page_views.py (the models import none of this): an index's listing with its topic,
tag and feed routes, an article's related publications and a fact-check's ClaimReview markup."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.functional import SimpleLazyObject
from taggit.models import Tag

from content.articles import selectors, structured_data
from content.articles.feeds import PublicationAtomFeed, PublicationRssFeed
from content.articles.forms import SearchForm, listing_filters
from content.articles.models import FactCheckPage, Topic
from content.articles.models.publications import Publication, PublicationIndexPage
from content.base import page_cache, page_views, reader_cache

RESULTS_PER_PAGE = 10


@page_cache.query_params("q", "halaman")
def search(request):
    query = SearchForm(request.GET).query
    results = selectors.search_publications(query)
    return TemplateResponse(
        request,
        "articles/search.html",
        {
            "query": query,
            "results": selectors.paginate(results, request.GET.get("halaman"), RESULTS_PER_PAGE),
        },
    )


def _render_listing(index, request, *, topic=None, tag=None):
    """A paginated, filterable listing of the index's children."""
    reader_cache.share_with_readers(request, index)
    model = index.listing_model()
    filters = listing_filters(
        request.GET, topic=topic, tag=tag, has_audience=hasattr(model, "audience")
    )
    pages = selectors.publication_list(model=model, index_page=index, filters=filters)
    page_number = request.GET.get("halaman")
    return index.render(
        request,
        context_overrides={
            # The fragment's key: the path and the parameters the listing reads, never
            # the raw query (an unknown parameter would make a fragment per value).
            "listing_key": request.path
            + "?"
            + page_cache.canonical_query(request.GET, index.query_params).urlencode(),
            # Lazy: a listing served from its cached fragment counts nothing.
            "listing": SimpleLazyObject(
                lambda: selectors.paginate(pages, page_number, index.per_page)
            ),
            "filters": filters,
            "topics": SimpleLazyObject(selectors.topics_with_counts),
            "popular_tags": SimpleLazyObject(lambda: selectors.popular_tags(model=model)),
        },
    )


def listing_view(index, request):
    return _render_listing(index, request)


def topic_view(index, request, slug):
    return _render_listing(index, request, topic=get_object_or_404(Topic, slug=slug))


def tag_view(index, request, slug):
    return _render_listing(index, request, tag=get_object_or_404(Tag, slug=slug))


def rss_view(index, request):
    return PublicationRssFeed(index)(request)


def atom_view(index, request):
    return PublicationAtomFeed(index)(request)


page_views.add_routes(
    PublicationIndexPage,
    [
        path("", listing_view, name="listing_view"),
        path("topik/<slug:slug>/", topic_view, name="topic"),
        path("tag/<slug:slug>/", tag_view, name="tag"),
        path("rss/", rss_view, name="rss"),
        path("atom/", atom_view, name="atom"),
    ],
)


@page_views.adds_context(Publication)
def related(page, request, context):
    # Lazy, as the listings: read only when its shared fragment is not cached.
    context["related"] = SimpleLazyObject(lambda: selectors.related_publications(page))


@page_views.adds_context(FactCheckPage)
def claim_review(page, request, context):
    context["claim_review"] = structured_data.claim_review(page, request)
