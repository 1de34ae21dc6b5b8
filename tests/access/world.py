"""One of everything the project's URLs point at, and one user of every kind."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.documents import get_document_model

from content.articles.pillars import Pillar
from content.base.models import ImportJob
from content.certificates import services as certificate_services
from content.certificates.models import BulkIssue, Role, SessionRule, VerificationLookup
from content.people import confirmation_links
from content.people import services as people_services
from content.people.models import DeletionRequest, IdentityChange, PendingIdentityChange
from content.quizzes import selectors as quiz_selectors
from content.quizzes import services as quiz_services
from content.quizzes.models import Purpose, SelfAssessment, Statement
from content.reports.rules import codes as report_codes
from content.reports.services import partner as report_partner
from content.stats import open_data
from content.stats import services as stats_services
from content.stats.models import AgencyHeadcount, NationalIndex
from content.training import checkin_tokens, services
from content.training.models import Attendance, AttendanceCorrection, Registration
from tests.access.urls import project_url_names
from tests.factories.articles import ArticlePageFactory, FactCheckPageFactory, TopicFactory
from tests.factories.certificates import issues_for, make_template, mark_file
from tests.factories.images import ImageFactory
from tests.factories.people import AgencyFactory, ParticipantFactory, prove_control_of_both, ptt
from tests.factories.quizzes import make_question, make_quiz, use_in_session
from tests.factories.reports import screenshot_bytes, submit_report
from tests.factories.training import session_under_way
from tests.factories.users import UserFactory

ROLES = (
    "anonymous",
    "asn",
    "ptt",
    "editor",
    "moderator",
    "organizer",
    "analyst",
    "desk",
    "partner",
    "superuser",
)


@dataclass
class World:
    users: dict
    pages: dict
    # key (a URL name, a page type, or "PageType:route") -> URL
    urls: dict


def build_world(site_tree):
    users = {
        "asn": ParticipantFactory(nip="198501012010011001", email="asn@contoh.go.id"),
        "ptt": ptt(email="ptt@contoh.go.id"),
        "editor": UserFactory(username="editor", groups=["Editor"]),
        "moderator": UserFactory(username="moderator", groups=["Moderator"]),
        "organizer": UserFactory(username="organizer", groups=["Organizer"]),
        "analyst": UserFactory(username="analyst", groups=["Analyst"]),
        "desk": UserFactory(username="petugas", groups=["Petugas Aduan"]),
        "partner": UserFactory(username="bawaslu", groups=["Mitra Bawaslu"]),
        "superuser": UserFactory(username="admin", is_superuser=True, is_staff=True),
    }
    topic = TopicFactory(slug="anti-hoaks")
    article = ArticlePageFactory(parent=site_tree.materials, topic=topic)
    article.tags.add("hoaks")
    article.save_revision().publish()
    fact_check = FactCheckPageFactory(parent=site_tree.fact_checks, topic=topic)
    fact_check.save_revision().publish()
    session = session_under_way(site_tree.sessions)
    services.registration_create(
        session=session, participant=users["asn"], now=session.starts_at - datetime.timedelta(1)
    )
    attendance = services.attendance_mark(
        session=session, participant=users["ptt"], status="hadir", by=None, now=session.starts_at
    )
    services.attendance_correct(attendance=attendance, status="izin", by=None, reason="Uji")
    deletion = DeletionRequest.objects.create(
        user=ParticipantFactory(), requester_label="Pemohon", reason=""
    )
    change = IdentityChange.objects.create(user=users["ptt"], identifier="email")
    job = ImportJob.objects.create(
        flow="people_import", created_by=users["organizer"], status="done"
    )
    attendance_job = ImportJob.objects.create(
        flow="training_attendance_import",
        created_by=users["organizer"],
        status="done",
        options={"session": session.pk},
    )
    question_job = ImportJob.objects.create(
        flow="quizzes_question_import", created_by=users["organizer"], status="done"
    )
    agency = AgencyFactory()
    headcount = AgencyHeadcount.objects.create(agency=agency, year=2026, asn=40, ptt=10)
    headcount_job = ImportJob.objects.create(
        flow="stats_headcount_import", created_by=users["analyst"], status="done"
    )
    open_data_release, _ = stats_services.open_data_release_publish(
        period=open_data.Period(2020, 1)
    )
    # Its question has a picture, sent only to the participant who holds the attempt.
    quiz = make_quiz([make_question(image=ImageFactory())], slug="kuis-dunia")
    # Issue 22 (selfassess): the pre-test asks a self-assessment first, so the registered ASN
    # opening it gets that form (the security corpus posts it with hostile values).
    self_assessment = SelfAssessment.objects.create(title="Swanilai dunia")
    for order, pillar in enumerate(Pillar):
        Statement.objects.create(
            assessment=self_assessment,
            text=f"Pernyataan dunia {order + 1}.",
            pillar=pillar,
            reversed=order % 2 == 1,
            sort_order=order,
        )
    use_in_session(quiz, session, Purpose.PRE, self_assessment=self_assessment)
    use_in_session(quiz, session, Purpose.POST)
    # With a signature: its preview (certificates_template_mark) has a file to send.
    issues_for(session, make_template(signatory_1_signature=mark_file()))
    attempt = quiz_services.attempt_start(
        context=quiz_selectors.self_paced_context(quiz.slug), participant=users["asn"]
    )
    certificate, _ = certificate_services.certificate_issue(
        participant=users["asn"],
        session=session,
        role=Role.SPEAKER,
        by=users["organizer"],
        # Certificates are issued once the session is over.
        now=session.ends_at,
    )
    rule = SessionRule.objects.get()
    lookup = VerificationLookup.objects.create(result="sah", certificate=certificate)
    bulk = BulkIssue.objects.create(session=session, created_by=users["organizer"])
    kept, merged_away = ParticipantFactory(), ParticipantFactory()
    prove_control_of_both(kept, merged_away, by=users["organizer"])
    merged = people_services.participants_merge(
        survivor=kept, loser=merged_away, by=users["organizer"]
    )
    pending_email = PendingIdentityChange.objects.create(
        user=users["ptt"],
        changes={"email": "ptt.baru@contoh.go.id"},
        proof="sandi",
        account_confirmed_at=timezone.now(),
    )
    nip_job = ImportJob.objects.create(
        flow="people_nip_import", created_by=users["organizer"], status="done"
    )
    pair = (ParticipantFactory(), ParticipantFactory())
    # A report sent through /lapor/: its status page opens for whoever holds the code.
    public_report = submit_report(links=["https://x.com/lentera/status/4242"])
    rendition = ImageFactory().get_rendition("fill-20x20")
    document = get_document_model().objects.create(
        title="Modul", file=ContentFile(b"%PDF-1.4 modul", name="modul.pdf")
    )
    # A reported post (no fact-check drafted from it yet).
    fact_check_case = submit_report(links=["https://www.facebook.com/akun/posts/99"]).report.case
    # Report desk: a case forwarded to Bawaslu and one that was not, each with a screenshot.
    # URLs taking a case open the forwarded one; "<name>@belum-diteruskan" the other.
    forwarded_case = submit_report(screenshots=[screenshot_bytes(seed=1)]).report.case
    report_partner.case_forward(forwarded_case, users["desk"])
    other_case = submit_report(
        links=["https://www.tiktok.com/@akun/video/1"], screenshots=[screenshot_bytes(seed=2)]
    ).report.case
    pk = {
        "case": forwarded_case.pk,
        "participant": users["asn"].pk,
        "agency": agency.pk,
        "deletionrequest": deletion.pk,
        "identitychange": change.pk,
        "attendance": Attendance.objects.get().pk,
        "registration": Registration.objects.get().pk,
        "attendancecorrection": AttendanceCorrection.objects.get().pk,
        "wagtailsnippets_articles_topic": topic.pk,
        "question": attempt.answers.get().question_id,
        "quiz": quiz.pk,
        # Issue 22 (selfassess): a self-assessment for its admin screens.
        "selfassessment": self_assessment.pk,
        "agencyheadcount": headcount.pk,
        # Seeded by stats migration 0004.
        "nationalindex": NationalIndex.objects.order_by("pk").first().pk,
        "attempt": attempt.pk,
        "certificatetemplate": rule.template_id,
        "certificate": certificate.pk,
        "verificationlookup": lookup.pk,
        "mergerecord": merged.pk,
    }
    token = checkin_tokens.make_token(session.pk, checkin_tokens.Window.at())
    uid = urlsafe_base64_encode(force_bytes(users["asn"].pk))
    arguments = {
        "people_import_job": {"job_id": job.pk},
        "people_import_confirm": {"job_id": job.pk},
        "training_attendance_import_job": {"job_id": attendance_job.pk},
        "training_attendance_import_confirm": {"job_id": attendance_job.pk},
        "people_process_deletion": {"pk": deletion.pk},
        "people_nip_import_job": {"job_id": nip_job.pk},
        "people_nip_import_confirm": {"job_id": nip_job.pk},
        "people_add_nip": {"pk": users["ptt"].pk},
        # The link sent to the new address: whoever holds it may open it.
        "people:confirm_identity": {
            "token": confirmation_links.make_token(
                confirmation_links.CHANGE, pending_email.pk, confirmation_links.EMAIL_SIDE
            )
        },
        "people_merge": {"first": pair[0].pk, "second": pair[1].pk},
        "quizzes_question_import_job": {"job_id": question_job.pk},
        "quizzes_question_import_confirm": {"job_id": question_job.pk},
        "quizzes_question_from_fact_check": {"page_id": fact_check.pk},
        "training_session_close": {"page_id": session.pk},
        "reports_fact_check_draft": {"case_id": fact_check_case.pk},
        "checkin_scan": {"token": token},
        "public_media": {"path": rendition.file.name},
        "wagtaildocs_serve": {"document_id": document.pk, "document_filename": document.filename},
        "quizzes:quiz": {"slug": quiz.slug},
        "certificates:verify_code": {"code": certificate.code},
        "certificates:verify_nip": {"code": certificate.code},
        "certificates:download": {"code": certificate.code},
        "certificates:claim": {"session_id": session.pk},
        "certificates:claim_quiz": {"quiz_id": quiz.pk},
        **{
            f"certificates_bulk_{name}": {"bulk_id": bulk.pk}
            for name in ("job", "status", "resume", "archive")
        },
        "certificates_template_preview": {"pk": rule.template_id},
        **{
            f"stats_open_data:dataset_{kind}": {
                "periode": open_data_release.slug,
                "slug": "partisipasi-bulanan",
            }
            for kind in ("json", "csv")
        },
        "stats_open_data:latest_json": {"slug": "partisipasi-bulanan"},
        "stats_open_data:latest_csv": {"slug": "partisipasi-bulanan"},
        "stats_headcount_import_job": {"job_id": headcount_job.pk},
        "stats_headcount_import_confirm": {"job_id": headcount_job.pk},
        "certificates_template_preview_image": {"pk": rule.template_id, "role": "peserta"},
        "certificates_template_mark": {"pk": rule.template_id, "mark": "ttd-1"},
        "quizzes:image": {"key": attempt.key, "position": "1"},
        **{
            f"quizzes:{name}": {"key": attempt.key}
            for name in ("attempt", "answer", "submit", "result")
        },
        "people:password_reset_confirm": {
            "uidb64": uid,
            "token": default_token_generator.make_token(users["asn"]),
        },
        "wagtailsnippetchoosers_articles_topic:chosen": {"pk": topic.pk},
        "wagtailsnippets_articles_topic:edit": {"pk": topic.pk},
        "wagtailsnippets_articles_topic:delete": {"pk": topic.pk},
        "wagtailsnippets_articles_topic:copy": {"pk": topic.pk},
        "wagtailsnippets_articles_topic:history": {"pk": topic.pk},
        "wagtailsnippets_articles_topic:history_results": {"pk": topic.pk},
        "wagtailsnippets_articles_topic:usage": {"pk": topic.pk},
        "reports:status": {"code": report_codes.readable(public_report.code)},
    }
    # Cases open on the forwarded case; "<name>@belum-diteruskan" on the case kept by the desk.
    for case, suffix in ((forwarded_case, ""), (other_case, "@belum-diteruskan")):
        shot = case.reports.get().screenshots.get()
        for name in ("reports_partner_case", "reports_partner_outcome", "reports_case_evidence"):
            arguments[name + suffix] = {"case_id": case.pk}
        arguments["reports_case_forward" + suffix] = {"case_id": case.pk}
        arguments["reports_case_screenshot" + suffix] = {
            "case_id": case.pk,
            "screenshot_id": shot.pk,
        }
        # The report desk's triage (admin_cases.py).
        for name in ("case", "status", "answer", "assign", "agency", "person", "personal"):
            arguments[f"aduan:{name}{suffix}"] = {"case_id": case.pk}
    pages = {
        "HomePage": site_tree.home,
        "ArticleIndexPage": site_tree.materials,
        "ArticlePage": article,
        "FactCheckIndexPage": site_tree.fact_checks,
        "FactCheckPage": fact_check,
        "SessionIndexPage": site_tree.sessions,
        "SessionPage": session,
    }
    route_arguments = {"topic": ["anti-hoaks"], "tag": ["hoaks"]}
    urls = {}
    for key, page in pages.items():
        urls[key] = page.url
        for pattern in type(page).get_subpage_urls() if hasattr(page, "reverse_subpage") else []:
            if str(pattern.pattern):
                args = route_arguments.get(pattern.name, [])
                urls[f"{key}:{pattern.name}"] = page.url + page.reverse_subpage(
                    pattern.name, args=args
                )
    for name in project_url_names():
        urls[name] = url_for(name, pk, arguments)
    # Variants of a URL with other objects (a case not forwarded): "<name>@<variant>".
    for key in arguments:
        if "@" in key:
            urls[key] = reverse(key.split("@")[0], kwargs=arguments[key])
    return World(users=users, pages=pages, urls=urls)


def url_for(name, pk, arguments):
    """The URL of a named pattern with the arguments the world holds for it."""
    if name in arguments:
        return reverse(name, kwargs=arguments[name])
    namespace = name.split(":")[0]
    try:
        return reverse(name)
    except Exception:  # noqa: BLE001 (a pattern with an object id)
        return reverse(name, args=[pk[namespace]])


def outcome(response):
    """What happened to the request, in the words of the access table."""
    if response.status_code == 200:
        return "ok"
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(("/akun/masuk/", "/admin/login/")):
            return "login"
        return "denied" if location == "/admin/" else "redirect"
    return {403: "denied", 404: "missing", 405: "post"}.get(response.status_code, "error")
