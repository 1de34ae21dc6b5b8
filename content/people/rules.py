"""Rules about people that several services and checks share (no writes here)."""

from content.people.models import Proof


def proof_methods(user, *, by):
    """How control of `user`'s account may be shown before one of its login identifiers
    (email, NIP, NIK) changes or it is merged, when `by` asks (the owner; an organizer; None
    for an import an organizer runs). The one rule, for every path:

    - the owner types the account's current password; an owner whose account has no usable
      password follows a link sent to its email;
    - anyone else: a link sent to the account's email, which its owner follows (as good as
      the password: a reset link goes to that address too);
    - an account with neither a usable password nor an email: the organizer's in-person check
      (KTP or SK), recorded with a note;
    - an account with a password but no email: only its owner, with the password.
    """
    if by is not None and by.pk == user.pk:
        if user.has_usable_password():
            return [Proof.PASSWORD]
        return [Proof.EMAIL_LINK] if user.email else []
    if user.email:
        return [Proof.EMAIL_LINK]
    return [] if user.has_usable_password() else [Proof.IN_PERSON]
