"""Demo certificates (part of load_demo_data; idempotent): a template with the office's look (a
light background in the city's colours, a signature and a round stamp, all drawn here and
marked CONTOH), the rules that make the past sessions and today's session issue it, and the
certificates of everyone who attended the past sessions.

Certificates are issued through the services with `now` set just after each session ends, so
every rule applies as it did then and the numbers carry that month and year. Only a handful of
PDFs are rendered here (signing hundreds would make `make run` slow); the download view renders
any other on demand, with the address the person is browsing. One certificate is revoked, with
its reason on the verification page. The demo ASN keeps the most recent session they attended
unclaimed, so Akun saya shows "Ambil sertifikat".

Every step looks for what it would create first, so running it again changes nothing.
"""

import datetime
import io
import math
import random
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from content.base.errors import NotAllowed
from content.certificates import links, selectors, services
from content.certificates.management.commands.make_signing_key import self_signed_p12
from content.certificates.models import Certificate, CertificateTemplate, SessionRule
from content.demo.people import DEMO_ASN_NIP
from content.people.models import User
from content.training.models import Attendance, SessionPage
from content.training.models.choices import ATTENDED_STATUSES

BLUE = (11, 79, 108)  # #0b4f6c
GOLD = (242, 165, 65)  # #f2a541
PAPER = (255, 253, 247)
INK = (27, 42, 110)  # ballpoint blue
STAMP_INK = (72, 58, 160, 215)  # violet stamp pad, a little see-through
CONTOH_RED = (200, 30, 45, 200)

TEMPLATE = {
    "name": "Sertifikat Sosialisasi Literasi Digital (demo)",
    "title": "SERTIFIKAT",
    "issuer": "Dinas Komunikasi dan Informatika Kota Lentera",
    # The page prints "diberikan kepada", the name, NIP and agency above these texts.
    "body_participant": "Sebagai peserta {sesi} yang diselenggarakan oleh Dinas Komunikasi dan "
    "Informatika Kota Lentera pada {tanggal} dengan bobot {jp} jam pelajaran (JP).",
    "body_speaker": "Atas kesediaannya menjadi narasumber pada {sesi}, {tanggal}.",
    "body_committee": "Atas pengabdiannya sebagai panitia {sesi}, {tanggal}.",
    "signatory_1_name": "Drs. Budi Santoso, M.Si.",
    "signatory_1_nip": "196805121994031005",
    "signatory_1_position": "Kepala Dinas Komunikasi dan Informatika Kota Lentera",
    "signatory_2_name": "Siti Rahmawati, S.Sos., M.M.",
    "signatory_2_nip": "197603222000122002",
    "signatory_2_position": "Kepala Bidang Informasi dan Komunikasi Publik",
    "number_format": "{seq:03d}/SERT-LD/DISKOMINFO/{bulan_romawi}/{tahun}",
}
BACKGROUND_TITLE = "Latar sertifikat Diskominfo (demo)"
TODAY_SLUG = "literasi-digital-hari-ini"
# How many certificates get their PDF now: the most recent past session's first few, not the
# demo ASN's (theirs is rendered when they download it, with the address they browse).
RENDERED = 5
REVOKED_SESSION_SLUG = "penipuan-angkatan-7"
REVOKED_REASON = (
    "Diterbitkan karena kesalahan input presensi: peserta meninggalkan sosialisasi sebelum "
    "sesi inti dimulai."
)


def load(note, *, sessions, organizer_user):
    _signing_key(note)
    template = _template(note)
    past = list(
        SessionPage.objects.child_of(sessions)
        .filter(slug__contains="-angkatan-")
        .order_by("date", "pk")
    )
    today = SessionPage.objects.child_of(sessions).filter(slug=TODAY_SLUG).first()
    _rules(note, template, [*past, *([today] if today else [])])
    asn = User.objects.filter(nip=DEMO_ASN_NIP).first()
    unclaimed = _left_to_claim(asn, past)
    issued = 0
    for session in past:
        issued += _issue(session, organizer_user, skip=asn if session == unclaimed else None)
    if issued:
        note(f"{issued} sertifikat peserta sosialisasi")
    if past:
        _render_some(note, past[-1], asn)
    _revoke_one(note, organizer_user)


# The key, the template and its images ---------------------------------------------------------


