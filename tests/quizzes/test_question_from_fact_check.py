"""A published fact-check becomes a "Hoaks atau Fakta?" question in one action from its page in
the admin: the claim as the question, the verdict as the answer, the explanation and the page's
link as the feedback. Once per fact-check."""

import pytest

from content.quizzes.models import Question, QuestionKind
from tests.assertions import assert_admin_refused
from tests.factories.articles import ArticlePageFactory, FactCheckPageFactory, TopicFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
LABEL = "Jadikan soal Hoaks atau Fakta?"


@pytest.fixture
def topic():
    return TopicFactory(name="Anti-Hoaks", slug="anti-hoaks")


@pytest.fixture
def fact_check(site_tree, topic):
    page = FactCheckPageFactory(
        parent=site_tree.fact_checks,
        topic=topic,
        claim="Minum air hangat setiap pagi menyembuhkan semua penyakit.",
        verdict="hoaks",
        explanation="<p>Tidak ada bukti ilmiah.</p><p>Lihat keterangan &amp; sumber resmi.</p>",
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor", groups=["Editor"])
    client.force_login(user)
    return user


def _url(page):
    return f"/admin/soal-dari-cek-fakta/{page.pk}/"


class TestTheAction:
    def test_the_confirmation_shows_the_claim_and_proposes_the_pages_topic(
        self, client, editor, fact_check, topic
    ):
        TopicFactory(name="Literasi Digital", slug="literasi-digital")
        response = client.get(_url(fact_check))
        html = response.content.decode()
        assert response.status_code == 200
        assert fact_check.claim in html and "HOAKS" in html
        assert f'<option value="{topic.pk}" selected>' in html
        assert not Question.objects.exists()

    def test_confirming_makes_the_question_and_opens_it(self, client, editor, fact_check, topic):
        other = TopicFactory(name="Literasi Digital", slug="literasi-digital")
        response = client.post(_url(fact_check), {"topic": other.pk})

        question = Question.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/admin/question/edit/{question.pk}/"
        assert (question.kind, question.topic, question.fact_check_id) == (
            QuestionKind.HOAX_OR_FACT,
            other,
            fact_check.pk,
        )
        assert question.text == fact_check.claim
        assert question.verdict == "hoaks"
        assert question.explanation == "Tidak ada bukti ilmiah.\nLihat keterangan & sumber resmi."
        assert question.source_url == fact_check.full_url
        options = list(question.options.order_by("sort_order"))
        assert [option.text for option in options if option.is_correct] == ["Hoaks"]
        assert len(options) == 6
        assert "Soal Hoaks atau Fakta? dibuat" in client.get(response["Location"]).content.decode()

    def test_a_fact_labelled_fakta_has_fakta_as_its_answer(self, client, editor, site_tree, topic):
        page = FactCheckPageFactory(parent=site_tree.fact_checks, topic=topic, verdict="fakta")
        page.save_revision().publish()
        client.post(_url(page), {"topic": topic.pk})
        question = Question.objects.get()
        assert [o.text for o in question.options.all() if o.is_correct] == ["Fakta"]

    def test_a_second_time_goes_to_the_question_already_made(
        self, client, editor, fact_check, topic
    ):
        client.post(_url(fact_check), {"topic": topic.pk})
        question = Question.objects.get()

        again = client.get(_url(fact_check))
        assert again["Location"] == f"/admin/question/edit/{question.pk}/"
        assert "sudah menjadi soal" in client.get(again["Location"]).content.decode()
        posted_again = client.post(_url(fact_check), {"topic": topic.pk})
        assert posted_again["Location"] == f"/admin/question/edit/{question.pk}/"
        assert Question.objects.count() == 1

    def test_a_topic_must_be_chosen(self, client, editor, fact_check):
        response = client.post(_url(fact_check), {"topic": ""})
        assert response.status_code == 200
        assert not Question.objects.exists()

    def test_a_draft_fact_check_waits_for_its_publication(self, client, editor, site_tree, topic):
        draft = FactCheckPageFactory(parent=site_tree.fact_checks, topic=topic, live=False)
        response = client.get(_url(draft))
        assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
        client.post(_url(draft), {"topic": topic.pk})
        assert not Question.objects.exists()

    def test_other_pages_are_not_found(self, client, editor, site_tree):
        article = ArticlePageFactory(parent=site_tree.materials)
        assert client.get(_url(article)).status_code == 404

    @pytest.mark.parametrize("group", ["Moderator", "Analyst", "Organizer"])
    def test_only_people_who_may_add_questions_may_use_it(self, client, fact_check, topic, group):
        client.force_login(UserFactory(username=group.lower(), groups=[group]))
        if group == "Organizer":  # organizers write the bank too
            assert client.get(_url(fact_check)).status_code == 200
            return
        assert_admin_refused(client.get(_url(fact_check)))
        assert_admin_refused(client.post(_url(fact_check), {"topic": topic.pk}))
        assert not Question.objects.exists()


class TestTheButton:
    def test_editors_find_it_on_the_page_and_in_the_listing(self, client, editor, fact_check):
        for admin_page in (
            f"/admin/pages/{fact_check.pk}/edit/",
            f"/admin/pages/{fact_check.get_parent().pk}/",
        ):
            html = client.get(admin_page).content.decode()
            assert LABEL in html and _url(fact_check) in html, admin_page

    def test_it_is_not_offered_for_other_pages(self, client, editor, site_tree):
        article = ArticlePageFactory(parent=site_tree.materials)
        article.save_revision().publish()
        html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
        assert LABEL not in html

    def test_moderators_who_may_not_add_questions_do_not_see_it(self, client, fact_check):
        client.force_login(UserFactory(username="moderator", groups=["Moderator"]))
        response = client.get(f"/admin/pages/{fact_check.pk}/edit/")
        assert response.status_code == 200
        assert LABEL not in response.content.decode()
