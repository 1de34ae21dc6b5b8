"""Questions come into the bank from a spreadsheet through the shared import flow (every row
checked, all or nothing), and go out in the same format, so a bank can move between sites."""

import contextlib
import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from content.base.models import ImportJob
from content.base.spreadsheets import ImportRejected, SpreadsheetError
from content.quizzes import importing, services
from content.quizzes.models import Option, Question, QuestionKind
from tests.assertions import assert_admin_refused
from tests.factories.articles import TopicFactory
from tests.factories.quizzes import make_question
from tests.factories.spreadsheets import csv_bytes, xlsx_bytes
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

TOPIC = "Literasi Digital"
HEADERS = ["topik", "jenis", "pertanyaan", "pilihan_a", "pilihan_b", "pilihan_c", "pilihan_d"]
HEADERS += ["pilihan_e", "pilihan_f", "jawaban", "penilaian", "penjelasan", "tautan"]
# What the template and the export write: the pillar columns last (tests/quizzes/test_pillars.py).
FILE_HEADERS = [*HEADERS, "pilar", "subindikator"]


def row(text="Apa kepanjangan ASN?", *, topik=TOPIC, jenis="tunggal", pilihan=(), **values):
    """A row in HEADERS order; pilihan fills pilihan_a onwards."""
    cells = dict.fromkeys(HEADERS, "")
    cells.update(topik=topik, jenis=jenis, pertanyaan=text)
    cells.update(zip(HEADERS[3:9], pilihan, strict=False))
    cells.update(values)
    return [cells[header] for header in HEADERS]


def single(text="Apa kepanjangan ASN?", answer="A", **values):
    options = ("Aparatur Sipil Negara", "Abdi Sipil Negara", "Aparatur Sistem Nasional")
    return row(text, pilihan=options, jawaban=answer, **values)


@pytest.fixture
def topic():
    return TopicFactory(name=TOPIC, slug="literasi-digital")


def _preview(data, name="soal.xlsx"):
    return importing.preview_question_import(importing.read_table(data, name))


def _errors(rows):
    """{row number: errors} of the rows with errors."""
    return {
        line.number: line.errors for line in _preview(xlsx_bytes(rows, HEADERS)).rows_with_errors
    }


def _import(data, name="soal.xlsx"):
    return services.questions_import(preview=_preview(data, name), by=None)


def _answer_key(question):
    return [(option.text, option.is_correct) for option in question.options.order_by("sort_order")]


