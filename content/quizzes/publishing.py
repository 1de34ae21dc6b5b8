"""A fact-check published with "Jadikan soal Hoaks atau Fakta?" ticked becomes its question.

Wagtail sends page_published for every publication: the admin's "Terbitkan", a scheduled
publication, a workflow's approval, and the demo loader's save_revision().publish(). The service
makes the question once, however often the page is published again.
"""

from django.dispatch import receiver
from wagtail.signals import page_published

from content.articles.models import FactCheckPage
from content.quizzes import services


@receiver(page_published, sender=FactCheckPage, dispatch_uid="quizzes_fact_check_question")
def fact_check_question(sender, instance, **kwargs):
    services.fact_check_published(fact_check=instance)
