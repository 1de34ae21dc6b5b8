"""The report desk in the admin. Each screen registers its own hooks in its module; importing them
here is what makes Wagtail load them. The site menu's "Lapor hoaks" link is registered here."""

from django.urls import reverse
from wagtail import hooks

from content.base.site_menu import SITE_MENU_HOOK, SiteMenuItem
from content.reports import (  # noqa: F401 (each registers its hooks)
    admin_cases,
    admin_factcheck,
    admin_partner,
    admin_summary,
)


@hooks.register(SITE_MENU_HOOK)
def report_menu_item():
    """The public report form, in every page's header."""
    return SiteMenuItem(
        order=60, label="Lapor hoaks", url=reverse("reports:form"), current_prefix="/lapor/"
    )
