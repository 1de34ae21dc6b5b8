"""A template's signatures and stamp are files in the private storage (models/templates.py). A
file no template names any more (replaced, cleared, or its template deleted) is deleted once
the change is committed: a copied template shares its original's files, so a file still named
by another template stays."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q

from content.certificates.models import CertificateTemplate
from content.certificates.models.templates import MARK_FIELDS


def template_mark_names(template):
    """The stored names of a template's signatures and stamp."""
    return {getattr(template, field).name for field in MARK_FIELDS if getattr(template, field)}


def template_marks_discard(*, names):
    """Delete the files of `names` that no template uses, after the transaction commits."""
    names = set(names)

    def discard():
        for name in sorted(names):
            used = Q()
            for field in MARK_FIELDS:
                used |= Q(**{field: name})
            if not CertificateTemplate.objects.filter(used).exists():
                default_storage.delete(name)

    if names:
        transaction.on_commit(discard)
