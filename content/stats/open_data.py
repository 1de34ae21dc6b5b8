"""Open data (/data-terbuka/): aggregate figures of the trainings for the city's open-data
portal, as JSON and CSV, with a metadata file in the DCAT-US shape that CKAN harvests.

Only counts and averages per month, year, agency and topic are published: never a name, NIP,
NIK, email or phone number. Each data set is one GROUP BY query, whatever the amount of data,
and its result is cached for CACHE_SECONDS.

Figures per agency and group read what each record kept at the time (AtTheTime), as the
dashboard does (selectors.py), and use the same definitions: an attendance counts when the
person came (hadir or terlambat); a session is held when someone attended it.

Small cells are suppressed (SUPPRESSION below says how, in the words the metadata publishes):
a figure about 1 to 4 people is withheld (None: null in JSON, empty in CSV), and so is a second
figure wherever the withheld one could otherwise be recovered by subtraction.
"""

import csv
import datetime
import io
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, Max, Min, Q
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone

from content.base.exports import safe_csv_cell
from content.people.models import ParticipantGroup
from content.people.models.users import ASN_GROUPS
from content.quizzes.models import Attempt, Purpose
from content.quizzes.models.choices import AttemptStatus
from content.stats import selectors
from content.stats.filters import StatsFilter

CACHE_SECONDS = 15 * 60
_CACHE_KEY = "stats-open-data:v1:{slug}"
MIN_PEOPLE = 5

PUBLISHER = "Dinas Komunikasi dan Informatika"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_TITLE = "CC BY 4.0 (Creative Commons Atribusi 4.0 Internasional)"
# ISO 8601 repeating duration, as DCAT-US's accrualPeriodicity expects.
ACCRUAL_PERIODICITY = "R/P1D"
UPDATE_FREQUENCY = (
    "Harian: angka dihitung ulang otomatis dari data presensi dan kuis, paling lambat "
    "15 menit setelah data berubah."
)
SUPPRESSION = (
    "Sel yang menggambarkan 1 sampai 4 orang tidak ditampilkan (null pada JSON, kosong pada "
    "CSV); angka 0 tetap ditampilkan. Bila jumlah orang dalam satu baris kurang dari 5, semua "
    "angka baris itu yang berasal dari orang (kehadiran, peserta, percobaan, rata-rata, "
    "persentase) tidak ditampilkan; rata-rata pre-test, serta persentase lulus dan rata-rata "
    "post-test, juga tidak ditampilkan bila dihitung dari kurang dari 5 orang. Supresi "
    "pelengkap, agar angka yang disembunyikan tidak dapat dihitung dari selisih: (1) dalam satu "
    "baris, bila hanya satu dari peserta, peserta ASN dan peserta PTT yang disembunyikan, angka "
    "terkecil di antara yang lain ikut disembunyikan; (2) dalam satu tahun, bila hanya satu sel "
    "kolom kehadiran (atau percobaan selesai) yang disembunyikan, sel terkecil lainnya pada "
    "kolom dan tahun itu ikut disembunyikan, karena jumlah setahunnya dapat dihitung dari data "
    "set lain."
)
NO_AGENCY = "OPD tidak tercatat"
NO_TOPIC = "Tanpa topik"


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    type: str  # Frictionless table schema types: string, integer, number
    description: str


@dataclass(frozen=True)
class Table:
    """A data set's rows as published (suppression applied) and the period they cover."""

    rows: list
    first: datetime.date | None
    last: datetime.date | None
    computed_at: datetime.datetime

    @property
    def temporal(self):
        """The period covered, as DCAT's ISO 8601 interval: 2025-01-01/2026-06-30."""
        if self.first is None:
            return None
        return f"{self.first.isoformat()}/{self.last.isoformat()}"

    @property
    def fresh_until(self):
        return self.computed_at + datetime.timedelta(seconds=CACHE_SECONDS)


@dataclass(frozen=True)
class DataSet:
    slug: str
    title: str
    description: str
    columns: tuple
    keywords: tuple
    build: object = field(repr=False)  # () -> Table

    @property
    def column_names(self):
        return [column.name for column in self.columns]