class TestRowChecks:
    def test_an_unknown_topic_suggests_close_names(self, topic):
        TopicFactory(name="Anti-Hoaks", slug="anti-hoaks")
        errors = _errors([single(), single("Soal dua?", topik="Literasi Digtal")])
        assert errors == {
            3: ["Topik 'Literasi Digtal' tidak dikenal. Mungkin maksud Anda: Literasi Digital?"]
        }

    def test_topics_are_found_by_name_or_slug_whatever_the_spelling(self, topic):
        rows = [single(topik="literasi digital"), single("Dua?", topik="literasi-digital")]
        preview = _preview(xlsx_bytes(rows, HEADERS))
        assert preview.ok and {line.topic for line in preview.rows} == {topic}

    @pytest.mark.parametrize(("answer", "kind"), [("B", "tunggal"), ("A, C", "ganda")])
    def test_plain_pilihan_ganda_takes_its_kind_from_the_answer(self, topic, answer, kind):
        """Indonesian schools call any multiple-choice question "pilihan ganda"; one answer
        makes radio buttons, several make checkboxes ("pilihan ganda kompleks")."""
        cells = row(jenis="Pilihan Ganda", pilihan=("Ya", "Tidak", "Ragu"), jawaban=answer)
        preview = _preview(xlsx_bytes([cells], HEADERS))
        assert preview.ok and preview.rows[0].kind == kind

    @pytest.mark.parametrize(
        ("spelling", "kind"),
        [
            ("tunggal", QuestionKind.SINGLE),
            ("Pilihan Tunggal", QuestionKind.SINGLE),
            ("ganda", QuestionKind.MULTIPLE),
            ("pilihan ganda", QuestionKind.MULTIPLE),
            ("pilihan ganda kompleks", QuestionKind.MULTIPLE),
            ("Benar/Salah", QuestionKind.TRUE_FALSE),
            ("benar salah", QuestionKind.TRUE_FALSE),
            ("benar atau salah", QuestionKind.TRUE_FALSE),
            ("Hoaks atau Fakta?", QuestionKind.HOAX_OR_FACT),
            ("hoaks atau fakta", QuestionKind.HOAX_OR_FACT),
            ("hoaks_fakta", QuestionKind.HOAX_OR_FACT),
        ],
    )
    def test_kinds_are_understood_in_their_indonesian_spellings(self, topic, spelling, kind):
        answers = {
            QuestionKind.SINGLE: {"pilihan": ("Ya", "Tidak"), "jawaban": "A"},
            QuestionKind.MULTIPLE: {"pilihan": ("Ya", "Tidak"), "jawaban": "A,B"},
            QuestionKind.TRUE_FALSE: {"jawaban": "benar"},
            QuestionKind.HOAX_OR_FACT: {"jawaban": "hoaks"},
        }
        preview = _preview(xlsx_bytes([row(jenis=spelling, **answers[kind])], HEADERS))
        assert preview.ok
        assert preview.rows[0].kind == kind

    @pytest.mark.parametrize(
        ("cells", "message"),
        [
            (
                {"topik": ""},
                "Topik wajib diisi.",
            ),
            (
                {"jenis": "esai"},
                "Jenis 'esai' tidak dikenal (isi tunggal, ganda, benar/salah, atau hoaks atau "
                "fakta).",
            ),
            (
                {"pertanyaan": ""},
                "Pertanyaan wajib diisi.",
            ),
            (
                {"pilihan_b": "", "pilihan_c": ""},
                "Tulis paling sedikit dua pilihan jawaban (kolom pilihan_a, pilihan_b…).",
            ),
            (
                {"jawaban": "D"},
                "Jawaban D menunjuk pilihan yang kosong.",
            ),
            (
                {"jawaban": "Aparatur"},
                "Jawaban 'Aparatur' tidak dikenal: tulis huruf pilihan yang benar, misalnya A, "
                "atau A,C untuk soal ganda.",
            ),
            (
                {"jawaban": ""},
                "Jawaban wajib diisi: huruf pilihan yang benar, misalnya A, atau A,C untuk soal "
                "ganda.",
            ),
            (
                {"jawaban": "A,C"},
                "Soal pilihan tunggal hanya boleh punya satu jawaban benar (tertulis A,C); untuk "
                "lebih dari satu jawaban pakai jenis ganda.",
            ),
            (
                {"pilihan_c": "aparatur  sipil negara"},
                "Ada pilihan jawaban yang ditulis dua kali.",
            ),
            (
                {"jenis": "ganda", "penilaian": "separuh"},
                "Penilaian 'separuh' tidak dikenal (isi semua atau sebagian).",
            ),
            (
                {"tautan": "komdigi.go.id/berita"},
                "Tautan 'komdigi.go.id/berita' bukan alamat web yang lengkap (awali dengan "
                "https://).",
            ),
        ],
    )
    def test_each_problem_is_named_on_its_row(self, topic, cells, message):
        bad = single("Soal kedua?")
        for column, value in cells.items():
            bad[HEADERS.index(column)] = value
        assert _errors([single(), bad]) == {3: [message]}

    @pytest.mark.parametrize(
        ("cells", "message"),
        [
            (
                {"jenis": "benar/salah", "jawaban": "ya"},
                "Jawaban soal benar/salah harus benar atau salah, bukan 'ya'.",
            ),
            (
                {"jenis": "benar/salah", "jawaban": ""},
                "Jawaban soal benar/salah harus benar atau salah.",
            ),
            (
                {"jenis": "hoaks atau fakta", "jawaban": "bohong"},
                "Jawaban soal hoaks atau fakta harus salah satu label: HOAKS, DISINFORMASI, "
                "MISINFORMASI, MENYESATKAN, SATIRE, FAKTA, bukan 'bohong'.",
            ),
            (
                {"jenis": "benar/salah", "jawaban": "salah", "pilihan_a": "Benar"},
                "Soal benar/salah memakai pilihan tetap; kosongkan kolom pilihan_a sampai "
                "pilihan_f.",
            ),
        ],
    )
    def test_the_answers_of_the_fixed_kinds(self, topic, cells, message):
        bad = row("Pernyataan kedua.")
        for column, value in cells.items():
            bad[HEADERS.index(column)] = value
        assert _errors([single(), bad]) == {3: [message]}

    def test_every_problem_of_a_row_is_listed_at_once(self, topic):
        bad = row("", topik="Tidak Ada", jenis="ganda", pilihan=("Satu",), jawaban="B")
        assert _errors([bad]) == {
            2: [
                "Topik 'Tidak Ada' tidak dikenal.",
                "Pertanyaan wajib diisi.",
                "Tulis paling sedikit dua pilihan jawaban (kolom pilihan_a, pilihan_b…).",
                "Jawaban B menunjuk pilihan yang kosong.",
            ]
        }

    def test_the_same_question_twice_in_the_file_names_the_first_row(self, topic):
        rows = [single(), single("Dua?"), single("  apa KEPANJANGAN   asn? ")]
        assert _errors(rows) == {4: ["Pertanyaan yang sama untuk topik ini sudah ada di baris 2."]}

    def test_the_same_text_under_another_topic_is_another_question(self, topic):
        TopicFactory(name="Anti-Hoaks", slug="anti-hoaks")
        preview = _preview(xlsx_bytes([single(), single(topik="Anti-Hoaks")], HEADERS))
        assert preview.ok and preview.count("baru") == 2


