"""Writes for certificates: issuing by the rules, rendering and signing once, revoking."""

from content.certificates.services.issuing import (
    certificate_issue,
    certificate_render,
    certificate_revoke,
)

__all__ = ["certificate_issue", "certificate_render", "certificate_revoke"]
