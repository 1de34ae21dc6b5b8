"""What a question of the bank measures for the digital literacy index: a pillar and, within it,
optionally a sub-indicator. One rule (rules.question_pillar) for every door: the admin's form,
the question import (columns pilar and subindikator) and the bank's services refuse a
sub-indicator of another pillar, and a sub-indicator given alone names its pillar. Fact-check
questions measure checking information. The bank and topic listings show and filter by pillar."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from content.articles.pillars import Indicator, Pillar
from content.base.spreadsheets import ImportPreview, ImportRejected, RowAction
from content.quizzes import importing, rules, services
from content.quizzes.importing import QuestionRow
from content.quizzes.models import Question, QuestionKind
from tests.factories.articles import FactCheckPageFactory, TopicFactory
from tests.factories.quizzes import make_question
from tests.factories.spreadsheets import xlsx_bytes
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

HEADERS = ["topik", "jenis", "pertanyaan", "pilihan_a", "pilihan_b", "jawaban", "pilar"]
HEADERS += ["subindikator"]
MISMATCH = (
    "Subindikator 'Proteksi identitas dan data pribadi' termasuk pilar Keamanan digital, bukan "
    "Etika digital. Pilih subindikator dari pilar Etika digital, atau ubah pilarnya menjadi "
    "Keamanan digital."
)


@pytest.fixture
def topic():
    return TopicFactory(name="Keamanan Digital", slug="keamanan-digital")


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor", groups=["Editor"])
    client.force_login(user)
    return user


class TestTheRule:
    @pytest.mark.parametrize(
        ("pillar", "indicator", "expected"),
        [
            ("", "", ""),
            (Pillar.ETIKA, "", Pillar.ETIKA),
            ("", Indicator.KEAMANAN_DATA, Pillar.KEAMANAN),
            (Pillar.KEAMANAN, Indicator.KEAMANAN_DATA, Pillar.KEAMANAN),
            (None, None, ""),
        ],
    )
    def test_the_pillar_a_question_measures(self, pillar, indicator, expected):
        assert rules.question_pillar(pillar, indicator) == expected

    def test_a_sub_indicator_of_another_pillar_is_refused(self):
        with pytest.raises(ValidationError) as refusal:
            rules.question_pillar(Pillar.ETIKA, Indicator.KEAMANAN_DATA)
        assert refusal.value.code == rules.INDICATOR_OF_ANOTHER_PILLAR
        assert refusal.value.messages == [MISMATCH]

    def test_every_sub_indicator_belongs_to_exactly_one_pillar(self):
        for indicator in Indicator:
            own = rules.question_pillar("", indicator)
            for pillar in Pillar:
                if pillar == own:
                    assert rules.question_pillar(pillar, indicator) == own
                else:
                    with pytest.raises(ValidationError):
                        rules.question_pillar(pillar, indicator)


def _form(topic, **fields):
    data = {
        "topic": topic.pk,
        "kind": QuestionKind.SINGLE,
        "text": "Apa yang dilakukan bila kode OTP diminta lewat telepon?",
        "scoring": "semua",
        "explanation": "",
        "options-TOTAL_FORMS": "2",
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
        "options-0-text": "Menolak memberikannya",
        "options-0-ORDER": "1",
        "options-0-is_correct": "on",
        "options-1-text": "Memberikannya",
        "options-1-ORDER": "2",
    }
    return {**data, **fields}


class TestTheAdminForm:
    def test_it_refuses_a_sub_indicator_of_another_pillar(self, client, editor, topic):
        data = _form(topic, pillar=Pillar.ETIKA, indicator=Indicator.KEAMANAN_DATA)
        response = client.post(reverse("question:add"), data)
        assert response.status_code == 200
        assert response.context["form"].errors["indicator"] == [MISMATCH]
        assert MISMATCH.replace("'", "&#x27;") in response.content.decode()
        assert not Question.objects.exists()

    def test_a_sub_indicator_alone_names_the_pillar(self, client, editor, topic):
        data = _form(topic, pillar="", indicator=Indicator.KEAMANAN_PENIPUAN)
        response = client.post(reverse("question:add"), data)
        assert response.status_code == 302
        question = Question.objects.get()
        assert (question.pillar, question.indicator) == (Pillar.KEAMANAN, "keamanan-penipuan")

    def test_editing_into_a_mismatch_changes_nothing(self, client, editor, topic):
        question = make_question(topic=topic, pillar=Pillar.KEAMANAN)
        options = list(question.options.all())
        data = _form(topic, pillar=Pillar.BUDAYA, indicator=Indicator.KEAMANAN_DATA)
        data.update(
            {
                "options-TOTAL_FORMS": str(len(options)),
                "options-INITIAL_FORMS": str(len(options)),
            }
        )
        for index, option in enumerate(options):
            data[f"options-{index}-id"] = str(option.pk)
            data[f"options-{index}-text"] = option.text
            data[f"options-{index}-ORDER"] = str(index + 1)
            data.pop(f"options-{index}-is_correct", None)
            if option.is_correct:
                data[f"options-{index}-is_correct"] = "on"
        response = client.post(reverse("question:edit", args=[question.pk]), data)
        assert response.status_code == 200
        question.refresh_from_db()
        assert (question.pillar, question.indicator) == (Pillar.KEAMANAN, "")


def _row(topic_name, text, pilar="", subindikator=""):
    return [topic_name, "tunggal", text, "Benar", "Salah", "A", pilar, subindikator]


def _preview(rows, headers=HEADERS):
    return importing.preview_question_import(
        importing.read_table(xlsx_bytes(rows, headers), "soal.xlsx")
    )


class TestTheImport:
    def test_values_and_labels_in_any_case(self, topic):
        preview = _preview(
            [
                _row(topic.name, "Satu?", "keamanan", "keamanan-data"),
                _row(topic.name, "Dua?", "KEAMANAN DIGITAL", "Proteksi Identitas dan Data Pribadi"),
                _row(topic.name, "Tiga?", "", "penipuan digital"),  # the label alone
                _row(topic.name, "Empat?", " Etika digital ", ""),
                _row(topic.name, "Lima?"),
            ]
        )
        assert preview.ok, preview.rows_with_errors
        assert [(row.pillar, row.indicator) for row in preview.rows] == [
            ("keamanan", "keamanan-data"),
            ("keamanan", "keamanan-data"),
            ("keamanan", "keamanan-penipuan"),
            ("etika", ""),
            ("", ""),
        ]
        services.questions_import(preview=preview, by=None)
        stored = dict(Question.objects.values_list("text", "pillar"))
        assert stored == {
            "Satu?": "keamanan",
            "Dua?": "keamanan",
            "Tiga?": "keamanan",
            "Empat?": "etika",
            "Lima?": "",
        }
        assert Question.objects.get(text="Tiga?").indicator == "keamanan-penipuan"

    def test_bad_rows_are_named_and_nothing_is_imported(self, topic):
        preview = _preview(
            [
                _row(topic.name, "Baik?", "keamanan"),
                _row(topic.name, "Pilar asing?", "kesehatan"),
                _row(topic.name, "Subindikator asing?", "", "netralitas pilkada"),
                _row(topic.name, "Tidak sepasang?", "etika", "Proteksi identitas dan data pribadi"),
            ]
        )
        assert not preview.ok
        assert {row.number: row.errors for row in preview.rows_with_errors} == {
            3: [
                "Pilar 'kesehatan' tidak dikenal (isi kecakapan, etika, keamanan, atau budaya; "
                "atau kosongkan)."
            ],
            4: [
                "Subindikator 'netralitas pilkada' tidak dikenal (lihat lembar Pilar dan "
                "subindikator; atau kosongkan)."
            ],
            5: [MISMATCH],
        }
        with pytest.raises(ImportRejected):
            services.questions_import(preview=preview, by=None)
        assert not Question.objects.exists()

    def test_a_file_without_the_pillar_columns_still_matches_the_bank(self, topic):
        make_question(topic=topic, text="Sudah ada?", pillar=Pillar.KEAMANAN)
        question = Question.objects.get()
        options = [option.text for option in question.options.all()]
        headers = ["topik", "jenis", "pertanyaan", "pilihan_a", "pilihan_b", "pilihan_c"]
        headers += ["jawaban", "penjelasan"]
        row = [topic.name, "tunggal", "Sudah ada?", *options, "A", question.explanation]
        preview = _preview([row], headers)
        assert preview.ok and preview.rows[0].action == RowAction.UNCHANGED
        # Stating another pillar for it is a difference, as for any other part.
        preview = _preview([[*row, "budaya"]], [*headers, "pilar"])
        [refused] = preview.rows_with_errors
        assert "dengan pilar berbeda" in refused.errors[0]

    def test_the_export_carries_the_pillars_and_imports_back_unchanged(self, client, editor, topic):
        make_question(topic=topic, text="Diekspor?", pillar="keamanan", indicator="keamanan-data")
        response = client.get("/admin/soal-ekspor/", {"format": "xlsx"})
        rows = list(load_workbook(io.BytesIO(response.content))["Soal"].iter_rows(values_only=True))
        values = dict(zip(rows[0], rows[1], strict=True))
        assert (values["pilar"], values["subindikator"]) == ("keamanan", "keamanan-data")
        preview = importing.preview_question_import(
            importing.read_table(response.content, "bank-soal.xlsx")
        )
        assert preview.ok and [row.action for row in preview.rows] == [RowAction.UNCHANGED]

    def test_the_template_lists_the_pillars_and_sub_indicators(self, client, editor, topic):
        workbook = load_workbook(io.BytesIO(client.get("/admin/soal-impor/templat/").content))
        listed = list(workbook["Pilar dan subindikator"].iter_rows(min_row=2, values_only=True))
        assert ("etika", "etika-netralitas", "Netralitas ASN di media sosial") in listed
        assert {row[1] for row in listed if row[1]} == {indicator.value for indicator in Indicator}
        assert any("subindikator" in line[0] for line in workbook["Petunjuk"].values)


class TestTheBankService:
    def _row(self, topic, **fields):
        row = QuestionRow(
            number=2,
            text="Kode OTP?",
            topic=topic,
            kind=QuestionKind.SINGLE,
            options=[("Tolak", True), ("Berikan", False)],
            **fields,
        )
        row.action = RowAction.NEW
        return row

    def test_it_stores_no_sub_indicator_of_another_pillar(self, topic):
        # A preview that says it is fine (built by hand): the service asks the rule itself.
        row = self._row(topic, pillar=Pillar.ETIKA, indicator=Indicator.KEAMANAN_DATA)
        with pytest.raises(ImportRejected) as refusal:
            services.questions_import(preview=ImportPreview(rows=[row]), by=None)
        assert MISMATCH in str(refusal.value)
        assert "baris 2" in str(refusal.value)
        assert not Question.objects.exists()

    def test_a_sub_indicator_alone_names_the_pillar(self, topic):
        row = self._row(topic, indicator=Indicator.KEAMANAN_PENIPUAN)
        services.questions_import(preview=ImportPreview(rows=[row]), by=None)
        question = Question.objects.get()
        assert (question.pillar, question.indicator) == ("keamanan", "keamanan-penipuan")


class TestFactCheckQuestions:
    def test_a_published_fact_check_asks_a_kecakapan_question(self, site_tree):
        topic = TopicFactory(name="Anti-Hoaks", slug="anti-hoaks", pillar=Pillar.ETIKA)
        page = FactCheckPageFactory(
            parent=site_tree.fact_checks, topic=topic, live=False, make_question=True
        )
        page.save_revision().publish()
        question = Question.objects.get(fact_check=page)
        # Checking a claim is checking information, whatever the topic leans on.
        assert (question.pillar, question.indicator) == ("kecakapan", "kecakapan-informasi")


class TestListings:
    def test_the_bank_shows_and_filters_by_pillar(self, client, editor, topic):
        make_question(topic=topic, text="Soal keamanan?", pillar=Pillar.KEAMANAN)
        make_question(topic=topic, text="Soal etika?", pillar=Pillar.ETIKA)
        make_question(topic=topic, text="Soal tanpa pilar?")
        page = client.get(reverse("question:index")).content.decode()
        assert "Pilar literasi digital" in page and "Keamanan digital" in page
        response = client.get(reverse("question:index"), {"pillar": "etika"})
        listed = [str(question) for question in response.context["object_list"]]
        assert listed == ["Soal etika?"]

    def test_the_topics_show_their_pillar(self, client, topic):
        # Topics are the superuser's to manage (tests/access).
        client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
        topic.pillar = Pillar.KEAMANAN
        topic.save()
        TopicFactory(name="Netralitas ASN", slug="netralitas-asn", pillar=Pillar.ETIKA)
        url = reverse("wagtailsnippets_articles_topic:list")
        page = client.get(url).content.decode()
        assert "Keamanan digital" in page and "Etika digital" in page
        response = client.get(url, {"pillar": "etika"})
        assert [t.name for t in response.context["object_list"]] == ["Netralitas ASN"]
