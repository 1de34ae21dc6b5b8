"""The quiz links other pages show: a session's open tests, an article's quizzes."""

from django.urls import reverse
from django.utils import timezone

from content.base import page_cache, times
from content.base.links import PageLink
from content.quizzes import selectors
from content.quizzes.models.choices import SESSION_TEST_ROUTES


def _closes_note(closes_at):
    if closes_at is None:
        return ""
    return f"Ditutup {times.wib(closes_at, 'j F Y, H.i')}"


def session_test_links(session, request):
    """The session's pre- and post-test while they are open; the cached page is refreshed
    when one opens or closes."""
    page_cache.depends_on(request, selectors.PAGE_CACHE_SCOPE)
    contexts = selectors.session_tests(session)
    if (change := selectors.next_change(contexts)) is not None:
        page_cache.fresh_until(request, change)
    return [
        PageLink(
            label=f"Kerjakan {context.quiz_label}",
            url=session.url + session.reverse_subpage(f"{context.purpose}_test"),
            note=_closes_note(context.closes_at),
        )
        for context in contexts
        if selectors.is_open(context) and context.purpose in SESSION_TEST_ROUTES
    ]


def featured_quizzes(request):
    """The featured self-paced quizzes open now, for the home page. A cached home page is
    refreshed when a quiz is saved (the quizzes scope), when one of them closes, and when a
    featured quiz opens. Two queries, however many quizzes."""
    page_cache.depends_on(request, selectors.PAGE_CACHE_SCOPE)
    now = timezone.now()
    quizzes = selectors.featured_quizzes(now=now)
    changes = [quiz.closes_at for quiz in quizzes if quiz.closes_at]
    changes.append(selectors.next_featured_opening(now=now))
    if moments := [moment for moment in changes if moment is not None]:
        page_cache.fresh_until(request, min(moments))
    return quizzes


def article_quiz_links(article, request):
    page_cache.depends_on(request, selectors.PAGE_CACHE_SCOPE)
    return [
        PageLink(label=quiz.title, url=reverse("quizzes:quiz", args=[quiz.slug]))
        for quiz in selectors.article_quizzes(article)
    ]
