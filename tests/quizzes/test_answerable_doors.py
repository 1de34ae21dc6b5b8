"""One door for "a question must be answerable" (quizzes/rules.py): the admin's form, the
question import's preview and the bank's import service refuse the same unanswerable
questions, each in its own words for the same problem. A door that skipped the rule would
accept one of them and fail here."""

import pytest
from django.urls import reverse

from content.base.spreadsheets import ImportPreview, ImportRejected, RowAction
from content.quizzes import importing, rules, services
from content.quizzes.importing import QuestionRow
from content.quizzes.models import Question, QuestionKind
from tests.factories.articles import TopicFactory
from tests.factories.spreadsheets import xlsx_bytes
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

KIND_WORDS = {QuestionKind.SINGLE: "tunggal", QuestionKind.MULTIPLE: "ganda"}
LETTERS = "ABCDEF"
HEADERS = ["topik", "jenis", "pertanyaan", "pilihan_a", "pilihan_b", "pilihan_c", "pilihan_d"]
HEADERS += ["pilihan_e", "pilihan_f", "jawaban", "penilaian", "penjelasan", "tautan"]
NO_ANSWER_WRITTEN = (
    "Jawaban wajib diisi: huruf pilihan yang benar, misalnya A, atau A,C untuk soal ganda."
)

# (kind, options [(text, correct)], the rule's code, what the import says for it)
UNANSWERABLE = [
    (
        QuestionKind.SINGLE,
        [("Satu", True)],
        rules.TOO_FEW_OPTIONS,
        "Tulis paling sedikit dua pilihan jawaban (kolom pilihan_a, pilihan_b…).",
    ),
    (
        QuestionKind.SINGLE,
        [("Satu", True), ("Dua", True)],
        rules.SINGLE_NEEDS_ONE,
        "Soal pilihan tunggal hanya boleh punya satu jawaban benar (tertulis A,B); untuk lebih "
        "dari satu jawaban pakai jenis ganda.",
    ),
    (QuestionKind.SINGLE, [("Satu", False), ("Dua", False)], rules.SINGLE_NEEDS_ONE, None),
    (QuestionKind.MULTIPLE, [("Satu", False), ("Dua", False)], rules.NEEDS_A_CORRECT, None),
    (
        QuestionKind.SINGLE,
        [("Sama", True), ("sama ", False)],
        rules.OPTIONS_REPEATED,
        "Ada pilihan jawaban yang ditulis dua kali.",
    ),
    (
        QuestionKind.MULTIPLE,
        [("Dua  kata", True), ("dua kata", False)],
        rules.OPTIONS_REPEATED,
        "Ada pilihan jawaban yang ditulis dua kali.",
    ),
]
CASES = [pytest.param(*case, id=f"{case[0]}-{case[2]}-{n}") for n, case in enumerate(UNANSWERABLE)]


@pytest.fixture
def topic():
    return TopicFactory(name="Literasi Digital", slug="literasi-digital")


def _formset(rows):
    data = {
        "options-TOTAL_FORMS": str(len(rows)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for index, (text, right) in enumerate(rows):
        data[f"options-{index}-text"] = text
        data[f"options-{index}-ORDER"] = str(index + 1)
        if right:
            data[f"options-{index}-is_correct"] = "on"
    return data


class TestTheRule:
    @pytest.mark.parametrize(("kind", "options", "code", "_words"), CASES)
    def test_it_names_the_problem(self, kind, options, code, _words):
        assert [problem.code for problem in rules.answerable_problems(kind, options)] == [code]

    def test_an_answerable_question_has_no_problem(self):
        options = [("Satu", True), ("Dua", False)]
        assert rules.answerable_problems(QuestionKind.SINGLE, options) == []
        assert rules.check_answerable(QuestionKind.MULTIPLE, options) is None


class TestTheAdminForm:
    @pytest.mark.parametrize(("kind", "options", "code", "_words"), CASES)
    def test_it_refuses_with_the_rules_message(self, client, topic, kind, options, code, _words):
        client.force_login(UserFactory(username="editor", groups=["Editor"]))
        data = {
            "topic": topic.pk,
            "kind": kind,
            "text": "Ciri pesan hoaks?",
            "scoring": "semua",
            "explanation": "",
            **_formset(options),
        }
        response = client.post(reverse("question:add"), data)
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [rules.ANSWERABLE_MESSAGES[code]]
        assert not Question.objects.exists()


class TestTheImport:
    @pytest.mark.parametrize(("kind", "options", "code", "words"), CASES)
    def test_it_refuses_in_its_own_words(self, topic, kind, options, code, words):
        cells = dict.fromkeys(HEADERS, "")
        cells.update(topik=topic.name, jenis=KIND_WORDS[kind], pertanyaan="Ciri pesan hoaks?")
        cells.update(zip(HEADERS[3:9], [text for text, _ in options], strict=False))
        cells["jawaban"] = ",".join(LETTERS[n] for n, (_, right) in enumerate(options) if right)
        cells["penilaian"] = "semua" if kind == QuestionKind.MULTIPLE else ""
        data = xlsx_bytes([[cells[header] for header in HEADERS]], HEADERS)
        preview = importing.preview_question_import(importing.read_table(data, "soal.xlsx"))
        [refused] = preview.rows_with_errors
        assert refused.errors == [words or NO_ANSWER_WRITTEN]


class TestTheBankService:
    @pytest.mark.parametrize(("kind", "options", "code", "_words"), CASES)
    def test_it_stores_no_unanswerable_question(self, topic, kind, options, code, _words):
        # A preview that says it is fine (built by hand): the service asks the rule itself.
        row = QuestionRow(
            number=2, text="Ciri pesan hoaks?", topic=topic, kind=kind, options=options
        )
        row.action = RowAction.NEW
        with pytest.raises(ImportRejected) as refusal:
            services.questions_import(preview=ImportPreview(rows=[row]), by=None)
        assert rules.ANSWERABLE_MESSAGES[code] in str(refusal.value)
        assert not Question.objects.exists()
