"""Public pages of the report desk: /lapor/ (the form), /lapor/terkirim/ (the tracking code, once)
and /lapor/status/ (a code's status). No JavaScript; phone first.

The order of the form's checks, each refusal with its Indonesian message and nothing saved:
1. the request's size, from Content-Length, before the body is read (so a 1 GB upload is
   refused without being read; CSRF is checked after this, by csrf_protect);
2. the honeypot `website`: filled, the bot is shown what looks like success (a code that names
   no report) and nothing is saved or counted, so it learns nothing to adapt to;
3. the signed token: missing, forged or older than forms.TOKEN_MAX_AGE (reload), or younger
   than REPORT_MIN_FILL_SECONDS (send again);
4. a form already sent with this token (a doubled submit) answers with the same code, and
   report_submit makes concurrent doubles one report too;
5. the fields (forms.ReportForm);
6. the hourly limits per address and per contact (limits.py), counted only now.

The status page and the code page are never cached (private, no-store) and send no Referer,
so the code in their address never leaves with a click.
"""

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from content.base import site_address, throttle
from content.base.input_rules import MAX_DIGITS, ascii_int
from content.reports import forms, limits
from content.reports.rules import codes, images
from content.reports.selectors import status as status_selectors
from content.reports.services.submitting import ReportInput, report_submit

SENT_SESSION_KEY = "reports.sent"
TOO_LARGE_MESSAGE = (
    f"Laporan terlalu besar untuk dikirim: semua tangkapan layar bersama paling besar "
    f"{images.megabytes(images.MAX_REQUEST_BYTES)} MB. Kirim lebih sedikit gambar atau kecilkan "
    "ukurannya. Laporan belum terkirim."
)


def _private(response):
    """Never cached by anyone but the reader, and no Referer from it."""
    response["Referrer-Policy"] = "no-referrer"
    return response


def _request_bytes(request):
    """The body's size as Content-Length states it; a length too long to read is too large,
    and one that is no number is none (Django then reads no body at all)."""
    text = request.META.get("CONTENT_LENGTH") or ""
    if text.isascii() and text.isdigit() and len(text) > MAX_DIGITS:
        return images.MAX_REQUEST_BYTES + 1
    return ascii_int(text, 0, 10**MAX_DIGITS) or 0


@csrf_exempt
def report_form(request):
    """GET the form; POST a report. Exempt from the CSRF middleware only so that the size is
    checked before the body is read; _report_form checks CSRF itself."""
    if request.method == "POST" and _request_bytes(request) > images.MAX_REQUEST_BYTES:
        response = _render_form(
            request, forms.ReportForm(), forms.token_issue(), refusal=TOO_LARGE_MESSAGE
        )
        response.status_code = 413
        return response
    return _report_form(request)


@csrf_protect
def _report_form(request):
    if request.method == "GET":
        return _render_form(request, forms.ReportForm(), forms.token_issue())
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = forms.ReportForm(request.POST, request.FILES)
    token = forms.token_read(request.POST.get("token"))
    if form.is_honeypot_hit:
        nonce = token.nonce if token else codes.new_form_token()
        return _sent(request, codes.code_for_token(nonce), [])
    refusal = forms.token_refusal(token)
    if refusal:
        # A stale form gets a fresh token; a form sent too fast keeps its own, so sending it
        # again (once the time has passed) works.
        token_text = (
            forms.token_issue() if refusal == forms.EXPIRED_MESSAGE else request.POST["token"]
        )
        return _render_form(
            request,
            forms.ReportForm.shown_again(request.POST),
            token_text,
            refusal=refusal,
            files_lost=bool(request.FILES),
        )
    if status_selectors.form_already_sent(token.nonce):
        return _sent(request, codes.code_for_token(token.nonce), [])
    if not form.is_valid():
        return _render_form(request, form, request.POST["token"], files_lost=bool(request.FILES))
    contact = form.cleaned_data["contact"]
    refused = limits.report_spend(request, contact_key=contact.key)
    if refused:
        response = _render_form(
            request,
            form,
            request.POST["token"],
            refusal=limits.REPORTS_THROTTLED_MESSAGE,
            files_lost=bool(request.FILES),
        )
        return throttle.mark_throttled(response, refused)
    submitted = report_submit(
        token.nonce,
        ReportInput(
            kind=form.cleaned_data["kind"],
            links=form.cleaned_data["links"],
            seen_at=form.seen_moment(),
            description=form.cleaned_data["description"].strip(),
            screenshots=form.cleaned_data["screenshots"],
            contact_email=contact.email,
            contact_phone=contact.phone,
            contact_consent=form.cleaned_data["consent"],
            reporter=request.user,
        ),
    )
    return _sent(request, submitted.code, form.cleaned_data["links"])


def _render_form(request, form, token, refusal="", files_lost=False):
    """The form, with `refusal` (why the whole report was not taken) above it; a bound form
    shows its own field errors only when it was validated."""
    response = TemplateResponse(
        request,
        "reports/public/form.html",
        {
            "form": form,
            "token": token,
            "refusal": refusal,
            "recognised": form.recognised_links(),
            "files_again": forms.FILES_AGAIN if files_lost else "",
            "max_screenshots": images.MAX_SCREENSHOTS,
        },
    )
    return _private(response)


def _sent(request, code, links):
    request.session[SENT_SESSION_KEY] = {"code": code, "links": list(links)}
    response = HttpResponseRedirect(reverse("reports:sent"))
    response.status_code = 303  # See Other: the code page is fetched with GET
    return response


@never_cache
def report_sent(request):
    """The tracking code, shown once: it is taken out of the session as it is shown."""
    sent = request.session.pop(SENT_SESSION_KEY, None)
    if not sent:
        return redirect("reports:form")
    readable = codes.readable(sent["code"])
    status_path = reverse("reports:status", kwargs={"code": readable})
    response = TemplateResponse(
        request,
        "reports/public/sent.html",
        {
            "code": readable,
            "status_path": status_path,
            "status_url": site_address.absolute_url(status_path),
            "links": forms.shown_links(sent["links"]),
        },
    )
    return _private(response)


@never_cache
def status_lookup(request):
    """The lookup form (GET, field `code`): a code that can be one goes to its status page."""
    typed = request.GET.get("code")
    if typed is None:
        return _private(TemplateResponse(request, "reports/public/lookup.html", {}))
    code = codes.canonical(typed)
    if code is not None:
        return redirect("reports:status", code=codes.readable(code))
    return _status_page(request, None)


@never_cache
def status(request, code):
    return _status_page(request, code)


def _status_page(request, code):
    """The same page, status code and body for an unknown code and a malformed one."""
    refused = limits.lookup_spend(request)
    if refused:
        response = TemplateResponse(
            request,
            "reports/public/lookup.html",
            {"refusal": limits.LOOKUPS_THROTTLED_MESSAGE},
        )
        return _private(throttle.mark_throttled(response, refused))
    found = status_selectors.report_status(code) if code is not None else None
    response = TemplateResponse(request, "reports/public/status.html", {"report": found})
    if found is None:
        response.status_code = 404
    return _private(response)
