from django.apps import AppConfig
from django.conf import settings
from PIL import Image as PILImage


class BaseConfig(AppConfig):
    name = "content.base"
    label = "base"
    verbose_name = "Situs"

    def ready(self):
        from wagtail.models import PageViewRestriction, Site

        from content.base import (  # noqa: F401
            changes,
            checks,
            csp,
            exports,
            field_bounds,
            forms_guard,
            page_cache,
            permissions,
            reader_cache,
            tasks,  # registers its background tasks (task_queue.py)
            text_rules,
        )
        from content.base.models import SiteSettings

        # Pillow refuses to open an image of more than twice MAX_IMAGE_PIXELS (and only warns
        # above it): at half the upload limit, whatever opens an image (renditions,
        # certificate backgrounds, Wagtail's avatar resizing) refuses one of more pixels than
        # an upload may have (content/base/image_uploads.py).
        PILImage.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 2
        csp.install()
        exports.install()
        forms_guard.install()
        # Every form text field needs visible characters (not only zero-width ones).
        text_rules.install()
        # Dates and record ids a form accepts are ones the database and the clock can hold.
        field_bounds.install()
        permissions.connect(sender=self)
        page_cache.connect_page_signals()
        reader_cache.connect_permission_signals()
        # Settings appear on every page (header, footer). Their row is created with defaults on
        # first read, which changes nothing visible.
        page_cache.invalidate_on_change(SiteSettings, when=lambda instance, created: not created)
        # Sites and view restrictions are looked up from the cache (routing.py), and pages
        # with a view restriction are never shared with readers (reader_cache.py). Only
        # Wagtail's own screens write them: their model signals are the announcement.
        changes.announce_saves_of(Site)
        changes.announce_saves_of(PageViewRestriction)
        page_cache.invalidate_on_change(Site)
        page_cache.invalidate_on_change(PageViewRestriction)
