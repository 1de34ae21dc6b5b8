"""Certificate templates and rules for tests."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

from content.base.models import LenteraImage
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


def _drawn(size, mode, draw, fmt):
    picture = PILImage.new(mode, size, (255, 253, 247, 0) if mode == "RGBA" else (255, 253, 247))
    draw(ImageDraw.Draw(picture), *size)
    out = io.BytesIO()
    picture.save(out, format=fmt)
    return out.getvalue()


def _background(canvas, width, height):  # a soft gradient and two frames, as letterheads have
    for y in range(height):
        shade = 247 - int(22 * y / height)
        canvas.line([(0, y), (width, y)], fill=(shade, 250 - int(10 * y / height), 255))
    for inset, colour in ((40, (11, 79, 108)), (70, (242, 165, 65))):
        canvas.rectangle([inset, inset, width - inset, height - inset], outline=colour, width=8)


def _signature(canvas, width, height):
    points = [(20 + i * 9, 80 + ((i * 37) % 60) - 30) for i in range(50)]
    canvas.line(points, fill=(27, 42, 110, 255), width=5)


def _stamp(canvas, width, height):
    for inset, line in ((10, 12), (60, 5)):
        box = [inset, inset, width - inset, height - inset]
        canvas.ellipse(box, outline=(72, 58, 160, 215), width=line)


def make_letterhead_template(**fields):
    """A template as a real one looks (the bulk-issue benchmark renders it): an A4 landscape
    background at 300 dpi, a signature, a stamp and two signatories."""
    background = _drawn((3508, 2480), "RGB", _background, "JPEG")
    fields.setdefault(
        "background",
        LenteraImage.objects.create(
            title="Latar uji massal",
            file=ImageFile(io.BytesIO(background), name="latar-uji-massal.jpg"),
        ),
    )
    signature = _drawn((500, 160), "RGBA", _signature, "PNG")
    fields.setdefault("signatory_1_signature", ContentFile(signature, "ttd.png"))
    fields.setdefault("stamp", ContentFile(_drawn((420, 420), "RGBA", _stamp, "PNG"), "cap.png"))
    return make_template(
        name="Templat Uji Massal",
        number_format="{seq:03d}/SERT-UJI/DISKOMINFO/{bulan_romawi}/{tahun}",
        signatory_1_name="Drs. Budi Santoso, M.Si.",
        signatory_1_nip="196805121994031005",
        signatory_1_position="Kepala Dinas Komunikasi dan Informatika Kota Lentera",
        signatory_2_name="Siti Rahmawati, S.Sos., M.M.",
        signatory_2_nip="197603222000122002",
        signatory_2_position="Kepala Bidang Informasi dan Komunikasi Publik",
        **fields,
    )
