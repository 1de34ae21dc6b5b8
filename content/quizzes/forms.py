"""Admin forms for the question bank: a question's options must make an answerable question
(rules.answerable_problems, the rule the import and the bank's services ask too), and its
sub-indicator must belong to its pillar (rules.question_pillar, likewise). Also the quiz's
form, and the self-assessment's, which keeps what rated statements measure."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from content.quizzes import rules, services
from content.quizzes.models import Rating


class QuestionForm(WagtailAdminModelForm):
    def _options_kept(self):
        formset = self.formsets["options"]
        return [
            form.cleaned_data
            for form in formset.forms
            if form.is_valid()
            and form.cleaned_data.get("text")
            and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        cleaned = super().clean()
        options = [(option["text"], option.get("is_correct")) for option in self._options_kept()]
        # The form shows the most telling problem of the rule (rules.answerable_problems).
        if problems := rules.answerable_problems(cleaned.get("kind"), options):
            raise problems[0]
        # A sub-indicator given without a pillar names the pillar (rules.question_pillar).
        try:
            cleaned["pillar"] = rules.question_pillar(
                cleaned.get("pillar"), cleaned.get("indicator")
            )
        except ValidationError as error:
            self.add_error("indicator", error)
        return cleaned

    def save(self, commit=True):
        question = super().save(commit=commit)
        if commit:
            # True/false and "Hoaks atau Fakta?" always offer the same options.
            services.question_sync_fixed_options(question)
        return question


def _kept(formset):
    """The forms of an inline formset that will be saved: valid, filled in, not deleted."""
    return [
        form
        for form in formset.forms
        if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class QuizForm(WagtailAdminModelForm):
    """A quiz's admin form: the pool drawn from its picked questions fits in them, and the
    form tells which session tests a save puts in front of participants (the views warn when
    the quiz's answers have been shown)."""

    # What makes a session test take answers again: a session it did not serve, or new times.
    _REOPENING = {"session", "purpose", "opens_at", "closes_at"}

    def clean(self):
        cleaned = super().clean()
        count = cleaned.get("picked_draw_count")
        picked = len(_kept(self.formsets["picked"]))
        if count and count > picked:
            self.add_error(
                "picked_draw_count",
                f"Soal pilihan hanya {picked}; jumlah soal acak tidak boleh lebih dari itu.",
            )
        return cleaned

    def session_tests_exposed(self, *, now):
        """The session tests (unsaved ones included) that this save puts in front of
        participants: those it attaches to a session or gives new times (all of them when the
        quiz's own times change: they serve the tests without times of their own), and, when
        the questions it can ask change, those still taking answers."""
        quiz_times_changed = bool({"opens_at", "closes_at"} & set(self.changed_data))
        questions_changed = (
            "picked_draw_count" in self.changed_data
            or self.formsets["picked"].has_changed()
            or self.formsets["draws"].has_changed()
        )
        exposed = []
        for form in _kept(self.formsets["session_tests"]):
            values = form.cleaned_data
            if not values.get("session"):
                continue
            reopened = (
                form.instance.pk is None
                or self._REOPENING & set(form.changed_data)
                or quiz_times_changed
            )
            closes_at = values.get("closes_at") or self.cleaned_data.get("closes_at")
            if reopened or (questions_changed and rules.takes_answers(closes_at, now=now)):
                exposed.append(form.instance)
        return exposed


# What a rated statement keeps: its ratings were given, and are scored, as that pillar and way
# round. Its wording may still be corrected (a typo); what it measures may not change.
_RATED_KEEPS = {"pillar": "pilar", "reversed": "pernyataan terbalik"}


class SelfAssessmentForm(WagtailAdminModelForm):
    """A self-assessment's admin form: once participants have rated a statement, it cannot be
    deleted (its ratings keep it: Rating.statement is PROTECT) nor have its pillar or its
    reversed flag changed, which would silently rescore every response given. The editor is told
    why, and that a new statement (or a new self-assessment) is the way to ask something else."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets["statements"]
        ids = [form.instance.pk for form in formset.forms if form.instance.pk]
        rated = set(
            Rating.objects.filter(statement_id__in=ids)
            .values_list("statement_id", flat=True)
            .distinct()
        )
        for form in formset.forms:
            if form.instance.pk not in rated or not form.is_valid():
                continue
            text = form.initial.get("text") or form.instance.text
            if form.cleaned_data.get("DELETE"):
                self.add_error(
                    None,
                    f"Pernyataan “{text}” sudah dijawab peserta, sehingga tidak dapat dihapus: "
                    "jawaban mereka dinilai dari pernyataan itu. Tambahkan pernyataan baru bila "
                    "perlu.",
                )
                continue
            for name, label in _RATED_KEEPS.items():
                if name in form.changed_data:
                    message = (
                        f"Pernyataan “{text}” sudah dijawab peserta, sehingga {label}-nya tidak "
                        "dapat diubah: jawaban mereka akan ikut dinilai ulang. Tambahkan "
                        "pernyataan baru, atau buat swanilai baru."
                    )
                    form.add_error(name, message)
                    self.add_error(None, message)
        return cleaned
