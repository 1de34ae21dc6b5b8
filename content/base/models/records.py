from django.db import models


class OperationalRecord(models.Model):
    """Rows written while the platform is used (registrations, attendance, attempts,
    certificates), as opposed to page content.

    Content never references them, so they stay out of Wagtail's reference index, which would
    otherwise add index writes to every check-in or quiz answer.
    """

    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True
