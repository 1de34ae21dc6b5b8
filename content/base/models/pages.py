"""Where top-level sections live, without naming the page type above them.

The home page is defined by the top app (`content.home`), which imports every other app. The
sections (materials, fact-checks, sessions) are defined lower down, so they cannot name the home
page in `parent_page_types` without pointing up the layers. Instead the home page declares that it
is a site root, and a section may live under any site root.
"""

from wagtail.models import get_page_models

from content.base import routing
from content.base.models.mixins import BasePage


class SiteRoot:
    """Mixin for the page type at the root of a site (the home page): it holds the sections.

    Every page request is routed from here: which page a path leads to is remembered per
    generation (content/base/routing.py), so a deep page costs one query instead of two per
    level."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        return routing.cached_route(self, request, path_components, super().route)

    @classmethod
    def clean_subpage_models(cls):
        return [model for model in get_page_models() if issubclass(model, SectionPage)]


class SectionPage(BasePage):
    """A top-level section of the site (/materi/, /cek-fakta/, /sesi/): one of each, directly
    under the site root."""

    max_count = 1

    class Meta:
        abstract = True

    @classmethod
    def clean_parent_page_models(cls):
        return [model for model in get_page_models() if issubclass(model, SiteRoot)]
