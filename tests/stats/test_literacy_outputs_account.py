"""Akun saya's "Literasi digital saya": a participant's own pillars from the latest finished
run, their weakest pillar with materials and sessions suggested for it, the city's and the
national figures beside; nobody else's, ever; in the personal-data download; erased with it."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from content.articles.pillars import Pillar
from content.people.models import ParticipantGroup
from content.stats import account
from content.stats.models import PersonLiteracy, Phase
from tests.factories.articles import ArticlePageFactory, TopicFactory
from tests.factories.literacy import finished_run, person_scores, pillar_cells
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
EMPTY = "Skor Anda muncul setelah Anda mengerjakan pre-test atau post-test sosialisasi"
BEFORE = {Pillar.KECAKAPAN: 3.41, Pillar.ETIKA: 3.62, Pillar.KEAMANAN: 2.37, Pillar.BUDAYA: 3.9}
AFTER = {Pillar.KECAKAPAN: 3.87, Pillar.ETIKA: 3.74, Pillar.KEAMANAN: 3.06, Pillar.BUDAYA: 4.13}
SELF = {Pillar.KECAKAPAN: 4.2, Pillar.ETIKA: 4.4, Pillar.KEAMANAN: 3.8, Pillar.BUDAYA: 4.6}


@pytest.fixture
def world(site_tree):
    year = timezone.localdate().year
    agency = AgencyFactory(name="Dinas Arsip")
    other_agency = AgencyFactory(name="Dinas Lain")
    me = ParticipantFactory(agency=agency, full_name="Saya Sendiri")
    other = ParticipantFactory(agency=agency, full_name="Orang Lain")
    old = finished_run(finished_at=timezone.now() - datetime.timedelta(days=3))
    person_scores(old, me, dict.fromkeys(Pillar, 1.23), year=year)
    run = finished_run()
    person_scores(run, me, BEFORE, year=year)
    person_scores(run, me, AFTER, year=year, phase=Phase.AFTER)
    person_scores(run, me, SELF, year=year, phase=Phase.SELF)
    person_scores(run, me, dict.fromkeys(Pillar, 1.55), year=year - 1)  # an older year
    person_scores(run, other, dict.fromkeys(Pillar, 4.77), year=year)
    pillar_cells(run, {Pillar.KECAKAPAN: 3.31, Pillar.ETIKA: 3.52, Pillar.KEAMANAN: 2.94,
                       Pillar.BUDAYA: 3.71}, year=year)  # fmt: skip
    safety = TopicFactory(name="Keamanan Akun", slug="keamanan-akun", pillar=Pillar.KEAMANAN)
    ethics = TopicFactory(name="Etika", slug="etika", pillar=Pillar.ETIKA)
    materials = site_tree.materials
    read = ArticlePageFactory(parent=materials, title="Menjaga kata sandi", topic=safety)
    ArticlePageFactory(parent=materials, title="Sopan santun daring", topic=ethics)
    ArticlePageFactory(parent=materials, title="Draf keamanan", topic=safety, live=False)
    sessions = site_tree.sessions
    upcoming = SessionPageFactory(parent=sessions, title="Kelas Keamanan Digital", topic=safety)
    past = timezone.localdate() - datetime.timedelta(days=2)
    SessionPageFactory(parent=sessions, title="Kelas Lampau", topic=safety, date=past)
    SessionPageFactory(parent=sessions, title="Kelas Khusus PTT", topic=safety, target_group="ptt")
    closed = SessionPageFactory(parent=sessions, title="Kelas OPD Lain", topic=safety)
    closed.agencies.set([other_agency])
    closed.save()  # a ParentalManyToManyField is written when the page is
    return locals()


def account_page(client, user):
    client.force_login(user)
    response = client.get(reverse("people:account"))
    assert response.status_code == 200
    return response.content.decode()


def test_my_pillars_weakest_suggestions_and_references(client, world):
    page = account_page(client, world["me"])
    assert "Literasi digital saya" in page
    # Before, after and their self-assessment, in the locale's decimals.
    assert "Sebelum sosialisasi: 2,37 · Sesudah: 3,06 · Penilaian diri: 3,80" in page
    assert "Sebelum sosialisasi: 3,90 · Sesudah: 4,13" in page
    # The weakest pillar (by the latest score: after training) and what to do about it.
    profile = account.literacy_profile(world["me"])
    assert profile.weakest.pillar == Pillar.KEAMANAN
    assert "Saran untuk keamanan digital" in page
    assert "Menjaga kata sandi" in page and "Kelas Keamanan Digital" in page
    for not_suggested in ("Sopan santun daring", "Draf keamanan", "Kelas Lampau",
                          "Kelas Khusus PTT", "Kelas OPD Lain"):  # fmt: skip
        assert not_suggested not in page
    # The city's and national figures as reference.
    assert "Rata-rata kota sebelum sosialisasi: 2,94" in page
    assert "Nasional 2022: 3,12" in page
    # Not the older run, not the older year, not someone else.
    assert "1,23" not in page and "1,55" not in page and "4,77" not in page


def test_the_weakest_follows_the_latest_score(world):
    # Before only for kecakapan, now the weakest before, but no longer after training.
    PersonLiteracy.objects.filter(participant=world["me"], phase=Phase.AFTER).delete()
    assert account.literacy_profile(world["me"]).weakest.pillar == Pillar.KEAMANAN
    PersonLiteracy.objects.filter(
        participant=world["me"], phase=Phase.BEFORE, pillar=Pillar.KEAMANAN
    ).update(score=4.9)
    assert account.literacy_profile(world["me"]).weakest.pillar == Pillar.KECAKAPAN


def test_another_participant_sees_only_their_own(client, world):
    page = account_page(client, world["other"])
    assert "4,77" in page
    for value in ("2,37", "3,06", "3,80"):
        assert value not in page


def test_a_participant_not_measured_gets_the_friendly_empty_state(client, world):
    page = account_page(client, ParticipantFactory())
    assert EMPTY in page


def test_self_assessment_alone_is_not_a_score_yet(client, world):
    someone = ParticipantFactory()
    person_scores(world["run"], someone, SELF, year=2026, phase=Phase.SELF)
    assert EMPTY in account_page(client, someone)


def test_no_finished_run_is_the_empty_state_not_an_error(client, db):
    assert EMPTY in account_page(client, ParticipantFactory())


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(reverse("people:account"))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    assert account.literacy_profile(UserFactory.build()) is None


def test_staff_accounts_have_no_profile(client, world):
    editor = UserFactory(username="editor", groups=["Editor"], is_staff=True)
    assert account.literacy_profile(editor) is None


def test_my_data_download_holds_my_scores_only(client, world):
    client.force_login(world["me"])
    response = client.get(reverse("people:my_data"))
    data = json.loads(b"".join(response.streaming_content) if response.streaming else
                      response.content)  # fmt: skip
    scores = data["literasi_digital"]
    mine = PersonLiteracy.objects.filter(participant=world["me"]).count()
    assert len(scores) == mine == 4 + 4 + 4 + 4 + 4
    assert {row["skor_1_5"] for row in scores} >= {2.37, 3.06, 1.23, 1.55}
    assert 4.77 not in {row["skor_1_5"] for row in scores}
    assert {"tahun", "pengukuran", "pilar", "kemampuan_logit", "jumlah_soal"} <= set(scores[0])


def test_erasure_removes_the_person_s_scores(world):
    account.literacy_erase(world["me"])
    assert not PersonLiteracy.objects.filter(participant=world["me"]).exists()
    assert PersonLiteracy.objects.filter(participant=world["other"]).exists()


def test_a_ptt_is_offered_ptt_sessions(client, world):
    ptt = ParticipantFactory(agency=world["agency"], participant_group=ParticipantGroup.PTT,
                             nip=None)  # fmt: skip
    person_scores(world["run"], ptt, BEFORE, year=timezone.localdate().year)
    titles = [session.title for session in account.literacy_profile(ptt).sessions]
    assert titles == ["Kelas Keamanan Digital", "Kelas Khusus PTT"]
