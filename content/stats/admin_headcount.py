"""Each agency's official headcount per year (AgencyHeadcount), entered or imported in the
admin. To be filled in."""


def get_urls():
    return []


def menu_items():
    return []


def viewsets():
    return []
