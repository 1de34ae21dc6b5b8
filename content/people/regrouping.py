"""What the apps above people do with a person's records when their group changes from a date
(a PTT appointed PPPK or PNS; see services/identity_changes.py).

Records keep the agency and group a person had when they were made (training's AtTheTime), so
statistics of past periods never change. A group change takes effect from its date: records of
events on or after that date, made before the change was entered, take the new group. Apps
holding such records register a handler when they are ready (their apps.py):

    register_group_change_handler("training", restamp)

    def restamp(*, participant, group, since):
        ...update the group of participant's records of events on or after `since`...
        return number_of_rows_changed
"""

from collections.abc import Callable

_HANDLERS: dict[str, Callable] = {}


def register_group_change_handler(label, handler):
    _HANDLERS[label] = handler


def group_change_handlers():
    return list(_HANDLERS.items())
