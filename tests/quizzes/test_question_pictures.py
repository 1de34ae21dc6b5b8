"""Nothing a participant sees before submitting may carry the answer: a question's picture is
served under a neutral name with a neutral alt text, whatever its file, title and alt text say,
and a question made from a fact-check takes the page's neutral question picture, never its
listing image (which prints the verdict: "[HOAKS] ...")."""

import re

import pytest
from django.core.exceptions import ValidationError
from PIL import Image as PILImage

from content.quizzes import services
from content.quizzes.models import Attempt, QuestionKind
from tests.factories.articles import FactCheckPageFactory, TopicFactory
from tests.factories.images import ImageFactory, png_file
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import make_question, make_quiz

pytestmark = pytest.mark.django_db

# What an editor's image may say about the answer: the words must not reach the paper.
TELLING_TITLE = "[HOAKS] Zebrakunci jawabannya"
TELLING_ALT = "Stempel HOAKS merah di atas tangkapan layar Zebrakunci"
TELLING_FILE = "hoaks-zebrakunci-jawaban.png"


@pytest.fixture
def person(client):
    person = ParticipantFactory()
    client.force_login(person)
    return person


def _telling_image():
    return ImageFactory(
        title=TELLING_TITLE, description=TELLING_ALT, file=png_file(name=TELLING_FILE)
    )


def _begin(client, quiz):
    response = client.post(f"/kuis/{quiz.slug}/")
    assert response.status_code == 302, response.content
    return Attempt.objects.get(key=response["Location"].split("/")[-2])


def _img_tags(html):
    return re.findall(r"<img\b[^>]*>", html)


class TestTheAttemptPage:
    def test_the_picture_says_nothing_of_its_file_title_or_alt_text(self, client, person):
        question = make_question(text="Apakah pesan berantai ini benar?", image=_telling_image())
        quiz = make_quiz([question], title="Latihan gambar", slug="latihan-gambar")
        attempt = _begin(client, quiz)

        html = client.get(f"/kuis/percobaan/{attempt.key}/").content.decode()

        assert "zebrakunci" not in html.lower() and "[hoaks]" not in html.lower()
        assert "stempel" not in html.lower()
        tags = [tag for tag in _img_tags(html) if "/kuis/percobaan/" in tag]
        assert tags == [
            f'<img src="/kuis/percobaan/{attempt.key}/gambar/1/" alt="Gambar untuk soal 1" '
            'loading="lazy">'
        ]

    def test_the_picture_is_served_under_a_neutral_name_to_its_participant_only(
        self, client, person
    ):
        quiz = make_quiz([make_question(image=_telling_image())])
        attempt = _begin(client, quiz)
        url = f"/kuis/percobaan/{attempt.key}/gambar/1/"

        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/webp"
        assert response["Content-Disposition"] == 'inline; filename="soal-1.webp"'
        assert "private" in response["Cache-Control"]
        from io import BytesIO

        assert PILImage.open(BytesIO(response.content)).format == "WEBP"

        for wrong in ("2", "0", "x", "١", "99999999999"):
            assert client.get(f"/kuis/percobaan/{attempt.key}/gambar/{wrong}/").status_code == 404
        client.force_login(ParticipantFactory())
        assert client.get(url).status_code == 404
        client.logout()
        assert client.get(url).status_code == 302

    def test_a_question_without_a_picture_has_none(self, client, person):
        quiz = make_quiz([make_question()])
        attempt = _begin(client, quiz)
        assert client.get(f"/kuis/percobaan/{attempt.key}/gambar/1/").status_code == 404

    def test_the_result_page_uses_the_same_neutral_picture(self, client, person):
        # A session test's result page holds the answers back while others may still answer:
        # its pictures must say no more than the paper's.
        quiz = make_quiz([make_question(image=_telling_image())])
        attempt = _begin(client, quiz)
        client.post(f"/kuis/percobaan/{attempt.key}/selesai/", {})
        html = client.get(f"/kuis/percobaan/{attempt.key}/hasil/").content.decode()
        assert "zebrakunci" not in html.lower()
        assert f'src="/kuis/percobaan/{attempt.key}/gambar/1/"' in html


class TestQuestionsFromFactChecks:
    @pytest.fixture
    def topic(self):
        return TopicFactory(slug="anti-hoaks", name="Anti-Hoaks")

    def test_the_question_takes_the_neutral_picture_not_the_listing_image(self, site_tree, topic):
        neutral = ImageFactory(title="Gambar klaim", description="Pesan berantai")
        page = FactCheckPageFactory(
            parent=site_tree.fact_checks,
            topic=topic,
            listing_image=_telling_image(),
            question_image=neutral,
        )
        question, made = services.question_from_fact_check(fact_check=page, topic=topic)
        assert made and question.kind == QuestionKind.HOAX_OR_FACT
        assert question.image == neutral

    def test_without_a_neutral_picture_the_question_has_none(self, site_tree, topic):
        page = FactCheckPageFactory(
            parent=site_tree.fact_checks, topic=topic, listing_image=_telling_image()
        )
        question, _ = services.question_from_fact_check(fact_check=page, topic=topic)
        assert question.image is None

    def test_the_listing_image_is_refused_as_the_question_picture(self, site_tree, topic):
        cover = _telling_image()
        page = FactCheckPageFactory(parent=site_tree.fact_checks, topic=topic, listing_image=cover)
        page.question_image = cover
        with pytest.raises(ValidationError) as refused:
            page.full_clean()
        assert "question_image" in refused.value.message_dict


class TestCoversAreNeverQuestionPictures:
    def test_a_question_may_not_take_a_fact_checks_cover(self, site_tree):
        cover = _telling_image()
        FactCheckPageFactory(parent=site_tree.fact_checks, listing_image=cover)
        question = make_question(text="Klaim apa ini?")
        question.image = cover
        with pytest.raises(ValidationError) as refused:
            question.full_clean()
        assert "image" in refused.value.message_dict
        question.image = ImageFactory()
        question.full_clean()

    def test_the_upgrade_takes_the_cover_off_questions_made_before(self, site_tree):
        from importlib import import_module

        from django.apps import apps

        cover, other = _telling_image(), ImageFactory()
        topic = TopicFactory(slug="anti-hoaks", name="Anti-Hoaks")
        pages = [
            FactCheckPageFactory(parent=site_tree.fact_checks, listing_image=cover, topic=topic)
            for _ in range(2)
        ]
        old = make_question(topic=topic, kind=QuestionKind.HOAX_OR_FACT, verdict="hoaks")
        old.fact_check, old.image = pages[0], cover
        old.save()
        kept = make_question(topic=topic, kind=QuestionKind.HOAX_OR_FACT, verdict="hoaks")
        kept.fact_check, kept.image = pages[1], other
        kept.save()

        migration = import_module(
            "content.quizzes.migrations.0005_fact_check_questions_without_covers"
        )
        migration.drop_covers(apps, None)

        old.refresh_from_db()
        kept.refresh_from_db()
        assert old.image is None and kept.image == other
