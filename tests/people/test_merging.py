"""Merging two accounts of one person: records move, nothing is doubled, nothing half done."""

import datetime

import pytest
from django.test import Client

from content.base.errors import NotAllowed
from content.certificates.models import Certificate
from content.certificates.services import certificate_issue
from content.people import selectors, services
from content.people.duplicates import NAME_AND_BIRTH, birth_date, normalised_name
from content.people.merging import register_merge_handler, unregister_merge_handler
from content.people.models import IdentityChange, MergeRecord, ParticipantGroup, User
from content.quizzes.models import Attempt, Purpose
from content.stats import selectors as stats
from content.stats.filters import StatsFilter
from content.training import services as training_services
from content.training.models import Attendance, Registration
from content.training.models.choices import RegistrationStatus
from tests.assertions import assert_admin_refused
from tests.concurrency import all_at_once
from tests.factories.certificates import issues_for, make_template
from tests.factories.people import (
    PASSWORD,
    AgencyFactory,
    ParticipantFactory,
    prove_control_of_both,
    ptt,
)
from tests.factories.quizzes import make_quiz, use_in_session
from tests.factories.stats import attempt
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

NIK = "3471014101900003"  # a woman born 1 January 1990
NIP = "199001012024212001"  # the same birth date, PPPK, female
DAYS = (datetime.date(2026, 3, 10), datetime.date(2026, 6, 15))


def _world(sessions):
    """Sri registered twice: as a PTT with her NIK, and after her appointment with her NIP.
    Both accounts registered for and attended S1 and took its post-test; only the second
    attended S2. Each holds a certificate for S1; the second also one for S2."""
    agency = AgencyFactory(name="Dinas Kesehatan")
    first = ptt(full_name="Sri Wahyuni", nik=NIK, email="sri.wahyuni@gmail.com", agency=agency)
    second = ParticipantFactory(
        full_name="Hj. Sri Wahyuni, S.Kep.",
        participant_group=ParticipantGroup.PPPK,
        nip=NIP,
        nik=None,
        gender="P",
        email="sri.wahyuni@dinkes.go.id",
        agency=agency,
    )
    s1, s2 = (
        SessionPageFactory(parent=sessions, slug=f"s{n}", date=day, training_hours=2)
        for n, day in enumerate(DAYS, 1)
    )
    template = make_template()
    for session in (s1, s2):
        issues_for(session, template)
    for person in (first, second):
        training_services.registration_create(
            session=s1, participant=person, now=s1.starts_at - datetime.timedelta(days=7)
        )
    mark_attendance(s1, first, "terlambat")
    mark_attendance(s1, second, "hadir")
    mark_attendance(s2, second, "hadir")
    post = make_quiz(count=1, self_paced=False)
    use_in_session(post, s1, Purpose.POST)
    # The second did not pass S1's post-test: its certificates were set not to ask for it.
    s1.certificate_requires_post_test = False
    s1.save(update_fields=["certificate_requires_post_test"])
    attempt(first, post, session=s1, purpose=Purpose.POST, score=90, on=DAYS[0])
    attempt(second, post, session=s1, purpose=Purpose.POST, score=50, on=DAYS[0])
    first_s1, _ = certificate_issue(participant=first, session=s1)
    second_s1, _ = certificate_issue(participant=second, session=s1)
    second_s2, _ = certificate_issue(participant=second, session=s2)
    organizer = UserFactory(username="penyelenggara", groups=["Organizer"])
    # Sri followed the links sent to both accounts' emails: both are shown to be hers.
    prove_control_of_both(first, second, by=organizer)
    return locals()


@pytest.fixture
def world(sessions):
    return _world(sessions)


def _snapshot():
    return {
        "users": list(User.objects.order_by("pk").values()),
        "attendance": list(Attendance.objects.order_by("pk").values()),
        "registrations": list(Registration.objects.order_by("pk").values()),
        "attempts": list(Attempt.objects.order_by("pk").values()),
        "certificates": list(Certificate.objects.order_by("pk").values()),
        "changes": IdentityChange.objects.count(),
        "merges": MergeRecord.objects.count(),
    }


