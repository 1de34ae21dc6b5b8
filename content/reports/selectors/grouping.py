"""How many reported a case, for every list and screen that shows cases."""

from django.db.models import Count, Q


def with_report_counts(queryset):
    """Cases annotated with `report_count` (reports filed under the case) and `reporter_count`
    (the people who sent them: a participant's reports count once, each anonymous report as a
    person, as nothing tells two anonymous reporters apart without their contact details).
    One query, grouped by case; a case with no report counts 0."""
    return queryset.annotate(
        report_count=Count("reports", distinct=True),
        reporter_count=Count("reports__reporter", distinct=True)
        + Count("reports", filter=Q(reports__reporter__isnull=True), distinct=True),
    )
