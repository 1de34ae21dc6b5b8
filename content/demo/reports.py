"""Demo report desk (part of load_demo_data; idempotent): a desk officer (`petugas` /
`lentera-petugas`, group Petugas Aduan) and a Bawaslu partner (`bawaslu` / `lentera-bawaslu`,
group Mitra Bawaslu), and a few dozen reports from the texts in content/demo/data/reports/, one
file per post: reports of one post in different link spellings, phone screenshots drawn here
with Pillow, ASN neutrality cases with their OPD, cases forwarded to Bawaslu with its outcome,
and cases in every status.

Next step (reports-factcheck): the file of the Sekda video names its published fact-check
(`fact_check:`); linking it to the case waits for that stream's service (its case closes with a
public answer pointing to Cek Fakta until then).

Every write goes through the desk's services: report_submit for each report (its form token is
made from the file's slug, so a second run finds the report and submits nothing), the triage
services for the officer, the agency and each status step (one step at a time, as the desk
works), the partner services for forwarding and the outcome.

Historic times are the demo's business only: the services stamp "now" where they take no `now`
(a report's submitted_at and its case's opened_at are set by the database when the report
arrives; forwarding and the partner's outcome take the clock). So that `make run` shows a desk
that has been at work for weeks, this module moves those stamps back with a queryset update
(announced, content/base/changes.py) right after the service wrote them, to the day the text
file gives (days_ago); the triage steps get their `now` from the same timeline. No service
learns to write the past for this.
"""

import datetime
import io
import random
import textwrap

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Min
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from content.demo import texts
from content.demo.people import DEMO_ASN_NIP
from content.people.models import Agency, User
from content.reports import permissions
from content.reports.models import Case, Platform, Report, Status
from content.reports.rules import images, links
from content.reports.services import partner, triage
from content.reports.services.submitting import ReportInput, report_submit

DEMO_DESK = [
    # username, password, group, name
    ("petugas", "lentera-petugas", permissions.DESK, "Andi Saputra"),
    ("bawaslu", "lentera-bawaslu", permissions.PARTNER, "Maria Ulfa"),
]
# The steps from baru to each status, one at a time, and how many hours after the case opened.
PATH = {
    Status.NEW: [],
    Status.VERIFIED: [(Status.VERIFIED, 5)],
    Status.IN_PROGRESS: [(Status.VERIFIED, 3), (Status.IN_PROGRESS, 20)],
    Status.DONE: [(Status.VERIFIED, 2), (Status.IN_PROGRESS, 18), (Status.DONE, 96)],
    Status.REJECTED: [(Status.REJECTED, 6)],
}
PLATFORM_COLOURS = {
    "facebook": (24, 119, 242),
    "instagram": (193, 53, 132),
    "tiktok": (17, 17, 17),
    "x": (15, 20, 25),
    "youtube": (255, 0, 0),
    "whatsapp": (7, 94, 84),
}


def load(note):
    desk, bawaslu = _accounts(note)
    asn = User.objects.filter(nip=DEMO_ASN_NIP).first()
    made = 0
    for item in texts.reports():
        made += _case(item, desk=desk, partner_user=bawaslu, asn=asn)
    if made:
        note(f"{made} laporan aduan")


def _accounts(note):
    users = []
    for username, password, group_name, full_name in DEMO_DESK:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            first, _, last = full_name.partition(" ")
            user = get_user_model()(
                username=username,
                email=f"{username}@lentera.go.id",
                first_name=first,
                last_name=last,
            )
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
            note(f"akun {username}")
        users.append(user)
    return users


def _timeline(item):
    """When the file's first report came: days_ago at a working hour of that day."""
    day = timezone.localdate() - datetime.timedelta(days=item["days_ago"])
    hour = 8 + random.Random(item["slug"]).randrange(0, 9)
    opened = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 15)))
    # A case opened today is never in the future.
    return min(opened, timezone.now() - datetime.timedelta(hours=2))


def _case(item, *, desk, partner_user, asn):
    """The file's reports, then what the desk and the partner did with their case(s)."""
    opened = _timeline(item)
    shots = item.get("screenshots", 0)
    made = 0
    cases = []
    # A few hours apart, all before now (a post reported this morning: minutes apart).
    room = timezone.now() - datetime.timedelta(minutes=10) - opened
    step = min(datetime.timedelta(hours=3, minutes=7), room / len(item["reports"]))
    for index, sent in enumerate(item["reports"]):
        at = opened + step * index
        submitted = _submit(item, index, sent, with_screenshot=index < shots, asn=asn)
        if submitted.created:
            made += 1
            # Demo only: the report arrived `at` (see the module's docstring).
            Report.objects.filter(pk=submitted.report.pk).update(submitted_at=at)
        if submitted.report.case_id not in cases:
            cases.append(submitted.report.case_id)
    for case in Case.objects.filter(pk__in=cases).order_by("pk"):
        first = case.reports.aggregate(first=Min("submitted_at"))["first"]
        if case.opened_at != first:
            Case.objects.filter(pk=case.pk).update(opened_at=first)
            case.opened_at = first
        _work(item, case, desk=desk, partner_user=partner_user)
    return made


