import datetime

import factory
import wagtail_factories
from django.utils import timezone
from faker import Faker

from content.articles.models import ArticlePage, FactCheckPage, Topic

factory.Faker._DEFAULT_LOCALE = "id_ID"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topik {n}")
    slug = factory.Sequence(lambda n: f"topik-{n}")


fake = Faker("id_ID")
fake.seed_instance(2024)


def _paragraphs(count=3):
    return [{"type": "paragraph", "value": f"<p>{fake.paragraph()}</p>"} for _ in range(count)]


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Faker("sentence", nb_words=6)
    slug = factory.Sequence(lambda n: f"materi-{n}")
    summary = factory.Faker("sentence", nb_words=14)
    published_date = factory.Sequence(
        lambda n: timezone.localdate() - datetime.timedelta(days=n % 365)
    )
    body = factory.LazyFunction(_paragraphs)


class FactCheckPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FactCheckPage

    title = factory.Faker("sentence", nb_words=6)
    slug = factory.Sequence(lambda n: f"cek-fakta-{n}")
    summary = factory.Faker("sentence", nb_words=14)
    claim = factory.Faker("sentence", nb_words=12)
    claim_short = factory.LazyAttribute(lambda page: page.claim[:75])
    claim_author = "Akun Facebook anonim"
    verdict = "hoaks"
    claim_origin = "Grup WhatsApp"
    explanation = factory.LazyFunction(lambda: "<p>Klaim tersebut tidak benar.</p>")
    published_date = factory.Sequence(
        lambda n: timezone.localdate() - datetime.timedelta(days=n % 365)
    )
