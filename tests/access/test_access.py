"""Who may open what: every URL the project defines, as every kind of user, against an explicit
table. A URL the project adds without an entry here fails the first test, so access is always a
decision someone wrote down.

Outcomes (of a GET):
  ok     the page (200)
  login  sent to a login page first
  deny   refused (403, or Wagtail's admin sending the user back to the dashboard)
  redir  sent elsewhere on purpose (already logged in, nothing to cancel, a fresh reset link)
  post   the URL only answers POST (405)
  404    not found for this user: someone else's import
"""

import pytest

from tests.access.urls import project_page_routes, project_url_names
from tests.access.world import ROLES, build_world, outcome

pytestmark = pytest.mark.django_db
SHORT = {"ok": "ok", "login": "login", "denied": "deny", "redirect": "redir", "post": "post"}
SHORT["missing"] = "404"

ACCESS = {
    # key: anonymous asn ptt editor moderator organizer analyst desk partner superuser
    "ArticleIndexPage": "ok ok ok ok ok ok ok ok ok ok",
    "ArticleIndexPage:atom": "ok ok ok ok ok ok ok ok ok ok",
    "ArticleIndexPage:rss": "ok ok ok ok ok ok ok ok ok ok",
    "ArticleIndexPage:tag": "ok ok ok ok ok ok ok ok ok ok",
    "ArticleIndexPage:topic": "ok ok ok ok ok ok ok ok ok ok",
    "ArticlePage": "ok ok ok ok ok ok ok ok ok ok",
    "FactCheckIndexPage": "ok ok ok ok ok ok ok ok ok ok",
    "FactCheckIndexPage:atom": "ok ok ok ok ok ok ok ok ok ok",
    "FactCheckIndexPage:rss": "ok ok ok ok ok ok ok ok ok ok",
    "FactCheckIndexPage:tag": "ok ok ok ok ok ok ok ok ok ok",
    "FactCheckIndexPage:topic": "ok ok ok ok ok ok ok ok ok ok",
    "FactCheckPage": "ok ok ok ok ok ok ok ok ok ok",
    "HomePage": "ok ok ok ok ok ok ok ok ok ok",
    "SessionIndexPage": "ok ok ok ok ok ok ok ok ok ok",
    "SessionPage": "ok ok ok ok ok ok ok ok ok ok",
    "SessionPage:attendance_sheet": "login deny deny deny deny ok deny deny deny ok",
    "SessionPage:calendar": "ok ok ok ok ok ok ok ok ok ok",
    "SessionPage:cancel": "login ok redir redir redir redir redir redir redir redir",
    "SessionPage:checkin_close": "deny deny deny deny deny redir deny deny deny redir",
    "SessionPage:checkin_open": "deny deny deny deny deny redir deny deny deny redir",
    "SessionPage:post_test": "ok ok ok ok ok ok ok ok ok ok",
    "SessionPage:pre_test": "ok ok ok ok ok ok ok ok ok ok",
    "SessionPage:projector": "login deny deny deny deny ok deny deny deny ok",
    "SessionPage:projector_status": "deny deny deny deny deny ok deny deny deny ok",
    "SessionPage:register": "redir redir redir redir redir redir redir redir redir redir",
    # The report desk's queue and a case's page (admin_cases.py): the desk and superusers only;
    # the partner has its own screens of forwarded cases. Every write is a POST.
    "aduan:index": "login login login deny deny deny deny ok deny ok",
    "aduan:index_results": "login login login deny deny deny deny ok deny ok",
    "aduan:case": "login login login deny deny deny deny ok deny ok",
    # A screenshot, from private storage, through this view only.
    "aduan:status": "login login login deny deny deny deny post deny post",
    "aduan:answer": "login login login deny deny deny deny post deny post",
    "aduan:assign": "login login login deny deny deny deny post deny post",
    "aduan:agency": "login login login deny deny deny deny post deny post",
    "aduan:person": "login login login deny deny deny deny post deny post",
    # "Tampilkan kontak pelapor": a logged POST, never a GET.
    "aduan:personal": "login login login deny deny deny deny post deny post",
    # The same for a case not forwarded to Bawaslu: the partner is refused all the same.
    "aduan:case@belum-diteruskan": "login login login deny deny deny deny ok deny ok",
    "aduan:status@belum-diteruskan": "login login login deny deny deny deny post deny post",
    "aduan:answer@belum-diteruskan": "login login login deny deny deny deny post deny post",
    "aduan:assign@belum-diteruskan": "login login login deny deny deny deny post deny post",
    "aduan:agency@belum-diteruskan": "login login login deny deny deny deny post deny post",
    "aduan:person@belum-diteruskan": "login login login deny deny deny deny post deny post",
    "aduan:personal@belum-diteruskan": "login login login deny deny deny deny post deny post",
    "agency:add": "login login login deny deny ok deny deny deny ok",
    "agency:delete": "login login login deny deny deny deny deny deny ok",
    "agency:edit": "login login login deny deny ok deny deny deny ok",
    "agency:history": "login login login deny deny ok deny deny deny ok",
    "agency:history_results": "login login login deny deny ok deny deny deny ok",
    "agency:index": "login login login deny deny ok ok deny deny ok",
    "agency:index_results": "login login login deny deny ok ok deny deny ok",
    "agency:usage": "login login login deny deny ok deny deny deny ok",
    "attempt:add": "login login login deny deny deny deny deny deny deny",
    "attempt:delete": "login login login deny deny deny deny deny deny deny",
    "attempt:edit": "login login login deny deny deny deny deny deny deny",
    "attempt:history": "login login login deny deny deny deny deny deny deny",
    "attempt:history_results": "login login login deny deny deny deny deny deny deny",
    "attempt:index": "login login login deny deny ok ok deny deny ok",
    "attempt:index_results": "login login login deny deny ok ok deny deny ok",
    "attempt:inspect": "login login login deny deny ok ok deny deny ok",
    "attempt:usage": "login login login deny deny deny deny deny deny deny",
    "attendance:add": "login login login deny deny ok deny deny deny ok",
    "attendance:delete": "login login login deny deny deny deny deny deny deny",
    "attendance:edit": "login login login deny deny ok deny deny deny ok",
    "attendance:history": "login login login deny deny ok deny deny deny ok",
    "attendance:history_results": "login login login deny deny ok deny deny deny ok",
    "attendance:index": "login login login deny deny ok ok deny deny ok",
    "attendance:index_results": "login login login deny deny ok ok deny deny ok",
    "attendance:inspect": "login login login deny deny ok ok deny deny ok",
    "attendance:usage": "login login login deny deny ok deny deny deny ok",
    "attendancecorrection:add": "login login login deny deny deny deny deny deny deny",
    "attendancecorrection:delete": "login login login deny deny deny deny deny deny deny",
    "attendancecorrection:edit": "login login login deny deny deny deny deny deny deny",
    "attendancecorrection:history": "login login login deny deny deny deny deny deny deny",
    "attendancecorrection:history_results": "login login login deny deny deny deny deny deny deny",
    "attendancecorrection:index": "login login login deny deny ok deny deny deny ok",
    "attendancecorrection:index_results": "login login login deny deny ok deny deny deny ok",
    "attendancecorrection:inspect": "login login login deny deny ok deny deny deny ok",
    "attendancecorrection:usage": "login login login deny deny deny deny deny deny deny",
    "certificate:add": "login login login deny deny deny deny deny deny deny",
    "certificate:delete": "login login login deny deny deny deny deny deny deny",
    "certificate:edit": "login login login deny deny ok deny deny deny ok",
    "certificate:history": "login login login deny deny ok deny deny deny ok",
    "certificate:history_results": "login login login deny deny ok deny deny deny ok",
    "certificate:index": "login login login deny deny ok ok deny deny ok",
    "certificate:index_results": "login login login deny deny ok ok deny deny ok",
    "certificate:inspect": "login login login deny deny ok ok deny deny ok",
    "certificate:usage": "login login login deny deny ok deny deny deny ok",
    "certificates:claim": "login post post post post post post post post post",
    "certificates:claim_quiz": "login post post post post post post post post post",
    # The holder (the world's ASN), and those given certificates.download_certificate
    # (organizers) and superusers; analysts read the list in the admin, never the PDF.
    "certificates:download": "login ok 404 404 404 ok 404 404 404 ok",
    "certificates:verify": "ok ok ok ok ok ok ok ok ok ok",
    "certificates:verify_code": "ok ok ok ok ok ok ok ok ok ok",
    # "Cocokkan NIP": anyone may ask, by POST, within its per-certificate and per-address limits.
    "certificates:verify_nip": "post post post post post post post post post post",
    "certificates_bulk": "login login login deny deny ok deny deny deny ok",
    # The world's bulk issue has not made its ZIP yet.
    "certificates_bulk_archive": "login login login deny deny 404 deny deny deny 404",
    "certificates_bulk_job": "login login login deny deny ok deny deny deny ok",
    "certificates_bulk_resume": "login login login deny deny post deny deny deny post",
    "certificates_bulk_status": "login login login deny deny ok deny deny deny ok",
    "certificates_template_preview": "login login login deny deny ok deny deny deny ok",
    # Wagtail's redirect import, read by the bounded reader (content/base/redirect_import.py).
    "redirects_import_bounded": "login login login deny deny deny deny deny deny ok",
    "stats_dashboard": "login login login deny deny deny ok deny deny ok",
    "stats_report_agencies": "login login login deny deny deny ok deny deny ok",
    "stats_report_topic": "login login login deny deny deny ok deny deny ok",
    "stats_report_sessions": "login login login deny deny deny ok deny deny ok",
    "stats_report_participants": "login login login deny deny deny ok deny deny ok",
    "agencyheadcount:index": "login login login deny deny deny ok deny deny ok",
    "agencyheadcount:index_results": "login login login deny deny deny ok deny deny ok",
    "agencyheadcount:add": "login login login deny deny deny ok deny deny ok",
    "agencyheadcount:edit": "login login login deny deny deny ok deny deny ok",
    "agencyheadcount:history": "login login login deny deny deny ok deny deny ok",
    "agencyheadcount:history_results": "login login login deny deny deny ok deny deny ok",
    "agencyheadcount:usage": "login login login deny deny deny ok deny deny ok",
    "agencyheadcount:delete": "login login login deny deny deny deny deny deny ok",
    # The national literacy figures (admin_national.py): analysts keep them, superusers delete.
    "nationalindex:index": "login login login deny deny deny ok deny deny ok",
    "nationalindex:index_results": "login login login deny deny deny ok deny deny ok",
    "nationalindex:add": "login login login deny deny deny ok deny deny ok",
    "nationalindex:edit": "login login login deny deny deny ok deny deny ok",
    "nationalindex:history": "login login login deny deny deny ok deny deny ok",
    "nationalindex:history_results": "login login login deny deny deny ok deny deny ok",
    "nationalindex:usage": "login login login deny deny deny ok deny deny ok",
    "nationalindex:delete": "login login login deny deny deny deny deny deny ok",
    "stats_headcount_import": "login login login deny deny deny ok deny deny ok",
    "stats_headcount_import_template": "login login login deny deny deny ok deny deny ok",
    "stats_headcount_import_confirm": "login login login deny deny deny post deny deny post",
    # The world's headcount import is the analyst's own.
    "stats_headcount_import_job": "login login login deny deny deny ok deny deny 404",
    # Open data: aggregates only, for anyone.
    "stats_open_data:dataset_csv": "ok ok ok ok ok ok ok ok ok ok",
    "stats_open_data:dataset_json": "ok ok ok ok ok ok ok ok ok ok",
    "stats_open_data:index": "ok ok ok ok ok ok ok ok ok ok",
    "stats_open_data:latest_csv": "redir redir redir redir redir redir redir redir redir redir",
    "stats_open_data:latest_json": "redir redir redir redir redir redir redir redir redir redir",
    "stats_open_data:metadata": "ok ok ok ok ok ok ok ok ok ok",
    "stats_dashboard_pdf": "login login login deny deny deny ok deny deny ok",
    "certificates_template_preview_image": "login login login deny deny ok deny deny deny ok",
    # A template's signature or stamp (a private file): only those who may edit templates.
    "certificates_template_mark": "login login login deny deny ok deny deny deny ok",
    # Report desk, Bawaslu's side: "Kasus Bawaslu" shows forwarded cases only, to the partner
    # and superusers; a case not forwarded does not exist there (404), superusers included.
    "reports_partner_cases": "login login login deny deny deny deny deny ok ok",
    "reports_partner_case": "login login login deny deny deny deny deny ok ok",
    "reports_partner_case@belum-diteruskan": "login login login deny deny deny deny deny 404 404",
    "reports_partner_outcome": "login login login post post post post post post post",
    "reports_partner_outcome@belum-diteruskan": "login login login post post post post post post post",
    # Evidence (screenshots, the signed bundle): the desk any case, the partner forwarded ones.
    "reports_case_screenshot": "login login login deny deny deny deny ok ok ok",
    "reports_case_screenshot@belum-diteruskan": "login login login deny deny deny deny ok 404 ok",
    "reports_case_evidence": "login login login deny deny deny deny ok ok ok",
    "reports_case_evidence@belum-diteruskan": "login login login deny deny deny deny ok 404 ok",
    "reports_case_forward": "login login login post post post post post post post",
    "reports_case_forward@belum-diteruskan": "login login login post post post post post post post",
    # The period summary for the MoU meetings (aggregates): the desk, the partner, superusers.
    "reports_summary": "login login login deny deny deny deny ok ok ok",
    "reports_summary_pdf": "login login login deny deny deny deny ok ok ok",
    "certificatetemplate:add": "login login login deny deny ok deny deny deny ok",
    "certificatetemplate:copy": "login login login deny deny ok deny deny deny ok",
    "certificatetemplate:delete": "login login login deny deny deny deny deny deny ok",
    "certificatetemplate:edit": "login login login deny deny ok deny deny deny ok",
    "certificatetemplate:history": "login login login deny deny ok deny deny deny ok",
    "certificatetemplate:history_results": "login login login deny deny ok deny deny deny ok",
    "certificatetemplate:index": "login login login deny deny ok deny deny deny ok",
    "certificatetemplate:index_results": "login login login deny deny ok deny deny deny ok",
    "certificatetemplate:usage": "login login login deny deny ok deny deny deny ok",
    "checkin_code": "login ok ok ok ok ok ok ok ok ok",
    # Anonymous: the walk-in landing (which session, sign up or log in), holding the scan.
    "checkin_scan": "ok ok ok deny deny deny deny deny deny deny",
    "deletionrequest:add": "login login login deny deny deny deny deny deny deny",
    "deletionrequest:delete": "login login login deny deny deny deny deny deny deny",
    "deletionrequest:edit": "login login login deny deny deny deny deny deny deny",
    "deletionrequest:history": "login login login deny deny deny deny deny deny deny",
    "deletionrequest:history_results": "login login login deny deny deny deny deny deny deny",
    "deletionrequest:index": "login login login deny deny ok deny deny deny ok",
    "deletionrequest:index_results": "login login login deny deny ok deny deny deny ok",
    "deletionrequest:inspect": "login login login deny deny ok deny deny deny ok",
    "deletionrequest:usage": "login login login deny deny deny deny deny deny deny",
    "identitychange:add": "login login login deny deny deny deny deny deny deny",
    "identitychange:delete": "login login login deny deny deny deny deny deny deny",
    "identitychange:edit": "login login login deny deny deny deny deny deny deny",
    "identitychange:history": "login login login deny deny deny deny deny deny deny",
    "identitychange:history_results": "login login login deny deny deny deny deny deny deny",
    "identitychange:index": "login login login deny deny ok deny deny deny ok",
    "identitychange:index_results": "login login login deny deny ok deny deny deny ok",
    "identitychange:inspect": "login login login deny deny ok deny deny deny ok",
    "identitychange:usage": "login login login deny deny deny deny deny deny deny",
    "people_unknown_nik_regions:index": "login login login deny deny ok deny deny deny ok",
    "participant:add": "login login login deny deny ok deny deny deny ok",
    "participant:delete": "login login login deny deny deny deny deny deny deny",
    "participant:edit": "login login login deny deny ok deny deny deny ok",
    "participant:history": "login login login deny deny ok deny deny deny ok",
    "participant:history_results": "login login login deny deny ok deny deny deny ok",
    "participant:index": "login login login deny deny ok ok deny deny ok",
    "participant:index_results": "login login login deny deny ok ok deny deny ok",
    "participant:inspect": "login login login deny deny ok ok deny deny ok",
    "participant:usage": "login login login deny deny ok deny deny deny ok",
    "healthz": "ok ok ok ok ok ok ok ok ok ok",
    # Public images (a rendition of the world's image); private files never come from here.
    "public_media": "ok ok ok ok ok ok ok ok ok ok",
    # A document in the root collection (no view restriction), sent from private storage.
    "wagtaildocs_serve": "ok ok ok ok ok ok ok ok ok ok",
    "mergerecord:add": "login login login deny deny deny deny deny deny deny",
    "mergerecord:delete": "login login login deny deny deny deny deny deny deny",
    "mergerecord:edit": "login login login deny deny deny deny deny deny deny",
    "mergerecord:history": "login login login deny deny deny deny deny deny deny",
    "mergerecord:history_results": "login login login deny deny deny deny deny deny deny",
    "mergerecord:index": "login login login deny deny ok deny deny deny ok",
    "mergerecord:index_results": "login login login deny deny ok deny deny deny ok",
    "mergerecord:inspect": "login login login deny deny ok deny deny deny ok",
    "mergerecord:usage": "login login login deny deny deny deny deny deny deny",
    "people:add_nip": "login redir ok redir redir redir redir redir redir redir",
    # Changing one's own login email, and withdrawing the change: POST only, logged in.
    "people:change_email": "login post post post post post post post post post",
    "people:cancel_email_change": "login post post post post post post post post post",
    # A confirmation link from an email: the signed token is the permission, no login.
    "people:confirm_identity": "ok ok ok ok ok ok ok ok ok ok",
    "people:request_merge": "login post post post post post post post post post",
    "people_add_nip": "login login login deny deny ok deny deny deny ok",
    "people_duplicates": "login login login deny deny ok deny deny deny ok",
    "people_merge": "login login login deny deny ok deny deny deny ok",
    "people_nip_import": "login login login deny deny ok deny deny deny ok",
    "people_nip_import_confirm": "login login login deny deny post deny deny deny post",
    "people_nip_import_job": "login login login deny deny ok deny deny deny 404",
    "people_nip_import_template": "login login login deny deny ok deny deny deny ok",
    "people:account": "login ok ok ok ok ok ok ok ok ok",
    "people:login": "ok redir redir redir redir redir redir redir redir redir",
    "people:logout": "post post post post post post post post post post",
    "people:my_data": "login ok ok ok ok ok ok ok ok ok",
    "people:password_reset": "ok ok ok ok ok ok ok ok ok ok",
    "people:password_reset_complete": "ok ok ok ok ok ok ok ok ok ok",
    # The link is the ASN's: logging in changes their last login, which retires the link.
    "people:password_reset_confirm": "redir ok redir redir redir redir redir redir redir redir",
    "people:password_reset_done": "ok ok ok ok ok ok ok ok ok ok",
    "people:register": "ok redir redir redir redir redir redir redir redir redir",
    "people:request_deletion": "login post post post post post post post post post",
    "people_import": "login login login deny deny ok deny deny deny ok",
    "people_import_confirm": "login login login deny deny post deny deny deny post",
    "people_import_job": "login login login deny deny ok deny deny deny 404",
    "people_import_template": "login login login deny deny ok deny deny deny ok",
    "people_process_deletion": "login login login deny deny ok deny deny deny ok",
    "question:add": "login login login ok deny ok deny deny deny ok",
    "question:copy": "login login login ok deny ok deny deny deny ok",
    "question:delete": "login login login ok deny ok deny deny deny ok",
    "question:edit": "login login login ok deny ok deny deny deny ok",
    "question:history": "login login login ok deny ok deny deny deny ok",
    "question:history_results": "login login login ok deny ok deny deny deny ok",
    "question:index": "login login login ok deny ok deny deny deny ok",
    "question:index_results": "login login login ok deny ok deny deny deny ok",
    "question:inspect": "login login login ok deny ok deny deny deny ok",
    "question:usage": "login login login ok deny ok deny deny deny ok",
    "quiz:add": "login login login ok deny ok deny deny deny ok",
    "quiz:copy": "login login login ok deny ok deny deny deny ok",
    "quiz:delete": "login login login ok deny ok deny deny deny ok",
    "quiz:edit": "login login login ok deny ok deny deny deny ok",
    "quiz:history": "login login login ok deny ok deny deny deny ok",
    "quiz:history_results": "login login login ok deny ok deny deny deny ok",
    "quiz:index": "login login login ok deny ok ok deny deny ok",
    "quiz:index_results": "login login login ok deny ok ok deny deny ok",
    "quiz:inspect": "login login login ok deny ok ok deny deny ok",
    "quiz:usage": "login login login ok deny ok deny deny deny ok",
    "quizzes:answer": "post post post post post post post post post post",
    "quizzes:attempt": "login ok 404 404 404 404 404 404 404 404",
    "quizzes:image": "login ok 404 404 404 404 404 404 404 404",
    "quizzes:index": "ok ok ok ok ok ok ok ok ok ok",
    "quizzes:quiz": "ok ok ok ok ok ok ok ok ok ok",
    "quizzes:result": "login redir 404 404 404 404 404 404 404 404",
    "quizzes:submit": "login post post post post post post post post post",
    "quizzes_item_analysis": "login login login deny deny ok ok deny deny ok",
    "quizzes_question_export": "login login login ok deny ok deny deny deny ok",
    "quizzes_question_from_fact_check": "login login login ok deny ok deny deny deny ok",
    "quizzes_question_import": "login login login ok deny ok deny deny deny ok",
    "quizzes_question_import_confirm": "login login login post deny post deny deny deny post",
    "quizzes_question_import_job": "login login login 404 deny ok deny deny deny 404",
    "quizzes_question_import_template": "login login login ok deny ok deny deny deny ok",
    "quizzes_session_results": "login login login deny deny ok ok deny deny ok",
    "registration:add": "login login login deny deny deny deny deny deny deny",
    "registration:delete": "login login login deny deny deny deny deny deny deny",
    "registration:edit": "login login login deny deny ok deny deny deny ok",
    "registration:history": "login login login deny deny ok deny deny deny ok",
    "registration:history_results": "login login login deny deny ok deny deny deny ok",
    "registration:index": "login login login deny deny ok ok deny deny ok",
    "registration:index_results": "login login login deny deny ok ok deny deny ok",
    "registration:inspect": "login login login deny deny ok ok deny deny ok",
    "registration:usage": "login login login deny deny ok deny deny deny ok",
    # The public report desk: the form, the code shown once (from the session, else back to
    # the form), the lookup and a report's status by its code (anyone holding it).
    "reports:form": "ok ok ok ok ok ok ok ok ok ok",
    "reports:sent": "redir redir redir redir redir redir redir redir redir redir",
    "reports:status": "ok ok ok ok ok ok ok ok ok ok",
    "reports:status_lookup": "ok ok ok ok ok ok ok ok ok ok",
    # "Buat cek fakta": triage and the right to add a fact-check (the desk; superusers).
    "reports_fact_check_draft": "login login login deny deny deny deny ok deny ok",
    "robots_txt": "ok ok ok ok ok ok ok ok ok ok",
    "search": "ok ok ok ok ok ok ok ok ok ok",
    "sitemap": "ok ok ok ok ok ok ok ok ok ok",
    "training_attendance_import": "login login login deny deny ok deny deny deny ok",
    "training_session_close": "login login login deny deny ok deny deny deny ok",
    "training_attendance_import_confirm": "login login login deny deny post deny deny deny post",
    "training_attendance_import_job": "login login login deny deny ok deny deny deny 404",
    "training_attendance_import_template": "login login login deny deny ok deny deny deny ok",
    "verificationlookup:add": "login login login deny deny deny deny deny deny deny",
    "verificationlookup:delete": "login login login deny deny deny deny deny deny deny",
    "verificationlookup:edit": "login login login deny deny deny deny deny deny deny",
    "verificationlookup:history": "login login login deny deny deny deny deny deny deny",
    "verificationlookup:history_results": "login login login deny deny deny deny deny deny deny",
    "verificationlookup:index": "login login login deny deny ok deny deny deny ok",
    "verificationlookup:index_results": "login login login deny deny ok deny deny deny ok",
    "verificationlookup:usage": "login login login deny deny deny deny deny deny deny",
    "wagtailsnippetchoosers_articles_topic:choose": "login login login ok ok ok ok ok ok ok",
    "wagtailsnippetchoosers_articles_topic:choose_results": "login login login ok ok ok ok ok ok ok",
    "wagtailsnippetchoosers_articles_topic:chosen": "login login login ok ok ok ok ok ok ok",
    "wagtailsnippetchoosers_articles_topic:chosen_multiple": "login login login ok ok ok ok ok ok ok",
    "wagtailsnippetchoosers_articles_topic:create": "login login login deny deny deny deny deny deny ok",
    "wagtailsnippets_articles_topic:add": "login login login deny deny deny deny deny deny ok",
    "wagtailsnippets_articles_topic:copy": "login login login deny deny deny deny deny deny ok",
    "wagtailsnippets_articles_topic:delete": "login login login deny deny deny deny deny deny ok",
    "wagtailsnippets_articles_topic:edit": "login login login deny deny deny deny deny deny ok",
    "wagtailsnippets_articles_topic:history": "login login login deny deny deny deny deny deny ok",
    "wagtailsnippets_articles_topic:history_results": "login login login deny deny deny deny deny deny ok",
    "wagtailsnippets_articles_topic:list": "login login login deny deny deny deny deny deny ok",
    "wagtailsnippets_articles_topic:list_results": "login login login deny deny deny deny deny deny ok",
    "wagtailsnippets_articles_topic:usage": "login login login deny deny deny deny deny deny ok",
    # Issue 22 (bank).
    # End of issue 22 (bank).
    # Issue 22 (selfassess).
    # The self-assessment form's POST under the pre-test; a GET goes back to the pre-test page.
    "SessionPage:pre_test_self_assessment": "redir redir redir redir redir redir redir redir redir redir",
    # Self-assessments are written like quizzes (editors, organizers); analysts read them.
    "selfassessment:add": "login login login ok deny ok deny deny deny ok",
    "selfassessment:delete": "login login login ok deny ok deny deny deny ok",
    "selfassessment:edit": "login login login ok deny ok deny deny deny ok",
    "selfassessment:history": "login login login ok deny ok deny deny deny ok",
    "selfassessment:history_results": "login login login ok deny ok deny deny deny ok",
    "selfassessment:index": "login login login ok deny ok ok deny deny ok",
    "selfassessment:index_results": "login login login ok deny ok ok deny deny ok",
    "selfassessment:inspect": "login login login ok deny ok ok deny deny ok",
    "selfassessment:usage": "login login login ok deny ok deny deny deny ok",
    # End of issue 22 (selfassess).
    # Issue 22 (engine).
    # End of issue 22 (engine).
    # Issue 22 (screens).
    # The literacy index: who reads statistics. Sasaran pelatihan: them and whoever may add a
    # session page under /sesi/ (organizers; editors and moderators may too, by Wagtail's page
    # permissions); its button's POST (a draft session) only for the latter.
    "stats_literacy": "login login login deny deny deny ok deny deny ok",
    "stats_literacy_aim": "login login login ok ok ok ok deny deny ok",
    "stats_literacy_aim_session": "login login login post post post deny deny deny post",
    # End of issue 22 (screens).
    # Issue 22 (outputs).
    # End of issue 22 (outputs).
    # Issue 22 (synthetic).
    # End of issue 22 (synthetic).
}


def test_every_url_of_the_project_has_an_entry():
    defined = project_url_names() | project_page_routes()
    # "<name>@<variant>": the same URL with another object of the world (a case not forwarded).
    named = {key.split("@")[0] for key in ACCESS}
    assert sorted(defined - set(ACCESS)) == [], "add these to ACCESS"
    assert sorted(named - defined) == [], "these no longer exist: remove them from ACCESS"


@pytest.mark.parametrize("role", ROLES)
def test_each_kind_of_user_gets_what_the_table_says(client, site_tree, role):
    world = build_world(site_tree)
    if role != "anonymous":
        client.force_login(world.users[role])
    column = ROLES.index(role)
    got = {key: SHORT[outcome(client.get(url))] for key, url in sorted(world.urls.items())}
    assert got == {key: ACCESS[key].split()[column] for key in got}
