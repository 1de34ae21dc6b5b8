"""Questions for the bank from a spreadsheet (XLSX or CSV), and the bank out again in the same
format, so a bank can be exported, edited and imported on another site.

One row is one question. `preview_question_import` checks every row and collects every problem
of each row by row number, writing nothing; only a preview without errors is applied
(services.questions_import), in one transaction: every row or none.

A question already in the bank (same topic, same text, ignoring case and spacing) is never
imported twice and never changed by an import, since participants may have answered it:

- the same options, answer, scoring, explanation and link: the row is UNCHANGED and skipped,
  so a file imports again (or a site's own export imports back) without changing anything;
- anything else different: the row is an error naming what differs (edit that question in
  the admin, or change the row's text).

Questions' images are neither imported nor exported. The columns pilar and subindikator say what
a question measures for the digital literacy index (either may be left empty; a sub-indicator
alone names its pillar; rules.question_pillar refuses a sub-indicator of another pillar). Files
without these columns import as before.
"""

import difflib
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from content.articles.models import Topic
from content.articles.models.fact_checks import Verdict
from content.articles.pillars import Indicator, Pillar, indicators_of
from content.base import exports
from content.base.spreadsheets import ImportPreview, RowAction, SpreadsheetError, read_rows
from content.quizzes import rules
from content.quizzes.models import MultipleScoring, Option, Question, QuestionKind

# Up to ten options: the template shows A to F, an export adds columns when a question has more.
LETTERS = "ABCDEFGHIJ"
TEMPLATE_OPTIONS = 6
OPTION_COLUMNS = tuple(f"pilihan_{letter.lower()}" for letter in LETTERS)
COLUMNS = (
    "topik",
    "jenis",
    "pertanyaan",
    *OPTION_COLUMNS,
    "jawaban",
    "penilaian",
    "penjelasan",
    "tautan",
    # Last, so that files made before them keep their columns where they were.
    "pilar",
    "subindikator",
)
REQUIRED_COLUMNS = ("topik", "jenis", "pertanyaan", "jawaban")
OPTION_MAX_LENGTH = Option._meta.get_field("text").max_length
URL_MAX_LENGTH = Question._meta.get_field("source_url").max_length

# The answerability rule's problems (rules.answerable_problems) in the import's words, which
# name its columns; a problem of the answer column is named with what the column says.
ANSWERABLE_WORDS = {
    rules.TOO_FEW_OPTIONS: (
        "Tulis paling sedikit dua pilihan jawaban (kolom pilihan_a, pilihan_b…)."
    ),
    rules.OPTIONS_REPEATED: rules.ANSWERABLE_MESSAGES[rules.OPTIONS_REPEATED],
}

# How the export and the template spell each kind; the import also reads the others below.
KIND_WORDS = {
    QuestionKind.SINGLE: "tunggal",
    QuestionKind.MULTIPLE: "ganda",
    QuestionKind.TRUE_FALSE: "benar/salah",
    QuestionKind.HOAX_OR_FACT: "hoaks atau fakta",
}
SCORING_WORDS = {MultipleScoring.ALL_REQUIRED: "semua", MultipleScoring.PARTIAL: "sebagian"}
TRUE_WORDS = {True: "benar", False: "salah"}


def _key(value):
    """A spelling reduced to lowercase letters and digits: "Benar / Salah" is "benarsalah"."""
    return re.sub(r"[^0-9a-z]", "", value.casefold())


def _spellings(choices, extra):
    spellings = {}
    for value, label in choices:
        spellings[_key(value)] = value
        spellings[_key(label)] = value
    spellings.update({_key(word): value for word, value in extra.items()})
    return spellings


