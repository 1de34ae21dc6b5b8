"""Numbers as Indonesian readers write them in messages: 50.000, not 50,000."""


def thousands(value):
    """A whole number with a dot between each group of three digits."""
    return f"{value:,}".replace(",", ".")
