"""A large, realistic, synthetic data set for the statistics (management command
generate_stats_data): agencies, participants, three years of sessions with their registrations,
attendance, pre- and post-tests, self-paced quizzes with a question bank and every attempt's
answers, certificates and yearly headcounts.

This is the documented bulk path: the one place that writes other apps' tables without going
through their services, on purpose, because a million attendances through the services would
take hours. Rows go straight into the tables in large batches (COPY on PostgreSQL, multi-row
inserts elsewhere, `insert_rows`), inside one transaction, on a database it has checked is
empty of real participants (`check_database`). What the services would guarantee, it keeps
itself, and tests/demo/test_synthetic.py checks each of these on a scaled-down run:

- every unique and check constraint of the models: one registration and one attendance per
  person and session; attempt numbers unique per quiz, person, session and purpose; finished
  attempts scored 0-100, self-paced ones without a session and session tests with one;
  one certificate per person, session and role, for a session (never a quiz);
- certificate numbers as the numbering service gives them: per template and year the
  sequences run 1, 2, 3 ... without a gap or a repeat, every number and verification code is
  unique, and the template's NumberSequence row holds the last sequence given, so a
  certificate issued later through the services takes the next number;
- certificates only for people who attended (hadir or terlambat) that session, and post-tests
  only from them;
- the page tree as treebeard would number it (paths, depths, the parent's numchild,
  url_path), so Page.find_problems() finds nothing;
- the AtTheTime fields: records keep the agency and group the person had that day (a few
  people move agency or turn from PTT to PPPK halfway);
- valid NIPs for ASN (none for PTT), and an unusable password for everyone generated;
- the question bank as an editor would make it: per topic QUESTIONS_PER_PILLAR single-choice
  questions under each of the four pillars, each with a sub-indicator of its pillar and
  OPTIONS options of which exactly one is correct; every generated quiz draws MAX_POINTS
  questions from its topic (one QuestionDraw, nothing picked);
- answers as the services write them: each attempt holds the paper paper.compose draws from
  the attempt's seed (the same questions in the same order, the same option order), so one
  answer per position 1..MAX_POINTS and per question (unique (attempt, position) and
  (attempt, question)); chosen is one of the options shown, with its answered_at, or nothing;
  finished attempts score every answer as the scoring service does (1 for the correct option,
  else 0, unanswered 0), and the attempt's points are the sum of its answers' points, its
  score and pass follow from them; open attempts have nothing scored (points null); timed-out
  attempts leave questions unanswered. The answers come from a Rasch model, P(correct) =
  logistic(theta - b), theta the person's true ability on the question's pillar (plus the
  training gain on post-tests) and b the question's true difficulty, written in its
  explanation for bench/literacy.py to compare the calibration with;
- no signal is sent, so at the end the page cache and the statistics' cached figures are
  invalidated by hand.

Everything generated is recognisable: participants' usernames start with GENERATED_PREFIX and
their emails end with GENERATED_EMAIL_DOMAIN, agencies' names end with AGENCY_SUFFIX, sessions'
and quizzes' slugs start with GENERATED_PREFIX, questions' texts with GENERATED_QUESTION. The
generator refuses a database that holds any other participant (real people) or that was
already filled once.
"""

import datetime
import json
import math
import random
import time
import uuid
from array import array
from dataclasses import dataclass, fields, replace

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import F, JSONField, Max
from django.utils import timezone
from wagtail.models import Page

from content.articles.models import Topic
from content.articles.pillars import Indicator, Pillar, indicators_of
from content.base import page_cache
from content.certificates.models import Certificate, CertificateTemplate, NumberSequence
from content.people.identity import Gender, compose_nip
from content.people.models import Agency, AgencyKind, ParticipantGroup, Rank, User
from content.quizzes import scoring
from content.quizzes.models import (
    Answer,
    Attempt,
    Option,
    Purpose,
    Question,
    QuestionDraw,
    QuestionKind,
    Quiz,
    SessionTest,
)
from content.quizzes.models.choices import AttemptStatus
from content.stats import cache as figure_cache
from content.stats.models import AgencyHeadcount
from content.training.models import (
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    Registration,
    RegistrationStatus,
    SessionIndexPage,
    SessionMode,
    SessionPage,
    TargetGroup,
)

GENERATED_PREFIX = "datauji-"
GENERATED_EMAIL_DOMAIN = "data-uji.invalid"
AGENCY_SUFFIX = " (data uji)"
GENERATED_QUESTION = "[data uji]"
BATCH = 10_000
PASS_MARK = 70
MAX_POINTS = 20  # questions drawn per attempt, one point each

# The question bank, per topic: QUESTIONS_PER_PILLAR single-choice questions of OPTIONS options
# under each pillar; true difficulties (logits) drawn from N(0, DIFFICULTY_SD), clipped.
QUESTIONS_PER_PILLAR = 15
OPTIONS = 4
DIFFICULTY_SD = 1.0
PILLARS = list(Pillar)
# People's mean true ability per pillar (logits), in the national index's order (budaya above
# etika above kecakapan above keamanan), so the city's index has a shape worth reading; each
# agency departs from it by N(0, AGENCY_SD) per pillar, so "where to aim" has something to find.
PILLAR_MEANS = {Pillar.KECAKAPAN: 0.1, Pillar.ETIKA: 0.3, Pillar.KEAMANAN: -0.4, Pillar.BUDAYA: 0.5}
AGENCY_SD = 0.25
# A person's ability on a pillar: ABILITY_LOADING x their general ability + the rest, so it
# correlates about 0.8 with `ability` and about 0.64 between pillars.
ABILITY_LOADING = 0.8
# What a session adds on its post-test (logits, plus a little more for the abler), a retaken
# post-test a little more, and each self-paced attempt at the same quiz (up to four).
TRAINING_GAIN = 0.9
RETAKE_GAIN = 0.3
PRACTICE_GAIN = 0.15
# The generated topics lean on these pillars (Topic.pillar); their questions cover all four.
TOPIC_PILLARS = {
    "literasi-digital": Pillar.KECAKAPAN,
    "anti-hoaks": Pillar.KECAKAPAN,
    "netralitas-asn": Pillar.ETIKA,
    "keamanan-informasi": Pillar.KEAMANAN,
    "etika-bermedia-sosial": Pillar.ETIKA,
    "pelindungan-data-pribadi": Pillar.KEAMANAN,
    "pelayanan-publik-digital": Pillar.BUDAYA,
    "keterbukaan-informasi-publik": Pillar.BUDAYA,
}


class Refused(Exception):
    """The database is not one to fill: the message says why, in Indonesian."""


