"""What "Akun saya" and the personal-data download show of each app.

People's own data (profile, contacts, erasure requests) lives here, but sessions, quiz attempts
and certificates belong to apps above this one, which this app must not import. Each of those
apps registers a section from its ``wagtail_hooks.py``:

    @hooks.register(ACCOUNT_SECTION_HOOK)
    def sessions_section():
        return AccountSection(key="sosialisasi", title="Sosialisasi", ...)

and both screens show every registered section, in `order`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

ACCOUNT_SECTION_HOOK = "register_account_section"


@dataclass(frozen=True)
class AccountSection:
    # The key of this section in the JSON download ("sosialisasi").
    key: str
    # The heading in Akun saya.
    title: str
    # Rendered inside Akun saya with `items` (possibly empty) in its context.
    template: str
    # user -> what Akun saya lists (the person's own records only).
    items: Callable
    # user -> JSON-ready data for the download (UU 27/2022).
    export: Callable
    # user -> None: clears what this app holds about the person when their data is erased.
    erase: Callable | None = None
    order: int = 100


def account_sections():
    return sorted((hook() for hook in hooks.get_hooks(ACCOUNT_SECTION_HOOK)), key=_order)


def _order(section):
    return section.order, section.key
