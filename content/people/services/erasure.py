"""Erasure requests (UU 27/2022): opened by the person, decided by an organizer.

Erasing reaches every copy of the person's data, not only their account: see
participant_erase for what is removed and what is kept, and content/people/erasure.py for how
the apps above people erase their part.
"""

import json
import secrets

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry, PageLogEntry

from content.base import task_queue, uploads
from content.base.errors import NotAllowed
from content.base.models import ImportJob
from content.base.text_rules import visible_reason
from content.people.account import account_sections
from content.people.backends import identifier_key, legacy_identifier_key
from content.people.erasure import (
    ERASED_NAME,
    ErasedPerson,
    account_names,
    account_traces,
    erasure_handlers,
)
from content.people.models import (
    DeletionRequest,
    IdentityChange,
    MergeRecord,
    PendingIdentityChange,
    User,
)

STAFF_REFUSED = "Akun petugas tidak dihapus lewat permohonan peserta; hubungi administrator."


def deletion_request_create(*, user, reason=""):
    """Open an erasure request; a second click returns the open one instead of a new row."""
    if user.is_staff_account:
        raise NotAllowed(STAFF_REFUSED)
    reason = visible_reason(reason, required=False)
    try:
        with transaction.atomic():
            return DeletionRequest.objects.create(
                user=user, requester_label=str(user), reason=reason
            )
    except IntegrityError:
        return DeletionRequest.objects.get(user=user, status=DeletionRequest.Status.PENDING)


def _close_request(deletion_request, *, status, by, note):
    deletion_request.status = status
    deletion_request.handled_by = by
    deletion_request.handled_at = timezone.now()
    deletion_request.note = note
    deletion_request.save()
    return deletion_request


@transaction.atomic
def deletion_request_reject(*, deletion_request, by, note=""):
    note = visible_reason(note, required=False)
    deletion_request = DeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
    if deletion_request.status != DeletionRequest.Status.PENDING:
        return deletion_request
    return _close_request(
        deletion_request, status=DeletionRequest.Status.REJECTED, by=by, note=note
    )


IMPORT_EXPIRED = (
    "Berkas impor ini dihapus sebelum dikonfirmasi karena data pribadi seseorang dihapus "
    "atas permintaannya; berkas itu bisa memuat datanya. Unggah ulang bila masih diperlukan."
)
# How far erasure follows rows that point at the person (an attendance, then its corrections).
RELATION_DEPTH = 3


def _accounts_of(user):
    """The person's account and every account merged into it (their own older accounts)."""
    accounts = {user.pk}
    frontier = {user.pk}
    while frontier:
        losers = MergeRecord.objects.filter(survivor_id__in=frontier).values_list("loser_id")
        frontier = {pk for (pk,) in losers} - accounts
        accounts |= frontier
    return accounts


def _erased_person(accounts):
    """The accounts and every trace of the person, read before anything is erased."""
    users = list(User.objects.filter(pk__in=accounts))
    names, traces = set(), set()
    for user in users:
        names |= account_names(user)
        traces |= account_traces(user)
    names |= set(
        DeletionRequest.objects.filter(user__in=accounts).values_list("requester_label", flat=True)
    )
    for side in ("survivor", "loser"):
        records = MergeRecord.objects.filter(**{f"{side}__in": accounts})
        names |= set(records.values_list(f"{side}_label", flat=True))
    for values in IdentityChange.objects.filter(user__in=accounts).values_list(
        "old_value", "new_value"
    ):
        traces |= set(values)
    # A change waiting for its link names the address (and identifiers) it would set.
    for changes in PendingIdentityChange.objects.filter(user__in=accounts).values_list(
        "changes", flat=True
    ):
        traces |= {value for value in (changes or {}).values() if isinstance(value, str)}
    for _, (_, app_traces) in erasure_handlers():
        if app_traces is not None:
            app_names, other = app_traces(accounts)
            names |= set(app_names)
            traces |= set(other)
    return ErasedPerson.of(accounts, traces=traces, names=names)


def _mentioning(queryset, person, *fields):
    """Rows of `queryset` where one of `fields` (text or JSON) may hold a trace: a prefilter in
    the database, before the exact check in Python."""
    condition = Q()
    annotations = {}
    for field in fields:
        name = f"{field}_as_text"
        annotations[name] = Cast(field, TextField())
        for trace in person.traces:
            # JSON keeps non-ASCII letters escaped on some databases.
            for spelling in {trace, json.dumps(trace)[1:-1]}:
                condition |= Q(**{f"{name}__icontains": spelling})
    if not condition:
        return queryset.none()
    return queryset.annotate(**annotations).filter(condition)


