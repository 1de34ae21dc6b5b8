import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (real concurrency) run in CI's PostgreSQL pass, not on SQLite."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL; CI's PostgreSQL pass runs it")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the page cache lives there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """Home page as the default site's root, with the materials and fact-check sections."""
    from types import SimpleNamespace

    from wagtail.models import Page, Site

    from tests.factories.articles import (
        ArticleIndexPageFactory,
        FactCheckIndexPageFactory,
        HomePageFactory,
    )

    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.filter(is_default_site=True).update(root_page=home)
    return SimpleNamespace(
        home=home,
        materials=ArticleIndexPageFactory(parent=home),
        fact_checks=FactCheckIndexPageFactory(parent=home),
    )


@pytest.fixture
def sessions(site_tree):
    """The sessions index under the home page."""
    from tests.factories.training import SessionIndexPageFactory

    return SessionIndexPageFactory(parent=site_tree.home)
