"""The participant's side of quizzes: a quiz's start page, the attempt, saving answers as they
go, submitting, and the result.

Views stay thin: selectors read, services write and score. Nothing here is cached, and every
attempt URL answers 404 to anyone but the participant who started it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from content.base import page_views
from content.base.errors import NotAllowed
from content.base.input_rules import ascii_int
from content.base.request_json import BodyRefused, json_body
from content.quizzes import rules, selectors, services
from content.quizzes import self_assessment_selectors as self_assessments
from content.quizzes.models import Attempt, Purpose, Quiz
from content.quizzes.models.choices import SESSION_TEST_ROUTES
from content.training.models import SessionPage

# The largest answer request worth reading: a few dozen option keys.
MAX_ANSWER_BYTES = 4096
# More questions than any quiz has; positions are numbered from 1.
MAX_POSITION = 9999
MAX_OPTIONS = 50


def index(request):
    """/kuis/: the self-paced quizzes, with the logged-in participant's own standing."""
    response = TemplateResponse(
        request,
        "quizzes/index.html",
        {"quizzes": selectors.self_paced_quizzes(request.user)},
    )
    # Personal for participants, and whether a quiz is open changes by the minute.
    add_never_cache_headers(response)
    return response


def quiz(request, slug):
    try:
        context = selectors.self_paced_context(slug)
    except Quiz.DoesNotExist:
        raise Http404 from None
    return _start_page(request, context)


def session_test(page, request, purpose):
    """<session>/pre-test/ and <session>/post-test/ (routed under the session page). A pre-test
    with a self-assessment asks it first, of each participant who may answer it and has not."""
    context = selectors.session_test_context(page, purpose)
    if context is None:
        raise Http404
    if purpose != Purpose.PRE:
        return _start_page(request, context)
    assessment = self_assessments.pre_test_self_assessment(page)
    if assessment is None:
        return _start_page(request, context)
    response = self_assessments.response_of(request.user, page)
    if response is None and _may_answer(request, page):
        if request.method == "POST":
            # Starting the pre-test waits for the self-assessment (a second tab, an old page).
            messages.error(request, "Isi swanilai terlebih dahulu, lalu mulai pre-test.")
            return redirect(request.get_full_path())
        return _self_assessment_page(request, page, context, assessment)
    scores = self_assessments.response_pillar_scores(response) if response else None
    return _start_page(request, context, self_scores=scores)


def _may_answer(request, session):
    if not request.user.is_authenticated:
        return False
    try:
        services.self_assessment_check(session=session, participant=request.user)
    except NotAllowed:
        return False
    return True


def _self_assessment_page(request, session, context, assessment, *, chosen=None, error=None):
    statements = self_assessments.statements(assessment)
    chosen = chosen or {}
    response = TemplateResponse(
        request,
        "quizzes/self_assessment.html",
        {
            "context": context,
            "session": session,
            "assessment": assessment,
            "statements": [(statement, chosen.get(statement.pk)) for statement in statements],
            "scale": self_assessments.LIKERT_LABELS,
            "error": error,
            "action": session.url + session.reverse_subpage("pre_test_self_assessment"),
        },
    )
    add_never_cache_headers(response)
    return response


# More statements than any self-assessment has.
MAX_STATEMENT_ID = 2**31 - 1


def _posted_ratings(post):
    """[(statement id, value)] from the form's fields s<statement id>, a field sent twice giving
    two pairs (refused by the service). A value that is not an ASCII whole number 1-5 is passed
    on as sent, for the service to refuse; other fields are not ratings."""
    ratings = []
    for name in post:
        statement_id = ascii_int(name[1:], 1, MAX_STATEMENT_ID) if name.startswith("s") else None
        if statement_id is None:
            continue
        for value in post.getlist(name)[:10]:
            number = ascii_int(value, 1, 5)
            ratings.append((statement_id, number if number is not None else value))
    return ratings


def self_assessment_submit(page, request):
    """<session>/pre-test/swanilai/: the self-assessment form's POST. A GET goes back to the
    pre-test page, which shows the form to whoever may answer it."""
    response = _self_assessment_submit(page, request)
    # Personal: never kept by a cache.
    add_never_cache_headers(response)
    return response