# Suppression ---------------------------------------------------------------------------------


def _small(count):
    return count is not None and 0 < count < MIN_PEOPLE


def _protect(rows, *, linked=(), additive=(), group="tahun"):
    """Complementary suppression, until nothing changes: in a row, no set of `linked` cells (a
    total and its parts) with exactly one withheld; in a year, no `additive` column with exactly
    one withheld cell. Additive columns are the counts whose sum over a year another data set
    reveals (attendances: by month, agency or topic) or that add up to one by nature (attempts);
    distinct people per month, agency or topic add up to nothing published."""
    changed = True
    while changed:
        changed = False
        for row, names in itertools.product(rows, linked):
            shown = [name for name in names if row[name] is not None]
            if len(shown) == len(names) - 1:
                row[min(shown, key=lambda name: row[name])] = None
                changed = True
        for column in additive:
            for _, members in itertools.groupby(rows, key=lambda row: row[group]):
                members = list(members)
                shown = [row for row in members if row[column] is not None]
                if len(members) - len(shown) == 1 and shown:
                    min(shown, key=lambda row: row[column])[column] = None
                    changed = True
    return rows


def _withhold_small_rows(row, people, names):
    """Every figure about the row's people, when there are 1 to 4 of them."""
    if _small(row[people]):
        for name in names:
            row[name] = None


def _period(groups):
    firsts = [group["first"] for group in groups if group["first"]]
    lasts = [group["last"] for group in groups if group["last"]]
    return (min(firsts), max(lasts)) if firsts else (None, None)


def _table(rows, groups):
    first, last = _period(groups)
    return Table(rows=rows, first=first, last=last, computed_at=timezone.now())


def _percent(part, whole):
    if not whole:
        return None
    return float((Decimal(100) * part / whole).quantize(Decimal("0.1")))


def _score(value):
    return None if value is None else float(Decimal(value).quantize(Decimal("0.1")))


# The data sets -------------------------------------------------------------------------------


def _attended():
    """Every attendance that counts, of every session, with the agency and group kept then."""
    return selectors.attendances(StatsFilter())


def monthly_participation():
    groups = (
        _attended()
        .annotate(month=TruncMonth("session__date"))
        .values("month")
        .annotate(
            sessions=Count("session", distinct=True),
            attendances=Count("pk"),
            participants=Count("participant", distinct=True),
            asn=Count("participant", distinct=True, filter=Q(participant_group__in=ASN_GROUPS)),
            ptt=Count(
                "participant", distinct=True, filter=Q(participant_group=ParticipantGroup.PTT)
            ),
            first=Min("session__date"),
            last=Max("session__date"),
        )
        .order_by("month")
    )
    people = ("kehadiran", "peserta", "peserta_asn", "peserta_ptt")
    rows = []
    for group in groups:
        month = group["month"]
        row = {
            "bulan": f"{month.year:04d}-{month.month:02d}",
            "tahun": month.year,
            "sosialisasi_terlaksana": group["sessions"],
            "kehadiran": group["attendances"],
            "peserta": group["participants"],
            "peserta_asn": group["asn"],
            "peserta_ptt": group["ptt"],
        }
        _withhold_small_rows(row, "peserta", people)
        for name in ("peserta_asn", "peserta_ptt"):
            if _small(row[name]):
                row[name] = None
        rows.append(row)
    _protect(rows, linked=[("peserta", "peserta_asn", "peserta_ptt")], additive=("kehadiran",))
    return _table(rows, groups)


def agency_participation():
    groups = (
        _attended()
        .annotate(year=ExtractYear("session__date"))
        .values("year", "agency__name")
        .annotate(
            attendances=Count("pk"),
            participants=Count("participant", distinct=True),
            first=Min("session__date"),
            last=Max("session__date"),
        )
        .order_by("year", "agency__name")
    )
    rows = []
    for group in groups:
        row = {
            "tahun": group["year"],
            "opd": group["agency__name"] or NO_AGENCY,
            "kehadiran": group["attendances"],
            "peserta": group["participants"],
        }
        _withhold_small_rows(row, "peserta", ("kehadiran", "peserta"))
        rows.append(row)
    _protect(rows, additive=("kehadiran",))
    return _table(rows, groups)


