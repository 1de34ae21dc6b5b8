"""Public verification of certificates, and the holder's own download and claim."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from content.base import page_cache, throttle
from content.base.clients import client_address
from content.base.errors import NotAllowed
from content.base.private_files import send_private_file
from content.base.return_paths import local_path
from content.certificates import codes, links, rules, selectors, services
from content.certificates.forms import CodeForm, NipCheckForm, UploadForm
from content.certificates.models import Certificate, VerificationResult
from content.quizzes.models import Quiz
from content.training.models import SessionPage

# Lookups per client address per minute: plenty for an HR office checking a pile by hand,
# too few to walk the code space.
LOOKUPS_PER_MINUTE = 30
# Typed-NIP checks ("Cocokkan NIP"). A verifier types the NIP on the paper once, twice with a
# typo. Someone guessing it, even knowing the holder's birth date, still faces thousands of
# candidates (appointment month, gender digit, sequence number): at these rates, years. Every
# check counts against both the certificate and the client address, matched or not.
NIP_CHECKS_PER_CERTIFICATE = 10
NIP_CHECK_CERTIFICATE_WINDOW = 24 * 60 * 60
NIP_CHECKS_PER_ADDRESS = 30
NIP_CHECK_ADDRESS_WINDOW = 60 * 60


def _throttled(request):
    return not throttle.hit(
        "certificate-verify", client_address(request), limit=LOOKUPS_PER_MINUTE, seconds=60
    )


def _too_many(request):
    response = TemplateResponse(request, "certificates/too_many.html", status=429)
    response["Retry-After"] = "60"
    return response


def _result_page(request, verification, *, nip_form=None, nip_answer="", status=None):
    """The verdict. The holder is named unless their data was erased; their NIP is never shown,
    only offered to be matched against what the verifier types."""
    certificate = verification.certificate
    if status is None:
        status = 404 if verification.result == VerificationResult.UNKNOWN else 200
    return TemplateResponse(
        request,
        "certificates/verify_result.html",
        {
            "verification": verification,
            "certificate": certificate,
            "holder_erased": bool(certificate and certificate.holder_erased),
            "nip_checkable": bool(certificate and selectors.nip_checkable(certificate)),
            "nip_form": nip_form or NipCheckForm(),
            "nip_answer": nip_answer,
            "grouped_code": codes.grouped(certificate.code) if certificate else "",
        },
        status=status,
    )


@never_cache
@page_cache.query_params("kode")
def verify(request):
    """The form: type a code, or upload the PDF to check it was not altered."""
    if request.method == "POST":
        if _throttled(request):
            return _too_many(request)
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            try:
                verification = selectors.by_upload(upload_form.cleaned_data["berkas"])
            except NotAllowed as refusal:  # too complex to read within the limits
                upload_form.add_error("berkas", refusal.message)
            else:
                services.verification_record(verification=verification, by_upload=True)
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
    services.verification_record(verification=verification, code=codes.normalize(code))
    return _result_page(request, verification)


def _nip_checks_left(request, certificate):
    """Count one typed-NIP check against the certificate and the client address; False once
    either has had its share (both are counted either way)."""
    allowed = [
        throttle.hit(
            "certificate-nip",
            certificate.code,
            limit=NIP_CHECKS_PER_CERTIFICATE,
            seconds=NIP_CHECK_CERTIFICATE_WINDOW,
        ),
        throttle.hit(
            "certificate-nip-address",
            client_address(request),
            limit=NIP_CHECKS_PER_ADDRESS,
            seconds=NIP_CHECK_ADDRESS_WINDOW,
        ),
    ]
    return all(allowed)


@never_cache
@require_POST
def verify_nip(request, code):
    """ "Cocokkan NIP": the NIP typed from the paper matches the holder's, or not. Once a
    certificate or an address has had its share of checks, the answer is the same whatever was
    typed, so a guesser learns nothing more."""
    if _throttled(request):
        return _too_many(request)
    verification = selectors.by_code(code)
    certificate = verification.certificate
    if certificate is None or not selectors.nip_checkable(certificate):
        return _result_page(request, verification)
    form = NipCheckForm(request.POST)
    if not form.is_valid():
        return _result_page(request, verification, nip_form=form)
    if not _nip_checks_left(request, certificate):
        response = _result_page(request, verification, nip_answer="dibatasi", status=429)
        response["Retry-After"] = str(NIP_CHECK_ADDRESS_WINDOW)
        return response
    matches = selectors.nip_matches(certificate, form.cleaned_data["nip"])
    return _result_page(request, verification, nip_answer="cocok" if matches else "tidak_cocok")


@never_cache
@login_required
def download(request, code):
    """The PDF, to its holder and to those rules.may_download allows; 404 to anyone else (the
    code names no certificate for them)."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("template", "participant"), code=code
    )
    if not rules.may_download(request.user, certificate) or certificate.holder_erased:
        # An erased holder's PDF is gone for good; rendering it anew would name no one.
        raise Http404
    certificate = services.certificate_render(
        certificate=certificate, verify_url=links.verify_url(certificate.code)
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


def _back(request):
    """Back where the claim was made: Akun saya, or the session page (a path on this site: no
    host is allowed, so no other site either)."""
    target = local_path(request.POST.get("next", ""))
    return HttpResponseRedirect(target) if target else redirect("people:account")


def _claim(request, **event):
    try:
        certificate, _ = services.certificate_issue(participant=request.user, **event)
    except NotAllowed as refusal:
        messages.error(request, refusal.message)
        return _back(request)
    services.certificate_render(
        certificate=certificate, verify_url=links.verify_url(certificate.code)
    )
    messages.success(request, f"Sertifikat {certificate.number} siap diunduh.")
    return _back(request)
