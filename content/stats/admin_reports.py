"""The reports (coverage per agency, coverage per topic, per session, per participant), each
exporting CSV and XLSX. To be filled in."""


def get_urls():
    return []


def menu_items():
    return []
