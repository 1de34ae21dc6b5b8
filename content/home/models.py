from django.db import models
from django.db.models import Min
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from content.articles import selectors as article_selectors
from content.base import page_cache
from content.base.models import BasePage, SiteRoot
from content.quizzes import selectors as quiz_selectors
from content.quizzes.models import Quiz


class HomePage(SiteRoot, BasePage):
    hero_title = models.CharField(
        "judul utama", max_length=200, default="Cerdas bermedia, bijak berbagi"
    )
    hero_text = models.TextField("teks pembuka", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("hero_title"), FieldPanel("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "beranda"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = article_selectors.latest_articles(limit=6)
        context["latest_fact_checks"] = article_selectors.latest_fact_checks(limit=4)
        context["topics"] = article_selectors.topics_with_counts()
        context["featured_quizzes"] = _featured_quizzes(request)
        return context


def _featured_quizzes(request):
    """The featured self-paced quizzes open now. A cached home page is refreshed when a quiz is
    saved (the quizzes scope), when one of them closes, and when a featured quiz opens.

    Two queries, however many quizzes: the quizzes shown, and the next opening of one."""
    page_cache.depends_on(request, quiz_selectors.PAGE_CACHE_SCOPE)
    now = timezone.now()
    quizzes = quiz_selectors.featured_quizzes(now=now)
    closing = [quiz.closes_at for quiz in quizzes if quiz.closes_at]
    opening = Quiz.objects.filter(self_paced=True, featured=True, opens_at__gt=now).aggregate(
        next=Min("opens_at")
    )["next"]
    changes = [moment for moment in [*closing, opening] if moment is not None]
    if changes:
        page_cache.fresh_until(request, min(changes))
    return quizzes
