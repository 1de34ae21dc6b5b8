from content.base.models.announced import AnnouncedModel
from content.base.models.images import LenteraImage, LenteraRendition
from content.base.models.imports import ImportJob
from content.base.models.mixins import Audience, AudienceMixin, BasePage
from content.base.models.pages import SectionPage, SiteRoot
from content.base.models.records import ChangeLogRecord, OperationalRecord
from content.base.models.settings import SiteSettings

__all__ = [
    "AnnouncedModel",
    "Audience",
    "ImportJob",
    "AudienceMixin",
    "BasePage",
    "ChangeLogRecord",
    "LenteraImage",
    "LenteraRendition",
    "OperationalRecord",
    "SectionPage",
    "SiteRoot",
    "SiteSettings",
]
