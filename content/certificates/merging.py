"""Certificates' part in people's account merges, registered with people when the app is
ready (apps.py). The writes are certificates' services (services/merging.py: certificates
move as issued, a duplicate is revoked, never deleted); here only what one account holds, for
the merge screen."""

from django.db.models import Sum

from content.certificates.models import Certificate
from content.certificates.services.merging import certificates_merge
from content.people.merging import register_merge_handler


def certificate_records(user):
    """What one account holds, for the merge screen: its certificates and their JP (valid
    ones; revoked ones counted apart)."""
    held = Certificate.objects.filter(participant=user)
    valid = held.filter(revoked_at__isnull=True)
    hours = valid.aggregate(total=Sum("training_hours"))["total"] or 0
    revoked = held.count() - valid.count()
    return [("Sertifikat", f"{valid.count()} berlaku ({hours} JP), {revoked} dicabut")]


register_merge_handler(
    "certificates", certificates_merge, title="Sertifikat", records=certificate_records
)
