"""Demo agencies and participants (part of load_demo_data; idempotent)."""

import datetime
import random

from django.contrib.auth.hashers import make_password
from faker import Faker

from content.people.identity import Gender, compose_nip
from content.people.models import Agency, AgencyKind, ParticipantGroup, Rank, User

DEMO_PASSWORD = "lentera-peserta"
DEMO_ASN_NIP = "198501012010011001"
DEMO_PTT_EMAIL = "ptt@contoh.go.id"
PARTICIPANT_COUNT = 200

AGENCIES = [
    ("Sekretariat Daerah", "Setda", AgencyKind.SEKRETARIAT),
    ("Sekretariat DPRD", "Setwan", AgencyKind.SEKRETARIAT),
    ("Inspektorat Daerah", "Inspektorat", AgencyKind.INSPEKTORAT),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", AgencyKind.DINAS),
    ("Dinas Pendidikan", "Disdik", AgencyKind.DINAS),
    ("Dinas Kesehatan", "Dinkes", AgencyKind.DINAS),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", AgencyKind.DINAS),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim", AgencyKind.DINAS),
    ("Dinas Sosial", "Dinsos", AgencyKind.DINAS),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", AgencyKind.DINAS),
    ("Dinas Perhubungan", "Dishub", AgencyKind.DINAS),
    ("Dinas Lingkungan Hidup", "DLH", AgencyKind.DINAS),
    ("Dinas Perdagangan", "Disdag", AgencyKind.DINAS),
    ("Dinas Koperasi, Usaha Kecil dan Menengah", "Dinkop UKM", AgencyKind.DINAS),
    ("Dinas Tenaga Kerja", "Disnaker", AgencyKind.DINAS),
    ("Dinas Pariwisata", "Dispar", AgencyKind.DINAS),
    ("Dinas Kebudayaan", "Disbud", AgencyKind.DINAS),
    ("Dinas Pemuda dan Olahraga", "Dispora", AgencyKind.DINAS),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", AgencyKind.DINAS),
    ("Dinas Pertanian dan Pangan", "Dispertan", AgencyKind.DINAS),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", AgencyKind.DINAS),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", AgencyKind.DINAS),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", AgencyKind.BADAN),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", AgencyKind.BADAN),
    ("Badan Pendapatan Daerah", "Bapenda", AgencyKind.BADAN),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", AgencyKind.BADAN),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", AgencyKind.BADAN),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", AgencyKind.BADAN),
    ("Satuan Polisi Pamong Praja", "Satpol PP", AgencyKind.SATUAN),
    ("Rumah Sakit Umum Daerah Kota Lentera", "RSUD", AgencyKind.RSUD),
    ("Bagian Hukum Setda", "Bag. Hukum", AgencyKind.BAGIAN),
    ("Bagian Organisasi Setda", "Bag. Organisasi", AgencyKind.BAGIAN),
]
DISTRICTS = {
    "Kecamatan Lentera Utara": ["Kelurahan Sukamaju", "Kelurahan Harapan Jaya"],
    "Kecamatan Lentera Selatan": ["Kelurahan Mekarsari", "Kelurahan Sidomulyo"],
    "Kecamatan Lentera Tengah": ["Kelurahan Kauman", "Kelurahan Pasar Baru"],
    "Kecamatan Lentera Timur": ["Kelurahan Tegalrejo", "Kelurahan Karanganyar"],
    "Kecamatan Lentera Barat": ["Kelurahan Sukorejo", "Kelurahan Wonosari"],
}
POSITIONS = [
    "Analis Kebijakan",
    "Pranata Komputer",
    "Pengelola Data",
    "Arsiparis",
    "Analis Keuangan",
    "Kepala Seksi",
    "Kepala Subbagian Umum",
    "Pranata Humas",
    "Staf Pelaksana",
    "Guru",
    "Perawat",
    "Penyuluh",
]
PNS_RANKS = [Rank.II_C, Rank.II_D, Rank.III_A, Rank.III_B, Rank.III_C, Rank.III_D, Rank.IV_A]


