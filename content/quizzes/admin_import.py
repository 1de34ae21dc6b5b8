"""The question bank in and out of spreadsheets, and fact-checks turned into questions, in the
Wagtail admin.

- The question import is the project's one import flow (content/base/import_flow.py): upload,
  preview of every row, confirm, all or nothing.
- The export writes the bank (or one topic of it) in the import template's format, so it can be
  edited and imported on another site.
- "Jadikan soal Hoaks atau Fakta?" makes a fact-check page the question of that kind, once.
"""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin import messages
from wagtail.admin.widgets import Button

from content.articles.models import FactCheckPage, Topic
from content.base.import_flow import XLSX_TYPE, SpreadsheetImport
from content.base.spreadsheets import RowAction
from content.quizzes import importing, services
from content.quizzes.models import Question

EXPORT_PERMISSION = "quizzes.view_question"
FACT_CHECK_PERMISSION = "quizzes.add_question"
FACT_CHECK_LABEL = "Jadikan soal Hoaks atau Fakta?"


def question_edit_url(question):
    return reverse("question:edit", args=[question.pk])


# The import --------------------------------------------------------------------------------


class ExportForm(forms.Form):
    topik = forms.ModelChoiceField(
        label="Topik", queryset=Topic.objects.all(), required=False, empty_label="Semua topik"
    )
    format = forms.ChoiceField(
        label="Format",
        choices=[("xlsx", "XLSX"), ("csv", "CSV")],
        required=False,
        initial="xlsx",
    )


class QuestionImport(SpreadsheetImport):
    name = "quizzes_question_import"
    url_path = "soal-impor"
    title = "Impor soal"
    permission = "quizzes.import_question"
    help_template = "quizzes/admin/import_help.html"
    row_label = "Pertanyaan"
    template_filename = "templat-impor-soal.xlsx"
    done_url_name = "question:index"

    def upload_context(self, request):
        if not request.user.has_perm(EXPORT_PERMISSION):
            return {}
        return {"export_form": ExportForm(auto_id="id_export_%s")}

    def preview(self, data, filename, options, progress):
        return importing.preview_question_import(
            importing.read_table(data, filename), progress=progress
        )

    def summary(self, preview):
        return _summary({action: preview.count(action) for action in RowAction})

    def apply(self, preview, options, user):
        counts = services.questions_import(preview=preview, by=user)
        return f"Impor selesai: {_summary(counts)}"

    def template_workbook(self, request):
        return importing.template_workbook()


def _summary(counts):
    return (
        f"{counts[RowAction.NEW]} soal baru, {counts[RowAction.UNCHANGED]} sudah ada di bank "
        "soal (dilewati)."
    )


question_import = QuestionImport()


# The export --------------------------------------------------------------------------------


@permission_required(EXPORT_PERMISSION, raise_exception=True)
def question_export(request):
    """The bank, or one topic of it (?topik=<id>), as XLSX or (?format=csv) CSV."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        raise Http404("Topik atau format tidak dikenal.")
    topic = form.cleaned_data["topik"]
    questions = Question.objects.select_related("topic").prefetch_related("options")
    if topic is not None:
        questions = questions.filter(topic=topic)
    questions = questions.order_by("topic__name", "pk")
    filename = f"bank-soal-{topic.slug}" if topic else "bank-soal"
    if form.cleaned_data["format"] == "csv":
        response = HttpResponse(importing.export_csv(questions), content_type="text/csv")
        filename += ".csv"
    else:
        response = HttpResponse(importing.export_workbook(questions), content_type=XLSX_TYPE)
        filename += ".xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# A fact-check as a question ----------------------------------------------------------------


class FactCheckQuestionForm(forms.Form):
    topic = forms.ModelChoiceField(
        label="Topik soal",
        queryset=Topic.objects.all(),
        empty_label="Pilih topik",
        help_text="Soal diambil acak dari topiknya bila kuis memakai soal acak.",
    )


@permission_required(FACT_CHECK_PERMISSION, raise_exception=True)
def question_from_fact_check(request, page_id):
    """GET: what the question will be, and its topic to confirm. POST: make it (once) and open
    it for editing. A fact-check that already has its question goes to that question."""
    page = get_object_or_404(FactCheckPage, pk=page_id)
    existing = Question.objects.filter(fact_check=page).first()
    if existing is not None:
        messages.info(request, "Cek fakta ini sudah menjadi soal. Ini soalnya.")
        return redirect(question_edit_url(existing))
    if not page.live:
        messages.error(
            request,
            "Terbitkan cek fakta ini dulu: soalnya menautkan peserta ke penjelasan di situs.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = FactCheckQuestionForm(request.POST or None, initial={"topic": page.topic})
    if request.method == "POST" and form.is_valid():
        question, created = services.question_from_fact_check(
            fact_check=page, topic=form.cleaned_data["topic"]
        )
        if created:
            messages.success(
                request,
                "Soal Hoaks atau Fakta? dibuat dari cek fakta ini. Periksa, lalu simpan bila ada "
                "yang diubah.",
            )
        else:
            messages.info(request, "Cek fakta ini sudah menjadi soal. Ini soalnya.")
        return redirect(question_edit_url(question))
    return TemplateResponse(
        request,
        "quizzes/admin/question_from_fact_check.html",
        {"page": page, "form": form, "title": FACT_CHECK_LABEL},
    )


def fact_check_button(page, user, *, priority):
    """The button to a fact-check's question, for the page's header and its listing menu; none
    for other pages, drafts, and people who may not add questions."""
    model = page.specific_class
    if model is None or not issubclass(model, FactCheckPage) or not page.live:
        return []
    if not user.has_perm(FACT_CHECK_PERMISSION):
        return []
    url = reverse("quizzes_question_from_fact_check", args=[page.pk])
    return [Button(FACT_CHECK_LABEL, url, icon_name="help", priority=priority)]


def get_urls():
    return [
        *question_import.get_urls(),
        path("soal-ekspor/", question_export, name="quizzes_question_export"),
        path(
            "soal-dari-cek-fakta/<int:page_id>/",
            question_from_fact_check,
            name="quizzes_question_from_fact_check",
        ),
    ]
