"""A person's self-assessments across people's own features: two accounts of one person merged
keep one response per session (the earlier), and Akun saya and the data download hold the
person's own answers and self-scores, nobody else's."""

import datetime
import json

import pytest

from content.people import services as people_services
from content.people.merging import merge_records_of
from content.quizzes import self_assessment_selectors as self_assessments
from content.quizzes import services
from content.quizzes.models import Rating, SelfAssessmentResponse
from content.quizzes.services.self_assessment import self_assessments_merge
from content.training import services as training_services
from tests.factories.people import ParticipantFactory, prove_control_of_both
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory
from tests.quizzes.self_assessment_data import all_ratings, pre_test_with_self_assessment

pytestmark = pytest.mark.django_db


def _answer(session, person, values, *, minutes):
    training_services.registration_create(session=session, participant=person)
    assessment = self_assessments.pre_test_self_assessment(session)
    return services.self_assessment_submit(
        session=session,
        participant=person,
        ratings=all_ratings(assessment, values),
        now=session.starts_at - datetime.timedelta(minutes=minutes),
    )


@pytest.fixture
def world(sessions):
    """Two accounts of one person. Both answered S1's self-assessment (the second account
    earlier); only the first answered S2's, only the second S3's."""
    first, second = ParticipantFactory(), ParticipantFactory()
    s1, s2, s3 = (SessionPageFactory(parent=sessions) for _ in range(3))
    for session in (s1, s2, s3):
        pre_test_with_self_assessment(session)
    late = _answer(s1, first, [5, 5, 5, 5], minutes=10)
    early = _answer(s1, second, [1, 1, 1, 1], minutes=50)
    only_first = _answer(s2, first, [4, 2, 4, 2], minutes=20)
    only_second = _answer(s3, second, [2, 4, 2, 4], minutes=20)
    return locals()


class TestMerging:
    def test_one_response_per_session_the_earlier_kept(self, world):
        first, second = world["first"], world["second"]
        summary = self_assessments_merge(survivor=first, loser=second)
        kept = {r.session_id: r.pk for r in SelfAssessmentResponse.objects.all()}
        assert kept == {
            world["s1"].pk: world["early"].pk,
            world["s2"].pk: world["only_first"].pk,
            world["s3"].pk: world["only_second"].pk,
        }
        assert set(SelfAssessmentResponse.objects.values_list("participant", flat=True)) == {
            first.pk
        }
        # The later response's ratings went with it.
        assert not Rating.objects.filter(response_id=world["late"].pk).exists()
        assert [row["dari"] for row in summary["swanilai_dihapus"]] == ["akun dipertahankan"]
        assert len(summary["swanilai_dipindah"]) == 2

    def test_the_survivors_earlier_response_stays(self, world):
        first, second = world["first"], world["second"]
        # The other way round: the survivor holds the earlier of S1's.
        summary = self_assessments_merge(survivor=second, loser=first)
        assert SelfAssessmentResponse.objects.filter(session=world["s1"]).get().pk == (
            world["early"].pk
        )
        assert [row["dari"] for row in summary["swanilai_dihapus"]] == ["akun digabungkan"]
        assert SelfAssessmentResponse.objects.filter(participant=second).count() == 3

    def test_a_whole_account_merge_runs_it_and_the_screen_counts_it(self, world):
        first, second = world["first"], world["second"]
        assert ("Swanilai", "2") in merge_records_of(first)
        organizer = UserFactory(groups=["Organizer"])
        prove_control_of_both(first, second, by=organizer)
        record = people_services.participants_merge(survivor=first, loser=second, by=organizer)
        assert SelfAssessmentResponse.objects.filter(participant=first).count() == 3
        assert "swanilai_dihapus" in json.dumps(record.summary)


class TestOwnData:
    def test_akun_saya_and_the_download_hold_my_answers_only(self, client, world):
        me = world["first"]
        client.force_login(me)
        page = client.get("/akun/").content.decode()
        assert "Swanilai literasi digital" in page
        assert world["s1"].title in page and world["s2"].title in page
        assert world["s3"].title not in page  # only the other account answered S3
        data = json.loads(client.get("/akun/data-saya/").content)["swanilai"]
        assert sorted(row["sosialisasi"] for row in data) == sorted(
            [world["s1"].title, world["s2"].title]
        )
        s2 = next(row for row in data if row["sosialisasi"] == world["s2"].title)
        assert s2["skor_per_pilar"] == {"Kecakapan digital": 4.0, "Keamanan digital": 4.0}
        assert [answer["nilai"] for answer in s2["jawaban_anda"]] == [4, 2, 4, 2]
        assert [answer["terbalik"] for answer in s2["jawaban_anda"]] == [
            False,
            True,
            False,
            True,
        ]
        assert all(answer["pernyataan"] for answer in s2["jawaban_anda"])

    def test_someone_who_never_answered_has_an_empty_section(self, client, world):
        client.force_login(ParticipantFactory())
        assert "Belum ada swanilai yang Anda isi." in client.get("/akun/").content.decode()
        assert json.loads(client.get("/akun/data-saya/").content)["swanilai"] == []
