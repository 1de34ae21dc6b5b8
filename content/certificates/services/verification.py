"""Writes of certificate verification: the log of every verification asked for."""

from content.certificates.models import VerificationLookup

CODE_MAX_LENGTH = VerificationLookup._meta.get_field("code").max_length


def verification_record(*, verification, code="", by_upload=False):
    """Log a verification (a selectors.Verification: its result and certificate): the code as
    stored, or "" for what cannot be one (the log never keeps arbitrary input), cut to the
    field's length, and whether a PDF was uploaded. Returns the VerificationLookup."""
    return VerificationLookup.objects.create(
        code=code[:CODE_MAX_LENGTH],
        by_upload=by_upload,
        result=verification.result,
        certificate=verification.certificate,
    )