def _signing_key(note):
    """`make run` makes the key first (manage.py make_signing_key); a bare load_demo_data makes
    the same self-signed key at CERTIFICATE_SIGNING_P12 when there is none."""
    path = Path(settings.CERTIFICATE_SIGNING_P12)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(self_signed_p12(settings.CERTIFICATE_SIGNING_PASSPHRASE))
    path.chmod(0o600)
    note(f"kunci tanda tangan demo {path}")


def _template(note):
    template = CertificateTemplate.objects.filter(name=TEMPLATE["name"]).first()
    if template is not None:
        return template
    template = CertificateTemplate(
        **TEMPLATE,
        background=_image(
            BACKGROUND_TITLE,
            "Latar sertifikat: bingkai biru dan jingga dengan motif kawung di sudut",
            "latar-sertifikat.png",
            _background,
        ),
    )
    # The signatures and the stamp are private files of the template, as an organizer's
    # upload on its form makes them (content/base/private_images.py).
    marks = {
        "signatory_1_signature": lambda: _signature("Budi Santoso"),
        "signatory_2_signature": lambda: _signature("Siti Rahmawati"),
        "stamp": _stamp,
    }
    for field, draw in marks.items():
        getattr(template, field).save("gambar.png", ContentFile(_png(draw())), save=False)
    template.full_clean()
    template.save()
    note(f"templat sertifikat {template.name}")
    return template


def _png(picture):
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _image(title, alt, filename, draw):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(
        title=title, description=alt, file=ImageFile(io.BytesIO(_png(draw())), name=filename)
    )
    image.save()
    return image


def _font(size, *, serif=False):
    """DejaVu (Debian's fonts-dejavu-core, which WeasyPrint uses too), else Pillow's own."""
    name = "DejaVuSerif-Bold.ttf" if serif else "DejaVuSans-Bold.ttf"
    for path in (name, f"/usr/share/fonts/truetype/dejavu/{name}"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _tint(colour, alpha):
    return (*colour, alpha)


def _kawung(draw, cx, cy, size, *, fill, outline, width=2):
    """The kawung motif: four ovals around a centre, like the halves of a palm fruit."""
    half = size / 2
    long, short = half * 0.95, half * 0.48
    for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0)):
        ox, oy = cx + dx * half * 0.5, cy + dy * half * 0.5
        rx, ry = (short, long / 2) if dx == 0 else (long / 2, short)
        draw.ellipse([ox - rx, oy - ry, ox + rx, oy + ry], fill=fill, outline=outline, width=width)
    dot = size * 0.07
    draw.ellipse([cx - dot, cy - dot, cx + dot, cy + dot], fill=outline)


def _background():
    """A4 landscape at 150 dpi: warm white paper, a blue frame with a gold inner line, kawung
    ornaments in the corners and a faint kawung band along the top and bottom edges. Light, so
    the text printed over it stays readable."""
    width, height = 1754, 1240
    image = PILImage.new("RGBA", (width, height), (*PAPER, 255))
    overlay = PILImage.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    # A faint band of small kawung just inside the frame, top and bottom.
    band = 34
    for y in (96, height - 96):
        for x in range(150, width - 140, band * 2):
            _kawung(draw, x, y, band, fill=_tint(BLUE, 14), outline=_tint(BLUE, 26), width=1)
    image = PILImage.alpha_composite(image, overlay)
    draw = ImageDraw.Draw(image)
    # The frame: a blue band, a gold line inside it and a thin blue line.
    m = 42
    draw.rectangle([m, m, width - m, height - m], outline=(*BLUE, 255), width=12)
    draw.rectangle([m + 24, m + 24, width - m - 24, height - m - 24], outline=(*GOLD, 255), width=4)
    draw.rectangle([m + 34, m + 34, width - m - 34, height - m - 34], outline=(*BLUE, 255), width=1)
    # Corner ornaments sitting on the frame.
    for cx, cy in ((m + 12, m + 12), (width - m - 12, m + 12), (m + 12, height - m - 12)):
        _corner(draw, cx, cy)
    _corner(draw, width - m - 12, height - m - 12)
    # Small gold diamonds halfway along each side.
    for cx, cy in ((width / 2, m + 6), (width / 2, height - m - 6), (m + 6, height / 2)):
        _diamond(draw, cx, cy, 16)
    _diamond(draw, width - m - 6, height / 2, 16)
    return image.convert("RGB")