@dataclass(frozen=True)
class Sizes:
    participants: int = 100_000
    agencies: int = 60
    sessions: int = 2_000
    attendances: int = 1_000_000
    attempts: int = 1_000_000
    certificates: int = 300_000
    years: int = 3

    def scaled(self, factor):
        """Every count times `factor` (agencies and years stay: they shape the data, not its
        size), at least one of each."""
        counts = {
            item.name: max(1, round(getattr(self, item.name) * factor))
            for item in fields(self)
            if item.name not in ("agencies", "years")
        }
        return replace(self, **counts)


# --------------------------------------------------------------------------------------------
# Safety
# --------------------------------------------------------------------------------------------


def generated_participants():
    return User.objects.filter(username__startswith=GENERATED_PREFIX)


def check_database():
    """Refuse a database that already holds generated data, or any real participant."""
    if generated_participants().exists():
        raise Refused(
            "Data uji statistik sudah pernah dibuat di basis data ini; tidak dibuat dua kali. "
            "Pakai basis data baru (misalnya yang dibuat bench/stats_views.py)."
        )
    real = User.objects.exclude(participant_group="").count()
    if real:
        raise Refused(
            f"Basis data ini sudah berisi {real} peserta yang bukan data uji; data uji tidak "
            "dicampur dengan data sungguhan. Pakai basis data kosong yang baru dimigrasi."
        )
    if not SessionIndexPage.objects.exists():
        raise Refused("Halaman indeks sosialisasi (/sesi/) tidak ada: jalankan migrate dulu.")


# --------------------------------------------------------------------------------------------
# Writing rows
# --------------------------------------------------------------------------------------------


def _defaults(model, given):
    """Values for the model's own columns that the caller leaves out: the field's default."""
    out = {}
    for field in model._meta.local_concrete_fields:
        if field.primary_key and field.attname not in given:
            continue
        if field.attname in given:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            out[field.attname] = timezone.now()
            continue
        value = field.get_default()
        if value is None and not field.null:
            raise ValueError(f"{model.__name__}.{field.attname} needs a value")
        out[field.attname] = value
    return out


class JsonText(str):
    """A value for a JSONField column, already encoded: written as it is by COPY (encoding 20
    million small lists one by one would cost more than the COPY itself)."""


def insert_rows(model, columns, rows):
    """Write `rows` (tuples, in the order of `columns`, attnames) into the model's own table;
    every other column gets its field's default. COPY on PostgreSQL, batched INSERTs elsewhere.
    A JSONField's value may be given encoded, as JsonText. Returns the number of rows written."""
    constants = _defaults(model, set(columns))
    names = [*columns, *constants]
    tail = tuple(constants.values())
    by_name = {field.attname: field for field in model._meta.local_concrete_fields}
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(by_name[name].column) for name in names)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY would write a Python list as an array: JSON goes as its text.
            is_json = [isinstance(by_name[name], JSONField) for name in names]
            tail = tuple(
                JsonText(json.dumps(value)) if is_json[len(columns) + i] else value
                for i, value in enumerate(tail)
            )
            json_at = [i for i in range(len(columns)) if is_json[i]]
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    if json_at and not all(isinstance(row[i], JsonText) for i in json_at):
                        row = tuple(
                            JsonText(json.dumps(v))
                            if i in json_at and not isinstance(v, JsonText)
                            else v
                            for i, v in enumerate(row)
                        )
                    copy.write_row(row + tail)
                    count += 1
            return count
        prepared = [by_name[name] for name in names]
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(names))})"
        batch = []
        for row in rows:
            # JSON already encoded goes in as the text it is (JSON columns hold text here).
            batch.append(
                [
                    str(v) if isinstance(v, JsonText) else f.get_db_prep_save(v, connection)
                    for f, v in zip(prepared, row + tail, strict=True)
                ]
            )
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def defer_checks(*models):
    """On PostgreSQL, for the empty tables of `models`: drop their secondary indexes, unique
    and foreign-key constraints and return the statements that make them again. Millions of
    rows then go in without an index kept up to date row by row or a deferred foreign-key
    check queued per row (both far slower than building the index once and checking the keys
    in one join). The constraints come back exactly as they were (pg_get_constraintdef,
    pg_get_indexdef), checked over every row, in the same transaction."""
    if connection.vendor != "postgresql":
        return []
    again, quote = [], connection.ops.quote_name
    with connection.cursor() as cursor:
        # A foreign key cannot be dropped while checks of earlier rows wait on its tables: run
        # them now, and defer again what follows.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for model in models:
            if model.objects.exists():
                continue
            table = quote(model._meta.db_table)
            cursor.execute(
                "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC",
                [model._meta.db_table],
            )
            constraints = cursor.fetchall()
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
                "AND NOT x.indisprimary AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
                [model._meta.db_table],
            )
            indexes = cursor.fetchall()
            for name, _, _ in constraints:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {quote(name)}")
            # Unique ones first ('u' sorts after 'f', hence DESC), then plain indexes, then keys.
            again += [
                f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {sql}"
                for name, kind, sql in constraints
                if kind == "u"
            ]
            again += [sql for _, sql in indexes]
            again += [
                f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {sql}"
                for name, kind, sql in constraints
                if kind == "f"
            ]
    return again


def restore_checks(statements):
    with connection.cursor() as cursor:
        if statements:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for statement in statements:
            cursor.execute(statement)


# --------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------

