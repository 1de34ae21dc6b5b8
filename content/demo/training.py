"""Demo sessions: a dozen past sessions with attendance and one today with
check-in open (part of load_demo_data; idempotent)."""

import datetime
import random

from django.utils import timezone

from content.articles.models import Topic
from content.people.models import Participant
from content.training import services
from content.training.models import (
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    Registration,
    RegistrationStatus,
    SessionMode,
    SessionPage,
    SessionSpeaker,
    SessionState,
)

# (title, slug prefix, the materials' topic it belongs to: statistics report per topic)
TOPICS = [
    ("Mengenali Hoaks di Grup WhatsApp Kantor", "anti-hoaks", "anti-hoaks"),
    ("Netralitas ASN Menjelang Pilkada", "netralitas", "netralitas-asn"),
    ("Keamanan Akun dan Kata Sandi untuk ASN", "keamanan", "literasi-digital"),
    ("Pelindungan Data Pribadi dalam Layanan Publik", "pdp", "literasi-digital"),
    ("Etika Bermedia Sosial bagi Aparatur", "etika", "literasi-digital"),
    ("Waspada Penipuan Daring dan Pinjol Ilegal", "penipuan", "anti-hoaks"),
    ("Deepfake dan Konten Buatan AI", "deepfake", "anti-hoaks"),
    ("Cek Fakta untuk Pengelola Media Sosial OPD", "cek-fakta", "anti-hoaks"),
]
VENUES = [
    "Aula Diskominfo Kota Lentera, Jl. Merdeka No. 1",
    "Ruang Rapat Sekretariat Daerah Lt. 2",
    "Gedung Serbaguna Kecamatan Lentera Tengah",
]
SPEAKERS = [
    ("Dr. Hendra Gunawan, M.Kom.", "Diskominfo Kota Lentera"),
    ("Rina Kartika, S.Sos.", "Bidang IKP Diskominfo"),
    ("AKP Bambang Setiawan", "Unit Siber Polres Kota Lentera"),
    ("Dra. Lestari Handayani, M.Si.", "BKPSDM Kota Lentera"),
]


def load(note, *, index, organizer_user):
    today = timezone.localdate()
    participants = list(Participant.objects.order_by("pk"))
    # A year of history, one session a month, for the statistics to show something.
    for number in range(12):
        title, slug, topic = TOPICS[number % len(TOPICS)]
        date = today - datetime.timedelta(days=7 + 30 * number)
        batch = 12 - number
        session, created = _session(
            note, index, f"{title} (Angkatan {batch})", f"{slug}-angkatan-{batch}", date, topic
        )
        if created:
            _past_attendance(session, participants)
    # Today's session is under way whenever the demo is loaded, so check-in makes sense.
    now = timezone.localtime()
    start = max(datetime.time(8, 0), (now - datetime.timedelta(hours=1)).replace(minute=0).time())
    today_session, _ = _session(
        note,
        index,
        "Sosialisasi Literasi Digital dan Anti-Hoaks bagi ASN",
        "literasi-digital-hari-ini",
        today,
        "literasi-digital",
        capacity=150,
        start=start,
    )
    state, _ = SessionState.objects.get_or_create(session=today_session)
    if not state.checkin_open:
        services.checkin_open(session=today_session, by=organizer_user)
        note("presensi dibuka untuk sosialisasi hari ini")
    _session(
        note,
        index,
        "Netralitas ASN di Media Sosial: Studi Kasus",
        "netralitas-studi-kasus",
        today + datetime.timedelta(days=10),
        "netralitas-asn",
        capacity=40,
    )


def _session(note, index, title, slug, date, topic_slug, capacity=None, start=datetime.time(8, 30)):
    """The session with this slug, created if missing, as (session, created)."""
    existing = SessionPage.objects.child_of(index).filter(slug=slug).first()
    if existing:
        return existing, False
    # Seeded by the slug: the same session gets the same details whatever ran before it.
    pick = random.Random(slug)
    name, institution = SPEAKERS[pick.randrange(len(SPEAKERS))]
    session = SessionPage(
        title=title,
        slug=slug,
        description=(
            "<p>Sosialisasi ini membekali peserta dengan keterampilan praktis untuk memeriksa "
            "informasi, menjaga keamanan akun, dan bersikap bijak di ruang digital.</p>"
        ),
        topic=Topic.objects.filter(slug=topic_slug).first(),
        date=date,
        start_time=start,
        end_time=_four_hours_after(start),
        mode=SessionMode.OFFLINE,
        venue=VENUES[pick.randrange(len(VENUES))],
        capacity=capacity or pick.choice([40, 60, 80]),
        training_hours=pick.choice([2, 3, 4]),
    )
    session.speakers.add(_speaker(name, institution))
    index.add_child(instance=session)
    session.save_revision().publish()
    note(f"sosialisasi {title}")
    return session, True


def _four_hours_after(start):
    end = datetime.datetime.combine(datetime.date.min, start) + datetime.timedelta(hours=4)
    return end.time() if end.date() == datetime.date.min else datetime.time(23, 59)


def _speaker(name, institution):
    return SessionSpeaker(name=name, institution=institution, role="Narasumber")


def _past_attendance(session, participants):
    """Registrations and attendance of a session that has just been created."""
    pick = random.Random(session.slug)
    chosen = pick.sample(participants, k=min(len(participants), pick.randint(25, session.capacity)))
    start = session.starts_at
    registrations, attendances = [], []
    for person in chosen:
        registrations.append(
            Registration(
                session=session,
                participant=person,
                status=RegistrationStatus.REGISTERED,
                requested_at=start - datetime.timedelta(days=pick.randint(2, 10)),
                **Registration.fields_for(person),
            )
        )
        roll = pick.random()
        if roll < 0.72:
            status, minutes = AttendanceStatus.PRESENT, pick.randint(-20, 10)
        elif roll < 0.84:
            status, minutes = AttendanceStatus.LATE, pick.randint(16, 60)
        elif roll < 0.9:
            status, minutes = AttendanceStatus.EXCUSED, 0
        else:
            continue  # did not come
        attendances.append(
            Attendance(
                session=session,
                participant=person,
                status=status,
                method=pick.choice(
                    [AttendanceMethod.QR, AttendanceMethod.QR, AttendanceMethod.CODE]
                ),
                checked_in_at=start + datetime.timedelta(minutes=minutes),
                **Attendance.fields_for(person),
            )
        )
    Registration.objects.bulk_create(registrations, ignore_conflicts=True)
    Attendance.objects.bulk_create(attendances, ignore_conflicts=True)
