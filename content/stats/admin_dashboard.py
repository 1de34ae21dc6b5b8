"""The statistics dashboard in the admin. To be filled in."""


def get_urls():
    return []


def menu_items():
    return []
