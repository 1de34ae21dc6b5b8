from content.base.models.images import LenteraImage, LenteraRendition
from content.base.models.mixins import AudienceMixin, BasePage
from content.base.models.pages import HomePage
from content.base.models.settings import SiteSettings

__all__ = [
    "AudienceMixin",
    "BasePage",
    "HomePage",
    "LenteraImage",
    "LenteraRendition",
    "SiteSettings",
]