def _corner(draw, cx, cy):
    draw.ellipse([cx - 46, cy - 46, cx + 46, cy + 46], fill=(*PAPER, 255))
    draw.ellipse([cx - 40, cy - 40, cx + 40, cy + 40], outline=(*BLUE, 255), width=4)
    _kawung(draw, cx, cy, 62, fill=(*GOLD, 255), outline=(*BLUE, 255), width=3)


def _diamond(draw, cx, cy, r):
    draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=(*GOLD, 255))
    draw.polygon(
        [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], outline=(*BLUE, 255), width=2
    )


def _signature(name):
    """A made-up signature (looping pen strokes seeded by the name) with CONTOH beside it."""
    width, height = 1000, 460
    image = PILImage.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    pick = random.Random(name)
    loops = pick.uniform(5.5, 8.5) * math.pi
    advance, circle = pick.uniform(20, 30), pick.uniform(42, 62)
    base, swell, slope = pick.uniform(45, 70), pick.uniform(0.4, 0.9), pick.uniform(-3, 7)
    points = []
    for i in range(900):
        t = loops * i / 899
        # A prolate cycloid: the pen runs right while circling, which draws loops.
        x = 120 + advance * t - circle * math.sin(t)
        size = base + 40 * math.sin(swell * t + 1.2) * math.exp(-t / loops)
        points.append((x, 200 - size * math.cos(t) + slope * t))
    _pen(draw, points, width=7)
    end_x, end_y = points[-1]
    _pen(draw, [(end_x, end_y), (end_x + 70, end_y - pick.uniform(40, 90))], width=6)
    reach = int(end_x - 60) // 8
    _pen(draw, [(90 + 8 * i, 320 - 0.012 * (i - reach / 2) ** 2) for i in range(reach)], width=5)
    _contoh(image, size=54, angle=8, at=(0.74, 0.7))
    return image.crop(image.getbbox())


