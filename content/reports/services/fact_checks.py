"""A case becomes a fact-check ("Buat cek fakta"), and a published fact-check is told to the
people who reported it.

- case_draft_fact_check() writes a FactCheckPage DRAFT under the site's fact-check section,
  prefilled from the case, and submits it to the page's moderation workflow exactly as Wagtail's
  "Ajukan untuk dimoderasi" does (a revision, then page.get_workflow().start(page, user)). One
  draft per case: the case row is locked and its fact_check checked inside the lock.
- Screenshots become Wagtail images only when the desk ticks them: Wagtail serves image files
  from PUBLIC media URLs, and a screenshot may show the reporter's own name or number. They go
  into their own collection, "Tangkapan layar aduan", under random file names.
- fact_check_published() runs on Wagtail's page_published (connected in ReportsConfig.ready()):
  the first publication of a case's fact-check logs it on the case and queues one email per
  consenting reporter with an email address; a republication sends nothing again (a conditional
  UPDATE of Case.fact_check_notified_at decides, so two publications at once notify once).
"""

import io
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.images import ImageFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Collection, Site

from content.articles.models import FactCheckPage
from content.articles.models.fact_checks import Verdict
from content.base import task_queue
from content.base.models import LenteraImage
from content.base.site_address import page_url
from content.reports.models import Case, Report
from content.reports.permissions import TRIAGE as TRIAGE_PERMISSION
from content.reports.selectors import fact_checks as prefill_selectors

DRAFTED = "lentera.report.fact_check_drafted"
PUBLISHED = "lentera.report.fact_check_published"
SCREENSHOT_COLLECTION = "Tangkapan layar aduan"
NOTICE_TASK = "reports.send_fact_check_published"

# What the case cannot tell: the verdict and the explanation are the fact-checker's work. The
# page requires both, so the draft carries placeholders its own validation accepts; the
# explanation says plainly that it is one, and reporters are not told of a publication that
# still carries it (fact_check_published).
PLACEHOLDER_VERDICT = Verdict.MISINFORMASI
PLACEHOLDER_EXPLANATION = (
    "DRAF DARI ADUAN: label dan penjelasan belum diperiksa. Tulis hasil pemeriksaan fakta di "
    "sini dan pilih label yang benar sebelum terbit."
)
PLACEHOLDER_SUMMARY = "Draf cek fakta dari aduan masyarakat. Ringkasan belum ditulis."


@dataclass(frozen=True)
class Drafted:
    page: FactCheckPage
    created: bool


def may_draft_fact_check(user, index):
    """The desk's triage permission and the right to add a fact-check under `index`."""
    if index is None or not user.has_perm(TRIAGE_PERMISSION):
        return False
    return index.permissions_for_user(user).can_add_subpage()


def case_draft_fact_check(
    case,
    user,
    *,
    include_screenshots=(),
    claim=None,
    claim_short=None,
    make_question=False,
    topic=None,
    index=None,
):
    """The case's FactCheckPage draft, made now (created=True) or the one it already has.

    `include_screenshots`: ids of the case's screenshots the desk ticked; only these are copied
    to public images (ids of other cases' screenshots are ignored). `claim`/`claim_short`: the
    desk's edit of the prefilled claim. `make_question` (and the `topic` it needs) only for users
    who may add questions, as the page's own panel.
    """
    index = index or prefill_selectors.fact_check_index(
        Site.objects.filter(is_default_site=True).first()
    )
    if not may_draft_fact_check(user, index):
        raise PermissionDenied("Tidak berwenang membuat cek fakta dari aduan.")
    if make_question and not user.has_perm("quizzes.add_question"):
        raise PermissionDenied("Tidak berwenang membuat soal Hoaks atau Fakta?.")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.fact_check_id is not None:
            existing = FactCheckPage.objects.filter(pk=locked.fact_check_id).first()
            if existing is not None:
                return Drafted(existing, created=False)
        prefill = prefill_selectors.fact_check_prefill(locked)
        images = _public_images(locked, include_screenshots)
        page = FactCheckPage(
            title=(claim_short or prefill.claim_short).strip(),
            claim=(claim or prefill.claim).strip(),
            claim_short=(claim_short or prefill.claim_short).strip(),
            claim_origin=prefill.claim_origin,
            claim_author=prefill.claim_author,
            claim_first_seen=prefill.claim_first_seen,
            verdict=PLACEHOLDER_VERDICT,
            explanation=f"<p>{PLACEHOLDER_EXPLANATION}</p>",
            summary=PLACEHOLDER_SUMMARY,
            sources=[
                (
                    "source",
                    {
                        "title": f"Unggahan yang dilaporkan ({domain})",
                        "publisher": prefill.claim_origin,
                        "url": url,
                    },
                )
                for url, domain in prefill.links
            ],
            topic=topic,
            make_question=bool(make_question),
            live=False,
            # As Wagtail's create view: the officer who drafted it owns the page.
            owner=user,
        )
        _place_images(page, images)
        index.add_child(instance=page)
        # As Wagtail's create view does for "Ajukan untuk dimoderasi": a revision (validated
        # by the page's full_clean), then the workflow of the section.
        page.save_revision(user=user, log_action=True)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
        locked.fact_check = page
        locked.save(update_fields=["fact_check"])
        log(
            instance=locked,
            action=DRAFTED,
            user=user,
            data={
                "page_id": page.pk,
                "title": page.title,
                "images": [image.pk for image in images],
                "in_workflow": workflow is not None,
            },
        )
    case.fact_check = page
    return Drafted(page, created=True)


