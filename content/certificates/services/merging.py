"""Writes of certificates' part in people's account merges (the handler
content/certificates/merging.py registers with people when the app is ready).

Certificates move to the survivor as issued: number, code and the identity printed on them
(holder name, NIP, agency at issue) do not change, and no number is taken or given back.
Where both accounts hold a certificate for the same session or quiz in the same role (one per
person, by unique constraint), the survivor's stays. The loser's cannot simply be deleted: it
may have been printed and handed in, and its QR code must still answer. It stays on the merged
account, revoked with a reason naming the certificate that replaces it, and is listed. Should
the survivor's be the revoked one and the loser's valid, both stay where they are (listed), so
the valid one still verifies.
"""

from django.db.models import Q
from django.utils import timezone

from content.certificates.models import Certificate

DUPLICATE_REASON = "Duplikat karena dua akun peserta digabungkan; yang berlaku sertifikat nomor {}."


def _key(certificate):
    return certificate.session_id, certificate.quiz_id, certificate.role


def _describe(certificate):
    return {
        "id": certificate.pk,
        "nomor": certificate.number,
        "kegiatan": certificate.event_title,
        "dicabut": certificate.is_revoked,
    }


def certificates_merge(*, survivor, loser, by):
    held = Certificate.objects.select_for_update()
    theirs = {_key(c): c for c in held.filter(participant=survivor)}
    moved, revoked, left = [], [], []
    to_move = []
    now = timezone.now()
    for certificate in held.filter(participant=loser).order_by("pk"):
        kept = theirs.get(_key(certificate))
        if kept is None:
            to_move.append(certificate.pk)
            moved.append(_describe(certificate))
        elif kept.is_revoked and not certificate.is_revoked:
            left.append(_describe(certificate))
        else:
            if not certificate.is_revoked:
                certificate.revoked_at = now
                certificate.revoked_reason = DUPLICATE_REASON.format(kept.number)[:300]
                certificate.revoked_by = by
                certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
            revoked.append({**_describe(certificate), "diganti": kept.number})
    Certificate.objects.filter(Q(pk__in=to_move)).update(participant=survivor)
    return {
        "sertifikat_dipindah": moved,
        "sertifikat_duplikat_dicabut": revoked,
        "sertifikat_tetap_di_akun_digabungkan": left,
    }