def _pen(draw, points, *, width):
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        draw.line([(x0, y0), (x1, y1)], fill=(*INK, 235), width=width)
    for x, y in points[:: max(1, len(points) // 60)]:
        r = width / 2
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(*INK, 235))


def _contoh(image, *, size, angle, at=(0.5, 0.5)):
    """CONTOH in red, in a box, tilted: a demo mark nobody takes for real. `at` is where its
    centre goes, as fractions of the image's width and height."""
    font = _font(size)
    box = ImageDraw.Draw(image).textbbox((0, 0), "CONTOH", font=font)
    w, h = box[2] - box[0] + size, box[3] - box[1] + size * 0.6
    mark = PILImage.new("RGBA", (int(w), int(h)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(mark)
    draw.rounded_rectangle([3, 3, w - 4, h - 4], radius=size // 5, outline=CONTOH_RED, width=6)
    draw.text((w / 2, h / 2), "CONTOH", font=font, fill=CONTOH_RED, anchor="mm")
    mark = mark.rotate(angle, expand=True, resample=PILImage.BICUBIC)
    x = int(image.width * at[0] - mark.width / 2)
    y = int(image.height * at[1] - mark.height / 2)
    image.alpha_composite(mark, (max(0, x), max(0, y)))


def _arc_text(image, text, *, centre, radius, size, fill, top, max_span=140):
    """Text along a circle: over the top reading clockwise, or under the bottom reading
    counter-clockwise, so both read left to right; as large as fits in `max_span` degrees."""
    draw = ImageDraw.Draw(image)
    while True:
        font = _font(size)
        widths = [draw.textlength(char, font=font) for char in text]
        spacing = font.size * 0.12
        total = sum(widths) + spacing * (len(text) - 1)
        span = math.degrees(total / radius)
        if span <= max_span or size <= 12:
            break
        size -= 1
    cx, cy = centre
    position = 90 + span / 2 if top else 270 - span / 2
    for char, char_width in zip(text, widths, strict=True):
        step = math.degrees((char_width + spacing) / radius)
        middle = position - math.degrees(char_width / 2 / radius) * (1 if top else -1)
        theta = math.radians(middle)
        x, y = cx + radius * math.cos(theta), cy - radius * math.sin(theta)
        glyph = PILImage.new("RGBA", (font.size * 2, font.size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((font.size, font.size), char, font=font, fill=fill, anchor="mm")
        glyph = glyph.rotate(middle - (90 if top else 270), resample=PILImage.BICUBIC)
        image.alpha_composite(glyph, (int(x - font.size), int(y - font.size)))
        position += -step if top else step


def _stamp():
    """A round office stamp in violet ink, CONTOH across it."""
    size = 620
    c = size / 2
    image = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for r, w in ((296, 9), (276, 3), (186, 4), (176, 2)):
        draw.ellipse([c - r, c - r, c + r, c + r], outline=STAMP_INK, width=w)
    ring = {"centre": (c, c), "radius": 231, "fill": STAMP_INK}
    _arc_text(image, "PEMERINTAH KOTA LENTERA", size=40, top=True, **ring)
    _arc_text(image, "DINAS KOMUNIKASI DAN INFORMATIKA", size=36, top=False, max_span=144, **ring)
    for angle in (0, 180):
        x = c + 231 * math.cos(math.radians(angle))
        draw.regular_polygon((x, c, 11), 5, rotation=0, fill=STAMP_INK)
    # The centre: a small lantern (lentera) and the city's name.
    draw.rounded_rectangle([c - 34, c - 128, c + 34, c - 48], radius=14, outline=STAMP_INK, width=6)
    draw.line([(c - 20, c - 142), (c + 20, c - 142)], fill=STAMP_INK, width=6)
    draw.arc([c - 22, c - 164, c + 22, c - 124], 180, 360, fill=STAMP_INK, width=5)
    draw.polygon([(c, c - 112), (c + 12, c - 88), (c, c - 66), (c - 12, c - 88)], fill=STAMP_INK)
    draw.text((c, c + 96), "KOTA LENTERA", font=_font(34), fill=STAMP_INK, anchor="mm")
    draw.text((c, c + 136), "★ ★ ★", font=_font(24), fill=STAMP_INK, anchor="mm")
    _contoh(image, size=60, angle=-12, at=(0.5, 0.5))
    return image


# Rules and issuing ------------------------------------------------------------------------------


def _rules(note, template, sessions):
    made = 0
    for session in sessions:
        _, created = SessionRule.objects.get_or_create(
            session=session, defaults={"template": template}
        )
        made += created
    if made:
        note(f"aturan sertifikat untuk {made} sosialisasi")


def _left_to_claim(asn, past):
    """The most recent past session whose certificate the demo ASN may take (they attended and
    passed its post-test): left for them to claim."""
    if asn is None:
        return None
    past_ids = {session.pk for session in past}
    claimable = [s for s in selectors.claimable_sessions(asn) if s.pk in past_ids]
    return claimable[0] if claimable else None


def _issued_on(session):
    """Half an hour after the session ends: organizers issue its certificates on the day, so
    the number carries the session's month and year."""
    return session.ends_at + datetime.timedelta(minutes=30)


def _issue(session, by, *, skip=None):
    """Certificates for everyone who attended the session, in the order they were listed."""
    have = set(
        Certificate.objects.filter(session=session, role="peserta").values_list(
            "participant_id", flat=True
        )
    )
    attendances = (
        Attendance.objects.filter(session=session, status__in=ATTENDED_STATUSES)
        .exclude(participant_id__in=have)
        .select_related("participant__agency")
        .order_by("participant__username")
    )
    issued_at = _issued_on(session)
    made = 0
    for index, attendance in enumerate(attendances):
        if skip is not None and attendance.participant_id == skip.pk:
            continue
        try:
            _, created = services.certificate_issue(
                participant=attendance.participant,
                session=session,
                by=by,
                now=issued_at + datetime.timedelta(seconds=index),
            )
        except NotAllowed:
            continue  # did not pass the session's post-test
        made += created
    return made


def _render_some(note, session, asn):
    certificates = (
        Certificate.objects.filter(session=session)
        .exclude(participant=asn)
        .select_related("template")
        .order_by("sequence")[:RENDERED]
    )
    rendered = 0
    for certificate in certificates:
        if not certificate.pdf:
            services.certificate_render(
                certificate=certificate, verify_url=links.verify_url(certificate.code)
            )
            rendered += 1
    if rendered:
        note(f"{rendered} PDF sertifikat {session.title}")


def _revoke_one(note, by):
    certificate = (
        Certificate.objects.filter(session__slug=REVOKED_SESSION_SLUG)
        .exclude(participant__nip=DEMO_ASN_NIP)
        .order_by("sequence")
        .first()
    )
    if certificate is None or certificate.is_revoked:
        return
    services.certificate_revoke(
        certificate=certificate,
        reason=REVOKED_REASON,
        by=by,
        now=certificate.issued_at + datetime.timedelta(days=3),
    )
    note(f"sertifikat {certificate.number} dicabut")
