"""Issuing certificates by their rules, with numbers that never repeat or skip.

Issuing is idempotent: the same person, event and role always get the same certificate (a
unique constraint decides under concurrency). The number is taken under a row lock in the same
short transaction that writes the certificate; rendering and signing the PDF happen after, so
parallel issues wait for each other only for the insert.
"""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.base.errors import NotAllowed
from content.base.text_rules import visible_reason
from content.certificates import codes, documents, numbering, rules, selectors
from content.certificates.models import (
    Certificate,
    NumberSequence,
    QuizRule,
    Role,
    SessionRule,
)
from content.quizzes import selectors as quiz_selectors
from content.training.rules import check_participant

ORGANIZER_PERMISSION = "certificates.issue_certificate"
ERASED = (
    "Data pribadi peserta ini telah dihapus; tidak ada sertifikat yang diterbitkan atau dibuat."
)


def _existing(participant, *, session, quiz, role):
    return Certificate.objects.filter(
        participant=participant, session=session, quiz=quiz, role=role
    ).first()


def _locked_counter(template, year):
    """The template's number counter for the year, locked until the transaction ends."""
    counter, _ = NumberSequence.objects.get_or_create(template=template, year=year)
    return NumberSequence.objects.select_for_update().get(pk=counter.pk)


def _next_sequence(template, year):
    counter = _locked_counter(template, year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _new_certificate(template, sequence, now, *, participant, by, **event):
    """An unsaved certificate numbered `sequence`, printing the holder as they are now."""
    return Certificate(
        code=codes.new_code(),
        number=numbering.format_number(
            template.number_format, sequence=sequence, moment=timezone.localtime(now)
        ),
        template=template,
        year=timezone.localdate(now).year,
        sequence=sequence,
        participant=participant,
        holder_name=participant.full_name or participant.get_username(),
        holder_nip=participant.nip or "",
        holder_agency=str(participant.agency) if participant.agency_id else "",
        issued_at=now,
        issued_by=by,
        expires_at=_expiry(template, now),
        **event,
    )


def _session_terms(session, participant, role, by, now):
    rule = SessionRule.objects.select_related("template").filter(session=session).first()
    if rule is None:
        raise NotAllowed("Sosialisasi ini tidak menerbitkan sertifikat.")
    if role != Role.PARTICIPANT:
        if by is None or not by.has_perm(ORGANIZER_PERMISSION):
            raise NotAllowed("Sertifikat narasumber dan panitia diterbitkan oleh penyelenggara.")
    else:
        check_participant(participant)
    # One rule for every path (a claim, the bulk issue, the demo), the same one that tells the
    # participant what they still need: attended, passed the post-test if the session asks it,
    # and the session over (at its end, or when the organizer closed it).
    facts, attempt = selectors.certificate_facts(session, participant)
    missing = rules.session_certificate_missing(
        facts, now=now, participant_role=role == Role.PARTICIPANT
    )
    if missing:
        raise NotAllowed(" ".join(item.message for item in missing))
    return rule.template, {
        "event_title": session.title,
        "event_date": session.date,
        "training_hours": session.training_hours,
        "score": attempt.score if attempt and role == Role.PARTICIPANT else None,
    }


def _quiz_terms(quiz, participant):
    rule = QuizRule.objects.select_related("template").filter(quiz=quiz).first()
    if rule is None:
        raise NotAllowed("Kuis ini tidak menerbitkan sertifikat.")
    check_participant(participant)
    attempt = quiz_selectors.best_finished_attempt(participant, quiz=quiz)
    if not (attempt and attempt.passed):
        raise NotAllowed("Sertifikat kuis ini diberikan setelah Anda lulus.")
    return rule.template, {
        "event_title": quiz.title,
        "event_date": timezone.localdate(attempt.finished_at),
        "training_hours": rule.training_hours,
        "score": attempt.score,
    }


def certificate_issue(
    *, participant, session=None, quiz=None, role=Role.PARTICIPANT, by=None, now=None
):
    """(certificate, created): the certificate the rules give this person for this session or
    self-paced quiz in this role; refused (NotAllowed) when the rules do not."""
    if (session is None) == (quiz is None):
        raise ValueError("A certificate is for a session or for a quiz.")
    if participant.erased_at is not None:
        raise NotAllowed(ERASED)
    existing = _existing(participant, session=session, quiz=quiz, role=role)
    if existing is not None:
        return existing, False
    now = now or timezone.now()
    if session is not None:
        template, event = _session_terms(session, participant, role, by, now)
    else:
        template, event = _quiz_terms(quiz, participant)
    year = timezone.localdate(now).year
    try:
        with transaction.atomic():
            certificate = _new_certificate(
                template,
                _next_sequence(template, year),
                now,
                participant=participant,
                role=role,
                session=session,
                quiz=quiz,
                by=by,
                **event,
            )
            certificate.save(force_insert=True)
    except IntegrityError:
        # The same person's certificate was issued a moment ago by another request; the
        # number taken here went back with the rollback.
        existing = _existing(participant, session=session, quiz=quiz, role=role)
        if existing is None:
            raise
        return existing, False
    return certificate, True


def certificates_issue_for_session(
    *, session, participants, role=Role.PARTICIPANT, by=None, now=None
):
    """({participant id: certificate}, {participant id: reason}): what certificate_issue gives
    each of `participants` for this session, decided and written for all of them at once.

    The bulk issue's chunk: the same rule (rules.session_certificate_missing, on the facts
    selectors.certificate_facts_for reads for the whole chunk) in a fixed number of queries
    whatever the chunk's size, and one transaction that holds the number counter once, reads
    which of them have a certificate already (a claim committed before the lock is seen; one
    waiting for it finds ours and keeps it) and inserts the rest numbered in the given order.
    Certificates that existed are returned as they are. Should the insert still collide (the
    template was changed between the two), each is issued on its own instead."""
    now = now or timezone.now()
    participants = list(participants)
    rule = SessionRule.objects.select_related("template").filter(session=session).first()
    if rule is None:
        raise NotAllowed("Sosialisasi ini tidak menerbitkan sertifikat.")
    if role != Role.PARTICIPANT and (by is None or not by.has_perm(ORGANIZER_PERMISSION)):
        raise NotAllowed("Sertifikat narasumber dan panitia diterbitkan oleh penyelenggara.")
    issued = _existing_for(participants, session=session, role=role)
    facts = selectors.certificate_facts_for(session, participants)
    refused, eligible = {}, []
    for person in participants:
        if person.erased_at is not None:
            refused[person.pk] = ERASED
            continue
        if person.pk in issued:
            continue
        if role == Role.PARTICIPANT:
            try:
                check_participant(person)
            except NotAllowed as refusal:
                refused[person.pk] = refusal.message
                continue
        person_facts, attempt = facts[person.pk]
        missing = rules.session_certificate_missing(
            person_facts, now=now, participant_role=role == Role.PARTICIPANT
        )
        if missing:
            refused[person.pk] = " ".join(item.message for item in missing)
        else:
            eligible.append((person, attempt))
    if not eligible:
        return issued, refused
    template, year = rule.template, timezone.localdate(now).year
    try:
        with transaction.atomic():
            counter = _locked_counter(template, year)
            # Claimed meanwhile: committed before the lock, so seen now.
            claimed = _existing_for([person for person, _ in eligible], session=session, role=role)
            due = [(person, attempt) for person, attempt in eligible if person.pk not in claimed]
            # The chunk's numbers are taken at once, then written; all go back on a rollback.
            first = counter.last + 1
            counter.last += len(due)
            counter.save(update_fields=["last"])
            new = [
                _new_certificate(
                    template,
                    sequence,
                    now,
                    participant=person,
                    session=session,
                    role=role,
                    by=by,
                    event_title=session.title,
                    event_date=session.date,
                    training_hours=session.training_hours,
                    score=attempt.score if attempt and role == Role.PARTICIPANT else None,
                )
                for sequence, (person, attempt) in enumerate(due, first)
            ]
            Certificate.objects.bulk_create(new)
    except IntegrityError:
        for person, _ in eligible:
            try:
                issued[person.pk], _ = certificate_issue(
                    participant=person, session=session, role=role, by=by, now=now
                )
            except NotAllowed as refusal:
                refused[person.pk] = refusal.message
        return issued, refused
    issued.update(claimed)
    issued.update((certificate.participant_id, certificate) for certificate in new)
    return issued, refused


def _existing_for(participants, *, session, role):
    """{participant id: certificate} of these participants' certificates of the session."""
    if not participants:
        return {}
    return {
        certificate.participant_id: certificate
        for certificate in Certificate.objects.filter(
            session=session, role=role, participant__in=participants
        )
    }


def _expiry(template, now):
    if not template.valid_years:
        return None
    try:
        return now.replace(year=now.year + template.valid_years)
    except ValueError:  # 29 February
        return now.replace(year=now.year + template.valid_years, day=28)


def certificate_render(*, certificate, verify_url):
    """Render, sign and store the PDF once; a certificate that has its PDF keeps it. The
    certificate of an erased holder is never rendered again: it would print no one's name and
    replace the fingerprint of the file they were given."""
    if certificate.pdf:
        return certificate
    if certificate.holder_erased:
        raise NotAllowed(ERASED)
    pdf, digest = documents.certificate_pdf(certificate, verify_url=verify_url)
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(pdf), save=False)
    certificate.pdf_sha256 = digest
    stored = Certificate.objects.filter(pk=certificate.pk, pdf="").update(
        pdf=certificate.pdf.name, pdf_sha256=digest
    )
    if not stored:
        # Another worker stored its copy first (a job resumed while still running): that one
        # is the certificate; this file would be an orphan.
        certificate.pdf.storage.delete(certificate.pdf.name)
    certificate.refresh_from_db(fields=["pdf", "pdf_sha256"])
    return certificate


REVOKE_REASON_NEEDED = (
    "Tulis alasan pencabutan dengan huruf atau angka yang terlihat: alasan itu ditampilkan di "
    "halaman verifikasi."
)


def certificate_revoke(*, certificate, reason, by, now=None):
    reason = visible_reason(reason, message=REVOKE_REASON_NEEDED)
    if certificate.is_revoked:
        raise NotAllowed("Sertifikat ini sudah dicabut.")
    certificate.revoked_at = now or timezone.now()
    certificate.revoked_reason = reason[:300]
    certificate.revoked_by = by
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    return certificate
