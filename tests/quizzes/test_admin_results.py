"""The organizers' quiz reports in the admin (content/quizzes/admin_results.py): who may open
them, what they show, and the CSV and XLSX they download."""

import csv
import io

import openpyxl
import pytest

from content.quizzes.models import Purpose
from tests.assertions import assert_admin_refused
from tests.factories.people import ParticipantFactory
from tests.factories.users import UserFactory
from tests.quizzes.results_data import ANI_NIP, FORMULA_NAME, item_world, session_world

pytestmark = pytest.mark.django_db
SESSION_RESULTS = "/admin/kuis/hasil-sosialisasi/"
ITEM_ANALYSIS = "/admin/kuis/analisis-butir/"


def download(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(download(response).decode("utf-8-sig"))))


def xlsx_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(download(response)))
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


class TestAccess:
    @pytest.mark.parametrize("url", [SESSION_RESULTS, ITEM_ANALYSIS])
    def test_organizers_and_analysts_may_open_the_reports(self, client, url):
        for user in (
            UserFactory(username="organizer", groups=["Organizer"]),
            UserFactory(username="analyst", groups=["Analyst"]),
            UserFactory(username="admin", is_superuser=True, is_staff=True),
        ):
            client.force_login(user)
            assert client.get(url).status_code == 200

    @pytest.mark.parametrize("url", [SESSION_RESULTS, ITEM_ANALYSIS])
    def test_an_editor_is_sent_back_to_the_dashboard(self, client, url):
        client.force_login(UserFactory(username="editor", groups=["Editor"]))
        assert_admin_refused(client.get(url))
        assert_admin_refused(client.get(url + "?export=csv"))

    @pytest.mark.parametrize("url", [SESSION_RESULTS, ITEM_ANALYSIS])
    def test_a_participant_is_sent_to_the_admin_login(self, client, url):
        client.force_login(ParticipantFactory())
        response = client.get(url + "?export=xlsx")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def test_the_reports_are_in_the_reports_menu_of_those_who_may_open_them(self, client):
        client.force_login(UserFactory(username="analyst", groups=["Analyst"]))
        page = client.get("/admin/").content.decode()
        assert SESSION_RESULTS in page and ITEM_ANALYSIS in page
        client.force_login(UserFactory(username="editor", groups=["Editor"]))
        page = client.get("/admin/").content.decode()
        assert SESSION_RESULTS not in page and ITEM_ANALYSIS not in page


class TestSessionResultsReport:
    def test_without_a_session_it_offers_the_sessions_with_tests(self, client, organizer, sessions):
        world = session_world(sessions)
        page = client.get(SESSION_RESULTS).content.decode()
        assert world.session.title in page
        assert "Ringkasan" not in page

    def test_shows_summary_participants_and_questions(self, client, organizer, sessions):
        world = session_world(sessions)
        response = client.get(SESSION_RESULTS, {"sesi": world.session.pk})
        assert response.status_code == 200
        page = response.content.decode()
        for text in ("Ani Lestari", ANI_NIP, "Dinas Pendidikan", "Soal Q4: ciri hoaks nomor 4?"):
            assert text in page
        # Bahasa Indonesia writes a decimal comma: <g> = 0.125, mean g = 0.167.
        assert "0,125" in page and "0,167" in page
        # Links to the item analysis of each test, limited to this session.
        assert f"?kuis={world.pre_quiz.pk}&amp;jenis=pre&amp;sesi={world.session.pk}" in page

    def test_participant_table_as_csv_with_the_formula_name_neutralised(
        self, client, organizer, sessions
    ):
        world = session_world(sessions)
        response = client.get(SESSION_RESULTS, {"sesi": world.session.pk, "export": "csv"})
        assert "hasil-kuis-sosialisasi" in response["Content-Disposition"]
        rows = csv_rows(response)
        assert rows[0] == [
            "Nama",
            "NIP",
            "OPD saat itu",
            "Kelompok saat itu",
            "Pre-test",
            "Post-test",
            "Gain ternormalisasi (g)",
        ]
        eka = "Dinas Komunikasi dan Informatika"
        assert rows[1:] == [
            ["'" + FORMULA_NAME, "", eka, "PTT / non-ASN", "", "100.00", ""],
            ["Ani Lestari", ANI_NIP, eka, "ASN - PNS", "50.00", "87.50", "0.750"],
            [
                "Budi Santoso",
                world.people.budi.nip,
                "Dinas Pendidikan",
                "ASN - PNS",
                "100.00",
                "75.00",
                "-0.250",
            ],
            [
                "Citra Dewi",
                world.people.citra.nip,
                eka,
                "ASN - PNS",
                "50.00",
                "50.00",
                "0.000",
            ],
            ["Dedi Kurniawan", world.people.dedi.nip, eka, "ASN - PNS", "25.00", "", ""],
        ]

    def test_participant_table_as_xlsx_keeps_the_formula_name_as_text(
        self, client, organizer, sessions
    ):
        world = session_world(sessions)
        response = client.get(SESSION_RESULTS, {"sesi": world.session.pk, "export": "xlsx"})
        workbook = openpyxl.load_workbook(io.BytesIO(download(response)))
        sheet = workbook.active
        assert sheet["A2"].value == FORMULA_NAME
        assert sheet["A2"].data_type == "s"
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert [row[0] for row in rows] == [
            "Nama",
            FORMULA_NAME,
            "Ani Lestari",
            "Budi Santoso",
            "Citra Dewi",
            "Dedi Kurniawan",
        ]
        assert rows[2][1:] == [
            ANI_NIP,
            "Dinas Komunikasi dan Informatika",
            "ASN - PNS",
            50,
            87.5,
            0.75,
        ]

    def test_question_table_as_csv(self, client, organizer, sessions):
        world = session_world(sessions)
        q = world.questions
        response = client.get(
            SESSION_RESULTS, {"sesi": world.session.pk, "tabel": "soal", "export": "csv"}
        )
        assert "-soal.csv" in response["Content-Disposition"]
        rows = csv_rows(response)
        assert rows[0][0:2] == ["ID soal", "Soal"]
        assert [[row[0], *row[3:]] for row in rows[1:]] == [
            [str(q.q1.pk), "4", "75.0", "4", "100.0", "25.0"],
            [str(q.q2.pk), "4", "25.0", "4", "75.0", "50.0"],
            [str(q.q3.pk), "4", "75.0", "0", "", ""],
            [str(q.q5.pk), "4", "50.0", "4", "87.5", "37.5"],
            [str(q.q4.pk), "0", "", "4", "50.0", ""],
        ]

    def test_an_unknown_session_shows_the_form_again(self, client, organizer, sessions):
        response = client.get(SESSION_RESULTS, {"sesi": 999999})
        assert response.status_code == 200
        assert "Ringkasan" not in response.content.decode()