def _submit(item, index, sent, *, with_screenshot, asn):
    contact = sent["contact"]
    email = contact if "@" in contact else ""
    phone = "" if email else contact.replace(" ", "")
    kept = ()
    if with_screenshot:
        kept = (images.keep(_screenshot(item, sent, index)),)
    data = ReportInput(
        kind=item["kind"],
        links=[sent["link"]],
        seen_at=_timeline(item) - datetime.timedelta(hours=2),
        description=sent["description"],
        screenshots=kept,
        contact_email=email,
        contact_phone=phone,
        contact_consent=bool(contact),
        reporter=asn if item.get("reporter") == "asn" and index == 0 else None,
    )
    return report_submit(f"demo-{item['slug']}-{index}", data)


def _work(item, case, *, desk, partner_user):
    """The desk's steps for a case still as it arrived; a case already worked on is left."""
    target = item["status"]
    if case.status != Status.NEW or target == Status.NEW:
        return
    opened = case.opened_at
    triage.case_assign(case=case, officer=desk, user=desk)
    agency = _agency(item.get("agency"))
    if agency is not None:
        triage.case_set_agency(case=case, agency=agency, user=desk)
    for status, hours in PATH[target]:
        step_at = opened + datetime.timedelta(hours=hours)
        if step_at > timezone.now():
            step_at = timezone.now() - datetime.timedelta(minutes=30)
        closing = status in (Status.DONE, Status.REJECTED)
        answer = item.get("public_answer") if status == Status.IN_PROGRESS or closing else None
        triage.case_change_status(
            case=case,
            status=status,
            user=desk,
            reason=item.get("reject_reason", "") if status == Status.REJECTED else "",
            public_answer=answer or None,
            now=step_at,
        )
        if status == Status.VERIFIED and (item.get("outcome") or item.get("forwarded")):
            _forward(item, case, desk=desk, partner_user=partner_user, at=step_at)


def _forward(item, case, *, desk, partner_user, at):
    """Forwarded to Bawaslu after verification; the partner's outcome a few days later."""
    done = partner.case_forward(case, desk, note="Diteruskan untuk ditindaklanjuti Bawaslu.")
    if done.changed:
        # Demo only: forwarded `at` (see the module's docstring).
        forwarded_at = min(at + datetime.timedelta(hours=1), timezone.now())
        Case.objects.filter(pk=case.pk).update(forwarded_at=forwarded_at)
    outcome = item.get("outcome")
    if not outcome:
        return
    recorded = partner.case_record_outcome(case, partner_user, outcome, item.get("outcome_note"))
    if recorded.changed:
        outcome_at = min(at + datetime.timedelta(days=3), timezone.now())
        Case.objects.filter(pk=case.pk).update(partner_outcome_at=outcome_at)


def _agency(name):
    if not name:
        return None
    return (
        Agency.objects.filter(short_name=name).first() or Agency.objects.filter(name=name).first()
    )


# Screenshots -------------------------------------------------------------------------------


def _font(size):
    """DejaVu (Debian's fonts-dejavu-core, which WeasyPrint uses too), else Pillow's own."""
    for path in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _screenshot(item, sent, index):
    """A phone screenshot of the post (540 x 1170): status bar, the platform's header, the
    account, the post's text (what the reporter says it claims), a picture, reactions."""
    rng = random.Random(f"{item['slug']}-{index}")
    platform = links.platform_of(sent["link"])
    colour = PLATFORM_COLOURS.get(platform, (90, 90, 90))
    width, height = 540, 1170
    picture = Image.new("RGB", (width, height), (250, 250, 250))
    draw = ImageDraw.Draw(picture)
    small, body, bold = _font(18), _font(22), _font(24)
    draw.rectangle([0, 0, width, 36], fill=(0, 0, 0))
    clock = f"{8 + rng.randrange(12):02d}.{rng.randrange(60):02d}"
    draw.text((18, 8), clock, font=small, fill=(255, 255, 255))
    draw.text((width - 70, 8), "4G 78%", font=small, fill=(255, 255, 255))
    draw.rectangle([0, 36, width, 110], fill=colour)
    draw.text((20, 58), Platform(platform).label, font=bold, fill="white")
    draw.ellipse([20, 130, 80, 190], fill=tuple(rng.randrange(60, 220) for _ in range(3)))
    account = sent["link"].split("/")[3][:28] if sent["link"].count("/") > 3 else "akun"
    draw.text((96, 138), account.lstrip("@"), font=bold, fill=(20, 20, 20))
    draw.text((96, 168), f"{rng.randrange(1, 23)} jam", font=small, fill=(120, 120, 120))
    top = 215
    for line in textwrap.wrap(sent["description"], width=38)[:9]:
        draw.text((20, top), line, font=body, fill=(25, 25, 25))
        top += 32
    box = [20, top + 20, width - 20, top + 420]
    draw.rectangle(box, fill=tuple(rng.randrange(120, 230) for _ in range(3)))
    for _ in range(6):
        x, y = rng.randrange(box[0], box[2] - 60), rng.randrange(box[1], box[3] - 60)
        shade = tuple(rng.randrange(40, 255) for _ in range(3))
        draw.ellipse([x, y, x + rng.randrange(40, 140), y + rng.randrange(40, 140)], fill=shade)
    draw.text((30, box[3] - 40), "CONTOH", font=bold, fill=(200, 30, 45))
    reactions = f"{rng.randrange(200, 9000)} suka · {rng.randrange(20, 900)} komentar"
    draw.text((20, box[3] + 24), reactions, font=small, fill=(100, 100, 100))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG" if index % 2 else "PNG", quality=88)
    return buffer.getvalue()
