from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.articles.models import (
    ArticleIndexPage,
    ArticlePage,
    FactCheckIndexPage,
    FactCheckPage,
)
from content.base.models import HomePage


class TestWherePagesMayLive(WagtailPageTestCase):
    def test_home_page_lives_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_the_two_sections(self):
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanCreateAt(HomePage, FactCheckIndexPage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, FactCheckPage)

    def test_articles_live_only_under_the_materials_index(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})

    def test_fact_checks_live_only_under_the_fact_check_index(self):
        self.assertAllowedParentPageTypes(FactCheckPage, {FactCheckIndexPage})
        self.assertAllowedSubpageTypes(FactCheckIndexPage, {FactCheckPage})

    def test_publications_have_no_children(self):
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedSubpageTypes(FactCheckPage, set())
