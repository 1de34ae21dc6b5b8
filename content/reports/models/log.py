from django.db import models
from wagtail.models import BaseLogEntry
from wagtail.models.audit_log import ModelLogEntryManager

TRIAGE_PERMISSION = "reports.triage_case"


class CaseLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        """Only the desk reads the desk's log. Wagtail's own rule (any permission on the model)
        would show the partner, who holds view_case for forwarded cases only, the history of
        every case in the admin's Site history report: reasons, answers, who looked at contacts.
        """
        if user.is_superuser or user.has_perm(TRIAGE_PERMISSION):
            return self.all()
        return self.none()


class CaseLogEntry(BaseLogEntry):
    """The desk's audit log (status changes, assignments, views of personal data, forwarding,
    fact-checks): Wagtail's log, kept in its own table so it has its own reader rule. Wagtail
    writes here for cases, reports and screenshots (registered in admin_cases.py)."""

    object_id = models.CharField(max_length=255, blank=False, db_index=True)

    objects = CaseLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "log kasus aduan"
        verbose_name_plural = "log kasus aduan"

    def __str__(self):
        return f"Log aduan {self.pk}: {self.action} #{self.object_id}"