def _erase_accounts(person, now):
    User.objects.filter(pk__in=person.accounts).update(
        full_name=ERASED_NAME,
        first_name="",
        last_name="",
        email="",
        nip=None,
        nik=None,
        phone="",
        position="",
        rank="",
        gender="",
        agency=None,
        is_active=False,
        password="!",  # an unusable password
        erased_at=now,
    )
    # Usernames are unique: each account gets its own meaningless one.
    for pk in person.accounts:
        User.objects.filter(pk=pk).update(username=f"terhapus-{secrets.token_hex(8)}")


def _erase_people_records(person):
    accounts = person.accounts
    DeletionRequest.objects.filter(user__in=accounts).update(requester_label=ERASED_NAME, reason="")
    IdentityChange.objects.filter(user__in=accounts).update(
        old_value="", new_value="", proof_note=""
    )
    PendingIdentityChange.objects.filter(user__in=accounts).delete()
    MergeRecord.objects.filter(survivor__in=accounts).update(survivor_label=ERASED_NAME)
    MergeRecord.objects.filter(loser__in=accounts).update(loser_label=ERASED_NAME)


def _erase_throttle_records(person, identifiers):
    """django-axes keeps who tried to log in: each identifier's key, and the keys of earlier
    schemes (the account's number; identifiers that named nobody; identifiers as typed)."""
    identifiers = [value for value in identifiers if value]
    keys = {f"akun-{pk}" for pk in person.accounts} | set(identifiers)
    keys |= {identifier_key(value) for value in identifiers}
    keys |= {legacy_identifier_key(value) for value in identifiers}
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__in=keys).delete()


def _text_fields(model):
    """The fields of `model` that hold free text: not choices (their values are codes), not
    keys."""
    kinds = (models.CharField, models.TextField, models.JSONField)
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, kinds) and not field.choices and not field.primary_key
    ]


def rows_about(accounts):
    """{model: primary keys} of every row that points at these accounts, or at such a row (an
    attendance's corrections, an attempt's answers), a few steps deep. Every one of them is
    about the person: a participant never acts on anyone else's records."""
    found = {}
    frontier = [(User, set(accounts))]
    for _ in range(RELATION_DEPTH):
        following = []
        for target, pks in frontier:
            # Hidden relations too (related_name="+"): a merge request's other account.
            for relation in target._meta.get_fields(include_hidden=True):
                if not (relation.auto_created and not relation.concrete):
                    continue
                if relation.many_to_many or not relation.field.concrete:
                    continue
                model = relation.related_model
                if model is User or model._meta.proxy:
                    continue
                column = relation.field.name
                rows = set(
                    model._base_manager.filter(**{f"{column}__in": pks}).values_list(
                        "pk", flat=True
                    )
                ) - found.get(model, set())
                if rows:
                    found.setdefault(model, set()).update(rows)
                    following.append((model, rows))
        frontier = following
    return found


def _scrub_rows(person, about):
    """Every trace, and every word of the person's names, out of the free text of the rows about
    them (an organizer's reason for a manual attendance, a merge summary, a revocation)."""
    for model, pks in about.items():
        fields = _text_fields(model)
        if not fields:
            continue
        names = [field.attname for field in fields]
        for row in model._base_manager.filter(pk__in=pks).values("pk", *names):
            changes = {}
            for field in fields:
                value = row[field.attname]
                cleaned = person.scrub(
                    value, own=True, max_length=getattr(field, "max_length", None)
                )
                if cleaned != value:
                    changes[field.attname] = cleaned
            if changes:
                model._base_manager.filter(pk=row["pk"]).update(**changes)


def _content_types(model):
    """The content types the admin's history files `model` under: its own and its proxies'."""
    related = [model] + [
        other
        for other in apps.get_models()
        if other._meta.proxy and other._meta.concrete_model is model
    ]
    return list(ContentType.objects.get_for_models(*related, for_concrete_models=False).values())


def _erase_admin_history(person, about):
    """Wagtail's history labels each entry with the object's name when it was written and may
    keep data with it: the person's accounts are renamed, entries about rows that point at them
    take the row's name as it is now, and every entry (of pages too) loses any trace."""
    ids = [str(pk) for pk in person.accounts]
    ModelLogEntry.objects.filter(content_type__in=_content_types(User), object_id__in=ids).update(
        label=ERASED_NAME
    )
    for model, pks in about.items():
        entries = ModelLogEntry.objects.filter(
            content_type__in=_content_types(model), object_id__in=[str(pk) for pk in pks]
        )
        rows = {str(pk): row for pk, row in model._base_manager.in_bulk(pks).items()}
        for entry in entries:
            row = rows.get(entry.object_id)
            label = str(row) if row is not None else entry.label
            entry.label = person.scrub(label, own=True)
            entry.data = person.scrub(entry.data, own=True)
            entry.save(update_fields=["label", "data"])
    for log_model in (ModelLogEntry, PageLogEntry):
        for entry in _mentioning(log_model.objects.all(), person, "label", "data"):
            label, data = person.scrub(entry.label), person.scrub(entry.data)
            if (label, data) != (entry.label, entry.data):
                log_model.objects.filter(pk=entry.pk).update(label=label, data=data)


