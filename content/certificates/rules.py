"""The certificates' rules: who may have a certificate's PDF, and when a session's
certificate may be issued (below).

Who may have a certificate's PDF: the download view asks this and nothing else, and the
access table (tests/access/test_access.py, "certificates:download") asserts it for every role.

A certificate carries its holder's full NIP and is signed by the office: it goes to its holder
and to whoever is given DOWNLOAD_ANY (the Organizer group, which issues and revokes them, and
superusers). Reading the list of certificates in the admin (view_certificate, which analysts
have for the statistics) gives no file.
"""

import datetime
from dataclasses import dataclass

from content.base import times

DOWNLOAD_ANY = "certificates.download_certificate"


def may_download(user, certificate):
    if not (user.is_authenticated and user.is_active):
        return False
    return certificate.participant_id == user.pk or user.has_perm(DOWNLOAD_ANY)


# When a session's certificate may be issued ---------------------------------------------------
#
# The one rule, read by certificate_issue (every path: a participant's claim, the bulk issue, the
# demo) and by the participant's state on the session page and in Akun saya, so what a person is
# told they still need is exactly what issuing checks.


@dataclass(frozen=True)
class SessionCertificateFacts:
    """What a session certificate depends on, read by the caller (selectors, the service)."""

    # When the session is over: its planned end, or earlier when the organizer closed it.
    over_at: datetime.datetime
    attended: bool = False
    # The session has a post-test, and the session requires passing it for the certificate.
    post_test_required: bool = False
    post_test_passed: bool = False


@dataclass(frozen=True)
class Missing:
    key: str  # "attendance", "post_test", "session_end"
    message: str


def _moment(value):
    return times.wib(value, "j F Y, H.i")


def session_certificate_missing(facts, *, now, participant_role=True):
    """What is still missing before the session's certificate can be issued, in the order a
    participant meets it; an empty list when it can be issued now. Speakers' and committee
    certificates (participant_role False) wait only for the session to be over."""
    missing = []
    if participant_role and not facts.attended:
        missing.append(
            Missing(
                "attendance", "Sertifikat diberikan kepada peserta yang hadir di sosialisasi ini."
            )
        )
    if participant_role and facts.post_test_required and not facts.post_test_passed:
        missing.append(
            Missing("post_test", "Sertifikat sosialisasi ini mensyaratkan lulus post-test.")
        )
    if now < facts.over_at:
        missing.append(
            Missing(
                "session_end",
                f"Sertifikat diterbitkan setelah sosialisasi selesai, {_moment(facts.over_at)}.",
            )
        )
    return missing
