"""The open data set "aduan-per-minggu" (content/stats/open_data.py), read back as any portal
would, from the public URLs (JSON with json, CSV with csv): every figure worked out by hand.

The desk, 2025-Q1 (weeks start on Monday, Asia/Jakarta):
    week of 6 Jan   hoaks, Facebook      7 reports (one post)        shown
    week of 6 Jan   hoaks, TikTok        2 reports                   withheld (1 to 4)
    week of 10 Feb  ASN kampanye, Insta  6 reports, OPD Dinas Rahasia withheld (complement:
                                                                     the smallest shown)
    week of 31 Mar  lainnya, YouTube     8 reports, on 31 March      shown
and one more report of the YouTube post on 1 April (week of 31 March, but 2025-Q2).
"""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.reports.models import Case, Kind, Report
from content.stats import open_data, services
from tests.factories.people import AgencyFactory
from tests.factories.reports import submit_report

pytestmark = pytest.mark.django_db
SLUG = "aduan-per-minggu"
SECRET_EMAIL = "pelapor.rahasia@surel-pribadi.test"
SECRET_PHONE = "081299988877"
POSTS = {
    "fb": "https://www.facebook.com/permalink.php?story_fbid=5551&id=77",
    "tt": "https://www.tiktok.com/@rahasia/video/5552",
    "ig": "https://www.instagram.com/p/RahasiaASN/",
    "yt": "https://www.youtube.com/watch?v=rahasia5554",
}


