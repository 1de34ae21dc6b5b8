from django.urls import reverse
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from content.articles.extensions import ARTICLE_LINKS_HOOK
from content.base.admin_views import LimitedActionsPolicy, ProtectedDeleteView
from content.base.import_jobs import IMPORT_FLOW_HOOK
from content.base.site_menu import SITE_MENU_HOOK, SiteMenuItem
from content.people.account import ACCOUNT_SECTION_HOOK, AccountSection
from content.quizzes import (
    admin_import,
    admin_quizzes,
    admin_results,
    links,
    selectors,
    self_assessment_selectors,
)
from content.quizzes.forms import QuestionForm, SelfAssessmentForm
from content.quizzes.models import Attempt, Question, Quiz, SelfAssessment
from content.training.extensions import SESSION_LINKS_HOOK

# Attempts are written by the participant taking the quiz, through the services; the admin
# only reads them.
register_permission_policy(Attempt, LimitedActionsPolicy(Attempt, actions=("view",)))


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = "Bank soal"
    add_to_admin_menu = False
    edit_handler = ObjectList(Question.panels, base_form_class=QuestionForm)
    # The pillar of digital literacy a question measures (the index counts only those with one).
    list_display = ["__str__", "topic", admin_quizzes.pillar_column(), "kind", "updated_at"]
    list_filter = ["topic", "pillar", "indicator", "kind"]
    search_fields = ["text"]
    search_backend_name = None
    copy_view_enabled = True
    inspect_view_enabled = True
    # A question that was answered or is in a quiz stays: attempts are scored from it.
    delete_view_class = ProtectedDeleteView


class QuizViewSet(ModelViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = "Kuis"
    list_display = [
        "title",
        "topic",
        "self_paced",
        "opens_at",
        "closes_at",
        admin_quizzes.answers_shown_column(),
    ]
    list_filter = ["topic", "self_paced"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = True
    inspect_view_enabled = True
    delete_view_class = ProtectedDeleteView
    # Organizers are warned where they choose a quiz's sessions if its answers were shown.
    edit_handler = admin_quizzes.quiz_edit_handler()
    add_view_class = admin_quizzes.QuizCreateView
    edit_view_class = admin_quizzes.QuizEditView
    copy_view_class = admin_quizzes.QuizCopyView
    inspect_view_class = admin_quizzes.QuizInspectView
    index_view_class = admin_quizzes.QuizIndexView


class SelfAssessmentViewSet(ModelViewSet):
    """Self-assessments (swanilai): statements per pillar, attached to a session's pre-test from
    the quiz's "Dipakai di sosialisasi". Written by editors and organizers like the quizzes
    (permissions.py). One that was answered, or is attached, cannot be deleted (its responses
    and session tests keep it); its rated statements keep their pillar and direction
    (forms.SelfAssessmentForm)."""

    model = SelfAssessment
    icon = "list-ol"
    menu_label = "Swanilai"
    edit_handler = ObjectList(SelfAssessment.panels, base_form_class=SelfAssessmentForm)
    list_display = ["title", "updated_at"]
    search_fields = ["title"]
    search_backend_name = None
    inspect_view_enabled = True
    # Copying would carry the statements' ids over to the copy's form: not offered.
    copy_view_enabled = False
    delete_view_class = ProtectedDeleteView


class AttemptViewSet(ModelViewSet):
    model = Attempt
    icon = "doc-full"
    menu_label = "Percobaan"
    # Read-only (see the permission policy above): no form is ever shown.
    form_fields = []
    list_display = ["participant", "quiz", "purpose", "session", "status", "score", "started_at"]
    list_filter = ["quiz", "purpose", "status", "session"]
    search_fields = ["participant__full_name", "participant__email"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    list_export = [
        "quiz",
        "get_purpose_display",
        "session",
        "participant",
        "agency",
        "get_participant_group_display",
        "number",
        "get_status_display",
        "started_at",
        "finished_at",
        "score",
        "passed",
    ]
    export_headings = {
        "quiz": "Kuis",
        "get_purpose_display": "Jenis",
        "session": "Sosialisasi",
        "participant": "Nama",
        "agency": "OPD saat itu",
        "get_participant_group_display": "Kelompok saat itu",
        "number": "Percobaan ke-",
        "get_status_display": "Status",
        "started_at": "Mulai (WIB)",
        "finished_at": "Selesai (WIB)",
        "score": "Nilai",
        "passed": "Lulus",
    }
    export_filename = "percobaan-kuis-lentera"

    def get_queryset(self, request):
        return Attempt.objects.select_related("quiz", "session", "participant", "agency")


class QuizGroup(ViewSetGroup):
    menu_label = "Kuis"
    menu_icon = "tasks"
    menu_order = 270
    items = (QuestionViewSet, QuizViewSet, SelfAssessmentViewSet, AttemptViewSet)


@hooks.register("register_admin_viewset")
def register_quiz_viewsets():
    return QuizGroup()


@hooks.register(ACCOUNT_SECTION_HOOK)
def register_attempts_account_section():
    return AccountSection(
        key="kuis",
        title="Kuis",
        template="quizzes/account/attempts.html",
        items=selectors.participant_attempts,
        export=selectors.participant_attempts_export,
        order=20,
    )


@hooks.register(ACCOUNT_SECTION_HOOK)
def register_self_assessment_account_section():
    # Only the person's own self-assessments, in Akun saya and in their data download.
    return AccountSection(
        key="swanilai",
        title="Swanilai literasi digital",
        template="quizzes/account/self_assessments.html",
        items=self_assessment_selectors.self_assessment_scores,
        export=self_assessment_selectors.self_assessment_export,
        order=21,
    )


@hooks.register(SESSION_LINKS_HOOK)
def register_session_test_links(session, request):
    return links.session_test_links(session, request)


@hooks.register(ARTICLE_LINKS_HOOK)
def register_article_quiz_links(article, request):
    return links.article_quiz_links(article, request)


# Organizer reports: pre/post-test results per session, item analysis.
@hooks.register("register_admin_urls")
def register_quiz_results_admin_urls():
    return admin_results.get_urls()


@hooks.register("register_reports_menu_item")
def register_session_results_menu_item():
    return admin_results.session_results_menu_item()


@hooks.register("register_reports_menu_item")
def register_item_analysis_menu_item():
    return admin_results.item_analysis_menu_item()


# Question import and export, and fact-checks as questions.
@hooks.register("register_admin_urls")
def register_question_import_admin_urls():
    return admin_import.get_urls()


@hooks.register("register_admin_menu_item")
def register_question_import_menu_item():
    return admin_import.question_import.menu_item(order=275)


@hooks.register(IMPORT_FLOW_HOOK)
def register_question_import():
    return admin_import.question_import


@hooks.register("register_page_header_buttons")
def register_fact_check_question_header_button(page, user, view_name, next_url=None):
    return admin_import.fact_check_button(page, user, priority=60)


@hooks.register("register_page_listing_more_buttons")
def register_fact_check_question_listing_button(page, user, next_url=None):
    return admin_import.fact_check_button(page, user, priority=60)


@hooks.register(SITE_MENU_HOOK)
def quizzes_menu_item():
    # The main navigation (content/base/site_menu.py).
    return SiteMenuItem(
        order=40, label="Kuis", url=reverse("quizzes:index"), current_prefix="/kuis/"
    )
