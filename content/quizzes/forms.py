"""Admin forms for the question bank: a question's options must make an answerable question."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from content.quizzes import services
from content.quizzes.models import QuestionKind


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
        kind = cleaned.get("kind")
        if kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            return cleaned
        options = self._options_kept()
        correct = sum(1 for option in options if option.get("is_correct"))
        if len(options) < 2:
            raise forms.ValidationError("Tulis paling sedikit dua pilihan jawaban.")
        if kind == QuestionKind.SINGLE and correct != 1:
            raise forms.ValidationError(
                "Soal pilihan tunggal harus punya tepat satu jawaban benar."
            )
        if kind == QuestionKind.MULTIPLE and correct < 1:
            raise forms.ValidationError("Tandai paling sedikit satu jawaban benar.")
        if len({option["text"].strip().casefold() for option in options}) < len(options):
            raise forms.ValidationError("Ada pilihan jawaban yang ditulis dua kali.")
        return cleaned

    def save(self, commit=True):
        question = super().save(commit=commit)
        if commit:
            # True/false and "Hoaks atau Fakta?" always offer the same options.
            services.question_sync_fixed_options(question)
        return question