PLAIN_MULTIPLE_CHOICE = "pilihan-ganda"
KIND_SPELLINGS = _spellings(
    QuestionKind.choices,
    {
        **{word: kind for kind, word in KIND_WORDS.items()},
        "pilihan tunggal": QuestionKind.SINGLE,
        "satu jawaban": QuestionKind.SINGLE,
        # In Indonesian schools "pilihan ganda" is any multiple-choice question, usually with
        # one answer: the answer column decides (see _kind).
        "pilihan ganda": PLAIN_MULTIPLE_CHOICE,
        "ganda kompleks": QuestionKind.MULTIPLE,
        "pilihan ganda kompleks": QuestionKind.MULTIPLE,
        "benar salah": QuestionKind.TRUE_FALSE,
        "benar atau salah": QuestionKind.TRUE_FALSE,
        "b/s": QuestionKind.TRUE_FALSE,
        "hoaks fakta": QuestionKind.HOAX_OR_FACT,
        "hoaks/fakta": QuestionKind.HOAX_OR_FACT,
        "hoaks atau fakta?": QuestionKind.HOAX_OR_FACT,
        "hoax atau fakta": QuestionKind.HOAX_OR_FACT,
        "hoax/fakta": QuestionKind.HOAX_OR_FACT,
    },
)
SCORING_SPELLINGS = _spellings(
    MultipleScoring.choices,
    {
        "": MultipleScoring.ALL_REQUIRED,
        "nilai sebagian": MultipleScoring.PARTIAL,
        "parsial": MultipleScoring.PARTIAL,
    },
)
TRUE_FALSE_SPELLINGS = {"benar": True, "b": True, "salah": False, "s": False}
VERDICT_SPELLINGS = _spellings(Verdict.choices, {"hoax": Verdict.HOAKS})
VERDICT_LABELS = ", ".join(label for _, label in Verdict.choices)
# A pillar or sub-indicator by its value ("kecakapan", "etika-netralitas") or its Indonesian
# label ("Kecakapan digital", "Netralitas ASN di media sosial"), in any case and spacing.
PILLAR_SPELLINGS = _spellings(Pillar.choices, {})
INDICATOR_SPELLINGS = _spellings(Indicator.choices, {})

ANSWER_SEPARATORS = re.compile(r"[\s,;/&+]+|\bdan\b", re.IGNORECASE)


@dataclass
class QuestionRow:
    number: int
    text: str
    topic: Topic | None = None
    kind: str = ""
    # (text, is_correct) in the order of the columns; empty for the kinds with fixed options.
    options: list = field(default_factory=list)
    statement_is_true: bool | None = None
    verdict: str = ""
    scoring: str = MultipleScoring.ALL_REQUIRED
    explanation: str = ""
    source_url: str = ""
    pillar: str = ""
    indicator: str = ""
    action: str = ""  # a RowAction
    errors: list = field(default_factory=list)

    @property
    def label(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    @property
    def bank_key(self):
        return (self.topic.pk, same_text(self.text)) if self.topic else None


def same_text(text):
    """A question's text as duplicates are found: case and spacing do not count."""
    return " ".join(text.split()).casefold()


def read_table(data, filename):
    """Rows of a question list as (spreadsheet row number, {column: text})."""
    # A cell our own CSV export protected (content/base/exports.py) reads back as it was (also
    # once Excel has saved that CSV as XLSX: the apostrophes inside a text stay).
    for number, row in read_rows(data, filename, columns=COLUMNS, required=REQUIRED_COLUMNS):
        yield number, {column: exports.restore_cell(value) for column, value in row.items()}


class _Topics:
    def __init__(self):
        topics = list(Topic.objects.all())
        self.by_name = {}
        for topic in topics:
            self.by_name.setdefault(_key(topic.slug), topic)
            self.by_name[_key(topic.name)] = topic  # a name wins over another topic's slug
        self.names = [topic.name for topic in topics]

    def find(self, name):
        return self.by_name.get(_key(name)) if _key(name) else None

    def suggest(self, name):
        return difflib.get_close_matches(name, self.names, n=3, cutoff=0.55)


# The fields a row fills on its question besides the topic, the text and the options.
QUESTION_FIELDS = (
    "kind",
    "statement_is_true",
    "verdict",
    "scoring",
    "explanation",
    "source_url",
    "pillar",
    "indicator",
)


def question_fields(row):
    return {name: getattr(row, name) for name in QUESTION_FIELDS}


def _signature(item, options):
    """What makes two questions with the same text the same question, part by part. `item` is
    a Question or a checked row; `options` its [(text, correct)]."""
    kind = item.kind
    fixed = kind in (QuestionKind.TRUE_FALSE, QuestionKind.HOAX_OR_FACT)
    if kind == QuestionKind.TRUE_FALSE:
        answer = item.statement_is_true
    elif kind == QuestionKind.HOAX_OR_FACT:
        answer = item.verdict
    else:
        answer = sorted(" ".join(text.split()) for text, correct in options if correct)
    return {
        "jenis": kind,
        "pilihan jawaban": [] if fixed else sorted(" ".join(text.split()) for text, _ in options),
        "jawaban": answer,
        "penilaian": item.scoring if kind == QuestionKind.MULTIPLE else "",
        "penjelasan": " ".join(item.explanation.split()),
        "tautan": item.source_url.strip(),
        "pilar": item.pillar,
        "subindikator": item.indicator,
    }


# What a row that leaves the pillar columns empty does not compare: a file made before them
# (or without them) still matches the bank however its questions were classified since.
PILLAR_PARTS = ("pilar", "subindikator")


def _question_signature(question):
    return _signature(
        question, [(option.text, option.is_correct) for option in question.options.all()]
    )


def _row_signature(row):
    return _signature(row, row.options)


def _compared(signature, row):
    if row.pillar or row.indicator:
        return signature
    return {part: value for part, value in signature.items() if part not in PILLAR_PARTS}


def _bank(topics):
    """{(topic id, text as compared): [signature, ...]} of the questions of these topics."""
    questions = Question.objects.filter(topic__in=topics).prefetch_related("options")
    bank = {}
    for question in questions:
        key = (question.topic_id, same_text(question.text))
        bank.setdefault(key, []).append(_question_signature(question))
    return bank


def _listed(words):
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} dan {words[-1]}"


