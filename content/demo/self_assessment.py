"""The demo's self-assessment (swanilai): twelve statements, three per pillar, at least one of
each pillar worded the other way round, written for the city's civil servants in the spirit of
the national digital literacy survey (its own words, not the survey's). It is attached to the
demo sessions' pre-tests, and everyone who took a past session's pre-test answered it just
before, through the service, their self-ratings leaning with what the pre-test showed they
knew (and, as people do, a little above it), so the index has self-assessment figures.

Running it again changes nothing: the self-assessment is found by its title, a pre-test that
has one keeps it, and a participant who answered is not asked again.
"""

import datetime
import random

from content.articles.pillars import Pillar
from content.quizzes import services
from content.quizzes.models import (
    Attempt,
    Purpose,
    SelfAssessment,
    SelfAssessmentResponse,
    SessionTest,
    Statement,
)
from content.training.models import SessionPage

TITLE = "Swanilai Literasi Digital ASN"
INSTRUCTIONS = (
    "Tidak ada jawaban benar atau salah. Pilih yang paling sesuai dengan kebiasaan Anda "
    "sehari-hari, bukan yang menurut Anda seharusnya."
)
# (pillar, reversed, text): reversed statements describe a habit that shows less literacy.
STATEMENTS = [
    (
        Pillar.KECAKAPAN,
        False,
        "Sebelum memercayai sebuah kabar, saya mencocokkannya dengan situs resmi atau kanal cek "
        "fakta.",
    ),
    (
        Pillar.KECAKAPAN,
        False,
        "Saya dapat menemukan peraturan atau dokumen yang saya perlukan dengan mesin pencari, "
        "misalnya dengan kata kunci yang tepat atau penyaring tanggal.",
    ),
    (
        Pillar.KECAKAPAN,
        True,
        "Saya sering kesulitan membedakan akun resmi instansi dengan akun tiruan di media sosial.",
    ),
    (
        Pillar.ETIKA,
        False,
        "Sebagai ASN, saya menahan diri untuk tidak menyukai, mengomentari, atau membagikan "
        "unggahan kampanye peserta pemilu.",
    ),
    (
        Pillar.ETIKA,
        False,
        "Sebelum menulis komentar di grup percakapan, saya menimbang apakah kata-kata saya dapat "
        "menyinggung orang lain.",
    ),
    (
        Pillar.ETIKA,
        True,
        "Saya kadang meneruskan pesan berantai ke grup kantor tanpa membaca isinya sampai selesai.",
    ),
    (
        Pillar.KEAMANAN,
        False,
        "Saya memakai kata sandi yang berbeda untuk akun kedinasan dan akun pribadi.",
    ),
    (
        Pillar.KEAMANAN,
        False,
        "Verifikasi dua langkah sudah saya aktifkan pada surel dan akun media sosial saya.",
    ),
    (
        Pillar.KEAMANAN,
        True,
        "Bila isinya tampak penting, saya membuka tautan atau berkas yang dikirim nomor yang "
        "tidak saya kenal.",
    ),
    (
        Pillar.BUDAYA,
        False,
        "Saya menghargai perbedaan suku, agama, dan pandangan ketika berdiskusi di ruang digital.",
    ),
    (
        Pillar.BUDAYA,
        False,
        "Saya ikut mengenalkan layanan digital pemerintah kota kepada warga atau keluarga di "
        "sekitar saya.",
    ),
    (
        Pillar.BUDAYA,
        True,
        "Menurut saya wajar memakai aplikasi atau film bajakan selama hanya untuk keperluan "
        "pribadi.",
    ),
]
# How people rate themselves on each pillar beside what they know: above it on culture and
# ethics, below it on safety (the national survey's pattern of pillars).
PILLAR_LEAN = {
    Pillar.KECAKAPAN: 0.0,
    Pillar.ETIKA: 0.2,
    Pillar.KEAMANAN: -0.35,
    Pillar.BUDAYA: 0.35,
}
SEED = "lentera-demo-swanilai"


def load(note, *, sessions):
    assessment = _assessment(note)
    tests = SessionTest.objects.filter(
        purpose=Purpose.PRE, session__in=SessionPage.objects.child_of(sessions)
    ).select_related("session")
    for test in tests.order_by("session__date", "pk"):
        if test.self_assessment_id is None:
            test.self_assessment = assessment
            test.save(update_fields=["self_assessment"])
            note(f"swanilai pada pre-test {test.session.title}")
        if test.self_assessment_id == assessment.pk:
            _responses(note, test, assessment)


def _assessment(note):
    assessment = SelfAssessment.objects.filter(title=TITLE).first()
    if assessment is not None:
        return assessment
    assessment = SelfAssessment.objects.create(title=TITLE, instructions=INSTRUCTIONS)
    for order, (pillar, is_reversed, text) in enumerate(STATEMENTS):
        Statement.objects.create(
            assessment=assessment,
            pillar=pillar,
            reversed=is_reversed,
            text=text,
            sort_order=order,
        )
    note(f"swanilai {TITLE} ({len(STATEMENTS)} pernyataan)")
    return assessment


def _rating(rng, latent, *, reversed):
    """A whole rating 1-5 around `latent` (the person's level on the 1-5 scale); a reversed
    statement is agreed with the less literate one is."""
    value = min(5, max(1, round(latent + rng.gauss(0, 0.6))))
    return 6 - value if reversed else value


def _responses(note, test, assessment):
    """Everyone who took this (past) pre-test answered the self-assessment a few minutes
    before starting it, unless they already have."""
    answered = set(
        SelfAssessmentResponse.objects.filter(session=test.session).values_list(
            "participant_id", flat=True
        )
    )
    attempts = (
        Attempt.objects.filter(
            session=test.session, purpose=Purpose.PRE, finished_at__isnull=False, number=1
        )
        .exclude(participant_id__in=answered)
        .select_related("participant")
        .order_by("participant__username")
    )
    statements = list(assessment.statements.order_by("sort_order", "pk"))
    made = 0
    for attempt in attempts:
        person = attempt.participant
        rng = random.Random(f"{SEED}:{test.session.slug}:{person.username}")
        # What the pre-test showed (0-1) as a level on the 1-5 scale, a little generous.
        known = float(attempt.score or 0) / 100
        level = 1.9 + 2.6 * known + rng.gauss(0, 0.35)
        ratings = [
            (
                statement.pk,
                _rating(rng, level + PILLAR_LEAN[statement.pillar], reversed=statement.reversed),
            )
            for statement in statements
        ]
        services.self_assessment_submit(
            session=test.session,
            participant=person,
            ratings=ratings,
            now=attempt.started_at - datetime.timedelta(minutes=rng.randint(2, 6)),
        )
        made += 1
    if made:
        note(f"{made} jawaban swanilai {test.session.title}")