def topic_participation():
    groups = (
        _attended()
        .annotate(year=ExtractYear("session__date"))
        .values("year", "session__topic__name")
        .annotate(
            sessions=Count("session", distinct=True),
            attendances=Count("pk"),
            participants=Count("participant", distinct=True),
            first=Min("session__date"),
            last=Max("session__date"),
        )
        .order_by("year", "session__topic__name")
    )
    rows = []
    for group in groups:
        row = {
            "tahun": group["year"],
            "topik": group["session__topic__name"] or NO_TOPIC,
            "sosialisasi_terlaksana": group["sessions"],
            "kehadiran": group["attendances"],
            "peserta": group["participants"],
        }
        _withhold_small_rows(row, "peserta", ("kehadiran", "peserta"))
        rows.append(row)
    _protect(rows, additive=("kehadiran",))
    return _table(rows, groups)


QUIZ_FIGURES = (
    "peserta",
    "percobaan_selesai",
    "persen_lulus_post_test",
    "rata_rata_pre_test",
    "rata_rata_post_test",
)


def quiz_results():
    """Finished pre- and post-tests of the sessions, per the session's topic and year."""
    pre, post = Q(purpose=Purpose.PRE), Q(purpose=Purpose.POST)
    groups = (
        Attempt.objects.filter(session__isnull=False, purpose__in=(Purpose.PRE, Purpose.POST))
        .exclude(status=AttemptStatus.IN_PROGRESS)
        .annotate(year=ExtractYear("session__date"))
        .values("year", "session__topic__name")
        .annotate(
            participants=Count("participant", distinct=True),
            finished=Count("pk"),
            pre_people=Count("participant", distinct=True, filter=pre),
            post_people=Count("participant", distinct=True, filter=post),
            post_attempts=Count("pk", filter=post),
            passed=Count("pk", filter=post & Q(passed=True)),
            pre_average=Avg("score", filter=pre),
            post_average=Avg("score", filter=post),
            first=Min("session__date"),
            last=Max("session__date"),
        )
        .order_by("year", "session__topic__name")
    )
    rows = []
    for group in groups:
        row = {
            "tahun": group["year"],
            "topik": group["session__topic__name"] or NO_TOPIC,
            "peserta": group["participants"],
            "percobaan_selesai": group["finished"],
            "persen_lulus_post_test": _percent(group["passed"], group["post_attempts"]),
            "rata_rata_pre_test": _score(group["pre_average"]),
            "rata_rata_post_test": _score(group["post_average"]),
        }
        if _small(group["pre_people"]):
            row["rata_rata_pre_test"] = None
        if _small(group["post_people"]):
            row["persen_lulus_post_test"] = row["rata_rata_post_test"] = None
        _withhold_small_rows(row, "peserta", QUIZ_FIGURES)
        rows.append(row)
    _protect(rows, additive=("percobaan_selesai",))
    return _table(rows, groups)


_YEAR = Column("tahun", "Tahun", "integer", "Tahun pelaksanaan sosialisasi.")
_HELD = Column(
    "sosialisasi_terlaksana",
    "Sosialisasi terlaksana",
    "integer",
    "Jumlah sosialisasi yang dihadiri sedikitnya satu peserta.",
)
_ATTENDANCES = Column(
    "kehadiran",
    "Kehadiran",
    "integer",
    "Jumlah kehadiran (hadir atau terlambat); satu orang yang hadir di dua sosialisasi "
    "dihitung dua kali.",
)
_PARTICIPANTS = Column(
    "peserta", "Peserta", "integer", "Jumlah orang berbeda yang hadir sedikitnya sekali."
)

