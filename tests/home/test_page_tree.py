from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.articles.models import (
    ArticleIndexPage,
    ArticlePage,
    FactCheckIndexPage,
    FactCheckPage,
)
from content.home.models import HomePage
from content.training.models import SessionIndexPage, SessionPage

SECTIONS = {ArticleIndexPage, FactCheckIndexPage, SessionIndexPage}


class TestWherePagesMayLive(WagtailPageTestCase):
    def test_home_page_lives_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_the_three_sections_and_nothing_else(self):
        self.assertAllowedSubpageTypes(HomePage, SECTIONS)

    def test_sections_live_only_under_the_home_page(self):
        for section in SECTIONS:
            self.assertAllowedParentPageTypes(section, {HomePage})

    def test_a_section_cannot_be_made_at_the_root(self):
        self.assertCanNotCreateAt(Page, ArticleIndexPage)
        self.assertCanNotCreateAt(Page, SessionIndexPage)

    def test_each_section_holds_only_its_own_pages(self):
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(FactCheckIndexPage, {FactCheckPage})
        self.assertAllowedSubpageTypes(SessionIndexPage, {SessionPage})

    def test_pages_in_sections_have_no_children(self):
        for model in (ArticlePage, FactCheckPage, SessionPage):
            self.assertAllowedSubpageTypes(model, set())
