"""Public verification of certificates, and the holder's own download and claim."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from content.base import throttle
from content.base.clients import client_address
from content.base.errors import NotAllowed
from content.base.private_files import send_private_file
from content.certificates import codes, links, rules, selectors, services
from content.certificates.forms import CodeForm, UploadForm
from content.certificates.models import Certificate, VerificationLookup, VerificationResult
from content.quizzes.models import Quiz
from content.training.models import SessionPage

# Lookups per client address per minute: plenty for an HR office checking a pile by hand,
# too few to walk the code space.
LOOKUPS_PER_MINUTE = 30


def _throttled(request):
    return not throttle.hit(
        "certificate-verify", client_address(request), limit=LOOKUPS_PER_MINUTE, seconds=60
    )


def _too_many(request):
    response = TemplateResponse(request, "certificates/too_many.html", status=429)
    response["Retry-After"] = "60"
    return response


def _log(verification, *, code="", by_upload=False):
    VerificationLookup.objects.create(
        code=code[:64],
        by_upload=by_upload,
        result=verification.result,
        certificate=verification.certificate,
    )


def _result_page(request, verification):
    certificate = verification.certificate
    status = 404 if verification.result == VerificationResult.UNKNOWN else 200
    return TemplateResponse(
        request,
        "certificates/verify_result.html",
        {
            "verification": verification,
            "certificate": certificate,
            "masked_nip": selectors.masked_nip(certificate.holder_nip) if certificate else "",
            "grouped_code": codes.grouped(certificate.code) if certificate else "",
        },
        status=status,
    )


@never_cache
def verify(request):
    """The form: type a code, or upload the PDF to check it was not altered."""
    if request.method == "POST":
        if _throttled(request):
            return _too_many(request)
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            verification = selectors.by_upload(upload_form.cleaned_data["berkas"])
            _log(verification, by_upload=True)
            return _result_page(request, verification)
    else:
        upload_form = UploadForm()
        if "kode" in request.GET:
            # Typed any way (spaces, dashes, lower case): the code's page under its own spelling.
            code = codes.normalize(request.GET["kode"][:64]) or "-"
            return redirect("certificates:verify_code", code=code)
    return TemplateResponse(
        request,
        "certificates/verify.html",
        {"code_form": CodeForm(), "upload_form": upload_form},
    )


@never_cache
def verify_code(request, code):
    if _throttled(request):
        return _too_many(request)
    verification = selectors.by_code(code)
    # The code as stored, or "" for what cannot be one: the log never keeps arbitrary input.
    _log(verification, code=codes.normalize(code))
    return _result_page(request, verification)


@never_cache
@login_required
def download(request, code):
    """The PDF, to its holder and to those rules.may_download allows; 404 to anyone else (the
    code names no certificate for them)."""
    certificate = get_object_or_404(Certificate.objects.select_related("template"), code=code)
    if not rules.may_download(request.user, certificate):
        raise Http404
    certificate = services.certificate_render(
        certificate=certificate, verify_url=links.verify_url(certificate.code, request)
    )
    return send_private_file(
        request,
        certificate.pdf,
        filename=f"sertifikat-{certificate.code[:8].lower()}.pdf",
        content_type="application/pdf",
    )


@never_cache
@login_required
@require_POST
def claim(request, session_id):
    """A participant takes their certificate for a session from Akun saya."""
    session = get_object_or_404(SessionPage, pk=session_id)
    return _claim(request, session=session)


@never_cache
@login_required
@require_POST
def claim_for_quiz(request, quiz_id):
    """...or for a self-paced quiz they passed."""
    return _claim(request, quiz=get_object_or_404(Quiz, pk=quiz_id, self_paced=True))


def _claim(request, **event):
    try:
        certificate, _ = services.certificate_issue(participant=request.user, **event)
    except NotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("people:account")
    services.certificate_render(
        certificate=certificate, verify_url=links.verify_url(certificate.code, request)
    )
    messages.success(request, f"Sertifikat {certificate.number} siap diunduh.")
    return redirect("people:account")