DATASETS = (
    DataSet(
        slug="partisipasi-bulanan",
        title="Partisipasi sosialisasi literasi digital per bulan",
        description=(
            "Jumlah sosialisasi yang terlaksana, kehadiran dan peserta per bulan, beserta "
            "peserta ASN (PNS dan PPPK) dan PTT menurut kelompok mereka pada saat sosialisasi."
        ),
        columns=(
            Column("bulan", "Bulan", "string", "Bulan pelaksanaan sosialisasi (YYYY-MM)."),
            _YEAR,
            _HELD,
            _ATTENDANCES,
            _PARTICIPANTS,
            Column(
                "peserta_asn",
                "Peserta ASN",
                "integer",
                "Peserta yang pada saat sosialisasi tercatat sebagai ASN (PNS atau PPPK).",
            ),
            Column(
                "peserta_ptt",
                "Peserta PTT",
                "integer",
                "Peserta yang pada saat sosialisasi tercatat sebagai PTT / non-ASN.",
            ),
        ),
        keywords=("literasi digital", "sosialisasi", "partisipasi", "ASN"),
        build=monthly_participation,
    ),
    DataSet(
        slug="partisipasi-opd-tahunan",
        title="Partisipasi sosialisasi literasi digital per OPD per tahun",
        description=(
            "Kehadiran dan peserta per perangkat daerah (OPD) per tahun, menurut OPD peserta "
            "pada saat sosialisasi (bukan OPD-nya sekarang). Kelurahan dihitung sendiri, tidak "
            "digabung ke kecamatannya."
        ),
        columns=(
            _YEAR,
            Column(
                "opd",
                "OPD",
                "string",
                f"Nama perangkat daerah peserta pada saat sosialisasi; '{NO_AGENCY}' bila "
                "tidak tercatat.",
            ),
            _ATTENDANCES,
            _PARTICIPANTS,
        ),
        keywords=("literasi digital", "sosialisasi", "partisipasi", "OPD"),
        build=agency_participation,
    ),
    DataSet(
        slug="partisipasi-topik-tahunan",
        title="Sosialisasi literasi digital per topik per tahun",
        description="Sosialisasi terlaksana, kehadiran dan peserta per topik per tahun.",
        columns=(
            _YEAR,
            Column(
                "topik", "Topik", "string", f"Topik sosialisasi; '{NO_TOPIC}' bila belum diisi."
            ),
            _HELD,
            _ATTENDANCES,
            _PARTICIPANTS,
        ),
        keywords=("literasi digital", "sosialisasi", "topik"),
        build=topic_participation,
    ),
    DataSet(
        slug="hasil-kuis-topik-tahunan",
        title="Hasil pre-test dan post-test sosialisasi per topik per tahun",
        description=(
            "Pre-test dan post-test yang diselesaikan peserta sosialisasi, per topik "
            "sosialisasi per tahun: jumlah peserta dan percobaan, persentase lulus post-test, "
            "serta rata-rata nilai pre-test dan post-test (skala 0-100). Latihan kuis mandiri "
            "tidak termasuk."
        ),
        columns=(
            _YEAR,
            Column(
                "topik", "Topik", "string", f"Topik sosialisasi; '{NO_TOPIC}' bila belum diisi."
            ),
            Column(
                "peserta",
                "Peserta",
                "integer",
                "Jumlah orang berbeda yang menyelesaikan sedikitnya satu pre-test atau post-test.",
            ),
            Column(
                "percobaan_selesai",
                "Percobaan selesai",
                "integer",
                "Jumlah pengerjaan pre-test dan post-test yang diselesaikan (dikirim atau "
                "ditutup karena waktu habis).",
            ),
            Column(
                "persen_lulus_post_test",
                "Persentase lulus post-test",
                "number",
                "Pengerjaan post-test yang lulus dibanding seluruh post-test yang selesai, "
                "dalam persen (satu desimal).",
            ),
            Column(
                "rata_rata_pre_test",
                "Rata-rata nilai pre-test",
                "number",
                "Rata-rata nilai pre-test yang selesai (0-100, satu desimal).",
            ),
            Column(
                "rata_rata_post_test",
                "Rata-rata nilai post-test",
                "number",
                "Rata-rata nilai post-test yang selesai (0-100, satu desimal).",
            ),
        ),
        keywords=("literasi digital", "sosialisasi", "kuis", "pre-test", "post-test"),
        build=quiz_results,
    ),
)
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


