"""The main navigation in every page's header, filled from above: base renders it
(templates/includes/header.html), and each app registers its items from its wagtail_hooks.py, as
Akun saya's sections are (content/people/account.py), so base names no URL of a higher app:

    @hooks.register(SITE_MENU_HOOK)
    def quizzes_menu_item():
        return SiteMenuItem(order=40, label="Kuis", url=reverse("quizzes:index"),
                            current_prefix="/kuis/")

An item that depends on the reader ("Akun saya" or "Masuk") names a personal part instead
(content/base/reader_cache.py), rendered per request: `SiteMenuItem(order=100,
personal="people.account_menu")`. Items are shown in `order`.
"""

from dataclasses import dataclass

from wagtail import hooks

SITE_MENU_HOOK = "register_site_menu_item"


@dataclass(frozen=True)
class SiteMenuItem:
    order: int
    label: str = ""
    url: str = ""
    # The item is the current page's (aria-current="page") when the path starts with
    # `current_prefix`, or is `current_path`.
    current_prefix: str = ""
    current_path: str = ""
    # The name of a personal part rendered in the item's place.
    personal: str = ""

    def is_current(self, path):
        if self.current_prefix and path.startswith(self.current_prefix):
            return True
        return bool(self.current_path) and path == self.current_path


def site_menu_items():
    return sorted((hook() for hook in hooks.get_hooks(SITE_MENU_HOOK)), key=_order)


def _order(item):
    return item.order, item.label