def load(note):
    load_agencies(note)
    load_participants(note)


def load_agencies(note):
    for name, short_name, kind in AGENCIES:
        _, created = Agency.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "kind": kind}
        )
        if created:
            note(f"OPD {name}")
    for district, villages in DISTRICTS.items():
        parent, created = Agency.objects.get_or_create(
            name=district, defaults={"kind": AgencyKind.KECAMATAN}
        )
        if created:
            note(f"OPD {district}")
        for village in villages:
            _, created = Agency.objects.get_or_create(
                name=village, defaults={"kind": AgencyKind.KELURAHAN, "parent": parent}
            )
            if created:
                note(f"OPD {village}")


def load_participants(note):
    """The two demo logins and 200 generated participants (deterministic, so idempotent)."""
    agencies = list(Agency.objects.order_by("name"))
    diskominfo = Agency.objects.get(short_name="Diskominfo")
    demo = [
        User(
            username="demo-asn",
            full_name="Ahmad Fauzi, S.Kom.",
            participant_group=ParticipantGroup.PNS,
            nip=DEMO_ASN_NIP,
            gender=Gender.MALE,
            agency=diskominfo,
            position="Pranata Komputer Ahli Muda",
            rank=Rank.III_C,
            email="ahmad.fauzi@contoh.go.id",
            phone="081234500001",
            password=make_password(DEMO_PASSWORD),
        ),
        User(
            username="demo-ptt",
            full_name="Dewi Lestari",
            participant_group=ParticipantGroup.PTT,
            gender=Gender.FEMALE,
            agency=Agency.objects.get(name="Kelurahan Sukamaju"),
            position="Tenaga Administrasi",
            email=DEMO_PTT_EMAIL,
            phone="081234500002",
            password=make_password(DEMO_PASSWORD),
        ),
    ]
    generated = _generated_participants(agencies)
    before = User.objects.exclude(participant_group="").count()
    User.objects.bulk_create(demo + generated, ignore_conflicts=True)
    created = User.objects.exclude(participant_group="").count() - before
    if created:
        note(f"{created} peserta")


def _generated_participants(agencies):
    fake = Faker("id_ID")
    fake.seed_instance(2024)
    pick = random.Random(2024)
    unusable = make_password(None)
    people = []
    for number in range(1, PARTICIPANT_COUNT + 1):
        gender = pick.choice([Gender.MALE, Gender.FEMALE])
        first = fake.first_name_male() if gender == Gender.MALE else fake.first_name_female()
        name = f"{first} {fake.last_name()}"
        roll = pick.random()
        group = (
            ParticipantGroup.PNS
            if roll < 0.6
            else ParticipantGroup.PPPK
            if roll < 0.75
            else ParticipantGroup.PTT
        )
        birth = datetime.date(pick.randint(1965, 2000), pick.randint(1, 12), pick.randint(1, 28))
        nip = None
        if group == ParticipantGroup.PNS:
            appointed = datetime.date(birth.year + pick.randint(22, 25), pick.randint(1, 12), 1)
            nip = compose_nip(
                birth_date=birth, appointment=appointed, gender=gender, sequence=number
            )
        elif group == ParticipantGroup.PPPK:
            # PPPK numbers carry the year of appointment and "21" instead of a month.
            digit = "1" if gender == Gender.MALE else "2"
            nip = f"{birth:%Y%m%d}{pick.randint(2019, 2024)}21{digit}{number:03d}"
        slug = name.lower().replace(" ", ".").replace(",", "")
        people.append(
            User(
                username=f"demo-peserta-{number:03d}",
                full_name=name,
                participant_group=group,
                nip=nip,
                gender=gender,
                agency=agencies[number % len(agencies)],
                position=pick.choice(POSITIONS),
                rank=pick.choice(PNS_RANKS) if group == ParticipantGroup.PNS else "",
                email=f"{slug}.{number:03d}@contoh.go.id",
                phone=f"0812{pick.randint(10000000, 99999999)}",
                password=unusable,
            )
        )
    return people