class TestQuestionsAlreadyInTheBank:
    def test_the_same_question_is_unchanged_and_skipped(self, topic):
        data = xlsx_bytes([single(), single("Dua?")], HEADERS)
        _import(data)
        keys = {question.pk: _answer_key(question) for question in Question.objects.all()}

        counts = _import(data)

        assert counts == {"baru": 0, "tetap": 2}
        assert {question.pk: _answer_key(question) for question in Question.objects.all()} == keys

    def test_the_same_text_with_another_answer_is_an_error_not_an_update(self, topic):
        _import(xlsx_bytes([single()], HEADERS))
        errors = _errors([single(answer="B", penjelasan="Baru")])
        assert errors == {
            2: [
                "Pertanyaan ini sudah ada di bank soal (topik Literasi Digital) dengan jawaban "
                "dan penjelasan berbeda. Impor tidak mengubah soal yang sudah ada: ubah soal itu "
                "di admin, atau ubah teks pertanyaannya."
            ]
        }
        assert _answer_key(Question.objects.get())[0] == ("Aparatur Sipil Negara", True)


class TestAllOrNothing:
    def test_a_file_with_one_bad_row_writes_nothing_and_names_that_row(self, topic):
        rows = [single(f"Soal nomor {number}?") for number in range(1, 41)]
        rows[25] = single("Soal nomor 26?", answer="E")  # spreadsheet row 27

        preview = _preview(xlsx_bytes(rows, HEADERS))

        assert [(line.number, line.errors) for line in preview.rows_with_errors] == [
            (27, ["Jawaban E menunjuk pilihan yang kosong."])
        ]
        with pytest.raises(ImportRejected):
            services.questions_import(preview=preview, by=None)
        assert not Question.objects.exists() and not Option.objects.exists()

    def test_a_good_file_makes_every_question_with_its_answers(self, topic):
        rows = [
            single(penjelasan="ASN: PNS dan PPPK.", tautan="https://contoh.go.id/asn"),
            row(
                "Ciri pesan hoaks?",
                jenis="pilihan ganda",
                pilihan=("Mendesak disebarkan", "Ada sumber resmi", "Memancing emosi"),
                jawaban="a, c",
                penilaian="sebagian",
            ),
            row("Kata sandi boleh dipakai ulang.", jenis="benar/salah", jawaban="Salah"),
            row("Vaksin berisi cip pelacak.", jenis="hoaks atau fakta", jawaban="HOAKS"),
        ]
        assert _import(csv_bytes(rows, HEADERS), "soal.csv") == {"baru": 4, "tetap": 0}

        asn, hoax_signs, password, claim = Question.objects.order_by("pk")
        assert (asn.kind, asn.topic, asn.explanation, asn.source_url) == (
            "tunggal",
            topic,
            "ASN: PNS dan PPPK.",
            "https://contoh.go.id/asn",
        )
        assert _answer_key(asn) == [
            ("Aparatur Sipil Negara", True),
            ("Abdi Sipil Negara", False),
            ("Aparatur Sistem Nasional", False),
        ]
        assert (hoax_signs.kind, hoax_signs.scoring) == ("ganda", "sebagian")
        assert _answer_key(hoax_signs) == [
            ("Mendesak disebarkan", True),
            ("Ada sumber resmi", False),
            ("Memancing emosi", True),
        ]
        assert (password.kind, password.statement_is_true) == ("benar_salah", False)
        assert _answer_key(password) == [("Benar", False), ("Salah", True)]
        assert (claim.kind, claim.verdict) == ("hoaks_fakta", "hoaks")
        assert [text for text, correct in _answer_key(claim) if correct] == ["Hoaks"]
        assert len(_answer_key(claim)) == 6

    def test_the_bank_changing_after_the_preview_refuses_the_whole_file(self, topic):
        preview = _preview(xlsx_bytes([single(), single("Dua?")], HEADERS))
        make_question(topic=topic, text="Dua?")  # someone adds row 3's question meanwhile

        with pytest.raises(ImportRejected, match="soal di baris 3 baru saja ditambahkan"):
            services.questions_import(preview=preview, by=None)
        assert Question.objects.count() == 1

    def test_a_topic_deleted_after_the_preview_refuses_the_whole_file(self, topic):
        other = TopicFactory(name="Anti-Hoaks", slug="anti-hoaks")
        preview = _preview(xlsx_bytes([single(), single(topik="Anti-Hoaks")], HEADERS))
        other.delete()

        with pytest.raises(ImportRejected, match="topik Anti-Hoaks sudah dihapus"):
            services.questions_import(preview=preview, by=None)
        assert not Question.objects.exists()

    @pytest.mark.parametrize(
        ("data", "name", "message"),
        [
            (b"topik,jenis\nX,tunggal\n", "a.csv", "Kolom wajib tidak ada: pertanyaan, jawaban."),
            (b"bukan excel", "a.xlsx", "Berkas tidak dapat dibaca"),
            (b"topik,jenis,pertanyaan,jawaban\n", "a.csv", "Tidak ada baris data"),
        ],
    )
    def test_unreadable_files_are_refused_with_a_reason(self, data, name, message):
        with pytest.raises(SpreadsheetError, match=message):
            _preview(data, name)

    @settings(
        max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(data=st.binary(max_size=1500), name=st.sampled_from(["a.xlsx", "a.csv"]))
    def test_any_bytes_are_a_preview_or_a_spreadsheet_error(self, topic, data, name):
        with contextlib.suppress(SpreadsheetError):
            _preview(data, name)


def _upload(client, data, name="soal.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post("/admin/soal-impor/", {"file": upload})
    assert response.status_code == 302, response.status_code
    return ImportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor", groups=["Editor"])
    client.force_login(user)
    return user


class TestAdminFlow:
    def test_upload_preview_then_confirm(self, client, topic, editor):
        job = _upload(client, xlsx_bytes([single(), single("Dua?")], HEADERS))
        page = client.get(f"/admin/soal-impor/{job.pk}/").content.decode()
        assert "2 soal baru, 0 sudah ada di bank soal (dilewati)." in page
        assert not Question.objects.exists()

        response = client.post(f"/admin/soal-impor/{job.pk}/konfirmasi/")

        assert Question.objects.count() == 2
        job.refresh_from_db()
        assert (job.status, job.file) == ("done", "")
        assert "Impor selesai: 2 soal baru" in client.get(response["Location"]).content.decode()

    def test_errors_are_listed_by_row_and_nothing_is_saved(self, client, topic, editor):
        job = _upload(client, xlsx_bytes([single(), single("Dua?", answer="A,B")], HEADERS))
        html = client.get(f"/admin/soal-impor/{job.pk}/").content.decode()
        assert "1 baris bermasalah" in html
        assert "Soal pilihan tunggal hanya boleh punya satu jawaban benar" in html
        assert job.problems == [
            {
                "number": 3,
                "label": "Dua?",
                "errors": [
                    "Soal pilihan tunggal hanya boleh punya satu jawaban benar (tertulis A,B); "
                    "untuk lebih dari satu jawaban pakai jenis ganda."
                ],
            }
        ]
        assert not Question.objects.exists()

    def test_the_template_has_the_columns_instructions_and_topics(self, client, topic, editor):
        response = client.get("/admin/soal-impor/templat/")
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.sheetnames == ["Soal", "Petunjuk", "Daftar topik", "Pilar dan subindikator"]
        assert [cell.value for cell in workbook["Soal"][1]] == FILE_HEADERS
        kinds = [line[1] for line in workbook["Soal"].iter_rows(min_row=2, values_only=True)]
        assert kinds == ["tunggal", "ganda", "benar/salah", "hoaks atau fakta"]
        assert workbook["Petunjuk"]["A1"].value.startswith("Satu baris untuk satu soal")
        assert [line[0].value for line in workbook["Daftar topik"].iter_rows(min_row=2)] == [TOPIC]

    def test_the_template_imports_as_downloaded(self, client, topic, editor):
        template = client.get("/admin/soal-impor/templat/").content
        job = _upload(client, template, "templat-impor-soal.xlsx")
        assert (job.ok, job.rows, job.problem_count) == (True, 4, 0)
        client.post(f"/admin/soal-impor/{job.pk}/konfirmasi/")
        assert sorted(Question.objects.values_list("kind", flat=True)) == sorted(QuestionKind)

    def test_the_import_page_offers_the_template_and_the_export(self, client, topic, editor):
        html = client.get("/admin/soal-impor/").content.decode()
        assert "/admin/soal-impor/templat/" in html and "/admin/soal-ekspor/" in html

    @pytest.mark.parametrize("group", ["Analyst", "Moderator"])
    def test_people_without_the_permission_cannot_import_or_export(self, client, group):
        client.force_login(UserFactory(username=group.lower(), groups=[group]))
        assert_admin_refused(client.get("/admin/soal-impor/"))
        assert_admin_refused(client.get("/admin/soal-impor/templat/"))
        assert_admin_refused(client.get("/admin/soal-ekspor/"))


def _bank(topic):
    """One question of each kind, as an author would write them in the admin."""
    make_question(topic=topic, text="Apa kepanjangan ASN?", explanation="", source_url="")
    make_question(
        topic=topic,
        kind=QuestionKind.MULTIPLE,
        scoring="sebagian",
        text="Ciri pesan hoaks?",
        options=(("Mendesak", True), ("Bersumber", False), ("Memancing emosi", True)),
    )
    make_question(
        topic=topic, kind=QuestionKind.TRUE_FALSE, statement_is_true=True, text="Langit biru."
    )
    make_question(
        topic=topic,
        kind=QuestionKind.HOAX_OR_FACT,
        verdict="menyesatkan",
        text="Klaim X.",
        source_url="https://contoh.go.id/cek-fakta/x/",
    )


def _snapshot():
    return sorted(
        (
            question.topic.name,
            question.kind,
            question.text,
            question.scoring if question.kind == QuestionKind.MULTIPLE else "",
            question.statement_is_true,
            question.verdict,
            question.explanation,
            question.source_url,
            tuple(_answer_key(question)),
        )
        for question in Question.objects.all()
    )


class TestExport:
    @pytest.mark.parametrize("file_format", ["xlsx", "csv"])
    def test_an_exported_bank_imports_elsewhere_as_it_was(self, client, topic, editor, file_format):
        _bank(topic)
        before = _snapshot()
        response = client.get("/admin/soal-ekspor/", {"format": file_format})
        assert response["Content-Disposition"] == f'attachment; filename="bank-soal.{file_format}"'
        # Back into the same bank: every question is already there.
        assert _preview(response.content, f"bank.{file_format}").count("tetap") == 4

        Question.objects.all().delete()  # "elsewhere": a site without these questions
        job = _upload(client, response.content, f"bank-soal.{file_format}")
        assert (job.ok, job.rows) == (True, 4), job.problems
        client.post(f"/admin/soal-impor/{job.pk}/konfirmasi/")

        assert _snapshot() == before

    def test_the_export_has_the_templates_columns_and_can_be_limited_to_a_topic(
        self, client, topic, editor
    ):
        _bank(topic)
        other = TopicFactory(name="Anti-Hoaks", slug="anti-hoaks")
        make_question(topic=other, text="Soal topik lain?")
        response = client.get("/admin/soal-ekspor/", {"topik": other.pk})
        assert response["Content-Disposition"] == 'attachment; filename="bank-soal-anti-hoaks.xlsx"'
        sheet = load_workbook(io.BytesIO(response.content))["Soal"]
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == FILE_HEADERS
        assert [line[:3] for line in rows[1:]] == [("Anti-Hoaks", "tunggal", "Soal topik lain?")]
        assert rows[1][HEADERS.index("jawaban")] == "A"

    def test_an_unknown_topic_is_not_found(self, client, topic, editor):
        assert client.get("/admin/soal-ekspor/", {"topik": 999}).status_code == 404

    def test_cells_that_look_like_formulas_stay_text(self, client, topic, editor):
        formula = '=HYPERLINK("https://jahat.example","Klik")'
        options = ["+62 812 3456", "-1", "@semua", "1945"]
        question = Question.objects.create(topic=topic, text=formula, explanation="=1+1")
        for order, text in enumerate(options):
            Option.objects.create(
                question=question, text=text, is_correct=not order, sort_order=order
            )

        xlsx = client.get("/admin/soal-ekspor/").content
        cells = load_workbook(io.BytesIO(xlsx))["Soal"][2]
        assert cells[2].value == formula
        assert all(cell.data_type == "s" for cell in cells if cell.value is not None)

        exported = client.get("/admin/soal-ekspor/", {"format": "csv"}).content
        [_, line] = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
        assert line[2] == "'" + formula
        assert line[3:7] == ["'+62 812 3456", "'-1", "'@semua", "1945"]
        assert line[HEADERS.index("penjelasan")] == "'=1+1"

        # Both read back as they were written, into a bank without the question.
        Question.objects.all().delete()
        for data, name in ((xlsx, "bank.xlsx"), (exported, "bank.csv")):
            preview = _preview(data, name)
            assert preview.ok
            [imported] = preview.rows
            assert (imported.text, imported.explanation) == (formula, "=1+1")
            assert imported.options == [(text, not order) for order, text in enumerate(options)]
