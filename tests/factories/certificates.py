"""Certificate templates and rules for tests."""

import io

from django.core.files.base import ContentFile
from PIL import Image as PILImage

from content.certificates.models import CertificateTemplate, QuizRule, SessionRule


def mark_file(size=(300, 120), colour=(27, 42, 110, 255)):
    """A signature or stamp as the template's private field takes it: PNG bytes."""
    buffer = io.BytesIO()
    PILImage.new("RGBA", size, colour).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="gambar.png")


def make_template(**fields):
    fields.setdefault("name", "Templat uji")
    fields.setdefault("signatory_1_name", "Dr. Sri Rahayu, M.Si.")
    fields.setdefault("signatory_1_nip", "197001011995032001")
    fields.setdefault("signatory_1_position", "Kepala Dinas Kominfo")
    fields.setdefault("number_format", "{seq:03d}/SERT-LD/DISKOMINFO/{bulan_romawi}/{tahun}")
    return CertificateTemplate.objects.create(**fields)


def issues_for(session, template=None, **fields):
    return SessionRule.objects.create(
        template=template or make_template(), session=session, **fields
    )


def issues_for_quiz(quiz, template=None, **fields):
    return QuizRule.objects.create(template=template or make_template(), quiz=quiz, **fields)
