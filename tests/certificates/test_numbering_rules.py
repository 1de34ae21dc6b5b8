"""Two numbering rules the PostgreSQL race tests could not see, checked sequentially so that
`make test` on SQLite fails when either is broken:

- the number is taken inside the transaction that writes the certificate, so a certificate
  that is not written gives its number back (no gap);
- the numbering year is the year in WIB (Asia/Jakarta): New Year's Eve after 17.00 UTC is
  already 1 January in Jakarta.
"""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from content.certificates.models import Certificate, NumberSequence
from content.certificates.services import certificate_issue
from tests.factories.certificates import issues_for, make_template
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
FORMAT = "{seq:03d}/SERT-LD/DISKOMINFO/{bulan_romawi}/{tahun}"


def _attendee(session):
    person = ParticipantFactory()
    mark_attendance(session, person)
    return person


def test_a_certificate_that_is_not_written_leaves_no_gap_in_the_numbers(sessions):
    november = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))
    session = SessionPageFactory(parent=sessions, date=datetime.date(2026, 11, 20))
    issues_for(session, make_template(number_format=FORMAT))
    # Another template whose format prints the same text in November: its first certificate
    # holds "001/SERT-LD/DISKOMINFO/XI/2026", so writing ours fails after our number is taken.
    other = SessionPageFactory(parent=sessions, date=datetime.date(2026, 11, 20))
    issues_for(
        other, make_template(name="Lain", number_format="{seq:03d}/SERT-LD/DISKOMINFO/XI/{tahun}")
    )
    certificate_issue(participant=_attendee(other), session=other, now=november)

    person = _attendee(session)
    with pytest.raises(IntegrityError):
        certificate_issue(participant=person, session=session, now=november)
    assert not Certificate.objects.filter(session=session).exists()
    assert list(
        NumberSequence.objects.filter(template__number_format=FORMAT).values_list("last", flat=True)
    ) in ([], [0])

    december = november.replace(month=12, day=2)
    certificate, created = certificate_issue(participant=person, session=session, now=december)
    assert created and certificate.sequence == 1
    assert certificate.number == "001/SERT-LD/DISKOMINFO/XII/2026"


def test_the_numbering_year_is_the_year_in_jakarta(sessions):
    session = SessionPageFactory(parent=sessions, date=datetime.date(2026, 12, 30))
    issues_for(session, make_template(number_format=FORMAT))
    # 23.59 WIB on 31 December, then 00.30 and 06.59 WIB on 1 January (17.30 and 23.59 UTC on
    # 31 December): the last two are the new year's first numbers.
    old_year_last_minute = datetime.datetime(2026, 12, 31, 16, 59, tzinfo=UTC)
    new_year_night = datetime.datetime(2026, 12, 31, 17, 30, tzinfo=UTC)
    new_year_dawn = datetime.datetime(2026, 12, 31, 23, 59, tzinfo=UTC)
    issued = [
        certificate_issue(participant=_attendee(session), session=session, now=moment)[0]
        for moment in (old_year_last_minute, new_year_night, new_year_dawn)
    ]
    assert [(c.year, c.sequence, c.number) for c in issued] == [
        (2026, 1, "001/SERT-LD/DISKOMINFO/XII/2026"),
        (2027, 1, "001/SERT-LD/DISKOMINFO/I/2027"),
        (2027, 2, "002/SERT-LD/DISKOMINFO/I/2027"),
    ]
    assert dict(NumberSequence.objects.values_list("year", "last")) == {2026: 1, 2027: 2}
