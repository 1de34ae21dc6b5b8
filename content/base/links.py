"""A link one app adds to another app's page through a hook (a quiz on an article or a
session page), so the page's app never imports the app that adds it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageLink:
    label: str
    url: str
    note: str = ""
