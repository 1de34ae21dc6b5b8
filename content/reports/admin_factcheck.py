"""'Buat cek fakta': a case becomes a fact-check draft in the normal editorial workflow.

GET shows what the draft will carry (the claim, which the desk may edit, the links as sources)
and the case's screenshots as checkboxes, with the warning that a ticked screenshot becomes a
PUBLIC image. POST drafts it (services/fact_checks.py) and opens the page editor. A case that has
its draft already goes straight to it.

Permission: reports.triage_case and the right to add a page under the fact-check section.
"""

import base64
import io

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from PIL import Image as PILImage
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Site

from content.articles.models import FactCheckPage, Topic
from content.articles.models.fact_checks import SHORT_CLAIM_LENGTH
from content.reports.admin_cases import CaseAction, register_case_action
from content.reports.models import Case
from content.reports.selectors import fact_checks as prefill_selectors
from content.reports.services import fact_checks

LABEL = "Buat cek fakta"
URL_NAME = "reports_fact_check_draft"
QUESTION_PERMISSION = "quizzes.add_question"
ALREADY = "Kasus ini sudah punya cek fakta; ini halamannya."
THUMBNAIL_SIZE = (480, 960)


class DraftForm(forms.Form):
    claim = forms.CharField(
        label="Klaim",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Diambil dari isi aduan. Hapus nama, nomor, atau data pribadi pelapor: klaim "
        "tampil di halaman cek fakta saat terbit.",
    )
    claim_short = forms.CharField(
        label="Klaim singkat",
        max_length=SHORT_CLAIM_LENGTH,
        help_text="Satu kalimat pendek; juga menjadi judul draf.",
    )
    screenshots = forms.TypedMultipleChoiceField(
        label="Tangkapan layar yang dipakai",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Hanya yang dicentang disalin ke koleksi gambar “Tangkapan layar aduan”.",
    )
    make_question = forms.BooleanField(
        label="Jadikan soal Hoaks atau Fakta? saat terbit",
        required=False,
        help_text="Tangkapan layar pertama yang dicentang menjadi gambar soal.",
    )
    topic = forms.ModelChoiceField(
        label="Topik",
        queryset=Topic.objects.order_by("name"),
        required=False,
        empty_label="Pilih topik",
        help_text="Wajib bila dijadikan soal: soal disimpan menurut topik.",
    )

    def __init__(self, *args, screenshots=(), may_make_question=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["screenshots"].choices = [
            (shot.pk, f"Tangkapan layar {number}") for number, shot in enumerate(screenshots, 1)
        ]
        if not may_make_question:
            # As the page's own panel: only those who may write the question bank.
            del self.fields["make_question"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("make_question") and cleaned.get("topic") is None:
            self.add_error("topic", "Pilih topik: soal Hoaks atau Fakta? disimpan menurut topik.")
        return cleaned


def _thumbnail(shot):
    """The screenshot, scaled down, as a data: URL: it is a private file, and it is shown here
    so the desk can see what it would make public."""
    with shot.image.open("rb") as handle, PILImage.open(handle) as picture:
        picture = picture.convert("RGB")
        picture.thumbnail(THUMBNAIL_SIZE)
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def draft_fact_check(request, case_id):
    if not request.user.has_perm(fact_checks.TRIAGE_PERMISSION):
        raise PermissionDenied
    case = get_object_or_404(Case, pk=case_id)
    index = prefill_selectors.fact_check_index(Site.find_for_request(request))
    if not fact_checks.may_draft_fact_check(request.user, index):
        raise PermissionDenied
    if (
        case.fact_check_id is not None
        and FactCheckPage.objects.filter(pk=case.fact_check_id).exists()
    ):
        messages.info(request, ALREADY)
        return redirect("wagtailadmin_pages:edit", case.fact_check_id)
    prefill = prefill_selectors.fact_check_prefill(case)
    may_make_question = request.user.has_perm(QUESTION_PERMISSION)
    drafted = None
    form = DraftForm(
        request.POST or None,
        initial={"claim": prefill.claim, "claim_short": prefill.claim_short},
        screenshots=prefill.screenshots,
        may_make_question=may_make_question,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            drafted = fact_checks.case_draft_fact_check(
                case,
                request.user,
                include_screenshots=data["screenshots"],
                claim=data["claim"],
                claim_short=data["claim_short"],
                make_question=data.get("make_question", False),
                topic=data["topic"],
                index=index,
            )
        except ValidationError as error:
            # The page's own rules (its full_clean): shown on the form, nothing drafted.
            form.add_error(None, error.messages)
            drafted = None
    if drafted is not None:
        if drafted.created:
            messages.success(
                request,
                "Draf cek fakta dibuat dan diajukan ke moderator. Lengkapi label dan "
                "penjelasannya.",
            )
        else:
            messages.info(request, ALREADY)
        return redirect("wagtailadmin_pages:edit", drafted.page.pk)
    checkboxes = {str(choice.data["value"]): choice for choice in form["screenshots"]}
    screenshots = [
        {
            "shot": shot,
            "checkbox": checkboxes.get(str(shot.pk)),
            "thumbnail": _thumbnail(shot),
        }
        for shot in prefill.screenshots
    ]
    return TemplateResponse(
        request,
        "reports/admin/factcheck/draft.html",
        {
            "title": LABEL,
            "case": case,
            "form": form,
            "prefill": prefill,
            "screenshots": screenshots,
            "index": index,
            "collection_name": fact_checks.SCREENSHOT_COLLECTION,
            "placeholder_verdict": fact_checks.PLACEHOLDER_VERDICT.label,
        },
    )


def _may_draft(request, case):
    index = prefill_selectors.fact_check_index(Site.find_for_request(request))
    return fact_checks.may_draft_fact_check(request.user, index)


# The case page's buttons (admin_cases.CASE_ACTIONS): "Buat cek fakta" until the case has its
# draft, then the way to that page in the editor.
register_case_action(
    CaseAction(
        label=LABEL,
        url_name=URL_NAME,
        method="get",
        permission=fact_checks.TRIAGE_PERMISSION,
        is_shown=lambda request, case: case.fact_check_id is None and _may_draft(request, case),
        icon="doc-full",
        order=10,
    )
)
register_case_action(
    CaseAction(
        label="Buka cek fakta",
        url=lambda case: reverse("wagtailadmin_pages:edit", args=[case.fact_check_id]),
        method="get",
        permission=fact_checks.TRIAGE_PERMISSION,
        is_shown=lambda request, case: case.fact_check_id is not None,
        icon="doc-full",
        order=10,
    )
)


@hooks.register("register_admin_urls")
def register_fact_check_admin_urls():
    return [path("aduan/kasus/<int:case_id>/cek-fakta/", draft_fact_check, name=URL_NAME)]


@hooks.register("before_publish_page")
def refuse_placeholder_fact_check(request, page):
    """The admin's "Terbitkan" refuses a fact-check still carrying the draft's placeholder
    explanation (the revision is kept). A workflow approval runs no such hook: then only the
    reporters' email waits (services/fact_checks.fact_check_published)."""
    if isinstance(page, FactCheckPage) and fact_checks.PLACEHOLDER_EXPLANATION in (
        page.explanation or ""
    ):
        messages.error(
            request,
            "Cek fakta ini masih memuat penjelasan sementara dari aduan. Tulis penjelasan dan "
            "pilih label yang benar, lalu terbitkan.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("register_log_actions")
def register_fact_check_log_actions(actions):
    actions.register_action(fact_checks.DRAFTED, "Buat draf cek fakta", "Draf cek fakta dibuat")
    actions.register_action(
        fact_checks.PUBLISHED, "Cek fakta terbit", "Cek fakta dari kasus ini terbit"
    )