def preview_question_import(rows, *, progress=None):
    """Check every row and write nothing; `progress(done, total)` reports how far it got."""
    rows = list(rows)
    if not rows:
        raise SpreadsheetError("Tidak ada baris data di bawah judul kolom.")
    topics = _Topics()
    outcomes = [_check_row(number, values, topics) for number, values in rows]
    bank = _bank({row.topic for row in outcomes if row.topic})
    first_row_of = {}
    for done, row in enumerate(outcomes, start=1):
        _check_duplicates(row, bank, first_row_of)
        if progress:
            progress(done, len(outcomes))
    return ImportPreview(rows=outcomes)


def _check_row(number, values, topics):
    row = QuestionRow(number=number, text=values["pertanyaan"])
    topic_name = values["topik"]
    row.topic = topics.find(topic_name)
    if not topic_name:
        row.errors.append("Topik wajib diisi.")
    elif row.topic is None:
        suggestions = topics.suggest(topic_name)
        hint = f" Mungkin maksud Anda: {', '.join(suggestions)}?" if suggestions else ""
        row.errors.append(f"Topik '{topic_name}' tidak dikenal.{hint}")
    row.kind = _kind(values)
    if not row.kind:
        row.errors.append(
            f"Jenis '{values['jenis']}' tidak dikenal (isi tunggal, ganda, benar/salah, atau "
            "hoaks atau fakta)."
        )
    if not row.text:
        row.errors.append("Pertanyaan wajib diisi.")
    if row.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        _check_choices(row, values)
    elif row.kind:
        _check_fixed_answer(row, values)
    row.explanation = values["penjelasan"]
    row.source_url = values["tautan"]
    if row.source_url:
        _check_url(row)
    _check_pillar(row, values)
    return row


def _check_pillar(row, values):
    """The pilar and subindikator columns, by value or label; the pair as rules.question_pillar
    decides (the admin's form and the bank's services ask it too)."""
    pillar_written, indicator_written = values["pilar"], values["subindikator"]
    pillar = PILLAR_SPELLINGS.get(_key(pillar_written), "") if pillar_written else ""
    indicator = INDICATOR_SPELLINGS.get(_key(indicator_written), "") if indicator_written else ""
    if pillar_written and not pillar:
        row.errors.append(
            f"Pilar '{pillar_written}' tidak dikenal (isi kecakapan, etika, keamanan, atau "
            "budaya; atau kosongkan)."
        )
    if indicator_written and not indicator:
        row.errors.append(
            f"Subindikator '{indicator_written}' tidak dikenal (lihat lembar Pilar dan "
            "subindikator; atau kosongkan)."
        )
    if (pillar_written and not pillar) or (indicator_written and not indicator):
        return
    try:
        row.pillar = str(rules.question_pillar(pillar, indicator))
    except ValidationError as error:
        row.errors.extend(error.messages)
        return
    row.indicator = str(indicator)


def _kind(values):
    kind = KIND_SPELLINGS.get(_key(values["jenis"]), "")
    if kind == PLAIN_MULTIPLE_CHOICE:
        answers = {token for token in ANSWER_SEPARATORS.split(values["jawaban"].upper()) if token}
        return QuestionKind.MULTIPLE if len(answers) > 1 else QuestionKind.SINGLE
    return kind


