"""The organizers' quiz reports in the admin: a session's pre-test against its post-test, and the
item analysis of a quiz. Both are Wagtail ReportViews, so `?export=csv` and `?export=xlsx`
download their tables (through content/base/exports.py, which neutralises formula cells and
writes times in WIB). A second table of the same report is exported with `&tabel=<name>`.

Who may open them: holders of quizzes.view_attempt (Organizer, Analyst, superusers). The
participant table shows the NIP, which organizers may see; it never appears on public pages.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils import formats
from django.utils.functional import cached_property
from wagtail.admin.views.reports import ReportView

from content.base.admin_menu import PermissionMenuItem
from content.quizzes import item_notes, results
from content.quizzes.models import Attempt, Purpose, Quiz, SessionTest
from content.training.models import SessionPage

PERMISSION = "quizzes.view_attempt"


def _sessions_with_tests():
    """Sessions that have a pre- or post-test, or attempts left from one since removed."""
    return SessionPage.objects.filter(
        Q(pk__in=SessionTest.objects.values("session"))
        | Q(pk__in=Attempt.objects.filter(session__isnull=False).values("session"))
    ).order_by("-date", "title")


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{formats.date_format(obj.date, 'SHORT_DATE_FORMAT')} · {obj.title}"


class SessionResultsForm(forms.Form):
    sesi = SessionChoiceField(
        label="Sosialisasi", queryset=SessionPage.objects.none(), empty_label="Pilih sosialisasi"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sesi"].queryset = _sessions_with_tests()


class ItemAnalysisForm(forms.Form):
    kuis = forms.ModelChoiceField(
        label="Kuis", queryset=Quiz.objects.order_by("title"), empty_label="Pilih kuis"
    )
    jenis = forms.ChoiceField(
        label="Jenis", required=False, choices=[("", "Semua percobaan"), *Purpose.choices]
    )
    sesi = SessionChoiceField(
        label="Sosialisasi",
        required=False,
        queryset=SessionPage.objects.none(),
        empty_label="Semua sosialisasi",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sesi"].queryset = _sessions_with_tests()


class QuizReportView(ReportView):
    """A report computed by a selector from a GET form, with one or more exportable tables:
    `tables` maps a `tabel` value to (rows attribute of the result, columns, file name part);
    the first is the default."""

    form_class = None
    tables = {}
    paginate_by = None

    def dispatch(self, request, *args, **kwargs):
        # Inside the admin, a refusal sends the user back to the dashboard with a message.
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def form(self):
        return self.form_class(self.request.GET if self.request.GET else None)

    @cached_property
    def result(self):
        return self.compute(self.form.cleaned_data) if self.form.is_valid() else None

    def compute(self, cleaned_data):
        raise NotImplementedError

    @cached_property
    def table(self):
        name = self.request.GET.get("tabel")
        return name if name in self.tables else next(iter(self.tables))

    @property
    def list_export(self):
        return list(self.tables[self.table][1])

    @property
    def export_headings(self):
        return dict(self.tables[self.table][1])

    def get_filename(self):
        return f"{self.export_filename}-{self.tables[self.table][2]}"

    def get_queryset(self):
        if self.result is None:
            return []
        return getattr(self.result, self.tables[self.table][0])

    def export_url(self, table, export_format):
        params = self.request.GET.copy()
        params["tabel"] = table
        params["export"] = export_format
        return f"{self.request.path}?{params.urlencode()}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["result"] = self.result
        context["exports"] = {
            table: {"csv": self.export_url(table, "csv"), "xlsx": self.export_url(table, "xlsx")}
            for table in self.tables
        }
        return context


PARTICIPANT_COLUMNS = {
    "name": "Nama",
    "nip": "NIP",
    "agency": "OPD saat itu",
    "participant_group": "Kelompok saat itu",
    "pre": "Pre-test",
    "post": "Post-test",
    "gain": "Gain ternormalisasi (g)",
}
QUESTION_COLUMNS = {
    "question_id": "ID soal",
    "text": "Soal",
    "topic": "Topik",
    "pre_answers": "Dijawab di pre-test",
    "pre_percent": "Pre-test: rata-rata poin (%)",
    "post_answers": "Dijawab di post-test",
    "post_percent": "Post-test: rata-rata poin (%)",
    "change": "Perubahan (poin persen)",
}
ITEM_COLUMNS = {
    "question_id": "ID soal",
    "text": "Soal",
    "topic": "Topik",
    "pillar": "Pilar",
    "attempts": "Jumlah percobaan",
    "facility": "Tingkat kemudahan (%)",
    "discrimination": "Daya pembeda (%)",
    "quality": "Keterangan daya pembeda",
    # From the latest calculation of the literacy index (content/quizzes/item_notes.py).
    "difficulty": "Tingkat kesulitan (logit)",
    "infit": "Infit MNSQ",
    "outfit": "Outfit MNSQ",
    "fit": "Kecocokan dengan model Rasch",
}
DISTRIBUTION_COLUMNS = {"band": "Rentang nilai", "count": "Jumlah peserta"}


class SessionResultsView(QuizReportView):
    page_title = "Hasil pre/post-test per sosialisasi"
    header_icon = "tasks"
    template_name = "quizzes/admin/session_results.html"
    form_class = SessionResultsForm
    export_filename = "hasil-kuis"
    tables = {
        "peserta": ("rows", PARTICIPANT_COLUMNS, "peserta"),
        "soal": ("questions", QUESTION_COLUMNS, "soal"),
    }

    def compute(self, cleaned_data):
        return results.session_results(cleaned_data["sesi"])

    def get_filename(self):
        if self.result is None:
            return super().get_filename()
        return f"{self.export_filename}-{self.result.session.slug}-{self.tables[self.table][2]}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.result is not None:
            tests = SessionTest.objects.filter(session=self.result.session).select_related("quiz")
            context["tests"] = [
                {
                    "test": test,
                    "analysis_url": reverse("quizzes_item_analysis")
                    + f"?kuis={test.quiz_id}&jenis={test.purpose}&sesi={test.session_id}",
                }
                for test in sorted(tests, key=lambda test: test.purpose != Purpose.PRE)
            ]
        return context


class ItemAnalysisView(QuizReportView):
    page_title = "Analisis butir soal"
    header_icon = "tasks"
    template_name = "quizzes/admin/item_analysis.html"
    form_class = ItemAnalysisForm
    export_filename = "analisis-butir"
    tables = {
        "butir": ("items", ITEM_COLUMNS, "butir"),
        "sebaran": ("distribution_rows", DISTRIBUTION_COLUMNS, "sebaran-nilai"),
    }

    def compute(self, cleaned_data):
        return results.quiz_item_analysis(
            cleaned_data["kuis"],
            purpose=cleaned_data["jenis"] or None,
            session=cleaned_data["sesi"],
        )

    def get_filename(self):
        if self.result is None:
            return super().get_filename()
        return f"{self.export_filename}-{self.result.quiz.slug}-{self.tables[self.table][2]}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["misfit_label"] = item_notes.MISFIT_LABEL
        context["misfit_advice"] = item_notes.MISFIT_ADVICE
        return context


def get_urls():
    return [
        path(
            "kuis/hasil-sosialisasi/",
            SessionResultsView.as_view(),
            name="quizzes_session_results",
        ),
        path("kuis/analisis-butir/", ItemAnalysisView.as_view(), name="quizzes_item_analysis"),
    ]


def session_results_menu_item():
    """For Wagtail's "Laporan" (reports) menu, like the item analysis below."""
    return PermissionMenuItem(
        "Hasil pre/post-test",
        reverse("quizzes_session_results"),
        name="quizzes-session-results",
        icon_name="tasks",
        order=300,
        permission=PERMISSION,
    )


def item_analysis_menu_item():
    return PermissionMenuItem(
        "Analisis butir soal",
        reverse("quizzes_item_analysis"),
        name="quizzes-item-analysis",
        icon_name="tasks",
        order=310,
        permission=PERMISSION,
    )