class TestItemAnalysisReport:
    def test_shows_facility_discrimination_and_distribution(self, client, organizer, sessions):
        world = item_world(sessions)
        response = client.get(ITEM_ANALYSIS, {"kuis": world.quiz.pk, "jenis": Purpose.SELF_PACED})
        assert response.status_code == 200
        page = response.content.decode()
        for text in ("Butir 4: apa ciri hoaks?", "80,0", "-58,3", "Periksa soal", "70–79"):
            assert text in page
        assert "width: 100%" in page  # the 70–79 band, the largest

    def test_item_table_as_csv_and_xlsx(self, client, organizer, sessions):
        world = item_world(sessions)
        q = world.questions
        query = {"kuis": world.quiz.pk, "jenis": Purpose.SELF_PACED}
        rows = csv_rows(client.get(ITEM_ANALYSIS, {**query, "export": "csv"}))
        assert rows[0] == [
            "ID soal",
            "Soal",
            "Topik",
            "Pilar",
            "Jumlah percobaan",
            "Tingkat kemudahan (%)",
            "Daya pembeda (%)",
            "Keterangan daya pembeda",
            "Tingkat kesulitan (logit)",
            "Infit MNSQ",
            "Outfit MNSQ",
            "Kecocokan dengan model Rasch",
        ]
        # No pillar, and no calibration of the literacy index yet (tests/quizzes/test_pillars.py).
        blanks = ["", "", "", ""]
        # A negative index is a number, not a formula: it is not prefixed.
        expected = [
            (q.q1, "80.0", "25.0", "Lemah"),
            (q.q2, "50.0", "-28.0", "Periksa soal"),
            (q.q3, "40.0", "61.2", "Sangat baik"),
            (q.q4, "40.0", "-58.3", "Periksa soal"),
        ]
        assert rows[1:] == [
            [str(item.pk), item.text, "Anti-Hoaks", "", "5", facility, discrimination, quality]
            + blanks
            for item, facility, discrimination, quality in expected
        ]
        response = client.get(ITEM_ANALYSIS, {**query, "export": "xlsx"})
        assert "analisis-butir-kenali-hoaks-butir.xlsx" in response["Content-Disposition"]
        sheet = xlsx_rows(response)
        assert [row[5:7] for row in sheet[1:]] == [[80, 25], [50, -28], [40, 61.2], [40, -58.3]]

    def test_distribution_as_csv(self, client, organizer, sessions):
        world = item_world(sessions)
        query = {"kuis": world.quiz.pk, "jenis": Purpose.SELF_PACED, "tabel": "sebaran"}
        rows = csv_rows(client.get(ITEM_ANALYSIS, {**query, "export": "csv"}))
        assert rows[0] == ["Rentang nilai", "Jumlah peserta"]
        assert [count for _, count in rows[1:]] == [
            "0",
            "0",
            "1",
            "1",
            "0",
            "1",
            "0",
            "2",
            "0",
            "0",
        ]