TOPICS = [
    ("Literasi Digital", "literasi-digital"),
    ("Anti-Hoaks", "anti-hoaks"),
    ("Netralitas ASN", "netralitas-asn"),
    ("Keamanan Informasi", "keamanan-informasi"),
    ("Etika Bermedia Sosial", "etika-bermedia-sosial"),
    ("Pelindungan Data Pribadi", "pelindungan-data-pribadi"),
    ("Pelayanan Publik Digital", "pelayanan-publik-digital"),
    ("Keterbukaan Informasi Publik", "keterbukaan-informasi-publik"),
]
OFFICES = [
    (AgencyKind.SEKRETARIAT, "Sekretariat Daerah", "Setda"),
    (AgencyKind.SEKRETARIAT, "Sekretariat DPRD", "Setwan"),
    (AgencyKind.INSPEKTORAT, "Inspektorat Daerah", "Itda"),
    (AgencyKind.DINAS, "Dinas Pendidikan", "Disdik"),
    (AgencyKind.DINAS, "Dinas Kesehatan", "Dinkes"),
    (AgencyKind.DINAS, "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    (AgencyKind.DINAS, "Dinas Perumahan dan Kawasan Permukiman", "Disperkim"),
    (AgencyKind.DINAS, "Dinas Sosial", "Dinsos"),
    (AgencyKind.DINAS, "Dinas Tenaga Kerja", "Disnaker"),
    (AgencyKind.DINAS, "Dinas Lingkungan Hidup", "DLH"),
    (AgencyKind.DINAS, "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    (AgencyKind.DINAS, "Dinas Perhubungan", "Dishub"),
    (AgencyKind.DINAS, "Dinas Komunikasi dan Informatika", "Diskominfo"),
    (AgencyKind.DINAS, "Dinas Koperasi dan UKM", "Dinkop"),
    (AgencyKind.DINAS, "Dinas Penanaman Modal dan PTSP", "DPMPTSP"),
    (AgencyKind.DINAS, "Dinas Kepemudaan dan Olahraga", "Dispora"),
    (AgencyKind.DINAS, "Dinas Kebudayaan dan Pariwisata", "Disbudpar"),
    (AgencyKind.DINAS, "Dinas Perpustakaan dan Kearsipan", "Dispusip"),
    (AgencyKind.DINAS, "Dinas Perdagangan", "Disdag"),
    (AgencyKind.DINAS, "Dinas Ketahanan Pangan dan Pertanian", "DKPP"),
    (AgencyKind.DINAS, "Dinas Pemadam Kebakaran", "Damkar"),
    (AgencyKind.BADAN, "Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    (AgencyKind.BADAN, "Badan Keuangan dan Aset Daerah", "BKAD"),
    (AgencyKind.BADAN, "Badan Kepegawaian dan Pengembangan SDM", "BKPSDM"),
    (AgencyKind.BADAN, "Badan Pendapatan Daerah", "Bapenda"),
    (AgencyKind.BADAN, "Badan Penanggulangan Bencana Daerah", "BPBD"),
    (AgencyKind.BADAN, "Badan Kesatuan Bangsa dan Politik", "Kesbangpol"),
    (AgencyKind.SATUAN, "Satuan Polisi Pamong Praja", "Satpol PP"),
    (AgencyKind.RSUD, "RSUD Kota", "RSUD"),
    (AgencyKind.BAGIAN, "Bagian Hukum", "Bag. Hukum"),
    (AgencyKind.BAGIAN, "Bagian Organisasi", "Bag. Organisasi"),
    (AgencyKind.BAGIAN, "Bagian Umum", "Bag. Umum"),
    (AgencyKind.LAINNYA, "Unit Layanan Pengadaan", "ULP"),
]
DISTRICTS = ["Utara", "Selatan", "Timur", "Barat", "Tengah", "Pesisir", "Bukit", "Sungai"]
VILLAGES = [
    "Sukamaju", "Sukarame", "Mekarsari", "Harapan Jaya", "Tanjung Sari", "Kebon Jeruk",
    "Margahayu", "Cempaka", "Melati", "Sidomulyo", "Tegalsari", "Karanganyar", "Sumber Rejo",
    "Pasir Putih", "Rawa Bening", "Bojong", "Cipta Karya", "Mulyorejo", "Kampung Baru", "Bumi Asri",
]  # fmt: skip
FIRST_NAMES = [
    "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Iwan", "Joko", "Rudi", "Slamet", "Teguh",
    "Wahyu", "Yusuf", "Arif", "Bayu", "Dimas", "Gilang", "Rizky", "Andi", "Hadi", "Siti", "Sri",
    "Dewi", "Rina", "Wulan", "Ayu", "Fitri", "Indah", "Lestari", "Maya", "Nur", "Putri", "Ratna",
    "Yuni", "Dian", "Endang", "Kartika", "Novita", "Retno", "Wati", "Citra", "Intan", "Nanda",
]  # fmt: skip
LAST_NAMES = [
    "Santoso", "Wijaya", "Saputra", "Pratama", "Hidayat", "Setiawan", "Kurniawan", "Nugroho",
    "Susanto", "Gunawan", "Siregar", "Nasution", "Harahap", "Lubis", "Simanjuntak", "Sinaga",
    "Wibowo", "Rahmawati", "Lestari", "Handayani", "Permatasari", "Purnomo", "Syahputra",
    "Hakim", "Ramadhan", "Maulana", "Firmansyah", "Anggraini", "Suryani", "Utami", "Wulandari",
    "Hasibuan", "Tanjung", "Sihombing", "Pangaribuan", "Manurung", "Daulay", "Putra", "Yulianti",
]  # fmt: skip
FEMALE_FIRST = set(FIRST_NAMES[FIRST_NAMES.index("Siti") :])
DEGREES = ["", "", "", "S.Kom.", "S.E.", "S.H.", "S.Sos.", "S.Pd.", "A.Md.", "S.T.", "M.Si."]
POSITIONS = [
    "Analis Kebijakan", "Pranata Komputer", "Pengelola Keuangan", "Pengadministrasi Umum",
    "Penyusun Laporan", "Arsiparis", "Perencana", "Auditor", "Guru", "Perawat", "Bidan",
    "Pranata Humas", "Staf Teknis", "Operator Layanan", "Pengemudi", "Petugas Kebersihan",
]  # fmt: skip
SESSION_TITLES = [
    "Sosialisasi {topic}",
    "Bimbingan Teknis {topic}",
    "Webinar {topic}",
    "Kelas {topic} bagi ASN",
    "Lokakarya {topic}",
]
VENUES = ["Aula Diskominfo", "Ruang Rapat Setda", "Gedung Serbaguna", "Aula Kecamatan"]
SESSION_STARTS = [datetime.time(8, 0), datetime.time(9, 0), datetime.time(13, 0)]


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------


@dataclass
class Person:
    """What later records need of a participant, without the model instance."""

    pk: int
    name: str
    nip: str
    agency_id: int
    group: str
    ability: float
    # True ability per pillar (logits), in the order of PILLARS.
    thetas: tuple = ()
    # Before `moved_on`, the person was in `earlier_agency_id` as `earlier_group`.
    moved_on: datetime.date | None = None
    earlier_agency_id: int | None = None
    earlier_group: str = ""

    def at(self, day):
        """(agency id, group) on `day`: what an AtTheTime record made that day keeps."""
        if self.moved_on is not None and day < self.moved_on:
            return self.earlier_agency_id, self.earlier_group
        return self.agency_id, self.group


@dataclass
class Session:
    pk: int
    date: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    late_after: datetime.datetime
    target: str
    topic_id: int
    hours: int
    title: str
    pre_quiz_id: int | None = None
    post_quiz_id: int | None = None


class Item:
    """A question of the bank as an attempt's paper needs it: its options in the order
    paper.compose reads them, and each possible answer with what it earns."""

    __slots__ = ("pk", "pillar", "difficulty", "option_ids", "shuffled", "right", "wrong", "orders")

    def __init__(self, pk, pillar, difficulty, option_ids, shuffled, right, wrong):
        self.pk = pk
        self.pillar = pillar  # index in PILLARS, or None for a question without a pillar
        self.difficulty = difficulty
        self.option_ids = option_ids
        self.shuffled = shuffled
        self.right = right  # (chosen, points)
        self.wrong = wrong  # [(chosen, points)], one per wrong option
        self.orders = {}  # an option order -> its JSON, made once


class Generator:
    def __init__(self, sizes, *, seed=2026, today=None, log=None):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.tz = timezone.get_current_timezone()
        self.log = log or (lambda message: None)
        self.counts = {}
        self.timings = {}

    def run(self):
        check_database()
        started = time.perf_counter()
        with transaction.atomic():
            for step in (
                self.topics,
                self.bank,
                self.agencies,
                self.participants,
                self.headcounts,
                self.sessions,
                self.quizzes,
                self.attendance,
                self.attempts,
                self.certificates,
            ):
                began = time.perf_counter()
                step()
                self.timings[step.__name__] = time.perf_counter() - began
                self.log(f"{step.__name__}: {self.timings[step.__name__]:.1f} s")
        if connection.vendor == "postgresql":
            began = time.perf_counter()
            with connection.cursor() as cursor:
                for model in (User, Page, SessionPage, Registration, Attendance, Attempt, Answer):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
                cursor.execute(f"ANALYZE {Certificate._meta.db_table}")
            self.timings["analyze"] = time.perf_counter() - began
        # The rows went straight into the tables, without a signal: nothing cached before holds.
        page_cache.invalidate()
        page_cache.invalidate(figure_cache.SCOPE)
        self.timings["total"] = time.perf_counter() - started
        return self.counts

    def when(self, day, clock):
        return datetime.datetime.combine(day, clock, tzinfo=self.tz)

    # ----------------------------------------------------------------------------------------

    def topics(self):
        self.topic_ids = []
        for name, slug in TOPICS:
            topic = (
                Topic.objects.filter(slug=slug).first() or Topic.objects.filter(name=name).first()
            )
            if topic is None:
                topic = Topic.objects.create(name=name, slug=slug, pillar=TOPIC_PILLARS[slug])
            self.topic_ids.append(topic.pk)
        self.topic_names = dict(
            Topic.objects.filter(pk__in=self.topic_ids).values_list("pk", "name")
        )

    def bank(self):
        """Per topic, QUESTIONS_PER_PILLAR single-choice questions under each pillar, their
        sub-indicators in turn, each with OPTIONS options of which one is correct; the true
        difficulty each was generated with is in its explanation (bench/literacy.py compares
        the calibration with it). Then every topic's pool as paper.compose draws from it:
        all the topic's questions by pk, these and any already there."""
        rng = self.rng
        questions = []
        for topic_id in self.topic_ids:
            for pillar in PILLARS:
                indicators = indicators_of(pillar)
                for n in range(QUESTIONS_PER_PILLAR):
                    indicator = indicators[n % len(indicators)]
                    difficulty = max(-3.0, min(3.0, rng.gauss(0, DIFFICULTY_SD)))
                    questions.append(
                        Question(
                            topic_id=topic_id,
                            kind=QuestionKind.SINGLE,
                            pillar=pillar,
                            indicator=indicator,
                            text=f"{GENERATED_QUESTION} {self.topic_names[topic_id]}: "
                            f"{Indicator(indicator).label} ({pillar.label}), soal {n + 1}",
                            explanation="Soal data uji statistik. Tingkat kesulitan yang dipakai "
                            f"untuk membangkitkan jawaban (model Rasch): b = {difficulty:.4f}.",
                        )
                    )
        Question.objects.bulk_create(questions, batch_size=BATCH)
        made = Question.objects.filter(text__startswith=GENERATED_QUESTION).order_by("pk")
        options = []
        for question in made.only("pk"):
            correct = rng.randrange(OPTIONS)
            options += [
                Option(
                    question_id=question.pk,
                    sort_order=n,
                    text=f"Pilihan {'ABCDEFGH'[n]}",
                    is_correct=n == correct,
                    key=uuid.UUID(int=rng.getrandbits(128), version=4),
                )
                for n in range(OPTIONS)
            ]
        Option.objects.bulk_create(options, batch_size=BATCH)
        self.pools = {topic_id: self._pool(topic_id) for topic_id in self.topic_ids}
        self.counts["questions"] = len(questions)

    def _pool(self, topic_id):
        """The topic's questions in pk order, as Items. A question that was not generated
        (none on a fresh database) gets difficulty 0; its answers are scored as the services
        score them."""
        items = []
        pattern = "b = "
        pillar_index = {pillar.value: n for n, pillar in enumerate(PILLARS)}
        rows = Question.objects.filter(topic_id=topic_id).order_by("pk").prefetch_related("options")
        for question in rows:
            options = list(question.options.all())
            ids = [option.pk for option in options]
            correct = {option.pk for option in options if option.is_correct}
            difficulty = 0.0
            if question.text.startswith(GENERATED_QUESTION) and pattern in question.explanation:
                difficulty = float(question.explanation.split(pattern)[1].rstrip("."))

            def outcome(chosen, question=question, correct=correct, ids=ids):
                points = scoring.question_points(
                    kind=question.kind,
                    scoring=question.scoring,
                    correct=correct,
                    chosen=set(chosen),
                    options=set(ids),
                )
                return JsonText(json.dumps(sorted(chosen))), points

            right = outcome(correct)
            wrong = [outcome({pk}) for pk in ids if pk not in correct] or [right]
            items.append(
                Item(
                    question.pk,
                    pillar_index.get(question.pillar),
                    difficulty,
                    ids,
                    not question.has_fixed_options,
                    right,
                    wrong,
                )
            )
        return items

    def agencies(self):
        """About a tenth kecamatan, each with its kelurahan (four tenths in all), the rest
        offices of the city."""
        total = self.sizes.agencies
        districts = max(1, min(len(DISTRICTS), round(total / 10)))
        villages = min(len(VILLAGES), max(0, round(total * 0.4)))
        offices = max(1, total - districts - villages)
        made = []
        for n in range(offices):
            kind, name, short = OFFICES[n % len(OFFICES)]
            suffix = f" {n // len(OFFICES) + 1}" if n >= len(OFFICES) else ""
            made.append(Agency(name=f"{name}{suffix}{AGENCY_SUFFIX}", short_name=short, kind=kind))
        for n in range(districts):
            made.append(
                Agency(
                    name=f"Kecamatan {DISTRICTS[n]}{AGENCY_SUFFIX}",
                    short_name=f"Kec. {DISTRICTS[n]}",
                    kind=AgencyKind.KECAMATAN,
                )
            )
        Agency.objects.bulk_create(made)
        made = list(Agency.objects.filter(name__endswith=AGENCY_SUFFIX).order_by("pk"))
        district_ids = [a.pk for a in made if a.kind == AgencyKind.KECAMATAN]
        Agency.objects.bulk_create(
            Agency(
                name=f"Kelurahan {VILLAGES[n]}{AGENCY_SUFFIX}",
                short_name=f"Kel. {VILLAGES[n]}",
                kind=AgencyKind.KELURAHAN,
                parent_id=district_ids[n % len(district_ids)],
            )
            for n in range(villages)
        )
        agencies = list(Agency.objects.filter(name__endswith=AGENCY_SUFFIX).order_by("pk"))
        self.agency_ids = [a.pk for a in agencies]
        self.agency_effects = {
            a.pk: [PILLAR_MEANS[pillar] + self.rng.gauss(0, AGENCY_SD) for pillar in PILLARS]
            for a in agencies
        }
        self.agency_names = {a.pk: a.name for a in agencies}
        # Offices are larger than a kelurahan: a person's agency is drawn by these weights.
        weight = {AgencyKind.KELURAHAN: 1, AgencyKind.KECAMATAN: 2, AgencyKind.RSUD: 8}
        self.agency_weights = [weight.get(a.kind, 4) * self.rng.uniform(0.5, 1.5) for a in agencies]
        self.counts["agencies"] = len(agencies)

    def participants(self):
        """55% PNS, 15% PPPK, 30% PTT. ASN have a NIP (PNS: birth date, appointment month,
        gender, sequence; PPPK the same shape), PTT none. 3% moved agency during the period and
        2% of the PPPK were PTT before."""
        rng, count = self.rng, self.sizes.participants
        start = self.today - datetime.timedelta(days=365 * self.sizes.years)
        span = (self.today - start).days
        nips = set()
        people = []
        joined = timezone.now()

        def rows():
            for n in range(1, count + 1):
                roll = rng.random()
                group = (
                    ParticipantGroup.PNS
                    if roll < 0.55
                    else ParticipantGroup.PPPK
                    if roll < 0.70
                    else ParticipantGroup.PTT
                )
                first = rng.choice(FIRST_NAMES)
                gender = Gender.FEMALE if first in FEMALE_FIRST else Gender.MALE
                name = f"{first} {rng.choice(LAST_NAMES)}"
                degree = rng.choice(DEGREES)
                full_name = f"{name}, {degree}" if degree else name
                nip = None
                if group != ParticipantGroup.PTT:
                    nip = self._nip(gender, nips)
                agency_id = rng.choices(self.agency_ids, self.agency_weights)[0]
                rank = ""
                if group == ParticipantGroup.PNS:
                    rank = rng.choice([Rank.II_C, Rank.III_A, Rank.III_B, Rank.III_C, Rank.IV_A])
                username = f"{GENERATED_PREFIX}{n:06d}"
                ability = rng.gauss(0, 1)
                rest = math.sqrt(1 - ABILITY_LOADING**2)
                person = Person(
                    pk=0,
                    name=full_name,
                    nip=nip or "",
                    agency_id=agency_id,
                    group=group,
                    ability=ability,
                    thetas=tuple(
                        mean + ABILITY_LOADING * ability + rest * rng.gauss(0, 1)
                        for mean in self.agency_effects[agency_id]
                    ),
                )
                roll = rng.random()
                if roll < 0.03:
                    person.moved_on = start + datetime.timedelta(days=rng.randrange(span))
                    person.earlier_agency_id = rng.choice(self.agency_ids)
                    person.earlier_group = group
                elif group == ParticipantGroup.PPPK and roll < 0.05:
                    person.moved_on = start + datetime.timedelta(days=rng.randrange(span))
                    person.earlier_agency_id = agency_id
                    person.earlier_group = ParticipantGroup.PTT
                people.append(person)
                yield (
                    "!",  # an unusable password: generated people never log in
                    username,
                    f"{username}@{GENERATED_EMAIL_DOMAIN}",
                    joined,
                    full_name,
                    group,
                    nip,
                    agency_id,
                    rng.choice(POSITIONS),
                    rank,
                    gender,
                )

        columns = [
            "password",
            "username",
            "email",
            "date_joined",
            "full_name",
            "participant_group",
            "nip",
            "agency_id",
            "position",
            "rank",
            "gender",
        ]
        insert_rows(User, columns, rows())
        pks = generated_participants().order_by("username").values_list("pk", flat=True)
        for person, pk in zip(people, pks, strict=True):
            person.pk = pk
        self.people = people
        self.asn = [i for i, p in enumerate(people) if p.group != ParticipantGroup.PTT]
        self.ptt = [i for i, p in enumerate(people) if p.group == ParticipantGroup.PTT]
        self.counts["participants"] = len(people)

    def _nip(self, gender, taken):
        """A valid NIP nobody has yet: born 1965-2000, appointed at 20 to 35, not in the
        future."""
        rng = self.rng
        latest = self.today.replace(day=1)
        while True:
            birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(35 * 365))
            year = min(birth.year + rng.randint(20, 35), latest.year)
            appointment = datetime.date(year, rng.randint(1, 12), 1)
            if appointment > latest:
                appointment = latest
            nip = compose_nip(
                birth_date=birth,
                appointment=appointment,
                gender=gender,
                sequence=rng.randint(1, 999),
            )
            if nip not in taken:
                taken.add(nip)
                return nip

    def headcounts(self):
        """Each agency's official headcount per year: more than the people generated there, so
        coverage stays below 100%."""
        members = {}
        for person in self.people:
            asn, ptt = members.get(person.agency_id, (0, 0))
            if person.group == ParticipantGroup.PTT:
                members[person.agency_id] = (asn, ptt + 1)
            else:
                members[person.agency_id] = (asn + 1, ptt)
        rows = []
        for year in range(self.today.year - self.sizes.years, self.today.year + 1):
            for agency_id in self.agency_ids:
                asn, ptt = members.get(agency_id, (0, 0))
                rows.append(
                    AgencyHeadcount(
                        agency_id=agency_id,
                        year=year,
                        asn=math.ceil(asn * self.rng.uniform(1.1, 1.6)),
                        ptt=math.ceil(ptt * self.rng.uniform(1.1, 1.8)),
                    )
                )
        AgencyHeadcount.objects.bulk_create(rows)
        self.counts["headcounts"] = len(rows)

    def sessions(self):
        """Sessions on weekdays over the years, a few still to come, as live pages under the
        sessions index: the tree's rows are written directly (path, depth, url_path), as
        treebeard would number them, and the parent's numchild is raised once."""
        rng, count = self.rng, self.sizes.sessions
        parent = SessionIndexPage.objects.first()
        last = parent.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        first_day = self.today - datetime.timedelta(days=365 * self.sizes.years)
        upcoming = max(0, round(count * 0.02))
        days = sorted(
            self._weekday(first_day, (self.today - first_day).days) for _ in range(count - upcoming)
        ) + sorted(
            self._weekday(self.today + datetime.timedelta(days=1), 45) for _ in range(upcoming)
        )
        content_type = ContentType.objects.get_for_model(SessionPage)
        now = timezone.now()
        sessions = []
        page_rows = []
        for n, day in enumerate(days, 1):
            topic_id = rng.choice(self.topic_ids)
            title = rng.choice(SESSION_TITLES).format(topic=self.topic_names[topic_id])
            title = f"{title} #{n}"
            slug = f"{GENERATED_PREFIX}sosialisasi-{n:05d}"
            begins = rng.choice(SESSION_STARTS)
            hours = rng.choice([2, 2, 3, 4, 4, 6, 8])
            start = self.when(day, begins)
            end = start + datetime.timedelta(minutes=45 * hours + 30)
            target = rng.choices([TargetGroup.ALL, TargetGroup.ASN, TargetGroup.PTT], [6, 3, 1])[0]
            sessions.append(
                Session(
                    pk=0,
                    date=day,
                    start=start,
                    end=end,
                    late_after=start + datetime.timedelta(minutes=15),
                    target=target,
                    topic_id=topic_id,
                    hours=hours,
                    title=title,
                )
            )
            published = min(start - datetime.timedelta(days=14), now)
            page_rows.append(
                (
                    Page._get_path(parent.path, parent.depth + 1, step + n),
                    parent.depth + 1,
                    0,
                    uuid.UUID(int=rng.getrandbits(128), version=4),
                    parent.locale_id,
                    True,
                    published,
                    published,
                    title,
                    title,
                    slug,
                    content_type.pk,
                    f"{parent.url_path}{slug}/",
                    published,
                )
            )
        columns = [
            "path",
            "depth",
            "numchild",
            "translation_key",
            "locale_id",
            "live",
            "first_published_at",
            "last_published_at",
            "title",
            "draft_title",
            "slug",
            "content_type_id",
            "url_path",
            "latest_revision_created_at",
        ]
        insert_rows(Page, columns, iter(page_rows))
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(page_rows))
        prefix = parent.path
        pks = (
            Page.objects.filter(path__startswith=prefix, depth=parent.depth + 1)
            .filter(slug__startswith=GENERATED_PREFIX)
            .order_by("path")
            .values_list("pk", flat=True)
        )
        for session, pk in zip(sessions, pks, strict=True):
            session.pk = pk

        def rows():
            for session in sessions:
                mode = rng.choices([SessionMode.OFFLINE, SessionMode.ONLINE, SessionMode.HYBRID],
                                   [5, 3, 2])[0]  # fmt: skip
                yield (
                    session.pk,
                    "<p>Data uji untuk statistik.</p>",
                    session.topic_id,
                    session.date,
                    session.start.time(),
                    session.end.time(),
                    mode,
                    "" if mode == SessionMode.ONLINE else rng.choice(VENUES),
                    "" if mode == SessionMode.OFFLINE else "https://meet.example.invalid/sesi",
                    session.target,
                    session.hours,
                )

        columns = [
            "page_ptr_id",
            "description",
            "topic_id",
            "date",
            "start_time",
            "end_time",
            "mode",
            "venue",
            "online_url",
            "target_group",
            "training_hours",
        ]
        insert_rows(SessionPage, columns, rows())
        self.session_list = sessions
        self.counts["sessions"] = len(sessions)

    def _weekday(self, first, span):
        while True:
            day = first + datetime.timedelta(days=self.rng.randrange(max(1, span)))
            if day.weekday() < 5:
                return day

    def quizzes(self):
        """A pre-test and a post-test quiz per topic, used by three sessions in four; a
        self-paced quiz per topic."""
        pre, post, self_paced = {}, {}, []
        for topic_id in self.topic_ids:
            name = self.topic_names[topic_id]
            slug = f"{GENERATED_PREFIX}{topic_id}"
            pre[topic_id] = Quiz.objects.create(
                title=f"Pre-test {name}", slug=f"{slug}-pre", topic_id=topic_id, max_attempts=1
            )
            post[topic_id] = Quiz.objects.create(
                title=f"Post-test {name}", slug=f"{slug}-post", topic_id=topic_id, max_attempts=2
            )
            self_paced.append(
                Quiz.objects.create(
                    title=f"Latihan {name}",
                    slug=f"{slug}-latihan",
                    topic_id=topic_id,
                    self_paced=True,
                    max_attempts=None,
                )
            )
        # Every quiz draws MAX_POINTS questions from its topic's bank for each attempt.
        QuestionDraw.objects.bulk_create(
            QuestionDraw(quiz=quiz, topic_id=quiz.topic_id, count=MAX_POINTS, sort_order=0)
            for quiz in [*pre.values(), *post.values(), *self_paced]
        )
        self.quiz_pools = {
            quiz.pk: self.pools[quiz.topic_id]
            for quiz in [*pre.values(), *post.values(), *self_paced]
        }
        tests = []
        for session in self.session_list:
            if self.rng.random() < 0.75:
                session.pre_quiz_id = pre[session.topic_id].pk
                session.post_quiz_id = post[session.topic_id].pk
                tests.append(SessionTest(quiz_id=session.pre_quiz_id, session_id=session.pk,
                                         purpose=Purpose.PRE, sort_order=0))  # fmt: skip
                tests.append(SessionTest(quiz_id=session.post_quiz_id, session_id=session.pk,
                                         purpose=Purpose.POST, sort_order=0))  # fmt: skip
        SessionTest.objects.bulk_create(tests, batch_size=BATCH)
        self.self_paced_quiz_ids = [quiz.pk for quiz in self_paced]
        self.counts["quizzes"] = len(pre) + len(post) + len(self_paced)
        self.counts["session_tests"] = len(tests)

    def attendance(self):
        """The attendances spread over the past sessions by a skewed size (a few large
        webinars, many classes), each session drawing its people from its target group.
        Registrations: everyone marked excused or absent registered, as did 85% of those who
        came (the rest walked in); 4% more registered and never showed, 2% cancelled."""
        rng = self.rng
        past = [s for s in self.session_list if s.date <= self.today]
        pools = {
            TargetGroup.ALL: range(len(self.people)),
            TargetGroup.ASN: self.asn,
            TargetGroup.PTT: self.ptt,
        }
        weights = [rng.lognormvariate(0, 0.8) for _ in past]
        sizes = _allocate(self.sizes.attendances, weights, [len(pools[s.target]) for s in past])
        statuses = [AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.EXCUSED,
                    AttendanceStatus.ABSENT]  # fmt: skip
        methods = [AttendanceMethod.QR, AttendanceMethod.CODE, AttendanceMethod.MANUAL,
                   AttendanceMethod.IMPORT]  # fmt: skip
        # Attended (hadir or terlambat): session index and person index, for tests and
        # certificates.
        self.attended_session = array("i")
        self.attended_person = array("i")
        registrations = []
        people = self.people

        def rows():
            for index, (session, size) in enumerate(zip(past, sizes, strict=True)):
                pool = pools[session.target]
                chosen = rng.sample(pool, size) if size else []
                for person_index in chosen:
                    person = people[person_index]
                    status = rng.choices(statuses, [80, 9, 5, 6])[0]
                    if status == AttendanceStatus.LATE:
                        at = session.late_after + datetime.timedelta(seconds=rng.randrange(3600))
                    elif status == AttendanceStatus.PRESENT:
                        at = session.start + datetime.timedelta(seconds=rng.randrange(-1800, 900))
                    else:
                        at = session.end
                    method = rng.choices(methods, [60, 20, 12, 8])[0]
                    if status in (AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT):
                        method = AttendanceMethod.MANUAL
                    attended = status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
                    if attended:
                        self.attended_session.append(index)
                        self.attended_person.append(person_index)
                    if not attended or rng.random() < 0.85:
                        registrations.append((session, person, RegistrationStatus.REGISTERED))
                    agency_id, group = person.at(session.date)
                    yield (session.pk, person.pk, status, method, at, agency_id, group)
                # No-shows nobody marked, and cancellations, among people not recorded.
                extra = round(size * 0.06)
                if extra:
                    chosen_set = set(chosen)
                    others = [i for i in rng.sample(pool, min(len(pool), size + extra))
                              if i not in chosen_set][:extra]  # fmt: skip
                    for n, person_index in enumerate(others):
                        status = (
                            RegistrationStatus.CANCELLED if n % 3 == 0
                            else RegistrationStatus.REGISTERED
                        )  # fmt: skip
                        registrations.append((session, people[person_index], status))

        columns = ["session_id", "participant_id", "status", "method", "checked_in_at",
                   "agency_id", "participant_group"]  # fmt: skip
        self.past = past
        self.counts["attendances"] = insert_rows(Attendance, columns, rows())

        upcoming = [s for s in self.session_list if s.date > self.today]
        for session in upcoming:
            pool = pools[session.target]
            for person_index in rng.sample(pool, min(len(pool), rng.randint(20, 120))):
                registrations.append((session, people[person_index], RegistrationStatus.REGISTERED))

        def registration_rows():
            for session, person, status in registrations:
                asked = session.start - datetime.timedelta(minutes=rng.randrange(60, 30 * 24 * 60))
                agency_id, group = person.at(asked.date())
                yield (session.pk, person.pk, status, asked, asked, agency_id, group)

        columns = ["session_id", "participant_id", "status", "requested_at", "updated_at",
                   "agency_id", "participant_group"]  # fmt: skip
        self.counts["registrations"] = insert_rows(Registration, columns, registration_rows())

    def paper(self, quiz_id, seed):
        """The questions and option orders paper.compose gives an attempt with this seed, for
        the generated quizzes (one QuestionDraw of MAX_POINTS from the topic, options
        shuffled, questions in the order drawn): the same random calls in the same order."""
        pool = self.quiz_pools[quiz_id]
        draw = random.Random(seed)
        items = draw.sample(pool, min(MAX_POINTS, len(pool)))
        orders = []
        for item in items:
            ids = list(item.option_ids)
            if item.shuffled:
                draw.shuffle(ids)
            key = tuple(ids)
            text = item.orders.get(key)
            if text is None:
                text = item.orders[key] = JsonText(json.dumps(ids))
            orders.append(text)
        return items, orders

    def attempts(self):
        """Pre- and post-tests of those who attended sessions with tests (a failed post-test
        retaken once in half the cases), up to 95% of the attempts; self-paced attempts for
        the rest. Each attempt gets its paper as the services draw it from its seed (see
        `paper`) and an answer per question drawn from a Rasch model: P(correct) =
        logistic(the person's ability on the question's pillar + gain - the question's
        difficulty), the gain being TRAINING_GAIN on a post-test (more for a retake) and
        PRACTICE_GAIN per earlier self-paced attempt. The attempt's points, score and pass are
        its answers' sum, as the scoring service counts them. A few attempts ran out of time
        with questions left unanswered; attempts at sessions of the last two days may still
        be open (answers saved so far, nothing scored). Attempts take their ids from here, so
        each batch of attempts is followed by its answers, both by COPY."""
        rng, budget = self.rng, self.sizes.attempts
        in_sessions = budget - max(1, round(budget * 0.05)) if budget > 1 else budget
        order = [
            n for n in range(len(self.attended_session))
            if self.past[self.attended_session[n]].pre_quiz_id
        ]  # fmt: skip
        rng.shuffle(order)
        recent = self.today - datetime.timedelta(days=2)
        written = 0
        next_id = (Attempt.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        answers = []
        nothing = JsonText("[]")
        zero = scoring.ZERO
        exp = math.exp
        rand = rng.random

        def attempt(session, person, quiz_id, purpose, number, started, gain, last):
            nonlocal next_id
            agency_id, group = person.at(started.date())
            deadline = started + datetime.timedelta(minutes=30)
            status = AttemptStatus.SUBMITTED
            if rand() < 0.02:
                status = AttemptStatus.TIMED_OUT
            if last and session is not None and session.date >= recent and rand() < 0.2:
                status = AttemptStatus.IN_PROGRESS
            seed = rng.randrange(1, 2**62)
            items, orders = self.paper(quiz_id, seed)
            count = len(items)
            if status == AttemptStatus.SUBMITTED:
                answered = count
                finished = started + datetime.timedelta(seconds=rng.randrange(240, 1700))
            elif status == AttemptStatus.TIMED_OUT:
                answered = rng.randint(count // 2, count - 1)
                finished = deadline
            else:
                answered = rng.randrange(count)
                finished = None
            step = ((finished or deadline) - started) / (count + 1)
            attempt_id = next_id
            next_id += 1
            thetas, total = person.thetas, zero
            unanswered = None if finished is None else zero
            papers = zip(items, orders, strict=True)
            for position, (item, option_order) in enumerate(papers, start=1):
                if position > answered:
                    answers.append(
                        (attempt_id, position, item.pk, option_order, nothing, None, unanswered)
                    )
                    continue
                theta = gain + (person.ability if item.pillar is None else thetas[item.pillar])
                # P(correct) = 1 / (1 + exp(b - theta)).
                if rand() * (1 + exp(item.difficulty - theta)) < 1:
                    chosen, points = item.right
                else:
                    chosen, points = item.wrong[int(rand() * len(item.wrong))]
                if finished is None:
                    points = None
                else:
                    total += points
                at = started + step * position
                answers.append((attempt_id, position, item.pk, option_order, chosen, at, points))
            if finished is None:
                points = value = passed = None
            else:
                points = total.quantize(scoring.POINTS_STEP)
                value = scoring.score_percent(total, count)
                passed = scoring.passed(value, PASS_MARK)
            return (
                attempt_id,
                uuid.UUID(int=rng.getrandbits(128), version=4),
                quiz_id,
                person.pk,
                session.pk if session else None,
                purpose,
                number,
                status,
                seed,
                started,
                deadline,
                finished,
                points,
                count,
                value,
                passed,
                agency_id,
                group,
            )

        def rows():
            nonlocal written
            for n in order:
                if written >= in_sessions:
                    break
                session = self.past[self.attended_session[n]]
                person = self.people[self.attended_person[n]]
                take_pre = rand() < 0.9
                take_post = rand() < 0.93
                if take_pre:
                    started = session.start + datetime.timedelta(minutes=rng.randrange(-20, 10))
                    yield attempt(session, person, session.pre_quiz_id, Purpose.PRE, 1, started,
                                  0.0, True)  # fmt: skip
                    written += 1
                if take_post and written < in_sessions:
                    gain = TRAINING_GAIN + 0.2 * person.ability
                    started = session.end - datetime.timedelta(minutes=rng.randrange(5, 30))
                    first = attempt(session, person, session.post_quiz_id, Purpose.POST, 1,
                                    started, gain, True)  # fmt: skip
                    yield first
                    written += 1
                    # A failed post-test (finished, not passed) is retaken in half the cases.
                    failed = first[7] != AttemptStatus.IN_PROGRESS and not first[15]
                    if failed and rand() < 0.5 and written < in_sessions:
                        later = started + datetime.timedelta(minutes=40)
                        yield attempt(session, person, session.post_quiz_id, Purpose.POST, 2,
                                      later, gain + RETAKE_GAIN, True)  # fmt: skip
                        written += 1
            # Self-paced practice: numbered per person and quiz.
            numbers = {}
            first_day = self.today - datetime.timedelta(days=365 * self.sizes.years)
            span = (self.today - first_day).days
            while written < budget:
                person_index = rng.randrange(len(self.people))
                quiz_id = rng.choice(self.self_paced_quiz_ids)
                key = (person_index, quiz_id)
                numbers[key] = numbers.get(key, 0) + 1
                person = self.people[person_index]
                day = first_day + datetime.timedelta(days=rng.randrange(span))
                started = self.when(day, datetime.time(rng.randrange(7, 22), rng.randrange(60)))
                gain = PRACTICE_GAIN * min(numbers[key] - 1, 4)
                yield attempt(None, person, quiz_id, Purpose.SELF_PACED, numbers[key], started,
                              gain, False)  # fmt: skip
                written += 1

        columns = ["id", "key", "quiz_id", "participant_id", "session_id", "purpose", "number",
                   "status", "seed", "started_at", "deadline", "finished_at", "points",
                   "max_points", "score", "passed", "agency_id", "participant_group"]  # fmt: skip
        answer_columns = ["attempt_id", "position", "question_id", "option_order", "chosen",
                          "answered_at", "points"]  # fmt: skip
        self.counts["attempts"] = self.counts["answers"] = 0
        batch = []
        deferred = defer_checks(Attempt, Answer)

        def flush():
            # The attempts first: on SQLite the answers' foreign key is checked at once.
            self.counts["attempts"] += insert_rows(Attempt, columns, iter(batch))
            self.counts["answers"] += insert_rows(Answer, answer_columns, iter(answers))
            batch.clear()
            answers.clear()

        for row in rows():
            batch.append(row)
            if len(batch) >= BATCH:
                flush()
        flush()
        began = time.perf_counter()
        restore_checks(deferred)
        seconds = self.timings["answer_constraints"] = time.perf_counter() - began
        self.log(f"attempts and answers: keys and indexes built again in {seconds:.1f} s")
        # The ids were given here: the table's own counter continues after them.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Attempt]):
                cursor.execute(statement)

    def certificates(self):
        """Sessions in random order issue a certificate to everyone who attended, until the
        count is reached; one in two hundred is revoked."""
        rng, budget = self.rng, self.sizes.certificates
        template = CertificateTemplate.objects.create(
            name=f"Templat {GENERATED_PREFIX}statistik",
            signatory_1_name="Drs. Budi Santoso, M.Si.",
            signatory_1_position="Kepala Dinas Komunikasi dan Informatika",
        )
        by_session = {}
        for n in range(len(self.attended_session)):
            by_session.setdefault(self.attended_session[n], []).append(self.attended_person[n])
        order = [index for index in by_session if self.past[index].date < self.today]
        rng.shuffle(order)
        sequences = {}
        alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

        def rows():
            written = 0
            for index in order:
                session = self.past[index]
                issued = session.end + datetime.timedelta(days=1)
                for person_index in by_session[index]:
                    if written >= budget:
                        return
                    person = self.people[person_index]
                    year = issued.year
                    sequences[year] = sequence = sequences.get(year, 0) + 1
                    code = "".join(alphabet[rng.getrandbits(5)] for _ in range(32))
                    revoked = rng.random() < 0.005
                    agency_id, _ = person.at(session.date)
                    written += 1
                    yield (
                        code,
                        f"{sequence:06d}/SERT-UJI/{year}",
                        template.pk,
                        year,
                        sequence,
                        "peserta",
                        person.pk,
                        session.pk,
                        person.name,
                        person.nip,
                        self.agency_names[agency_id],
                        session.title,
                        session.date,
                        session.hours,
                        issued,
                        issued + datetime.timedelta(days=30) if revoked else None,
                        "Data peserta salah" if revoked else "",
                    )

        columns = ["code", "number", "template_id", "year", "sequence", "role", "participant_id",
                   "session_id", "holder_name", "holder_nip", "holder_agency", "event_title",
                   "event_date", "training_hours", "issued_at", "revoked_at",
                   "revoked_reason"]  # fmt: skip
        self.counts["certificates"] = insert_rows(Certificate, columns, rows())
        NumberSequence.objects.bulk_create(
            NumberSequence(template=template, year=year, last=last)
            for year, last in sequences.items()
        )


def _clip(score):
    return max(0.0, min(100.0, score))


def _allocate(total, weights, caps):
    """`total` split in proportion to `weights` (largest remainders), no part above its cap;
    what a cap cuts off goes to the others."""
    sizes = [0] * len(weights)
    left = min(total, sum(caps))
    open_ = [i for i in range(len(weights)) if caps[i] > 0]
    while left > 0 and open_:
        weight = sum(weights[i] for i in open_)
        shares = {i: left * weights[i] / weight for i in open_}
        given = 0
        for i in open_:
            add = min(int(shares[i]), caps[i] - sizes[i])
            sizes[i] += add
            given += add
        rest = sorted(open_, key=lambda i: shares[i] - int(shares[i]), reverse=True)
        for i in rest:
            if given >= left:
                break
            if sizes[i] < caps[i]:
                sizes[i] += 1
                given += 1
        left -= given
        open_ = [i for i in open_ if sizes[i] < caps[i]]
        if given == 0:
            break
    return sizes


def generate(sizes, *, seed=2026, today=None, log=None):
    """Fill the database; returns the Generator (its counts and timings)."""
    generator = Generator(sizes, seed=seed, today=today, log=log)
    generator.run()
    return generator