def _erase_import_jobs(person):
    """Import previews list rows by name and identifiers: the person's are scrubbed. A file
    still waiting for confirmation may list them too, and confirming it would bring their data
    back: it is deleted, and the organizer uploads again."""
    for job in _mentioning(
        ImportJob.objects.all(), person, "summary", "problems", "message", "options"
    ):
        ImportJob.objects.filter(pk=job.pk).update(
            summary=person.scrub(job.summary),
            problems=person.scrub(job.problems),
            message=person.scrub(job.message),
            options=person.scrub(job.options),
        )
    waiting = ImportJob.objects.select_for_update().filter(
        status__in=[ImportJob.Status.CHECKING, ImportJob.Status.CHECKED]
    )
    for job in waiting.exclude(file=""):
        name = job.file
        transaction.on_commit(lambda name=name: uploads.discard(name))
        ImportJob.objects.filter(pk=job.pk).update(
            file="", status=ImportJob.Status.EXPIRED, message=IMPORT_EXPIRED
        )


def _erase_task_results(person):
    """Queued and finished background tasks keep their arguments: addresses to write to. Those
    naming the person go (a queued email to them is not sent), and so do the notices of their
    identity changes, which carry an old address no trace names any more."""
    results = DBTaskResult.objects.exclude(status=TaskResultStatus.RUNNING)
    doomed = set(
        _mentioning(results, person, "args_kwargs", "return_value", "traceback").values_list(
            "pk", flat=True
        )
    )
    changes = set(
        IdentityChange.objects.filter(user__in=person.accounts).values_list("pk", flat=True)
    )
    notices = task_queue.lookup("people.send_identity_change_notice").module_path
    for result in results.filter(task_path=notices):
        args = (result.args_kwargs or {}).get("args") or [None, []]
        if len(args) > 1 and isinstance(args[1], list) and changes & set(args[1]):
            doomed.add(result.pk)
    DBTaskResult.objects.filter(pk__in=doomed).exclude(status=TaskResultStatus.RUNNING).delete()


@transaction.atomic
def participant_erase(*, deletion_request, by, note=""):
    """Erase a participant's personal data, every copy of it, and record who did it and when.

    Removed: the name, identifiers, contacts, rank, position and agency of the account and of
    every account merged into it, which can no longer log in; their erasure requests' text and
    identity-change values; merge record labels; names and identifiers printed on their
    certificates, with the PDFs (and their entries in bulk ZIPs and refusal lists); every trace
    of them in the free text of records about them, in the admin's history, in import previews
    and in queued or finished background tasks; import files still waiting to be confirmed;
    login-throttle records. Upcoming registrations are cancelled, so their seats go to the
    people waiting.

    Kept, naming no one: the account row (its group and dates, for the statistics), attendance
    with the agency and group of the day, quiz attempts and scores, and each certificate's
    number, code, event, date, JP, status and the SHA-256 of the file issued, so a verifier
    still learns the certificate was issued and whether it is valid.
    """
    note = visible_reason(note, required=False)
    deletion_request = DeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
    if deletion_request.status != DeletionRequest.Status.PENDING:
        return deletion_request
    user = deletion_request.user
    if user is not None and user.is_staff_account:
        raise NotAllowed(STAFF_REFUSED)
    if user is not None:
        accounts = _accounts_of(user)
        person = _erased_person(accounts)
        identifiers = [
            value
            for account in User.objects.filter(pk__in=accounts)
            for value in (account.nip, account.nik, account.email, account.username)
        ]
        _erase_accounts(person, timezone.now())
        _erase_people_records(person)
        for section in account_sections():
            if section.erase is not None:
                for account in User.objects.filter(pk__in=accounts):
                    section.erase(account)
        for _, (erase, _) in erasure_handlers():
            erase(person=person)
        about = rows_about(person.accounts)
        _scrub_rows(person, about)
        _erase_admin_history(person, about)
        _erase_import_jobs(person)
        _erase_task_results(person)
        _erase_throttle_records(person, identifiers)
        # The organizer's note is about the person too.
        note = person.scrub(note, own=True)
    deletion_request.refresh_from_db()
    return _close_request(deletion_request, status=DeletionRequest.Status.DONE, by=by, note=note)