def _check_choices(row, values):
    filled = {}
    for letter, column in zip(LETTERS, OPTION_COLUMNS, strict=True):
        if text := values[column]:
            filled[letter] = text
            if len(text) > OPTION_MAX_LENGTH:
                row.errors.append(
                    f"Pilihan {letter} lebih dari {OPTION_MAX_LENGTH} karakter; persingkat."
                )
    answer = values["jawaban"]
    tokens = [token for token in ANSWER_SEPARATORS.split(answer.upper()) if token]
    letters = list(dict.fromkeys(tokens))  # "A,A" is A
    readable = bool(tokens) and all(token in LETTERS for token in tokens)
    marked = letters if readable else []
    # Whether the question can be answered is the rule's to say (rules.answerable_problems,
    # as in the admin's form); the import words it with its columns, and says itself what
    # is wrong with the answer column as written.
    options = [
        (filled.get(letter, ""), letter in marked)
        for letter in LETTERS
        if letter in filled or letter in marked
    ]
    problems = {problem.code for problem in rules.answerable_problems(row.kind, options)}
    for code in (rules.TOO_FEW_OPTIONS, rules.OPTIONS_REPEATED):
        if code in problems:
            row.errors.append(ANSWERABLE_WORDS[code])

    if not tokens:
        row.errors.append(
            "Jawaban wajib diisi: huruf pilihan yang benar, misalnya A, atau A,C untuk soal ganda."
        )
    elif not readable:
        row.errors.append(
            f"Jawaban '{answer}' tidak dikenal: tulis huruf pilihan yang benar, misalnya A, "
            "atau A,C untuk soal ganda."
        )
    else:
        empty = [letter for letter in letters if letter not in filled]
        if empty:
            row.errors.append(f"Jawaban {_listed(empty)} menunjuk pilihan yang kosong.")
        if rules.SINGLE_NEEDS_ONE in problems:  # a readable answer marks one or more
            row.errors.append(
                f"Soal pilihan tunggal hanya boleh punya satu jawaban benar (tertulis {answer}); "
                "untuk lebih dari satu jawaban pakai jenis ganda."
            )
    row.options = [(text, letter in letters) for letter, text in filled.items()]

    if row.kind == QuestionKind.MULTIPLE:
        scoring = SCORING_SPELLINGS.get(_key(values["penilaian"]))
        if scoring is None:
            row.errors.append(
                f"Penilaian '{values['penilaian']}' tidak dikenal (isi semua atau sebagian)."
            )
        row.scoring = scoring or MultipleScoring.ALL_REQUIRED


def _check_fixed_answer(row, values):
    word = KIND_WORDS[row.kind]
    if any(values[column] for column in OPTION_COLUMNS):
        row.errors.append(
            f"Soal {word} memakai pilihan tetap; kosongkan kolom pilihan_a sampai pilihan_f."
        )
    answer = values["jawaban"]
    written = f", bukan '{answer}'" if answer else ""
    if row.kind == QuestionKind.TRUE_FALSE:
        row.statement_is_true = TRUE_FALSE_SPELLINGS.get(_key(answer))
        if row.statement_is_true is None:
            row.errors.append(f"Jawaban soal benar/salah harus benar atau salah{written}.")
    else:
        row.verdict = VERDICT_SPELLINGS.get(_key(answer), "")
        if not row.verdict:
            row.errors.append(
                f"Jawaban soal hoaks atau fakta harus salah satu label: {VERDICT_LABELS}{written}."
            )


def _check_url(row):
    if len(row.source_url) > URL_MAX_LENGTH:
        row.errors.append(f"Tautan lebih dari {URL_MAX_LENGTH} karakter.")
        return
    try:
        URLValidator(schemes=["http", "https"])(row.source_url)
    except ValidationError:
        row.errors.append(
            f"Tautan '{row.source_url}' bukan alamat web yang lengkap (awali dengan https://)."
        )


