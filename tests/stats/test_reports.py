"""The statistics reports (content/stats/reports.py, admin_reports.py) on a small hand-made data
set whose figures are worked out by hand below; their CSV and XLSX exports; who may open them;
and their query counts, which do not grow with the data."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from content.certificates.services import certificate_issue, certificate_revoke
from content.people.models import AgencyKind, ParticipantGroup
from content.quizzes.models import Purpose
from content.stats import admin_reports, reports, services
from content.stats.filters import StatsFilter
from content.stats.models import AgencyHeadcount
from content.training import services as training_services
from tests.assertions import assert_admin_refused
from tests.factories.articles import TopicFactory
from tests.factories.certificates import issues_for, make_template
from tests.factories.people import AgencyFactory, ParticipantFactory, ptt
from tests.factories.quizzes import make_quiz, use_in_session
from tests.factories.stats import attempt
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
YEAR_2026 = {"start": datetime.date(2026, 1, 1), "end": datetime.date(2026, 12, 31)}
AGENCIES = "/admin/statistik/laporan/opd/"
TOPIC = "/admin/statistik/laporan/topik/"
SESSIONS = "/admin/statistik/laporan/sosialisasi/"
PARTICIPANTS = "/admin/statistik/laporan/peserta/"
DASHBOARD = "/admin/statistik/"
REPORTS = [AGENCIES, TOPIC, SESSIONS, PARTICIPANTS]
FORMULA = '=HYPERLINK("http://contoh.test/","klik")'


@pytest.fixture
def world(sessions):
    """The dashboard's data set (tests/stats/test_headline.py) with official headcounts.

    Four people in three agencies (a kecamatan, its kelurahan, a dinas): p1 PNS at the
    kelurahan, p2 PPPK at the kecamatan, p3 PTT and p4 PNS at the dinas. S1 (2026, Netralitas
    ASN, 4 JP), S2 (2026, Literasi Digital, 2 JP), S3 (2025, Netralitas ASN, 3 JP)."""
    kecamatan = AgencyFactory(name="Kecamatan Utara", kind=AgencyKind.KECAMATAN)
    kelurahan = AgencyFactory(name="Kelurahan Asri", kind=AgencyKind.KELURAHAN, parent=kecamatan)
    dinas = AgencyFactory(name="Dinas Kominfo")
    neutrality = TopicFactory(name="Netralitas ASN", slug="netralitas-asn")
    literacy = TopicFactory(name="Literasi Digital", slug="literasi-digital")
    p1 = ParticipantFactory(full_name="Satu", agency=kelurahan)
    p2 = ParticipantFactory(
        full_name="Dua", agency=kecamatan, participant_group=ParticipantGroup.PPPK
    )
    p3 = ptt(full_name="Tiga", agency=dinas)
    p4 = ParticipantFactory(full_name="Empat", agency=dinas)

    # Headcounts of 2026 (and one of 2025, which a 2026 report must not read).
    AgencyHeadcount.objects.create(agency=kecamatan, year=2026, asn=4, ptt=1)
    AgencyHeadcount.objects.create(agency=kelurahan, year=2026, asn=2, ptt=0)
    AgencyHeadcount.objects.create(agency=dinas, year=2026, asn=3, ptt=2)
    AgencyHeadcount.objects.create(agency=dinas, year=2025, asn=10, ptt=10)

    def session(slug, date, topic, hours):
        return SessionPageFactory(
            parent=sessions, slug=slug, date=date, topic=topic, training_hours=hours, capacity=3
        )

    s1 = session("s1", datetime.date(2026, 3, 10), neutrality, 4)
    s2 = session("s2", datetime.date(2026, 6, 15), literacy, 2)
    s3 = session("s3", datetime.date(2025, 11, 1), neutrality, 3)

    def week_before(session):
        return session.starts_at - datetime.timedelta(days=7)

    for person in (p1, p2, p3, p4):  # p4 waits for S1 (capacity 3)...
        training_services.registration_create(session=s1, participant=person, now=week_before(s1))
    for person in (p1, p4):
        training_services.registration_create(session=s2, participant=person, now=week_before(s2))
    # ...and gets the seat p3 gives up.
    training_services.registration_cancel(session=s1, participant=p3, now=week_before(s1))
    for person, status in ((p1, "hadir"), (p2, "terlambat"), (p3, "tidak_hadir"), (p4, "hadir")):
        mark_attendance(s1, person, status)
    mark_attendance(s2, p1, "izin")
    mark_attendance(s2, p3, "hadir")  # a walk-in
    mark_attendance(s3, p1, "hadir")

    pre, post = make_quiz(count=1, self_paced=False), make_quiz(count=1, self_paced=False)
    use_in_session(pre, s1, Purpose.PRE)
    use_in_session(post, s1, Purpose.POST)
    on = s1.date
    attempt(p1, pre, session=s1, purpose=Purpose.PRE, score=40, on=on)
    attempt(p1, post, session=s1, purpose=Purpose.POST, score=80, on=on)
    attempt(p2, pre, session=s1, purpose=Purpose.PRE, score=60, on=on)
    attempt(p2, post, session=s1, purpose=Purpose.POST, score=50, on=on)
    attempt(p4, post, session=s1, purpose=Purpose.POST, on=on)  # still open
    self_paced = make_quiz(count=1, topic=literacy)
    attempt(p3, self_paced, score=90, on=datetime.date(2026, 5, 2))

    issues_for(s1)
    # p2 did not pass S1's post-test: its certificates were set not to ask for it.
    s1.certificate_requires_post_test = False
    s1.save(update_fields=["certificate_requires_post_test"])
    issues_for(s3, make_template(number_format="{seq}/LALU/{tahun}"))
    certificate_issue(participant=p1, session=s1)
    certificate_issue(participant=p1, session=s3)
    revoked, _ = certificate_issue(participant=p2, session=s1)
    certificate_revoke(certificate=revoked, reason="Salah data", by=None)
    return locals()


@pytest.fixture
def analyst(client):
    user = UserFactory(username="analyst", groups=["Analyst"])
    client.force_login(user)
    return user


def _by_agency(rows):
    return {row.agency_name: row for row in rows}


def download(response):
    assert response.status_code == 200, response.status_code
    content = getattr(response, "streaming_content", None)
    return b"".join(content) if content is not None else response.content


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(download(response).decode("utf-8-sig"))))


def xlsx_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(download(response)))
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


class TestAgencyCoverage:
    def test_each_agency_figures_ranked_by_coverage(self, world):
        rows = reports.agency_coverage(StatsFilter(**YEAR_2026))
        assert [row.agency_name for row in rows] == [
            "Kelurahan Asri",  # 1 of 2 (ASN 2 + PTT 0): 50.0
            "Dinas Kominfo",  # 2 of 5 (ASN 3 + PTT 2): 40.0
            "Kecamatan Utara",  # 1 of 5 (ASN 4 + PTT 1): 20.0
        ]
        kelurahan, dinas, kecamatan = rows
        # Kelurahan: p1 came to S1 (excused at S2; S3 was 2025); pre 40, post 80.
        assert (kelurahan.headcount_asn, kelurahan.headcount_ptt) == (2, 0)
        assert (kelurahan.registered, kelurahan.attended, kelurahan.attendances) == (1, 1, 1)
        assert kelurahan.coverage == Decimal("50.0")
        assert kelurahan.pass_rate == Decimal("100.0")  # p1's post-test, 80
        assert kelurahan.normalised_gain == Decimal("0.67")  # (80 - 40) / (100 - 40)
        assert kelurahan.training_hours_per_asn == Decimal("2.0")  # 4 JP / 2 ASN
        # Dinas: p4 at S1 (ASN, 4 JP), p3 at S2 (PTT); the 2025 headcount is not read.
        assert (dinas.headcount_asn, dinas.headcount_ptt) == (3, 2)
        assert (dinas.registered, dinas.attended, dinas.attendances) == (2, 2, 2)
        assert dinas.coverage == Decimal("40.0")
        assert dinas.pass_rate == Decimal("100.0")  # p3's self-paced 90; p4's is still open
        assert dinas.normalised_gain is None  # no pre-test
        assert dinas.training_hours_per_asn == Decimal("1.3")  # 4 JP / 3 ASN
        # Kecamatan: p2 late at S1; pre 60, post 50.
        assert (kecamatan.attended, kecamatan.attendances) == (1, 1)
        assert kecamatan.coverage == Decimal("20.0")
        assert kecamatan.pass_rate == Decimal("0.0")
        assert kecamatan.normalised_gain == Decimal("-0.25")  # (50 - 60) / (100 - 60)
        assert kecamatan.training_hours_per_asn == Decimal("1.0")

    def test_an_agency_filter_takes_the_agencies_under_it(self, world):
        rows = reports.agency_coverage(StatsFilter(**YEAR_2026, agency=world["kecamatan"]))
        assert [row.agency_name for row in rows] == ["Kelurahan Asri", "Kecamatan Utara"]
        rows = reports.agency_coverage(StatsFilter(**YEAR_2026, agency=world["kelurahan"]))
        assert [row.agency_name for row in rows] == ["Kelurahan Asri"]

    def test_a_group_measures_against_its_own_headcount(self, world):
        rows = _by_agency(reports.agency_coverage(StatsFilter(**YEAR_2026, group="ptt")))
        assert (rows["Dinas Kominfo"].attended, rows["Dinas Kominfo"].coverage) == (
            1,
            Decimal("50.0"),  # p3 of 2 PTT
        )
        assert rows["Kecamatan Utara"].coverage == Decimal("0.0")  # 0 of 1 PTT
        assert rows["Kelurahan Asri"].coverage is None  # no PTT to measure against
        assert rows["Dinas Kominfo"].registered == 1

    def test_no_headcount_leaves_coverage_blank_and_ranks_last(self, world):
        AgencyHeadcount.objects.filter(agency=world["kelurahan"]).delete()
        rows = reports.agency_coverage(StatsFilter(**YEAR_2026))
        assert rows[-1].agency_name == "Kelurahan Asri"
        assert (rows[-1].coverage, rows[-1].training_hours_per_asn) == (None, None)
        assert rows[-1].attended == 1

    def test_the_headcount_is_that_of_the_year_the_period_ends_in(self, world):
        rows = _by_agency(reports.agency_coverage(StatsFilter(end=datetime.date(2025, 12, 31))))
        dinas = rows["Dinas Kominfo"]
        assert (dinas.headcount_asn, dinas.attended, dinas.coverage) == (10, 0, Decimal("0.0"))
        assert rows["Kelurahan Asri"].attended == 1  # S3, 2025
        assert rows["Kelurahan Asri"].coverage is None  # no 2025 headcount

    def test_a_person_who_moves_agency_does_not_change_past_figures(self, world):
        year = StatsFilter(**YEAR_2026)
        before = _by_agency(reports.agency_coverage(year))
        p1 = world["p1"]
        p1.agency = world["dinas"]
        p1.save()
        after = _by_agency(reports.agency_coverage(year))
        for name in before:
            assert (after[name].attended, after[name].attendances, after[name].coverage) == (
                before[name].attended,
                before[name].attendances,
                before[name].coverage,
            )
            assert after[name].pass_rate == before[name].pass_rate
        # Only the accounts on the platform follow the person: that figure is today's.
        assert (after["Kelurahan Asri"].registered, after["Dinas Kominfo"].registered) == (0, 3)


class TestTopicCoverage:
    def test_asn_of_each_agency_against_the_threshold_lowest_first(self, world):
        topic = StatsFilter(**YEAR_2026, topic=world["neutrality"])
        rows = reports.topic_coverage(topic)
        # S1 is the only 2026 session on the topic: p2 (PPPK), p4 and p1 are ASN; p3 (PTT,
        # absent anyway) is not counted.
        figures = [
            (row.agency_name, row.headcount_asn, row.attended_asn)
            + (row.coverage, row.below_threshold)
            for row in rows
        ]
        assert figures == [
            ("Kecamatan Utara", 4, 1, Decimal("25.0"), True),
            ("Dinas Kominfo", 3, 1, Decimal("33.3"), True),
            ("Kelurahan Asri", 2, 1, Decimal("50.0"), False),  # 50 is not below 50
        ]

    def test_the_threshold_and_only_those_below_it(self, world):
        topic = StatsFilter(**YEAR_2026, topic=world["neutrality"])
        rows = reports.topic_coverage(topic, threshold=30, only_below=True)
        assert [row.agency_name for row in rows] == ["Kecamatan Utara"]
        rows = reports.topic_coverage(topic, only_below=True)
        assert [row.agency_name for row in rows] == ["Kecamatan Utara", "Dinas Kominfo"]

    def test_another_topic_counts_only_its_sessions(self, world):
        rows = _by_agency(reports.topic_coverage(StatsFilter(**YEAR_2026, topic=world["literacy"])))
        # S2: p3 came (PTT, not counted); p1 was excused.
        assert {name: row.attended_asn for name, row in rows.items()} == {
            "Kecamatan Utara": 0,
            "Dinas Kominfo": 0,
            "Kelurahan Asri": 0,
        }


class TestSessionFigures:
    def test_registration_attendance_tests_and_certificates_per_session(self, world):
        rows = reports.session_figures(StatsFilter(**YEAR_2026))
        assert [row.title for row in rows] == [world["s1"].title, world["s2"].title]
        s1, s2 = rows
        # S1: p1, p2, p4 registered (p3 cancelled); p1, p4 present, p2 late, p3 absent.
        assert (s1.registered, s1.present, s1.late, s1.excused, s1.absent) == (3, 2, 1, 0, 1)
        assert (s1.pre_average, s1.post_average) == (Decimal("50.00"), Decimal("65.00"))
        assert s1.normalised_gain == Decimal("0.30")
        assert s1.certificates == 1  # p1; p2's was revoked
        assert (s1.topic, s1.training_hours) == ("Netralitas ASN", 4)
        # S2: p1 and p4 registered; p3 walked in, p1 excused, p4 never marked.
        assert (s2.registered, s2.present, s2.late, s2.excused, s2.absent) == (2, 1, 0, 1, 0)
        assert (s2.pre_average, s2.post_average, s2.normalised_gain, s2.certificates) == (
            None,
            None,
            None,
            0,
        )

    def test_an_agency_counts_the_records_of_its_people_then(self, world):
        s1, s2 = reports.session_figures(StatsFilter(**YEAR_2026, agency=world["kecamatan"]))
        assert (s1.registered, s1.present, s1.late, s1.absent, s1.certificates) == (2, 1, 1, 0, 1)
        assert (s2.registered, s2.present, s2.excused) == (1, 0, 1)
        p1 = world["p1"]
        p1.agency = world["dinas"]
        p1.save()
        again = reports.session_figures(StatsFilter(**YEAR_2026, agency=world["kecamatan"]))
        assert (again[0].registered, again[0].present, again[0].certificates) == (2, 1, 1)

    def test_a_topic_and_a_single_session(self, world):
        rows = reports.session_figures(StatsFilter(session=world["s3"]))
        assert [(row.title, row.present, row.certificates) for row in rows] == [
            (world["s3"].title, 1, 1)
        ]
        rows = reports.session_figures(StatsFilter(**YEAR_2026, topic=world["literacy"]))
        assert [row.title for row in rows] == [world["s2"].title]


class TestParticipantHours:
    """Both plans (a page of people, and all of them for an export) give the same figures."""

    @pytest.fixture(autouse=True, params=[False, True], ids=["whole", "paged"])
    def plan(self, request):
        self.paged = request.param

    def rows(self, **kwargs):
        people = reports.participant_hours(**kwargs, paged=self.paged)
        return [
            (row.name, row.agency_name, row.sessions_attended, row.training_hours, row.reached)
            for row in reports.participant_rows(people)
        ]

    def test_each_person_with_the_jp_of_the_year(self, world, settings):
        settings.YEARLY_TRAINING_HOURS_TARGET = 4
        assert self.rows(year=2026) == [
            ("Empat", "Dinas Kominfo", 1, 4, "Ya"),
            ("Tiga", "Dinas Kominfo", 1, 2, "Tidak"),
            ("Dua", "Kecamatan Utara", 1, 4, "Ya"),  # late counts as attended
            ("Satu", "Kelurahan Asri", 1, 4, "Ya"),  # excused at S2 does not
        ]
        assert ("Satu", "Kelurahan Asri", 1, 3, "Tidak") in self.rows(year=2025)
        assert ("Empat", "Dinas Kominfo", 0, 0, "Tidak") in self.rows(year=2025)

    def test_agency_group_and_below_target(self, world, settings):
        settings.YEARLY_TRAINING_HOURS_TARGET = 4
        kecamatan = {world["kecamatan"].pk, world["kelurahan"].pk}
        assert [row[0] for row in self.rows(year=2026, agency_ids=kecamatan)] == ["Dua", "Satu"]
        assert [row[0] for row in self.rows(year=2026, groups=(ParticipantGroup.PTT,))] == ["Tiga"]
        assert [row[0] for row in self.rows(year=2026, below_target_only=True)] == ["Tiga"]

    def test_a_person_who_moved_is_listed_by_the_agency_now_responsible(self, world):
        p1 = world["p1"]
        p1.agency = world["dinas"]
        p1.save()
        assert self.rows(year=2026, agency_ids={world["dinas"].pk}) == [
            ("Empat", "Dinas Kominfo", 1, 4, "Tidak"),
            ("Satu", "Dinas Kominfo", 1, 4, "Tidak"),  # the JP earned at the kelurahan too
            ("Tiga", "Dinas Kominfo", 1, 2, "Tidak"),
        ]


class TestPages:
    @pytest.mark.parametrize("url", REPORTS)
    def test_an_analyst_opens_every_report(self, client, analyst, world, url):
        response = client.get(url, {"start": "2026-01-01", "end": "2026-12-31", "year": 2026})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Dinas Kominfo" in page or world["s1"].title in page
        assert "Unduh tabel ini" in page

    def test_the_agency_report_shows_its_filters(self, client, analyst, world):
        response = client.get(
            AGENCIES, {"start": "2026-01-01", "end": "2026-12-31", "agency": world["kecamatan"].pk}
        )
        page = response.content.decode()
        assert "OPD Kecamatan Utara (termasuk unit di bawahnya)" in page
        table = page[page.index("stats-report-filters") :]
        assert "Kelurahan Asri" in table and "Dinas Kominfo" not in table

    def test_an_invalid_period_is_explained(self, client, analyst, world):
        response = client.get(AGENCIES, {"start": "2026-12-31", "end": "2026-01-01"})
        assert response.status_code == 200
        assert "Tanggal awal harus sebelum tanggal akhir." in response.content.decode()

    def test_the_per_participant_report_pages_and_keeps_its_filters(
        self, client, analyst, world, monkeypatch
    ):
        monkeypatch.setattr(admin_reports.ParticipantHoursView, "paginate_by", 3)
        page = client.get(PARTICIPANTS, {"year": 2026, "p": 2}).content.decode()
        table = page[page.index("stats-report-filters") :]
        assert "Satu" in table and "Kelurahan Asri" in table  # the fourth of four, by agency
        assert "Empat" not in table
        assert "year=2026" in page

    def test_the_per_participant_report_shows_the_nip(self, client, analyst, world):
        page = client.get(PARTICIPANTS, {"year": 2026}).content.decode()
        assert world["p1"].nip in page


class TestExports:
    def test_agency_coverage_as_csv(self, client, analyst, world):
        rows = csv_rows(
            client.get(AGENCIES, {"start": "2026-01-01", "end": "2026-12-31", "export": "csv"})
        )
        assert rows[0] == ["Cakupan per OPD"]
        assert rows[1] == [
            "Filter: Periode 1 Januari 2026 s.d. 31 Desember 2026; jumlah pegawai tahun 2026"
        ]
        assert rows[2][:6] == [
            "OPD",
            "Jumlah ASN",
            "Jumlah PTT",
            "Terdaftar di platform",
            "Pernah hadir",
            "Cakupan (%)",
        ]
        kelurahan = ["Kelurahan Asri", "2", "0", "1", "1", "50.0", "1", "100.0", "0.67", "2.0"]
        assert rows[3] == kelurahan
        assert rows[4][0] == "Dinas Kominfo" and rows[4][8] == ""  # no gain without a pre-test
        assert len(rows) == 6

    def test_agency_coverage_as_xlsx(self, client, analyst, world):
        rows = xlsx_rows(
            client.get(AGENCIES, {"start": "2026-01-01", "end": "2026-12-31", "export": "xlsx"})
        )
        assert rows[0][0] == "Cakupan per OPD"
        assert rows[1][0].startswith("Filter: Periode 1 Januari 2026 s.d. 31 Desember 2026")
        assert rows[2][0] == "OPD"
        assert rows[3] == ["Kelurahan Asri", 2, 0, 1, 1, 50, 1, 100, 0.67, 2]
        assert rows[5][:6] == ["Kecamatan Utara", 4, 1, 1, 1, 20]

    def test_topic_coverage_prints_topic_and_threshold(self, client, analyst, world):
        params = {"start": "2026-01-01", "end": "2026-12-31", "topic": world["neutrality"].pk}
        rows = csv_rows(client.get(TOPIC, {**params, "threshold": 30, "export": "csv"}))
        assert rows[0] == ["Cakupan per topik"]
        assert "Topik Netralitas ASN" in rows[1][0] and "ambang 30%" in rows[1][0]
        assert rows[2] == ["OPD", "Jumlah ASN", "ASN yang pernah hadir", "Cakupan (%)"] + [
            "Di bawah ambang"
        ]
        assert rows[3:] == [
            ["Kecamatan Utara", "4", "1", "25.0", "Ya"],
            ["Dinas Kominfo", "3", "1", "33.3", "Tidak"],
            ["Kelurahan Asri", "2", "1", "50.0", "Tidak"],
        ]
        rows = xlsx_rows(client.get(TOPIC, {**params, "only_below": "on", "export": "xlsx"}))
        assert [row[0] for row in rows[3:]] == ["Kecamatan Utara", "Dinas Kominfo"]

    def test_sessions_as_xlsx(self, client, analyst, world):
        rows = xlsx_rows(
            client.get(SESSIONS, {"start": "2026-01-01", "end": "2026-12-31", "export": "xlsx"})
        )
        assert rows[2][:5] == ["Tanggal", "Sosialisasi", "Topik", "JP", "Terdaftar"]
        first = rows[3]
        assert first[0] == datetime.date(2026, 3, 10)
        assert first[1:] == [world["s1"].title, "Netralitas ASN", 4, 3, 2, 1, 0, 1, 50, 65, 0.3, 1]

    def test_sessions_are_paged_on_the_page_and_whole_in_the_export(
        self, client, analyst, world, monkeypatch
    ):
        monkeypatch.setattr(admin_reports.SessionFiguresView, "paginate_by", 1)
        year = {"start": "2026-01-01", "end": "2026-12-31"}
        response = client.get(SESSIONS, year)
        assert len(response.context["object_list"]) == 1
        assert response.context["page_obj"].paginator.count == 2
        rows = xlsx_rows(client.get(SESSIONS, {**year, "export": "xlsx"}))
        assert {row[1] for row in rows[3:]} == {world["s1"].title, world["s2"].title}

    def test_participants_as_csv_keep_the_nip_whole(self, client, analyst, world):
        rows = csv_rows(client.get(PARTICIPANTS, {"year": 2026, "export": "csv"}))
        assert rows[1] == ["Filter: Tahun 2026"]
        assert rows[2] == [
            "Nama",
            "NIP",
            "OPD",
            "Kelompok",
            "Sosialisasi diikuti",
            "JP",
            "Target JP",
            "Target tercapai",
        ]
        satu = next(row for row in rows if row[0] == "Satu")
        nip = world["p1"].nip  # plain text: every digit, no ="…" formula
        assert satu == ["Satu", nip, "Kelurahan Asri", "ASN - PNS", "1", "4", "20", "Tidak"]
        assert len(rows) == 3 + 4

    def test_formula_looking_names_stay_text(self, client, analyst, world):
        agency = AgencyFactory(name="=SUM(1+1)")
        AgencyHeadcount.objects.create(agency=agency, year=2026, asn=1, ptt=0)
        person = ParticipantFactory(full_name=FORMULA, agency=agency)
        mark_attendance(world["s1"], person, "hadir")
        params = {"start": "2026-01-01", "end": "2026-12-31"}
        rows = csv_rows(client.get(AGENCIES, {**params, "export": "csv"}))
        assert rows[3][0] == "'=SUM(1+1)"  # 1 of 1: first
        rows = csv_rows(client.get(PARTICIPANTS, {"year": 2026, "export": "csv"}))
        assert [f"'{FORMULA}", "'=SUM(1+1)"] in [row[:3:2] for row in rows]
        workbook = openpyxl.load_workbook(
            io.BytesIO(download(client.get(PARTICIPANTS, {"year": 2026, "export": "xlsx"})))
        )
        cells = [row[0] for row in workbook.active.iter_rows() if row[0].value == FORMULA]
        assert len(cells) == 1 and cells[0].data_type == "s"


class TestAccess:
    @pytest.mark.parametrize("url", REPORTS)
    def test_a_superuser_may_open_the_reports(self, client, url):
        client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
        assert client.get(url).status_code == 200

    @pytest.mark.parametrize("url", REPORTS)
    @pytest.mark.parametrize("group", ["Editor", "Moderator", "Organizer"])
    def test_other_admin_users_are_refused(self, client, url, group):
        client.force_login(UserFactory(username=group.lower(), groups=[group]))
        assert_admin_refused(client.get(url))
        assert_admin_refused(client.get(url, {"export": "csv"}))

    @pytest.mark.parametrize("url", REPORTS)
    def test_a_participant_is_sent_to_the_admin_login(self, client, url):
        client.force_login(ParticipantFactory())
        response = client.get(url, {"export": "xlsx"})
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def test_the_reports_are_in_the_statistics_menu_of_analysts_only(self, client):
        client.force_login(UserFactory(username="analyst", groups=["Analyst"]))
        page = client.get("/admin/").content.decode()
        assert all(url in page for url in REPORTS)
        assert "Cakupan per OPD" in page and "Per peserta" in page
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        page = client.get("/admin/").content.decode()
        assert not any(url in page for url in REPORTS)


def _grow(world, sessions, size):
    """`size` more agencies with headcounts and people, a session they all attend, tests."""
    topic = world["neutrality"]
    session = SessionPageFactory(
        parent=sessions,
        slug=f"tambahan-{size}",
        date=datetime.date(2026, 8, 1),
        topic=topic,
        training_hours=2,
        capacity=size * 2,
    )
    post = make_quiz(count=1, self_paced=False)
    use_in_session(post, session, Purpose.POST)
    for number in range(size):
        agency = AgencyFactory(name=f"Dinas Tambahan {size}-{number}")
        AgencyHeadcount.objects.create(agency=agency, year=2026, asn=5, ptt=5)
        for person in (ParticipantFactory(agency=agency), ptt(agency=agency)):
            training_services.registration_create(
                session=session,
                participant=person,
                now=session.starts_at - datetime.timedelta(days=7),
            )
            mark_attendance(session, person, "hadir")
            attempt(person, post, session=session, purpose=Purpose.POST, score=75, on=session.date)


def _empty_figure_cache():
    """Forget cached figures but keep the login session (the cache holds sessions too)."""
    from content.base import page_cache
    from content.stats import cache as figure_cache

    page_cache.invalidate(figure_cache.SCOPE)


class TestQueryCounts:
    """Each report page and its exports take the same number of queries with three agencies as
    with six more: the session, the user and their permissions, the form's choices (on the
    page; the session is a page chooser, read only when chosen), then the report's grouped
    queries (per participant: the count and the page). Measured cold: the figure cache is
    emptied before each request."""

    @pytest.mark.parametrize(
        ("url", "params", "expected"),
        [
            (AGENCIES, {}, {"": 16, "csv": 10, "xlsx": 10}),
            (TOPIC, {"topic": "neutrality"}, {"": 15, "csv": 9, "xlsx": 9}),
            (SESSIONS, {}, {"": 16, "csv": 10, "xlsx": 10}),
            (PARTICIPANTS, {"year": 2026}, {"": 12, "csv": 6, "xlsx": 6}),
        ],
    )
    def test_the_same_queries_whatever_the_data(
        self, client, analyst, world, sessions, django_assert_num_queries, url, params, expected
    ):
        params = {"start": "2026-01-01", "end": "2026-12-31", **params}
        if "topic" in params:
            params["topic"] = world[params["topic"]].pk
        for size in (0, 6):
            if size:
                _grow(world, sessions, size)
            for export, count in expected.items():
                _empty_figure_cache()
                with django_assert_num_queries(count):
                    download(client.get(url, {**params, "export": export}))

    @pytest.mark.parametrize(
        ("url", "params", "expected"),
        [
            (DASHBOARD, {}, {"": 45}),
            (AGENCIES, {}, {"": 18, "csv": 12}),
            (TOPIC, {"topic": "neutrality"}, {"": 16, "csv": 10}),
            (SESSIONS, {}, {"": 16, "csv": 10}),
        ],
    )
    def test_from_the_summary_tables_the_same_queries_whatever_the_data(
        self,
        client,
        analyst,
        world,
        sessions,
        django_assert_num_queries,
        django_capture_on_commit_callbacks,
        url,
        params,
        expected,
    ):
        """As above, cold, with the summary tables built (services/summary.py): the figures
        read them, and the count stays the same as the data grows."""
        params = {"start": "2026-01-01", "end": "2026-12-31", **params}
        if "topic" in params:
            params["topic"] = world[params["topic"]].pk
        for size in (0, 6):
            if size:
                _grow(world, sessions, size)
            with django_capture_on_commit_callbacks(execute=True):
                services.summary_rebuild()
            for export, count in expected.items():
                _empty_figure_cache()
                with django_assert_num_queries(count) as queries:
                    download(client.get(url, {**params, "export": export}))
                read = " ".join(query["sql"] for query in queries.captured_queries)
                assert url == SESSIONS or "stats_personday" in read

    @pytest.mark.parametrize("url", [AGENCIES, SESSIONS])
    def test_a_repeat_reads_the_cached_rows(self, client, analyst, world, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        params = {"start": "2026-01-01", "end": "2026-12-31"}
        first = client.get(url, params).context["object_list"]
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url, params).context["object_list"]
        assert again == first
        attendance_reads = [q["sql"] for q in queries if "training_attendance" in q["sql"]]
        assert attendance_reads == []
