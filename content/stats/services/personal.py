"""What the statistics hold about one person: their literacy scores, erased with their data."""

from content.stats.models import PersonLiteracy


def person_literacy_erase(*, participant):
    """Delete every literacy score of `participant` (the erasure of their personal data). The
    index's cells are aggregates; the next run computes them without the person's account."""
    PersonLiteracy.objects.filter(participant=participant).delete()