def _self_assessment_submit(page, request):
    pre_test = page.url + page.reverse_subpage("pre_test")
    if request.method != "POST":
        return redirect(pre_test)
    if not request.user.is_authenticated:
        return redirect_to_login(pre_test)
    context = selectors.session_test_context(page, Purpose.PRE)
    assessment = self_assessments.pre_test_self_assessment(page)
    if context is None or assessment is None:
        raise Http404
    if self_assessments.response_of(request.user, page) is not None:
        messages.info(request, "Swanilai Anda sudah tersimpan sebelumnya.")
        return redirect(pre_test)
    try:
        services.self_assessment_check(session=page, participant=request.user)
    except NotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect(pre_test)
    ratings = _posted_ratings(request.POST)
    try:
        services.self_assessment_submit(session=page, participant=request.user, ratings=ratings)
    except NotAllowed as refusal:
        # Keep what was chosen, so only the missing statements need answering.
        chosen = {pk: value for pk, value in ratings if isinstance(value, int)}
        return _self_assessment_page(
            request, page, context, assessment, chosen=chosen, error=refusal.message
        )
    messages.success(request, "Terima kasih, swanilai Anda tersimpan. Silakan mulai pre-test.")
    return redirect(pre_test)


def _start_page(request, context, *, self_scores=None):
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            attempt = services.attempt_start(context=context, participant=request.user)
        except NotAllowed as refusal:
            messages.error(request, refusal.message)
            return redirect(request.get_full_path())
        return redirect("quizzes:attempt", key=attempt.key)
    attempts = selectors.attempts_in(context, request.user)
    open_attempt = next((a for a in attempts if a.is_open), None)
    refusal = None
    if request.user.is_authenticated and open_attempt is None:
        try:
            services.attempt_check(
                context=context, participant=request.user, used=len(attempts), now=timezone.now()
            )
        except NotAllowed as reason:
            refusal = reason.message
    response = TemplateResponse(
        request,
        "quizzes/start.html",
        {
            "context": context,
            "quiz": context.quiz,
            "is_open": selectors.is_open(context),
            "attempts": attempts,
            "open_attempt": open_attempt,
            "refusal": refusal,
            "question_count": selectors.question_count(context.quiz),
            "self_scores": self_scores,
        },
    )
    # Whether the quiz is open, and the participant's own attempts, change by the minute.
    add_never_cache_headers(response)
    return response


def _attempt_or_404(request, key):
    try:
        return selectors.attempt_of(request.user, key)
    except Attempt.DoesNotExist:
        raise Http404 from None


@never_cache
@login_required
def attempt(request, key):
    attempt = _attempt_or_404(request, key)
    now = timezone.now()
    if attempt.is_open and rules.is_past_deadline(attempt, now=now):
        attempt = services.attempt_close(attempt=attempt, now=now)
    if attempt.is_finished:
        return redirect("quizzes:result", key=attempt.key)
    seconds_left = None
    if attempt.deadline is not None:
        seconds_left = max(0, int((attempt.deadline - now).total_seconds()))
    return TemplateResponse(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "questions": selectors.paper(attempt),
            "seconds_left": seconds_left,
        },
    )


@login_required
def question_image(request, key, position):
    """The picture of one question of the participant's own attempt, under a name that says
    nothing ("soal-3.webp"): the file's own name, title and alt text are the editor's and may
    carry the answer (a fact-check's "[HOAKS] ..."). 404 for anyone else's attempt, a position
    it does not have, or a question without a picture."""
    attempt = _attempt_or_404(request, key)
    position = ascii_int(position, 1, MAX_POSITION)
    try:
        data = selectors.question_picture(attempt, position)
    except LookupError:
        raise Http404 from None
    response = HttpResponse(data, content_type=selectors.QUESTION_PICTURE_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        False, f"soal-{position}.{selectors.QUESTION_PICTURE_FORMAT}"
    )
    # The participant's own paper: no shared cache; the picture of a position never changes.
    patch_cache_control(response, private=True, max_age=3600)
    return response


def _json_error(message, status, **extra):
    return JsonResponse({"error": message, **extra}, status=status)


