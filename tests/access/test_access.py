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
    # key: anonymous asn ptt editor moderator organizer analyst superuser
    "ArticleIndexPage": "ok ok ok ok ok ok ok ok",
    "ArticleIndexPage:atom": "ok ok ok ok ok ok ok ok",
    "ArticleIndexPage:rss": "ok ok ok ok ok ok ok ok",
    "ArticleIndexPage:tag": "ok ok ok ok ok ok ok ok",
    "ArticleIndexPage:topic": "ok ok ok ok ok ok ok ok",
    "ArticlePage": "ok ok ok ok ok ok ok ok",
    "FactCheckIndexPage": "ok ok ok ok ok ok ok ok",
    "FactCheckIndexPage:atom": "ok ok ok ok ok ok ok ok",
    "FactCheckIndexPage:rss": "ok ok ok ok ok ok ok ok",
    "FactCheckIndexPage:tag": "ok ok ok ok ok ok ok ok",
    "FactCheckIndexPage:topic": "ok ok ok ok ok ok ok ok",
    "FactCheckPage": "ok ok ok ok ok ok ok ok",
    "HomePage": "ok ok ok ok ok ok ok ok",
    "SessionIndexPage": "ok ok ok ok ok ok ok ok",
    "SessionPage": "ok ok ok ok ok ok ok ok",
    "SessionPage:attendance_sheet": "login deny deny deny deny ok deny ok",
    "SessionPage:calendar": "ok ok ok ok ok ok ok ok",
    "SessionPage:cancel": "login ok redir redir redir redir redir redir",
    "SessionPage:checkin_close": "deny deny deny deny deny redir deny redir",
    "SessionPage:checkin_open": "deny deny deny deny deny redir deny redir",
    "SessionPage:post_test": "ok ok ok ok ok ok ok ok",
    "SessionPage:pre_test": "ok ok ok ok ok ok ok ok",
    "SessionPage:projector": "login deny deny deny deny ok deny ok",
    "SessionPage:projector_status": "deny deny deny deny deny ok deny ok",
    "SessionPage:register": "redir redir redir redir redir redir redir redir",
    "agency:add": "login login login deny deny ok deny ok",
    "agency:delete": "login login login deny deny deny deny ok",
    "agency:edit": "login login login deny deny ok deny ok",
    "agency:history": "login login login deny deny ok deny ok",
    "agency:history_results": "login login login deny deny ok deny ok",
    "agency:index": "login login login deny deny ok ok ok",
    "agency:index_results": "login login login deny deny ok ok ok",
    "agency:usage": "login login login deny deny ok deny ok",
    "attempt:add": "login login login deny deny deny deny deny",
    "attempt:delete": "login login login deny deny deny deny deny",
    "attempt:edit": "login login login deny deny deny deny deny",
    "attempt:history": "login login login deny deny deny deny deny",
    "attempt:history_results": "login login login deny deny deny deny deny",
    "attempt:index": "login login login deny deny ok ok ok",
    "attempt:index_results": "login login login deny deny ok ok ok",
    "attempt:inspect": "login login login deny deny ok ok ok",
    "attempt:usage": "login login login deny deny deny deny deny",
    "attendance:add": "login login login deny deny ok deny ok",
    "attendance:delete": "login login login deny deny deny deny deny",
    "attendance:edit": "login login login deny deny ok deny ok",
    "attendance:history": "login login login deny deny ok deny ok",
    "attendance:history_results": "login login login deny deny ok deny ok",
    "attendance:index": "login login login deny deny ok ok ok",
    "attendance:index_results": "login login login deny deny ok ok ok",
    "attendance:inspect": "login login login deny deny ok ok ok",
    "attendance:usage": "login login login deny deny ok deny ok",
    "attendancecorrection:add": "login login login deny deny deny deny deny",
    "attendancecorrection:delete": "login login login deny deny deny deny deny",
    "attendancecorrection:edit": "login login login deny deny deny deny deny",
    "attendancecorrection:history": "login login login deny deny deny deny deny",
    "attendancecorrection:history_results": "login login login deny deny deny deny deny",
    "attendancecorrection:index": "login login login deny deny ok deny ok",
    "attendancecorrection:index_results": "login login login deny deny ok deny ok",
    "attendancecorrection:inspect": "login login login deny deny ok deny ok",
    "attendancecorrection:usage": "login login login deny deny deny deny deny",
    "checkin_code": "login ok ok ok ok ok ok ok",
    "checkin_scan": "login ok ok deny deny deny deny deny",
    "deletionrequest:add": "login login login deny deny deny deny deny",
    "deletionrequest:delete": "login login login deny deny deny deny deny",
    "deletionrequest:edit": "login login login deny deny deny deny deny",
    "deletionrequest:history": "login login login deny deny deny deny deny",
    "deletionrequest:history_results": "login login login deny deny deny deny deny",
    "deletionrequest:index": "login login login deny deny ok deny ok",
    "deletionrequest:index_results": "login login login deny deny ok deny ok",
    "deletionrequest:inspect": "login login login deny deny ok deny ok",
    "deletionrequest:usage": "login login login deny deny deny deny deny",
    "identitychange:add": "login login login deny deny deny deny deny",
    "identitychange:delete": "login login login deny deny deny deny deny",
    "identitychange:edit": "login login login deny deny deny deny deny",
    "identitychange:history": "login login login deny deny deny deny deny",
    "identitychange:history_results": "login login login deny deny deny deny deny",
    "identitychange:index": "login login login deny deny ok deny ok",
    "identitychange:index_results": "login login login deny deny ok deny ok",
    "identitychange:inspect": "login login login deny deny ok deny ok",
    "identitychange:usage": "login login login deny deny deny deny deny",
    "participant:add": "login login login deny deny ok deny ok",
    "participant:delete": "login login login deny deny deny deny deny",
    "participant:edit": "login login login deny deny ok deny ok",
    "participant:history": "login login login deny deny ok deny ok",
    "participant:history_results": "login login login deny deny ok deny ok",
    "participant:index": "login login login deny deny ok ok ok",
    "participant:index_results": "login login login deny deny ok ok ok",
    "participant:inspect": "login login login deny deny ok ok ok",
    "participant:usage": "login login login deny deny ok deny ok",
    "people:account": "login ok ok ok ok ok ok ok",
    "people:login": "ok redir redir redir redir redir redir redir",
    "people:logout": "post post post post post post post post",
    "people:my_data": "login ok ok ok ok ok ok ok",
    "people:password_reset": "ok ok ok ok ok ok ok ok",
    "people:password_reset_complete": "ok ok ok ok ok ok ok ok",
    # The link is the ASN's: logging in changes their last login, which retires the link.
    "people:password_reset_confirm": "redir ok redir redir redir redir redir redir",
    "people:password_reset_done": "ok ok ok ok ok ok ok ok",
    "people:register": "ok redir redir redir redir redir redir redir",
    "people:request_deletion": "login post post post post post post post",
    "people_import": "login login login deny deny ok deny ok",
    "people_import_confirm": "login login login deny deny post deny post",
    "people_import_job": "login login login deny deny ok deny 404",
    "people_import_template": "login login login deny deny ok deny ok",
    "people_process_deletion": "login login login deny deny ok deny ok",
    "question:add": "login login login ok deny ok deny ok",
    "question:copy": "login login login ok deny ok deny ok",
    "question:delete": "login login login ok deny ok deny ok",
    "question:edit": "login login login ok deny ok deny ok",
    "question:history": "login login login ok deny ok deny ok",
    "question:history_results": "login login login ok deny ok deny ok",
    "question:index": "login login login ok deny ok deny ok",
    "question:index_results": "login login login ok deny ok deny ok",
    "question:inspect": "login login login ok deny ok deny ok",
    "question:usage": "login login login ok deny ok deny ok",
    "quiz:add": "login login login ok deny ok deny ok",
    "quiz:copy": "login login login ok deny ok deny ok",
    "quiz:delete": "login login login ok deny ok deny ok",
    "quiz:edit": "login login login ok deny ok deny ok",
    "quiz:history": "login login login ok deny ok deny ok",
    "quiz:history_results": "login login login ok deny ok deny ok",
    "quiz:index": "login login login ok deny ok ok ok",
    "quiz:index_results": "login login login ok deny ok ok ok",
    "quiz:inspect": "login login login ok deny ok ok ok",
    "quiz:usage": "login login login ok deny ok deny ok",
    "quizzes:answer": "post post post post post post post post",
    "quizzes:attempt": "login ok 404 404 404 404 404 404",
    "quizzes:quiz": "ok ok ok ok ok ok ok ok",
    "quizzes:result": "login redir 404 404 404 404 404 404",
    "quizzes:submit": "login post post post post post post post",
    "quizzes_item_analysis": "login login login deny deny ok ok ok",
    "quizzes_question_export": "login login login ok deny ok deny ok",
    "quizzes_question_from_fact_check": "login login login ok deny ok deny ok",
    "quizzes_question_import": "login login login ok deny ok deny ok",
    "quizzes_question_import_confirm": "login login login post deny post deny post",
    "quizzes_question_import_job": "login login login 404 deny ok deny 404",
    "quizzes_question_import_template": "login login login ok deny ok deny ok",
    "quizzes_session_results": "login login login deny deny ok ok ok",
    "registration:add": "login login login deny deny deny deny deny",
    "registration:delete": "login login login deny deny deny deny deny",
    "registration:edit": "login login login deny deny ok deny ok",
    "registration:history": "login login login deny deny ok deny ok",
    "registration:history_results": "login login login deny deny ok deny ok",
    "registration:index": "login login login deny deny ok ok ok",
    "registration:index_results": "login login login deny deny ok ok ok",
    "registration:inspect": "login login login deny deny ok ok ok",
    "registration:usage": "login login login deny deny ok deny ok",
    "robots_txt": "ok ok ok ok ok ok ok ok",
    "search": "ok ok ok ok ok ok ok ok",
    "sitemap": "ok ok ok ok ok ok ok ok",
    "training_attendance_import": "login login login deny deny ok deny ok",
    "training_attendance_import_confirm": "login login login deny deny post deny post",
    "training_attendance_import_job": "login login login deny deny ok deny 404",
    "training_attendance_import_template": "login login login deny deny ok deny ok",
    "wagtailsnippetchoosers_articles_topic:choose": "login login login ok ok ok ok ok",
    "wagtailsnippetchoosers_articles_topic:choose_results": "login login login ok ok ok ok ok",
    "wagtailsnippetchoosers_articles_topic:chosen": "login login login ok ok ok ok ok",
    "wagtailsnippetchoosers_articles_topic:chosen_multiple": "login login login ok ok ok ok ok",
    "wagtailsnippetchoosers_articles_topic:create": "login login login deny deny deny deny ok",
    "wagtailsnippets_articles_topic:add": "login login login deny deny deny deny ok",
    "wagtailsnippets_articles_topic:copy": "login login login deny deny deny deny ok",
    "wagtailsnippets_articles_topic:delete": "login login login deny deny deny deny ok",
    "wagtailsnippets_articles_topic:edit": "login login login deny deny deny deny ok",
    "wagtailsnippets_articles_topic:history": "login login login deny deny deny deny ok",
    "wagtailsnippets_articles_topic:history_results": "login login login deny deny deny deny ok",
    "wagtailsnippets_articles_topic:list": "login login login deny deny deny deny ok",
    "wagtailsnippets_articles_topic:list_results": "login login login deny deny deny deny ok",
    "wagtailsnippets_articles_topic:usage": "login login login deny deny deny deny ok",
}


def test_every_url_of_the_project_has_an_entry():
    defined = project_url_names() | project_page_routes()
    assert sorted(defined - set(ACCESS)) == [], "add these to ACCESS"
    assert sorted(set(ACCESS) - defined) == [], "these no longer exist: remove them from ACCESS"


@pytest.mark.parametrize("role", ROLES)
def test_each_kind_of_user_gets_what_the_table_says(client, site_tree, role):
    world = build_world(site_tree)
    if role != "anonymous":
        client.force_login(world.users[role])
    column = ROLES.index(role)
    got = {key: SHORT[outcome(client.get(url))] for key, url in sorted(world.urls.items())}
    assert got == {key: ACCESS[key].split()[column] for key in got}