def _moment(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _reports(post, kind, moments, **case_fields):
    for when in moments:
        submitted = submit_report(
            kind=kind,
            links=(POSTS[post],),
            description="Unggahan Bapak Rahasia di grup kantor",
            contact_email=SECRET_EMAIL,
            contact_phone=SECRET_PHONE,
            contact_consent=True,
        )
        Report.objects.filter(pk=submitted.report.pk).update(submitted_at=when)
    case = submitted.report.case
    Case.objects.filter(pk=case.pk).update(opened_at=moments[0], **case_fields)


@pytest.fixture
def desk(db):
    secret = AgencyFactory(name="Dinas Rahasia")
    _reports("fb", Kind.HOAX, [_moment(2025, 1, 6 + day % 7) for day in range(7)])
    _reports("tt", Kind.HOAX, [_moment(2025, 1, 8), _moment(2025, 1, 12, 23)])
    _reports("ig", Kind.ASN_CAMPAIGN, [_moment(2025, 2, 10)] * 6, agency=secret)
    _reports("yt", Kind.OTHER, [_moment(2025, 3, 31, 23)] * 8 + [_moment(2025, 4, 1, 0)])
    return secret


def _url(kind, periode="2025-q1"):
    return reverse(f"stats_open_data:dataset_{kind}", kwargs={"periode": periode, "slug": SLUG})


def test_the_weekly_reports_as_published(client, desk):
    services.open_data_publish_due(today=datetime.date(2025, 5, 1))
    document = json.loads(client.get(_url("json")).content)
    assert document["columns"] == ["periode", "minggu_mulai", "jenis", "platform", "laporan"]
    assert document["data"] == [
        {"periode": "2025-Q1", "minggu_mulai": "2025-01-06", "jenis": "Hoaks",
         "platform": "Facebook", "laporan": 7},
        {"periode": "2025-Q1", "minggu_mulai": "2025-01-06", "jenis": "Hoaks",
         "platform": "TikTok", "laporan": None},
        {"periode": "2025-Q1", "minggu_mulai": "2025-02-10", "jenis": "ASN ikut kampanye",
         "platform": "Instagram", "laporan": None},
        {"periode": "2025-Q1", "minggu_mulai": "2025-03-31", "jenis": "Lainnya",
         "platform": "YouTube", "laporan": 8},
    ]  # fmt: skip
    rows = list(csv.reader(io.StringIO(client.get(_url("csv")).content.decode("utf-8-sig"))))
    assert rows[0] == document["columns"]
    assert [row[4] for row in rows[1:]] == ["7", "", "", "8"]


def test_the_week_split_by_the_quarters_end_is_in_both_releases_with_its_own_days(client, desk):
    services.open_data_publish_due(today=datetime.date(2025, 7, 31))
    q2 = json.loads(client.get(_url("json", "2025-q2")).content)["data"]
    # One report on 1 April: withheld, and nothing else in Q2 to complement it with.
    assert q2 == [{"periode": "2025-Q2", "minggu_mulai": "2025-03-31", "jenis": "Lainnya",
                   "platform": "YouTube", "laporan": None}]  # fmt: skip


def test_reports_before_any_session_still_open_a_release(client, desk):
    # No session at all in this world: the first quarter comes from the first report.
    assert open_data.first_period() == open_data.Period(2025, 1)
    assert [r.slug for r in services.open_data_publish_due(today=datetime.date(2025, 5, 1))] == [
        "2025-q1"
    ]


def test_nothing_personal_no_link_no_opd(client, desk):
    services.open_data_publish_due(today=datetime.date(2025, 7, 31))
    files = [client.get(url).content.decode() for url in (_url("json"), _url("csv"),
             _url("json", "2025-q2"))]  # fmt: skip
    pages = [client.get(url).content.decode() for url in ("/data-terbuka/",
             "/data-terbuka/metadata.json")]  # fmt: skip
    for text in files + pages:
        for secret in (SECRET_EMAIL, SECRET_PHONE, "Rahasia", "rahasia", "facebook.com"):
            assert secret not in text
    for text in files:  # the data itself holds no link at all
        assert "http" not in text.replace("https://creativecommons.org/licenses/by/4.0/", "")


def test_metadata_describes_it(client, desk):
    services.open_data_publish_due(today=datetime.date(2025, 5, 1))
    catalog = json.loads(client.get("/data-terbuka/metadata.json").content)
    [entry] = [e for e in catalog["dataset"] if e["identifier"].endswith(f"/{SLUG}")]
    assert entry["title"] == "Aduan hoaks dan netralitas ASN per minggu, Triwulan I 2025"
    assert [column["name"] for column in entry["columns"]] == [
        "periode", "minggu_mulai", "jenis", "platform", "laporan"
    ]  # fmt: skip
    assert "1 sampai 4 laporan" in entry["suppression"]


def test_one_query_whatever_the_reports(desk):
    period = open_data.Period(2025, 1)
    with CaptureQueriesContext(connection) as small:
        open_data.BY_SLUG[SLUG].build(period)
    _reports("tt", Kind.HOAX, [_moment(2025, 3, day) for day in range(1, 20)])
    with CaptureQueriesContext(connection) as large:
        open_data.BY_SLUG[SLUG].build(period)
    assert len(small) == len(large) == 1


# The same rules on random desks ----------------------------------------------------------------


def _release(rows):
    """A release holding only the weekly reports (the other data sets empty)."""
    cells = {dataset.slug: open_data.Cells([]) for dataset in open_data.DATASETS}
    cells[SLUG] = open_data.report_cells(rows)
    return open_data.audit(cells)[SLUG]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.tuples(st.integers(0, 12), st.sampled_from(Kind.labels), st.sampled_from(["A", "B"])),
        st.integers(1, 12),
        min_size=1,
        max_size=12,
    )
)
def test_random_desks_show_no_small_cell_and_give_none_back(groups):
    rows = [
        {"periode": "2025-Q1", "minggu_mulai": f"w{week:02d}", "jenis": kind, "platform": p,
         "laporan": count}
        for (week, kind, p), count in sorted(groups.items())
    ]  # fmt: skip
    published = _release(rows).published()
    for shown, true in zip(published, rows, strict=True):
        if true["laporan"] < open_data.MIN_PEOPLE:
            assert shown["laporan"] is None
        assert shown["laporan"] in (None, true["laporan"])
    # The attacker knows the quarter's total and that each row has at least one report.
    hidden = [true["laporan"] for shown, true in zip(published, rows, strict=True)
              if shown["laporan"] is None]  # fmt: skip
    if hidden and len(hidden) < len(rows):
        # (With every row withheld, the total alone says all there is to say.)
        rest = sum(hidden)
        assert len(hidden) >= 2 and not 0 < rest < open_data.MIN_PEOPLE
        # Each withheld row is at least 1, so each can be anything from 1 up to
        # rest - (the others' 1 each): never one value.
        assert rest - (len(hidden) - 1) > 1