@never_cache
@require_POST
def answer(request, key):
    """Save one answer: {"position": 3, "options": ["<option key>", ...]}. The reply says only
    that it was saved, never whether it is right."""
    if not request.user.is_authenticated:
        return _json_error("Sesi Anda berakhir. Masuk lagi untuk melanjutkan.", 401)
    try:
        position, option_keys = _answer_from(json_body(request, max_bytes=MAX_ANSWER_BYTES))
    except BodyRefused as refusal:
        return _json_error(refusal.message, 400)
    try:
        saved_at = services.answer_save(
            participant=request.user, key=key, position=position, option_keys=option_keys
        )
    except Attempt.DoesNotExist:
        return _json_error("Kuis tidak ditemukan.", 404)
    except services.AttemptClosed as refusal:
        result = reverse("quizzes:result", args=[key])
        return _json_error(refusal.message, 409, result_url=result)
    except NotAllowed as refusal:
        return _json_error(refusal.message, 400)
    return JsonResponse({"saved": True, "saved_at": saved_at.isoformat()})


def _answer_from(data):
    """(position, option keys) from an answer body, or BodyRefused: a whole number for the
    position (not true, not "3", not 3.0) and a list of at most MAX_OPTIONS strings. Other keys
    (a score the browser claims) are ignored."""
    if not isinstance(data, dict) or not {"position", "options"} <= set(data):
        raise BodyRefused()
    position, options = data["position"], data["options"]
    if type(position) is not int or not 1 <= position <= MAX_POSITION:
        raise BodyRefused()
    if not isinstance(options, list) or len(options) > MAX_OPTIONS:
        raise BodyRefused()
    if not all(isinstance(option, str) and len(option) <= 64 for option in options):
        raise BodyRefused()
    return position, options


def _posted_answers(post):
    """{position: [option keys]} from the attempt form's fields q1, q2, ... (ASCII digits; any
    other name is not an answer)."""
    answers = {}
    for name in post:
        position = ascii_int(name[1:], 1, MAX_POSITION) if name.startswith("q") else None
        if position is not None:
            answers[position] = post.getlist(name)[:MAX_OPTIONS]
    return answers


@never_cache
@login_required
@require_POST
def submit(request, key):
    try:
        attempt = services.attempt_submit(
            participant=request.user, key=key, answers=_posted_answers(request.POST)
        )
    except Attempt.DoesNotExist:
        raise Http404 from None
    except NotAllowed as refusal:
        messages.error(request, refusal.message)
        return redirect("quizzes:attempt", key=key)
    return redirect("quizzes:result", key=attempt.key)


@never_cache
@login_required
def result(request, key):
    """The score at once; the answer key only as selectors.review allows (for a session test,
    once nobody can answer its questions any more). The first showing of each answer is
    recorded, so organizers are warned before the quiz serves another session."""
    attempt = _attempt_or_404(request, key)
    if attempt.is_open:
        return redirect("quizzes:attempt", key=attempt.key)
    now = timezone.now()
    review = selectors.review(attempt, now=now)
    services.answer_keys_record_shown(question_ids=review.newly_shown, now=now)
    return TemplateResponse(
        request,
        "quizzes/result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "review": review,
            "questions": review.questions,
            "self_scores": _own_self_scores(attempt),
        },
    )


def _own_self_scores(attempt):
    """Beside a pre-test's result: the participant's own self-assessment per pillar, if any."""
    if attempt.purpose != Purpose.PRE or attempt.session_id is None:
        return None
    response = self_assessments.response_of(attempt.participant, attempt.session)
    return self_assessments.response_pillar_scores(response) if response else None


# The session page serves its tests (`<session>/pre-test/`, `<session>/post-test/`), registered
# from above like training's own routes; quizzes' ready() imports this module.
page_views.add_routes(
    SessionPage,
    [
        path(f"{route}/", session_test, {"purpose": purpose}, name=f"{purpose}_test")
        for purpose, route in SESSION_TEST_ROUTES.items()
    ]
    + [
        path(
            f"{SESSION_TEST_ROUTES[Purpose.PRE]}/swanilai/",
            self_assessment_submit,
            name="pre_test_self_assessment",
        )
    ],
)
