from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "content.base"
    label = "base"
    verbose_name = "Situs"

    def ready(self):
        from wagtail.models import PageViewRestriction, Site

        # personal_parts registers the parts of the frame that are each reader's own.
        from content.base import (  # noqa: F401
            checks,
            csp,
            exports,
            page_cache,
            permissions,
            personal_parts,  # noqa: F401
            reader_cache,
        )
        from content.base.models import SiteSettings

        csp.install()
        exports.install()
        permissions.connect(sender=self)
        page_cache.connect_page_signals()
        reader_cache.connect_permission_signals()
        # Settings appear on every page (header, footer). Their row is created with defaults on
        # first read, which changes nothing visible.
        page_cache.invalidate_on_change(SiteSettings, when=lambda instance, created: not created)
        # Sites and view restrictions are looked up from the cache (routing.py), and pages
        # with a view restriction are never shared with readers (reader_cache.py).
        page_cache.invalidate_on_change(Site)
        page_cache.invalidate_on_change(PageViewRestriction)
