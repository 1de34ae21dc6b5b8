from urllib.parse import quote

import pytest

from tests.factories.articles import ArticlePageFactory
from tests.factories.images import ImageFactory

pytestmark = pytest.mark.django_db


class TestPublicPages:
    def test_404_speaks_indonesian(self, client, site_tree):
        response = client.get("/tidak-ada-halaman-ini/")
        assert response.status_code == 404
        assert "Halaman tidak ditemukan" in response.content.decode()

    def test_article_has_open_graph_tags_and_whatsapp_share_first(self, client, site_tree):
        page = ArticlePageFactory(
            parent=site_tree.materials,
            title="Kenali deepfake",
            summary="Video palsu buatan AI makin meyakinkan.",
            listing_image=ImageFactory(description="Wajah hasil rekayasa"),
        )
        html = client.get(page.url).content.decode()
        assert '<meta property="og:title" content="Kenali deepfake">' in html
        assert 'content="Video palsu buatan AI makin meyakinkan."' in html
        assert '<meta property="og:image" content="http://localhost/media/images/' in html
        share = html.split('class="share__list"')[1]
        assert share.index("wa.me") < share.index("facebook.com")
        assert f"https://wa.me/?text=Kenali%20deepfake%20{quote(page.full_url, safe='/')}" in html

    def test_article_dates_are_written_the_indonesian_way(self, client, site_tree):
        page = ArticlePageFactory(parent=site_tree.materials, published_date="2024-10-08")
        assert "8 Oktober 2024" in client.get(page.url).content.decode()

    def test_every_page_has_a_skip_link_and_landmarks(self, client, site_tree):
        html = client.get("/").content.decode()
        assert '<a class="skip-link" href="#konten">' in html
        assert '<main id="konten"' in html
        assert '<html lang="id">' in html

    def test_images_in_listings_carry_alt_text(self, client, site_tree):
        page = ArticlePageFactory(
            parent=site_tree.materials, listing_image=ImageFactory(description="Grup WhatsApp")
        )
        assert page.live
        assert 'alt="Grup WhatsApp"' in client.get("/materi/").content.decode()
