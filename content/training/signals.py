"""Reactions to content changes that operational records depend on."""

from content.training import services


def fill_seats_on_publish(sender, instance, **kwargs):
    """A session published with more seats gives them to the people waiting, in order."""
    services.registration_fill_seats(session=instance)
