"""The demo's whole question bank, as a participant meets it: no question shows its answer
before submitting. Not its picture's pixels (never the fact-check's cover, which prints the
verdict), alt text, title or file name, not the paper's text, page title or picture addresses.
And a fact-check published after the demo joins the public "Hoaks atau Fakta?" quiz by itself."""

import io
import re
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image as PILImage
from PIL import ImageChops

from content.articles.models import FactCheckPage, Topic
from content.articles.models.fact_checks import Verdict
from content.demo import articles as articles_demo
from content.quizzes.models import Attempt, Question, QuestionKind, Quiz
from tests.factories.articles import FactCheckPageFactory

pytestmark = pytest.mark.django_db

VERDICT_WORD = re.compile(
    r"\b(" + "|".join(value for value, _ in Verdict.choices) + r")\b", re.IGNORECASE
)
VERDICT_MARK = re.compile(
    r"\[\s*(" + "|".join(label for _, label in Verdict.choices) + r")\s*\]", re.IGNORECASE
)
PARTICIPANT = ("198501012010011001", "lentera-peserta")


def _pixels(file):
    with file.open("rb") as stored:
        picture = PILImage.open(io.BytesIO(stored.read()))
        return picture.convert("RGB").resize((160, 90))


def _says_nothing(text, question):
    assert not VERDICT_WORD.search(text or ""), (question.pk, text)
    assert not VERDICT_MARK.search(text or ""), (question.pk, text)
    if question.fact_check is not None:
        assert question.fact_check.title not in (text or ""), (question.pk, text)
        assert question.fact_check.slug not in (text or ""), (question.pk, text)


def test_no_question_of_the_demo_bank_gives_its_answer_away(client):
    call_command("load_demo_data", stdout=StringIO())
    questions = list(Question.objects.select_related("image", "fact_check__listing_image"))
    made_from_fact_checks = [q for q in questions if q.fact_check is not None]
    assert len(made_from_fact_checks) == FactCheckPage.objects.count() >= 6

    # Every question's own fields that reach the participant before submitting.
    for question in questions:
        if question.image is None:
            continue
        image = question.image
        for text in (image.title, image.description, image.default_alt_text, image.file.name):
            _says_nothing(text, question)
    for question in made_from_fact_checks:
        assert question.kind == QuestionKind.HOAX_OR_FACT
        cover = question.fact_check.listing_image
        assert question.image is not None and question.image != cover
        # Not the cover's pixels either, at any scale.
        difference = ImageChops.difference(_pixels(question.image.file), _pixels(cover.file))
        assert difference.getbbox() is not None

    # The paper as the browser receives it: every question of the public quiz on one page.
    quiz = Quiz.objects.get(slug="hoaks-atau-fakta")
    assert set(made_from_fact_checks) <= {item.question for item in quiz.picked.all()}
    client.post("/akun/masuk/", {"username": PARTICIPANT[0], "password": PARTICIPANT[1]})
    started = client.post(f"/kuis/{quiz.slug}/")
    attempt = Attempt.objects.get(key=started["Location"].split("/")[-2])
    html = client.get(f"/kuis/percobaan/{attempt.key}/").content.decode()
    assert attempt.answers.count() == len(quiz.picked.all())
    assert not VERDICT_MARK.search(html)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert quiz.title in title and not VERDICT_MARK.search(title)
    for question in made_from_fact_checks:
        assert question.fact_check.title not in html
        assert question.fact_check.slug not in html
        for image in (question.image, question.fact_check.listing_image):
            assert image.title not in html and image.file.name.rsplit("/", 1)[-1] not in html
            assert image.description not in html
    figures = re.findall(r'<figure class="question__image">(.*?)</figure>', html, re.S)
    assert len(figures) == len(made_from_fact_checks)
    for figure in figures:
        src, alt = re.fullmatch(
            r'<img src="([^"]+)" alt="([^"]*)" loading="lazy">', figure
        ).groups()
        assert src.startswith(f"/kuis/percobaan/{attempt.key}/gambar/")
        assert re.fullmatch(r"Gambar untuk soal \d+", alt)
        assert client.get(src).status_code == 200

    # A fact-check published now reaches the public quiz without anyone editing it.
    page = FactCheckPageFactory(
        parent=FactCheckPage.objects.first().get_parent(),
        topic=Topic.objects.get(slug="anti-hoaks"),
        claim="Klaim baru yang beredar hari ini.",
        make_question=True,
        live=False,
    )
    page.save_revision().publish()
    question = Question.objects.get(fact_check=page)
    assert quiz.picked.filter(question=question).exists()


def test_the_demo_claim_picture_is_drawn_from_the_claim_alone():
    """Its inputs are the claim and where it spread: a verdict cannot be in its pixels."""
    item = {"claim": "Pesan berantai tentang bantuan tunai.", "claim_origin": "Grup WhatsApp"}
    picture = articles_demo.claim_picture(item["claim"], item["claim_origin"])
    assert picture == articles_demo.claim_picture(item["claim"], item["claim_origin"])
    assert PILImage.open(io.BytesIO(picture)).size == (1000, 640)
