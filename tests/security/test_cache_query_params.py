"""Unknown query parameters never reach a cache key. An attacker who appends `?x=1`, `?x=2`...
(or `utm_source`, `fbclid`, a cache buster) must get the one cached copy of the page, not a
fresh render per value: otherwise a loop empties the cache and loads the server, and whatever
the first request carried could end up inside the copy everyone is served.

Renders are counted, not timed: a page served from the cache costs no database query and says
so in its header; a rendered one costs queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from content.base.page_cache import CACHE_HEADER
from content.base.reader_cache import READER_HIT
from tests.factories.articles import ArticlePageFactory, TopicFactory
from tests.factories.people import ParticipantFactory
from tests.factories.users import editor

pytestmark = pytest.mark.django_db

# What attackers and trackers append: each value must change nothing.
JUNK = [
    "x=1",
    "x=2",
    "utm_source=wa&utm_medium=grup",
    "fbclid=IwAR0abc",
    "cachebuster=98761234",
    "x=%00",
    "x=" + "a" * 500,
    "halaman_=2",
    "TOPIK=netralitas",
    "x=1&x=2&y=3",
]


@pytest.fixture
def published(site_tree):
    topic = TopicFactory(name="Netralitas", slug="netralitas")
    pages = []
    for number in range(14):  # more than a listing's page: pagination links are drawn
        page = ArticlePageFactory(
            parent=site_tree.materials, title=f"Materi nomor {number}", topic=topic
        )
        page.save_revision().publish()
        pages.append(page)
    return pages


def _served(client, url):
    """(cache header, number of queries) of one GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get(CACHE_HEADER), len(queries), response


def _join(url, query):
    return f"{url}{'&' if '?' in url else '?'}{query}"


PAGES = [
    "/",
    "/materi/",
    "/materi/?halaman=2",
    "/materi/?topik=netralitas",
    "/materi/topik/netralitas/",
    "/cek-fakta/",
    "/cari/?q=materi",
    "/data-terbuka/",
    "/data-terbuka/metadata.json",
]


class TestAnonymousVisitors:
    @pytest.mark.parametrize("url", PAGES)
    def test_unknown_parameters_are_served_from_the_one_copy(
        self, client, cache_on, published, url
    ):
        first, _, page = _served(client, url)
        assert first == "miss"
        for junk in JUNK:
            header, queries, response = _served(client, _join(url, junk))
            assert (header, queries) == ("hit", 0), junk
            assert response.content == page.content

    def test_an_article_too(self, client, cache_on, published):
        url = published[0].url
        _served(client, url)
        for junk in JUNK:
            assert _served(client, _join(url, junk))[:2] == ("hit", 0)

    def test_the_first_request_with_junk_renders_once_for_every_later_value(
        self, client, cache_on, published
    ):
        # No copy yet: the first request renders (nothing is known about the page), stores the
        # copy under the page's own key, and every later value finds it, the bare URL too.
        assert _served(client, "/materi/?x=pertama")[0] == "miss"
        assert _served(client, "/materi/?x=kedua")[:2] == ("hit", 0)
        assert _served(client, "/materi/")[:2] == ("hit", 0)

    def test_junk_never_ends_up_inside_the_shared_copy(self, client, cache_on, published):
        # The listing's pagination links repeat the query: a parameter the page does not read
        # must not be repeated into the copy the next visitor gets.
        _, _, poisoned = _served(client, "/materi/?jebakan=RACUN123&topik=netralitas")
        assert b"RACUN123" not in poisoned.content
        assert b"halaman=2" in poisoned.content  # the links are there, without it
        header, _, later = _served(client, "/materi/?topik=netralitas")
        assert header == "hit" and b"RACUN123" not in later.content

    def test_known_parameters_still_choose_the_page(self, client, cache_on, published):
        _, _, first = _served(client, "/materi/")
        header, _, second = _served(client, "/materi/?halaman=2&x=1")
        assert header == "miss"  # another page of the listing: its own copy
        assert second.content != first.content
        assert _served(client, "/materi/?x=9&halaman=2")[:2] == ("hit", 0)

    def test_the_order_of_known_parameters_does_not_matter(self, client, cache_on, published):
        _served(client, "/materi/?topik=netralitas&halaman=2")
        assert _served(client, "/materi/?halaman=2&topik=netralitas")[:2] == ("hit", 0)

    def test_a_parameter_a_page_does_not_read_is_ignored_there(self, client, cache_on, published):
        # `q` chooses the search results, but means nothing to a listing.
        _served(client, "/materi/")
        assert _served(client, "/materi/?q=apa-saja")[:2] == ("hit", 0)
        _served(client, "/cari/?q=materi")
        assert _served(client, "/cari/?q=materi&topik=netralitas")[:2] == ("hit", 0)


class TestReaders:
    """Logged-in participants share one copy per page (reader_cache.py): same rule."""

    @pytest.mark.parametrize("url", ["/", "/materi/", "/materi/?halaman=2"])
    def test_unknown_parameters_are_served_from_the_one_copy(self, settings, published, url):
        settings.READER_CACHE_SECONDS = 600
        reader = Client()
        reader.force_login(ParticipantFactory())
        reader.get(url)
        for junk in JUNK:
            response = reader.get(_join(url, junk))
            assert response[CACHE_HEADER] == READER_HIT, junk
            assert b"RACUN" not in response.content

    def test_junk_never_ends_up_inside_the_shared_copy(self, settings, published):
        settings.READER_CACHE_SECONDS = 600
        first, second = Client(), Client()
        first.force_login(ParticipantFactory())
        second.force_login(ParticipantFactory())
        assert b"RACUN123" not in first.get("/materi/?jebakan=RACUN123").content
        later = second.get("/materi/")
        assert later[CACHE_HEADER] == READER_HIT and b"RACUN123" not in later.content


class TestFragments:
    def test_staff_with_junk_read_the_listings_cached_fragment(self, published):
        # Staff get pages rendered whole, but the listing inside is a cached fragment keyed on
        # the parameters the listing reads: a random parameter must not make a fragment each.
        client = Client()
        client.force_login(editor())

        def count(url):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            return len(queries)

        count("/materi/")
        warm = count("/materi/")
        for junk in JUNK[:4]:
            assert count(_join("/materi/", junk)) == warm, junk


class TestTheRealQueryOutsideTheView:
    def test_a_redirect_for_an_old_url_with_a_query_still_works(self, client, cache_on, site_tree):
        # Wagtail's redirects look at the request's query on a 404: they must see the real
        # one, not the (empty) one the page cache shows an undeclaring view.
        from wagtail.contrib.redirects.models import Redirect

        Redirect.objects.create(old_path="/berita-lama?id=5", redirect_link="/materi/")
        response = client.get("/berita-lama?id=5")
        assert response.status_code in (301, 302)
        assert response["Location"] == "/materi/"
