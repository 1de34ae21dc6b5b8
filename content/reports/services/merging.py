"""Writes of the report desk's part in people's account merges (the handler
content/reports/merging.py registers with people when the app is ready).

The loser's reports follow the survivor (the reporter link), and so does a case in which the
loser's account was named as the ASN reported. Nothing is dropped: a person may send any number
of reports. The summary stored on the merge record (which organizers read) says only that the
reports followed: how many reports an account sent, or that it was reported, is the desk's to
know (an ASN reporting a colleague must not be exposed).
"""

from content.reports.models import Case, Report

MOVED = (
    "Laporan dan kasus aduan akun ini (bila ada) ikut dipindahkan; rinciannya hanya untuk "
    "petugas aduan."
)


def reports_merge(*, survivor, loser, by):
    Report.objects.filter(reporter=loser).update(reporter=survivor)
    Case.objects.filter(reported_person=loser).update(reported_person=survivor)
    return MOVED