@pytest.mark.django_db
class TestMerge:
    def test_records_move_and_nothing_is_doubled(self, world):
        first, second, s1, s2 = world["first"], world["second"], world["s1"], world["s2"]

        record = services.participants_merge(survivor=first, loser=second, by=world["organizer"])

        # One attendance and one registration per session: S1's "hadir" (the loser's) beats
        # the survivor's "terlambat"; S2's moved.
        attended = dict(first.attendances.values_list("session", "status"))
        assert attended == {s1.pk: "hadir", s2.pk: "hadir"}
        assert Attendance.objects.filter(participant=second).count() == 0
        assert list(first.registrations.values_list("session", "status")) == [
            (s1.pk, RegistrationStatus.REGISTERED)
        ]
        # One series of post-test attempts: the survivor's passed, the loser's is dropped.
        assert list(first.quiz_attempts.values_list("score", flat=True)) == [90]
        assert not Attempt.objects.filter(participant=second).exists()
        # Certificates: S1's stays the survivor's; the loser's S1 certificate is revoked, not
        # deleted (it must still verify as revoked); S2's moved, as printed.
        assert set(first.certificates.values_list("pk", flat=True)) == {
            world["first_s1"].pk,
            world["second_s2"].pk,
        }
        duplicate = Certificate.objects.get(pk=world["second_s1"].pk)
        assert duplicate.participant == second and duplicate.is_revoked
        assert world["first_s1"].number in duplicate.revoked_reason
        moved = Certificate.objects.get(pk=world["second_s2"].pk)
        assert (moved.holder_name, moved.holder_nip, moved.number) == (
            world["second_s2"].holder_name,
            NIP,
            world["second_s2"].number,
        )
        # The dropped rows are listed in the record.
        summary = record.summary
        assert [row["status"] for row in summary["training"]["kehadiran_dihapus"]] == ["Terlambat"]
        assert len(summary["quizzes"]["percobaan_dihapus"]) == 1
        assert len(summary["certificates"]["sertifikat_duplikat_dicabut"]) == 1
        assert record.changed_by == world["organizer"]

    def test_the_loser_is_deactivated_and_its_identifiers_log_in_to_the_survivor(self, world):
        first, second = world["first"], world["second"]
        services.participants_merge(survivor=first, loser=second, by=world["organizer"])

        second.refresh_from_db()
        first.refresh_from_db()
        assert not second.is_active and (second.nip, second.nik, second.email) == (None, None, "")
        # The survivor lacked a NIP: it takes it, and the ASN group that comes with it. It
        # keeps its own email; the other one is free again.
        assert (first.nip, first.nik, first.participant_group) == (NIP, NIK, "pppk")
        assert first.email == "sri.wahyuni@gmail.com"
        for identifier in (NIP, NIK, "sri.wahyuni@gmail.com"):
            client = Client()
            client.post("/akun/masuk/", {"username": identifier, "password": PASSWORD})
            assert client.session["_auth_user_id"] == str(first.pk)
        assert IdentityChange.objects.filter(user=first, identifier="nip").exists()

    def test_statistics_count_one_person_with_the_groups_recorded_then(self, world):
        year = StatsFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
        assert stats.headline(year).participants == 2
        services.participants_merge(
            survivor=world["first"], loser=world["second"], by=world["organizer"]
        )
        figures = stats.headline(year)
        assert (figures.participants, figures.attendances, figures.certificates) == (1, 2, 2)
        # S1's kept attendance was recorded by the PPPK account: it stays PPPK.
        assert figures.asn == 1 and figures.ptt == 0

    def test_a_seat_freed_by_the_merge_goes_to_the_first_person_waiting(self, world, sessions):
        upcoming = SessionPageFactory(
            parent=sessions,
            slug="mendatang",
            date=datetime.date.today() + datetime.timedelta(days=30),
            capacity=2,
        )
        waiting = ParticipantFactory(agency=world["agency"])
        for person in (world["first"], world["second"], waiting):
            training_services.registration_create(session=upcoming, participant=person)
        assert Registration.objects.get(participant=waiting).status == RegistrationStatus.WAITLISTED

        services.participants_merge(
            survivor=world["first"], loser=world["second"], by=world["organizer"]
        )

        seats = dict(upcoming.registrations.values_list("participant", "status"))
        assert seats == {
            world["first"].pk: RegistrationStatus.REGISTERED,
            waiting.pk: RegistrationStatus.REGISTERED,
        }

    def test_seat_counts_are_held_before_any_registration_row(self, world):
        """The registration services lock a session's seat count, then registrations; a merge
        taking them the other way round could deadlock with a cancellation."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            services.participants_merge(
                survivor=world["first"], loser=world["second"], by=world["organizer"]
            )
        sql = [query["sql"] for query in queries]
        seat_count = next(i for i, q in enumerate(sql) if '"training_sessionstate"' in q)
        registrations = next(i for i, q in enumerate(sql) if 'FROM "training_registration"' in q)
        assert seat_count < registrations

    def test_a_merge_interrupted_by_an_error_changes_nothing(self, world):
        before = _snapshot()

        def fails(*, survivor, loser, by):
            raise RuntimeError("interrupted")

        register_merge_handler("zz-fails", fails)  # runs last: every other handler ran first
        try:
            with pytest.raises(RuntimeError):
                services.participants_merge(
                    survivor=world["first"], loser=world["second"], by=world["organizer"]
                )
        finally:
            unregister_merge_handler("zz-fails")

        assert _snapshot() == before

    def test_a_second_merge_of_the_same_loser_is_refused_cleanly(self, world):
        first, second = world["first"], world["second"]
        services.participants_merge(survivor=first, loser=second, by=world["organizer"])
        after_first = _snapshot()

        for survivor, loser in ((first, second), (second, first)):
            with pytest.raises(NotAllowed):
                services.participants_merge(survivor=survivor, loser=loser, by=world["organizer"])

        assert _snapshot() == after_first

    def test_staff_accounts_and_the_same_account_are_refused(self, world):
        with pytest.raises(NotAllowed):
            services.participants_merge(
                survivor=world["first"], loser=world["first"], by=world["organizer"]
            )
        with pytest.raises(NotAllowed):
            services.participants_merge(
                survivor=world["first"], loser=world["organizer"], by=world["organizer"]
            )

    def test_participants_cannot_merge_through_the_service(self, world):
        with pytest.raises(NotAllowed):
            services.participants_merge(
                survivor=world["first"], loser=world["second"], by=world["first"]
            )
        assert not MergeRecord.objects.exists()


@pytest.mark.django_db
class TestMergeScreens:
    def _url(self, world):
        return f"/admin/peserta-duplikat/{world['first'].pk}/{world['second'].pk}/gabung/"

    def _post(self, client, world):
        return client.post(self._url(world), {"survivor": world["first"].pk, "confirm": "on"})

    def test_an_organizer_sees_the_pair_and_merges_it(self, client, world):
        client.force_login(world["organizer"])
        html = client.get("/admin/peserta-duplikat/").content.decode()
        assert "Sri Wahyuni" in html and NAME_AND_BIRTH in html
        page = client.get(self._url(world)).content.decode()
        assert "Hj. Sri Wahyuni, S.Kep." in page and NIP in page and NIK in page
        response = self._post(client, world)
        record = MergeRecord.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/admin/mergerecord/inspect/{record.pk}/"
        inspect = client.get(response["Location"]).content.decode()
        # The summary reads as sections and counts, not as raw JSON.
        assert "<h3>Sosialisasi</h3>" in inspect and "<h3>Sertifikat</h3>" in inspect
        assert "<strong>Kehadiran dihapus</strong>: 1" in inspect
        assert "{&#x27;" not in inspect and "pendaftaran_dipindah" not in inspect
        assert "Sri Wahyuni" not in client.get("/admin/peserta-duplikat/").content.decode()

    def test_a_doubled_submit_is_refused_with_a_message(self, client, world):
        client.force_login(world["organizer"])
        self._post(client, world)
        response = self._post(client, world)
        assert response.status_code == 302 and response["Location"] == "/admin/peserta-duplikat/"
        page = client.get(response["Location"]).content.decode()
        assert "sudah digabungkan ke akun lain sebelumnya" in page
        assert MergeRecord.objects.count() == 1
        response = client.get(self._url(world))
        assert response["Location"] == "/admin/peserta-duplikat/"

    @pytest.mark.parametrize("group", ["Editor", "Moderator", "Analyst"])
    def test_other_staff_are_refused(self, client, world, group):
        client.force_login(UserFactory(username=group.lower(), groups=[group]))
        assert_admin_refused(client.get("/admin/peserta-duplikat/"))
        assert_admin_refused(client.get(self._url(world)))
        assert_admin_refused(self._post(client, world))
        assert not MergeRecord.objects.exists()

    def test_participants_are_refused(self, client, world):
        client.force_login(world["first"])
        response = self._post(client, world)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        assert not MergeRecord.objects.exists()
        assert User.objects.get(pk=world["second"].pk).is_active


class TestDuplicateRules:
    def test_names_are_compared_without_titles_accents_or_case(self):
        assert normalised_name("Hj. Sri Wahyuni, S.Kep., M.Kes.") == "sri wahyuni"
        assert normalised_name("Dr. Ir.  SRÍ  Wahyuni") == "sri wahyuni"

    def test_birth_dates_come_from_the_nip_or_the_nik(self):
        assert birth_date(nip=NIP, nik=None) == datetime.date(1990, 1, 1)
        assert birth_date(nip=None, nik=NIK) == datetime.date(1990, 1, 1)  # day 41: a woman
        assert birth_date(nip=None, nik=None) is None

    def test_a_nik_birthday_still_to_come_this_year_is_last_centurys(self):
        today = datetime.date(2026, 12, 6)
        assert birth_date(nip=None, nik="3471014712260003", today=today) == datetime.date(
            1926, 12, 7
        )

    @pytest.mark.django_db
    def test_the_screen_lists_likely_pairs_in_one_query(self, django_assert_num_queries):
        agency = AgencyFactory()
        ptt(full_name="Budi Santoso", nik="3471011001900003", agency=agency)
        ptt(full_name="Budi Santoso, S.T.", nik=None, email="budi.s@contoh.go.id", agency=agency)
        ptt(full_name="Budi Santoso", nik=None, email="budisantoso@gmail.com")
        ptt(full_name="Orang Lain", nik=None, email="budisantoso@yahoo.com")
        with django_assert_num_queries(1):
            pairs = selectors.likely_duplicates()
        reasons = sorted(tuple(pair.reasons) for pair in pairs)
        assert len(pairs) == 2
        assert reasons == [("Email sama kecuali domainnya",), ("Nama dan OPD sama",)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_merges_of_one_pair_merge_once(sessions):
    world = _world(sessions)
    first, second, organizer = world["first"], world["second"], world["organizer"]
    pairs = [(first, second), (second, first), (first, second), (second, first)]

    results, errors = all_at_once(
        lambda pair: services.participants_merge(survivor=pair[0], loser=pair[1], by=organizer),
        pairs,
    )

    assert len(results) == 1 and len(errors) == 3
    assert all(isinstance(error, NotAllowed) for error in errors)
    assert MergeRecord.objects.count() == 1
    assert Attendance.objects.count() == 2
    assert User.objects.filter(pk__in=[first.pk, second.pk], is_active=True).count() == 1


@pytest.mark.django_db
class TestAttemptSeries:
    def test_an_open_attempt_gives_way_to_a_passed_one_and_self_paced_ones_move(self, sessions):
        organizer = UserFactory(username="penyelenggara", groups=["Organizer"])
        survivor, loser = ptt(full_name="Satu"), ptt(full_name="Dua", nik=None)
        session = SessionPageFactory(parent=sessions, date=DAYS[0])
        post, self_paced = make_quiz(count=1, self_paced=False), make_quiz(count=1)
        use_in_session(post, session, Purpose.POST)
        open_one = attempt(survivor, post, session=session, purpose=Purpose.POST)
        failed = attempt(loser, post, session=session, purpose=Purpose.POST, score=40)
        passed = attempt(loser, post, session=session, purpose=Purpose.POST, score=80)
        alone = attempt(loser, self_paced, score=70)

        prove_control_of_both(survivor, loser, by=organizer)
        services.participants_merge(survivor=survivor, loser=loser, by=organizer)

        kept = set(survivor.quiz_attempts.values_list("pk", flat=True))
        assert kept == {failed.pk, passed.pk, alone.pk}
        assert not Attempt.objects.filter(pk=open_one.pk).exists()