def _check_duplicates(row, bank, first_row_of):
    key = row.bank_key
    if key is None or not row.text:
        row.action = RowAction.NEW
        return
    if key in first_row_of:
        row.errors.append(
            f"Pertanyaan yang sama untuk topik ini sudah ada di baris {first_row_of[key]}."
        )
    first_row_of.setdefault(key, row.number)
    existing = bank.get(key, [])
    if not existing:
        row.action = RowAction.NEW
        return
    row.action = RowAction.UNCHANGED
    if row.errors or not row.kind:
        return  # what differs is only worth saying about a row that is otherwise right
    signature = _compared(_row_signature(row), row)
    compared = [_compared(other, row) for other in existing]
    if signature in compared:
        return
    differing = [part for part, value in signature.items() if compared[0][part] != value]
    row.errors.append(
        f"Pertanyaan ini sudah ada di bank soal (topik {row.topic.name}) dengan "
        f"{_listed(differing)} berbeda. Impor tidak mengubah soal yang sudah ada: ubah soal "
        "itu di admin, atau ubah teks pertanyaannya."
    )


# The template and the export ----------------------------------------------------------------


def question_values(question):
    """A question of the bank as a row of the import file, {column: text}."""
    values = dict.fromkeys(COLUMNS, "")
    values.update(
        topik=question.topic.name,
        jenis=KIND_WORDS.get(question.kind, question.kind),
        pertanyaan=question.text,
        penjelasan=question.explanation,
        tautan=question.source_url,
        pilar=question.pillar,
        subindikator=question.indicator,
    )
    if question.kind == QuestionKind.TRUE_FALSE:
        values["jawaban"] = TRUE_WORDS.get(question.statement_is_true, "")
    elif question.kind == QuestionKind.HOAX_OR_FACT:
        values["jawaban"] = dict(Verdict.choices).get(question.verdict, question.verdict)
    else:
        options = list(question.options.all())
        for column, option in zip(OPTION_COLUMNS, options, strict=False):
            values[column] = option.text
        values["jawaban"] = ",".join(
            letter for letter, option in zip(LETTERS, options, strict=False) if option.is_correct
        )
        if question.kind == QuestionKind.MULTIPLE:
            values["penilaian"] = SCORING_WORDS.get(question.scoring, "")
    return values


def _columns_for(rows):
    """The columns of a file: the template's six options, more only when a row needs them."""
    used = max(
        [TEMPLATE_OPTIONS]
        + [index + 1 for row in rows for index, column in enumerate(OPTION_COLUMNS) if row[column]]
    )
    return [column for column in COLUMNS if column not in OPTION_COLUMNS[used:]]


