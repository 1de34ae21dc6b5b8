"""The quiz screens of the admin (wagtail_hooks.QuizViewSet).

Where an organizer chooses the sessions a quiz serves, the form says whether the answers of its
questions have already been shown to participants (Question.answer_shown_at), and suggests
drawing from the bank when every participant would get the same paper. A save that puts such a
quiz in front of participants (a new session, new times that open a test again, or new
questions while a test is open) warns; it is not refused, since a quiz may rightly be used
again. The listing and the inspect page say it too. A save also ends the attempts still open
in a test the organizer has just closed (services.attempts_fit_to_windows), so that "closed"
means no one can answer any more and the answers can be shown.
"""

from django.utils import formats, timezone
from wagtail.admin import messages
from wagtail.admin.panels import InlinePanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CopyView, CreateView, EditView, IndexView, InspectView

from content.quizzes import selectors, services
from content.quizzes.forms import QuizForm
from content.quizzes.models import Quiz


def _date(moment):
    return formats.date_format(timezone.localtime(moment), "j F Y")


def answers_shown_sentence(shown):
    """The sentence organizers read about a quiz's shown answers; "" when none was shown."""
    if not shown.shown:
        return ""
    return (
        f"Jawaban {shown.shown} dari {shown.total} soal yang dapat muncul di kuis ini sudah "
        f"pernah ditampilkan kepada peserta (pertama kali {_date(shown.since)})."
    )


class BeforeSessionUsePanel(Panel):
    """Above the quiz's sessions: whether its answers have been shown, and whether every
    participant gets the same questions (then drawing from the bank is suggested)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "quizzes/admin/before_session_use.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            quiz = self.instance
            self.shown = selectors.answers_shown(quiz) if quiz.pk else None
            self.same_paper = not quiz.pk or (
                not quiz.picked_draw_count and not quiz.draws.exists()
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["shown_sentence"] = answers_shown_sentence(self.shown) if self.shown else ""
            context["same_paper"] = self.same_paper
            return context


def quiz_edit_handler():
    """Quiz.panels with BeforeSessionUsePanel just above the session tests."""
    panels = []
    for panel in Quiz.panels:
        if isinstance(panel, InlinePanel) and panel.relation_name == "session_tests":
            panels.append(BeforeSessionUsePanel(heading="Sebelum dipakai di sosialisasi"))
        panels.append(panel)
    return ObjectList(panels, base_form_class=QuizForm)


class _WarnsOnSessionUse:
    """Create and edit: end the attempts a closed test leaves open, and warn when the save puts
    a quiz whose answers have been shown in front of a session."""

    def save_instance(self):
        self.exposed = self.form.session_tests_exposed(now=timezone.now())
        quiz = super().save_instance()
        services.attempts_fit_to_windows(quiz=quiz)
        return quiz

    def save_action(self):
        response = super().save_action()
        shown = selectors.answers_shown(self.object)
        if self.exposed and shown.shown:
            sessions = ", ".join(
                f"{test.get_purpose_display()} {test.session.title}" for test in self.exposed
            )
            messages.warning(
                self.request,
                f"Perhatian: kuis ini kini dipakai untuk {sessions}. "
                f"{answers_shown_sentence(shown)} Peserta bisa saja sudah mengetahui "
                "jawabannya. Pertimbangkan soal acak dari bank soal yang lebih besar, atau soal "
                "baru.",
            )
        return response


class QuizCreateView(_WarnsOnSessionUse, CreateView):
    pass


class QuizEditView(_WarnsOnSessionUse, EditView):
    pass


class QuizCopyView(_WarnsOnSessionUse, CopyView):
    pass


class QuizInspectView(InspectView):
    """Adds whether the quiz's answers have been shown."""

    ANSWERS_SHOWN = "answers_shown"

    def get_fields(self):
        return [*super().get_fields(), self.ANSWERS_SHOWN]

    def get_field_label(self, field_name, field):
        if field_name == self.ANSWERS_SHOWN:
            return "Jawaban pernah ditampilkan"
        return super().get_field_label(field_name, field)

    def get_answers_shown_display_value(self):
        sentence = answers_shown_sentence(selectors.answers_shown(self.object))
        return sentence or "Belum pernah"


def _first_shown(quiz):
    moments = [quiz.picked_shown_since, quiz.drawn_shown_since]
    moments = [moment for moment in moments if moment is not None]
    return f"Ya, sejak {_date(min(moments))}" if moments else "Belum"


class QuizIndexView(IndexView):
    """The listing, with when each quiz's answers were first shown (two subqueries, however
    many quizzes)."""

    def get_base_queryset(self):
        return selectors.with_answers_shown_since(super().get_base_queryset())


def answers_shown_column():
    return Column("answers_shown", label="Jawaban pernah ditampilkan", accessor=_first_shown)


def pillar_column():
    """The bank listing's pillar, under a short heading: the field's own name ("Pilar literasi
    digital") would take a phone's width from the question's text."""
    return Column("pillar", label="Pilar", accessor="get_pillar_display", sort_key="pillar")