def screenshot_collection():
    """The collection of screenshots copied from reports (made on first use)."""
    found = Collection.objects.filter(name=SCREENSHOT_COLLECTION).order_by("path").first()
    if found is not None:
        return found
    return Collection.get_first_root_node().add_child(name=SCREENSHOT_COLLECTION)


def _public_images(case, screenshot_ids):
    wanted = {int(pk) for pk in screenshot_ids}
    if not wanted:
        return []
    chosen = [shot for shot in prefill_selectors.case_screenshots(case) if shot.pk in wanted]
    collection = screenshot_collection() if chosen else None
    images = []
    for number, shot in enumerate(chosen, start=1):
        with shot.image.open("rb") as handle:
            data = handle.read()
        image = LenteraImage(
            title=f"Aduan #{case.pk}: tangkapan layar {number}",
            description=f"Tangkapan layar unggahan yang dilaporkan ({case.get_platform_display()})",
            collection=collection,
            # A random name: the file is public once stored, so its address must not be
            # guessable from the case, the report or the screenshot's hash.
            file=ImageFile(io.BytesIO(data), name=f"{secrets.token_hex(16)}.png"),
        )
        image._set_image_file_metadata()
        image.save()
        images.append(image)
    return images


def _place_images(page, images):
    """The first screenshot is the draft's picture: the question's picture when it becomes a
    "Hoaks atau Fakta?" question (the page's neutral claim picture), else the listing image.
    The page refuses the same image for both; the rest wait in the collection."""
    if not images:
        return
    if page.make_question:
        page.question_image = images[0]
        page.listing_image = images[1] if len(images) > 1 else None
    else:
        page.listing_image = images[0]


# Publication ------------------------------------------------------------------------------


def on_page_published(sender, instance, **kwargs):
    """Wagtail's page_published for FactCheckPage (connected in ReportsConfig.ready())."""
    fact_check_published(page=instance)


def fact_check_published(*, page):
    """A fact-check was published: for the case drafted from it (if any), the first publication
    (with the placeholder explanation replaced) is logged on the case and told to the reporters
    who agreed to be contacted and gave an email. Returns the number of emails queued, or None
    when nothing was to be done (no case, already told, still a placeholder)."""
    case = Case.objects.filter(fact_check_id=page.pk).order_by("pk").first()
    if case is None or case.fact_check_notified_at is not None:
        return None
    if PLACEHOLDER_EXPLANATION in (page.explanation or ""):
        log(
            instance=case,
            action=PUBLISHED,
            data={"page_id": page.pk, "notified": 0, "placeholder": True},
        )
        return None
    with transaction.atomic():
        claimed = Case.objects.filter(pk=case.pk, fact_check_notified_at__isnull=True).update(
            fact_check_notified_at=timezone.now()
        )
        if not claimed:
            return None
        recipients, phone_only = _recipients(case)
        for report_id in recipients:
            task_queue.enqueue_on_commit(NOTICE_TASK, report_id, page.pk)
        log(
            instance=case,
            action=PUBLISHED,
            data={"page_id": page.pk, "notified": len(recipients), "phone_only": phone_only},
        )
    return len(recipients)


def _recipients(case):
    """One report per consenting email address (a person who reported twice is told once), and
    how many consenting reporters left a phone number only (there is no SMS channel)."""
    reports = Report.objects.filter(
        case=case, contact_consent=True, contact_erased_at__isnull=True
    ).order_by("submitted_at", "pk")
    seen, recipients, phone_only = set(), [], 0
    for report in reports:
        email = report.contact_email.strip().lower()
        if not email:
            phone_only += bool(report.contact_phone)
            continue
        if email not in seen:
            seen.add(email)
            recipients.append(report.pk)
    return recipients, phone_only


def fact_check_notice_send(*, report_id, page_id):
    """The email to one reporter: their case became a published fact-check (a link to it)."""
    report = (
        Report.objects.filter(pk=report_id, contact_consent=True, contact_erased_at__isnull=True)
        .exclude(contact_email="")
        .first()
    )
    page = FactCheckPage.objects.live().filter(pk=page_id).first()
    if report is None or page is None:
        return False
    context = {"page": page, "page_url": page_url(page)}
    send_mail(
        subject="Aduan Anda sudah menjadi cek fakta di Lentera",
        message=render_to_string("reports/email/fact_check_published.txt", context),
        from_email=None,
        recipient_list=[report.contact_email],
    )
    return True
