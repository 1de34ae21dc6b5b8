"""Who may have a certificate's PDF. The download view asks this and nothing else, and the
access table (tests/access/test_access.py, "certificates:download") asserts it for every role.

A certificate carries its holder's full NIP and is signed by the office: it goes to its holder
and to whoever is given DOWNLOAD_ANY (the Organizer group, which issues and revokes them, and
superusers). Reading the list of certificates in the admin (view_certificate, which analysts
have for the statistics) gives no file.
"""

DOWNLOAD_ANY = "certificates.download_certificate"


def may_download(user, certificate):
    if not (user.is_authenticated and user.is_active):
        return False
    return certificate.participant_id == user.pk or user.has_perm(DOWNLOAD_ANY)
