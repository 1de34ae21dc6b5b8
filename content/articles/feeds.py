"""RSS and Atom feeds of a publication index (materials or fact-checks). Every link is absolute
on the site's public address: Django's Feed would otherwise prefix the request's Host."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from content.articles import selectors
from content.base.site_address import absolute_url, page_url

FEED_LENGTH = 30


class PublicationRssFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} - Lentera"

    def link(self):
        return page_url(self.index_page)

    def feed_url(self):
        return absolute_url(self.request.path)

    def description(self):
        return self.index_page.search_description or f"Terbaru dari {self.index_page.title}"

    def items(self):
        model = self.index_page.listing_model()
        return selectors.publication_list(model=model, index_page=self.index_page)[:FEED_LENGTH]

    def item_title(self, item):
        # Fact-check titles name their verdict, whether or not the editor typed it.
        verdict = getattr(item, "get_verdict_display", None)
        if verdict is None or item.title.startswith(f"[{verdict()}]"):
            return item.title
        return f"[{verdict()}] {item.title}"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item)

    def item_pubdate(self, item):
        return item.published_datetime

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author_name or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class PublicationAtomFeed(PublicationRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