def table(dataset):
    """The data set's table, from the cache when computed less than CACHE_SECONDS ago."""
    return cache.get_or_set(_CACHE_KEY.format(slug=dataset.slug), dataset.build, CACHE_SECONDS)


def period_label(first, last):
    """The period in Indonesian words, for the index page."""
    from django.utils import formats

    if first is None:
        return "Belum ada data"
    return f"{formats.date_format(first, 'j F Y')} s.d. {formats.date_format(last, 'j F Y')}"


# What is published -----------------------------------------------------------------------


def csv_text(dataset, found):
    """UTF-8 CSV with a header row; withheld cells empty, formula-looking text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(dataset.column_names)
    for row in found.rows:
        writer.writerow(
            ["" if row[name] is None else safe_csv_cell(row[name]) for name in dataset.column_names]
        )
    return out.getvalue()


def _modified(found):
    return timezone.localtime(found.computed_at).isoformat(timespec="seconds")


def json_document(dataset, found, *, metadata_url):
    return {
        "identifier": dataset.slug,
        "title": dataset.title,
        "license": LICENSE_URL,
        "licenseTitle": LICENSE_TITLE,
        "publisher": PUBLISHER,
        "temporal": found.temporal,
        "modified": _modified(found),
        "describedBy": metadata_url,
        "suppression": SUPPRESSION,
        "columns": dataset.column_names,
        "data": [{name: row[name] for name in dataset.column_names} for row in found.rows],
    }


def catalog(absolute_url):
    """Every data set described in the DCAT-US (Project Open Data v1.1) catalog shape that CKAN
    and most open-data portals harvest. `absolute_url(name, **kwargs)` makes the links."""
    landing = absolute_url("index")
    publisher = {"@type": "org:Organization", "name": PUBLISHER}
    datasets = []
    for dataset in DATASETS:
        found = table(dataset)
        links = {
            kind: absolute_url(f"dataset_{kind}", slug=dataset.slug) for kind in ("json", "csv")
        }
        datasets.append(
            {
                "@type": "dcat:Dataset",
                "identifier": f"{landing}#{dataset.slug}",
                "title": dataset.title,
                "description": dataset.description,
                "keyword": list(dataset.keywords),
                "modified": _modified(found),
                "publisher": publisher,
                "accessLevel": "public",
                "license": LICENSE_URL,
                "licenseTitle": LICENSE_TITLE,
                "temporal": found.temporal,
                "temporalLabel": period_label(found.first, found.last),
                "accrualPeriodicity": ACCRUAL_PERIODICITY,
                "updateFrequency": UPDATE_FREQUENCY,
                "language": ["id"],
                "landingPage": landing,
                "suppression": SUPPRESSION,
                "columns": [
                    {
                        "name": column.name,
                        "title": column.title,
                        "type": column.type,
                        "description": column.description,
                    }
                    for column in dataset.columns
                ],
                "distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "title": f"{dataset.title} (JSON)",
                        "format": "JSON",
                        "mediaType": "application/json",
                        "downloadURL": links["json"],
                    },
                    {
                        "@type": "dcat:Distribution",
                        "title": f"{dataset.title} (CSV)",
                        "format": "CSV",
                        "mediaType": "text/csv",
                        "downloadURL": links["csv"],
                    },
                ],
            }
        )
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "title": "Data terbuka sosialisasi literasi digital",
        "description": (
            "Data agregat sosialisasi literasi digital bagi aparatur pemerintah kota. Tidak "
            "memuat data pribadi."
        ),
        "publisher": publisher,
        "license": LICENSE_URL,
        "licenseTitle": LICENSE_TITLE,
        "dataset": datasets,
    }
