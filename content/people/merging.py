"""What the apps above people do with a person's records when two accounts are merged.

Sessions, quiz attempts and certificates belong to apps this one must not import. Each of them
registers a handler when it is ready (its apps.py), and the merge service
(services/merging.py) calls every handler inside its own transaction. A handler writes the
app's rows, so it is one of that app's services (tests/people/test_merge_doors.py checks):

    # content/training/merging.py, imported by the app's ready()
    register_merge_handler("training", training_records_merge)

    # content/training/services/merging.py
    def training_records_merge(*, survivor, loser, by):
        ...move the loser's rows to the survivor; where both hold a row the app's unique
        constraints allow only once, keep one by the app's own rule...
        return {"moved": [...], "dropped": [...]}

A handler returns JSON-ready data (stored in the MergeRecord's summary under its label) and
raises to refuse: the whole merge is then rolled back, both accounts as they were.

So that the organizer sees what moves before merging, each app also says what ONE account
holds of its records (`records`: user -> [(label, text)], counted for that account only), and
the merge screen shows it per account (merge_records_of):

    register_merge_handler("certificates", certificates_merge, title="Sertifikat",
                           records=certificate_records)
"""

from collections.abc import Callable

_HANDLERS: dict[str, Callable] = {}
_TITLES: dict[str, str] = {}
_RECORDS: dict[str, Callable] = {}


def register_merge_handler(label, handler, *, title=None, records=None):
    """Register (or replace) the handler of `label`; handlers run in registration order.
    `title` names its part of the summary on the merge record's page (Indonesian); `records`
    (user -> [(label, text)]) tells what one account holds, for the merge screen."""
    _HANDLERS[label] = handler
    _TITLES[label] = title or label
    if records is not None:
        _RECORDS[label] = records


def unregister_merge_handler(label):
    _HANDLERS.pop(label, None)
    _TITLES.pop(label, None)
    _RECORDS.pop(label, None)


def merge_records_of(user):
    """[(label, text)] of what `user`'s own account holds, app by app, in registration order:
    each figure counts this account's records only."""
    return [row for label, records in _RECORDS.items() for row in records(user)]


def merge_handler_title(label):
    return _TITLES.get(label)


def merge_handlers():
    """[(label, handler)] in registration order (the order of INSTALLED_APPS)."""
    return list(_HANDLERS.items())