def _text_cell(sheet, row, column, value):
    """Write `value` as text: openpyxl would store "=..." as a formula for Excel to run."""
    cell = sheet.cell(row=row, column=column, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


INSTRUCTIONS = (
    "Satu baris untuk satu soal. Judul kolom di baris pertama jangan diubah.",
    "topik: nama topik yang sudah ada (lihat lembar Daftar topik).",
    "jenis: tunggal, ganda, benar/salah, atau hoaks atau fakta.",
    "pertanyaan: teks soal. Untuk soal hoaks atau fakta, tulis klaim yang beredar.",
    "pilihan_a sampai pilihan_f: pilihan jawaban soal tunggal dan ganda, paling sedikit dua. "
    "Kosongkan untuk soal benar/salah dan hoaks atau fakta (pilihannya tetap).",
    "jawaban: soal tunggal satu huruf (A); soal ganda satu huruf atau lebih (A,C); "
    "soal benar/salah benar atau salah; soal hoaks atau fakta salah satu label: "
    f"{VERDICT_LABELS}.",
    "penilaian (hanya soal ganda): semua (benar bila semua jawaban benar dipilih; bila kosong) "
    "atau sebagian (nilai sebagian).",
    "penjelasan: ditampilkan kepada peserta setelah kuis selesai, bila diizinkan. Opsional.",
    "tautan: alamat web penjelasan lengkap, diawali https://. Opsional.",
    "pilar: pilar literasi digital yang diukur soal: kecakapan, etika, keamanan, atau budaya "
    "(boleh juga nama lengkapnya, misalnya Keamanan digital). Opsional.",
    "subindikator: salah satu subindikator pilar itu (lihat lembar Pilar dan subindikator), "
    "kode atau namanya. Bila pilar kosong, pilarnya mengikuti subindikator. Opsional.",
    "Soal yang sudah ada di bank soal (topik dan teks yang sama) tidak diimpor dua kali dan "
    "tidak diubah: ubah soal itu di admin.",
    "Setiap baris diperiksa dulu; impor berlaku untuk semua baris atau tidak sama sekali.",
)


def _workbook(rows):
    columns = _columns_for(rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Soal"
    for column_number, column in enumerate(columns, start=1):
        _text_cell(sheet, 1, column_number, column)
        letter = sheet.cell(row=1, column=column_number).column_letter
        sheet.column_dimensions[letter].width = 48 if column == "pertanyaan" else 22
    for row_number, values in enumerate(rows, start=2):
        for column_number, column in enumerate(columns, start=1):
            if values[column]:
                cell = _text_cell(sheet, row_number, column_number, values[column])
                cell.number_format = "@"
    notes = workbook.create_sheet("Petunjuk")
    for line in INSTRUCTIONS:
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    listing = workbook.create_sheet("Daftar topik")
    listing.append(["Nama topik"])
    for topic in Topic.objects.order_by("name"):
        _text_cell(listing, listing.max_row + 1, 1, topic.name)
    listing.column_dimensions["A"].width = 50
    pillars = workbook.create_sheet("Pilar dan subindikator")
    pillars.append(["pilar", "subindikator", "Nama subindikator"])
    for pillar in Pillar:
        pillars.append([pillar.value, "", pillar.label])
        for indicator in indicators_of(pillar):
            pillars.append([pillar.value, indicator.value, indicator.label])
    for letter, width in zip("ABC", (14, 24, 50), strict=True):
        pillars.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _example(topic, kind, text, options=(), answer="", scoring="", explanation="", pillar="",
             indicator=""):  # fmt: skip
    values = dict.fromkeys(COLUMNS, "")
    values.update(topik=topic, jenis=KIND_WORDS[kind], pertanyaan=text, jawaban=answer)
    values.update(zip(OPTION_COLUMNS, options, strict=False))
    values.update(penilaian=scoring, penjelasan=explanation, pilar=pillar, subindikator=indicator)
    return values


def template_workbook():
    """The XLSX template: the columns, one example row of each kind (they import as they are,
    with the first topic's name), the instructions, and the list of topics."""
    first = Topic.objects.order_by("name").first()
    topic = first.name if first else "Isi nama topik dari lembar Daftar topik"
    rows = [
        _example(
            topic,
            QuestionKind.SINGLE,
            "Apa kepanjangan dari ASN? (contoh)",
            ["Aparatur Sipil Negara", "Aparatur Sistem Nasional", "Abdi Sipil Negara"],
            answer="A",
            explanation="ASN adalah Aparatur Sipil Negara: PNS dan PPPK.",
        ),
        _example(
            topic,
            QuestionKind.MULTIPLE,
            "Manakah ciri pesan hoaks? (contoh)",
            [
                "Meminta pesan segera disebarkan",
                "Mencantumkan sumber resmi yang dapat diperiksa",
                "Memakai judul yang memancing emosi",
            ],
            answer="A,C",
            scoring="sebagian",
            explanation="Hoaks sering mendesak pembaca menyebarkan dan memancing emosi.",
            pillar=Pillar.KECAKAPAN,
            indicator=Indicator.KECAKAPAN_INFORMASI,
        ),
        _example(
            topic,
            QuestionKind.TRUE_FALSE,
            "Satu kata sandi untuk semua akun aman asalkan panjang. (contoh)",
            answer="salah",
            explanation="Bila satu akun bocor, semua akun dengan kata sandi itu ikut terbuka.",
            indicator=Indicator.KEAMANAN_DATA,
        ),
        _example(
            topic,
            QuestionKind.HOAX_OR_FACT,
            "Pesan berantai: pendaftaran CPNS dibuka lewat tautan pendek tanpa seleksi. (contoh)",
            answer="HOAKS",
            explanation="Pendaftaran CPNS hanya melalui portal resmi dan selalu ada seleksi.",
            pillar=Pillar.KECAKAPAN,
            indicator=Indicator.KECAKAPAN_INFORMASI,
        ),
    ]
    return _workbook(rows)


def _bank_rows(questions):
    return [question_values(question) for question in questions]


def export_workbook(questions):
    """The questions as an XLSX in the template's format, ready to import elsewhere."""
    return _workbook(_bank_rows(questions))


def export_csv(questions):
    """The questions as a CSV (UTF-8, for Excel) in the template's format, written by the site's
    CSV writer: cells a spreadsheet would run as a formula are protected, and the import reads
    them back as they were."""
    rows = _bank_rows(questions)
    columns = _columns_for(rows)
    lines = [columns, *([values[column] for column in columns] for values in rows)]
    return exports.csv_file(lines).encode("utf-8")
