"""Exact query counts of the pages every reader opens: an article, a fact-check, /materi/, the
home page and a session page, for a visitor and for a logged-in participant, rendered (page
cache and reader cache off), and served from the copy each cache keeps.

Each count is taken on the second request: the first fills what a web process keeps for its
lifetime (Wagtail's site root paths, the first look at the cache's generation)."""

import pytest
from django.test import Client

from content.base.page_cache import CACHE_HEADER
from content.training import services
from tests.factories.articles import ArticlePageFactory, FactCheckPageFactory, TopicFactory
from tests.factories.images import ImageFactory
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory

pytestmark = pytest.mark.django_db

PAGES = ["article", "fact_check", "listing", "home", "session"]


@pytest.fixture
def site(site_tree):
    """A few of everything, so that every part of each page has something to show: topics,
    tags, images, related items, registrations."""
    topic = TopicFactory(name="Anti-Hoaks")
    pages = {}
    for number in range(4):
        article = ArticlePageFactory(
            parent=site_tree.materials, topic=topic, listing_image=ImageFactory()
        )
        article.tags.add("hoaks", f"tag-{number}")
        article.save_revision().publish()
        pages.setdefault("article", article)
        fact_check = FactCheckPageFactory(
            parent=site_tree.fact_checks, topic=topic, listing_image=ImageFactory()
        )
        fact_check.tags.add("hoaks")
        fact_check.save_revision().publish()
        pages.setdefault("fact_check", fact_check)
    session = SessionPageFactory(parent=site_tree.sessions, capacity=20, topic=topic)
    session.save_revision().publish()
    for _ in range(3):
        services.registration_create(session=session, participant=ParticipantFactory())
    return {
        "article": pages["article"].url,
        "fact_check": pages["fact_check"].url,
        "listing": "/materi/",
        "home": "/",
        "session": session.url,
    }


@pytest.fixture
def participant():
    return ParticipantFactory()


def _count(client, url, django_assert_num_queries, expected, header=None):
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    assert response.get(CACHE_HEADER) == header


# Rendered: page cache and reader cache off (the test settings). The site, the route, the view
# restrictions and the site settings come from the cache (content/base/routing.py), and so do the
# parts every reader shares ({% cache ... page_generation %}: header, body, tags, related items,
# topics, listings), so what is left is the page itself (one query, by id, with its topic and
# images) and what may change without a publish:
RENDERED_FOR_A_VISITOR = {
    "article": 2,  # the page; its quizzes (quizzes' link hook)
    "fact_check": 1,  # the page
    "listing": 1,  # the index page
    "home": 2,  # (the home page is the site's root, cached with it); featured quizzes (2)
    "session": 4,  # the page; seats taken, check-in state, pre- and post-test
}
# The same, plus the session and the user (2) and their permissions (2, for the Wagtail user bar),
# and on a session page their registration (1).
RENDERED_FOR_A_PARTICIPANT = {
    "article": 6,
    "fact_check": 5,
    "listing": 5,
    "home": 6,
    # The participant's own state (issue 19): the session's tests, their attempts and
    # certificates (certificates.selectors.session_states), 9 before it.
    "session": 13,
}
# Before (stock Wagtail routing, nothing shared): a visitor 18, 17, 15, 18, 15 and a participant
# 22, 21, 19, 22, 20 queries.
# From the reader cache: the session and the user (2; that they are a plain reader is kept in the
# cache with the copy), and on a session page their registration and their own state: the page,
# the session's tests, their attempts and certificates (5; 1 before issue 19's state).
SHARED_COPY_FOR_A_PARTICIPANT = {
    "article": 2,
    "fact_check": 2,
    "listing": 2,
    "home": 2,
    "session": 7,
}


@pytest.mark.parametrize("page", PAGES)
class TestRendered:
    def test_for_a_visitor(self, client, site, page, django_assert_num_queries):
        _count(client, site[page], django_assert_num_queries, RENDERED_FOR_A_VISITOR[page])

    def test_for_a_participant(self, client, site, participant, page, django_assert_num_queries):
        client.force_login(participant)
        _count(client, site[page], django_assert_num_queries, RENDERED_FOR_A_PARTICIPANT[page])


@pytest.mark.parametrize("page", PAGES)
class TestFromTheCache:
    def test_for_a_visitor(self, client, cache_on, site, page, django_assert_num_queries):
        _count(client, site[page], django_assert_num_queries, 0, header="hit")

    def test_for_a_participant(self, settings, site, participant, page, django_assert_num_queries):
        settings.READER_CACHE_SECONDS = 600
        # Another reader's view stored the copy; this reader's first view (in _count) found out
        # that they are a plain reader.
        other = Client()
        other.force_login(ParticipantFactory())
        other.get(site[page])
        client = Client()
        client.force_login(participant)
        expected = SHARED_COPY_FOR_A_PARTICIPANT[page]
        _count(client, site[page], django_assert_num_queries, expected, header="reader-hit")
