"""A forwarded case and one that was not, each reported with a screenshot by someone who left a
distinctive email and phone: what the partner tests look for (and must never find)."""

from dataclasses import dataclass

from content.reports.models import Case, Kind
from content.reports.services import partner
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.reports import screenshot_bytes, submit_report
from tests.factories.users import UserFactory

REPORTER_EMAIL = "pelapor.rahasia.7731@contoh.id"
REPORTER_PHONE = "081299887766"


@dataclass
class PartnerWorld:
    desk: object
    partner: object
    reporter: object
    forwarded: Case
    not_forwarded: Case


def build_partner_world():
    desk = UserFactory(username="petugas", groups=["Petugas Aduan"])
    bawaslu = UserFactory(username="bawaslu", groups=["Mitra Bawaslu"])
    reporter = ParticipantFactory(email="akun.pelapor.5521@contoh.go.id")
    shown = submit_report(
        kind=Kind.ASN_CAMPAIGN,
        links=["https://www.instagram.com/p/KampanyeASN123/?igsh=abc"],
        description="Seorang ASN mengunggah ajakan memilih calon tertentu.",
        screenshots=[screenshot_bytes(seed=11), screenshot_bytes(seed=12, fmt="JPEG")],
        contact_email=REPORTER_EMAIL,
        contact_phone=REPORTER_PHONE,
        contact_consent=True,
        reporter=reporter,
    )
    submit_report(
        kind=Kind.ASN_CAMPAIGN,
        links=["https://instagram.com/p/KampanyeASN123"],
        description="Saya juga melihat unggahan yang sama.",
        contact_phone=REPORTER_PHONE,
    )
    hidden = submit_report(
        links=["https://www.tiktok.com/@akun/video/999"],
        description="Hoaks yang tidak diteruskan.",
        screenshots=[screenshot_bytes(seed=13)],
        contact_email=REPORTER_EMAIL,
        contact_phone=REPORTER_PHONE,
    )
    forwarded = shown.report.case
    agency = AgencyFactory()
    person = ParticipantFactory(nip="198703152011011002", agency=agency, position="Analis")
    Case.objects.filter(pk=forwarded.pk).update(
        agency=agency, reported_person=person, public_answer="Sudah kami teruskan ke Bawaslu."
    )
    partner.case_forward(forwarded, desk)
    return PartnerWorld(
        desk=desk,
        partner=bawaslu,
        reporter=reporter,
        forwarded=Case.objects.get(pk=forwarded.pk),
        not_forwarded=hidden.report.case,
    )
