"""A reason, a note or any required text made only of invisible characters (a zero-width space,
a Hangul filler) is refused, by every service that takes one and by every text field of the
site's forms; nothing changes. An organizer's invisible "reason" once set the check-in rules
aside."""

import datetime
import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

import content
from content.base.errors import NotAllowed
from content.base.text_rules import INVISIBLE_TEXT, has_visible_text
from content.certificates.models import Certificate
from content.certificates.services import certificate_issue, certificate_revoke
from content.people import services as people_services
from content.people.models import DeletionRequest, IdentityChange, MergeRecord, User
from content.training import services as training_services
from content.training.models import Attendance, AttendanceCorrection
from tests.factories.certificates import issues_for
from tests.factories.people import ParticipantFactory, ptt
from tests.factories.training import HeldSessionPageFactory, SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u3164",  # Hangul filler
    "\u115f\u1160",  # Hangul choseong and jungseong fillers
    "\uffa0",  # halfwidth Hangul filler
    "\u2800",  # braille pattern blank
    "\u180e",  # Mongolian vowel separator
    "\ufeff",  # byte-order mark
    "\u200e\u200f\u202e",  # bidirectional marks
    "\u200c\u200d\u2060",  # joiners, word joiner
    "\u00ad",  # soft hyphen
    "\u3000\u00a0",  # ideographic and no-break spaces
    "\u2028\u2029",  # line and paragraph separators
    "\u034f\u17b4",  # combining grapheme joiner, Khmer inherent vowel
    "\U000e0041\U000e007f",  # tag characters
    " \u200b \u3164 ",
]
# Not whitespace either: an optional reason of spaces only is simply no reason.
NOT_BLANK = [value for value in INVISIBLE if value.strip()]
VISIBLE = ["a", "7", "٣", "-", "€", "Ω", "n\u0303", "\u200bAlasan\u200b", "。", "ꦲ"]


class TestTheRule:
    @pytest.mark.parametrize("value", INVISIBLE)
    def test_invisible_characters_are_not_text(self, value):
        assert not has_visible_text(value)

    @pytest.mark.parametrize("value", VISIBLE)
    def test_letters_digits_punctuation_and_symbols_are(self, value):
        assert has_visible_text(value)


# Services that take a reason or a note -------------------------------------------------------


@pytest.fixture
def next_week(sessions):
    return SessionPageFactory(parent=sessions, date=timezone.localdate() + datetime.timedelta(7))


@pytest.fixture
def held(sessions):
    return SessionPageFactory(
        parent=sessions, target_group="asn", date=timezone.localdate() - datetime.timedelta(7)
    )


@pytest.mark.django_db
class TestServicesRefuseAnInvisibleReason:
    @pytest.mark.parametrize("reason", INVISIBLE)
    def test_manual_attendance_keeps_the_rules(self, next_week, held, reason):
        for session, person in ((next_week, ParticipantFactory()), (held, ptt())):
            with pytest.raises(NotAllowed):
                training_services.attendance_mark(
                    session=session,
                    participant=person,
                    status="hadir",
                    by=None,
                    override_reason=reason,
                )
        assert not Attendance.objects.exists()

    def test_a_visible_reason_still_sets_the_rules_aside(self, next_week):
        training_services.attendance_mark(
            session=next_week,
            participant=ParticipantFactory(),
            status="hadir",
            by=None,
            override_reason="\u200bUndangan khusus\u200b",
        )
        assert Attendance.objects.get().override_reason == "\u200bUndangan khusus\u200b"

    @pytest.mark.parametrize("reason", NOT_BLANK)
    def test_an_attendance_correction(self, held, reason):
        attendance = mark_attendance(held, ParticipantFactory())
        with pytest.raises(NotAllowed):
            training_services.attendance_correct(
                attendance=attendance, status="izin", by=None, reason=reason
            )
        attendance.refresh_from_db()
        assert attendance.status == "hadir" and not AttendanceCorrection.objects.exists()

    @pytest.mark.parametrize("reason", INVISIBLE)
    def test_a_certificate_revocation(self, sessions, reason):
        session = HeldSessionPageFactory(parent=sessions)
        issues_for(session)
        person = ParticipantFactory()
        mark_attendance(session, person)
        certificate, _ = certificate_issue(participant=person, session=session)
        with pytest.raises(NotAllowed, match="alasan pencabutan"):
            certificate_revoke(certificate=certificate, reason=reason, by=None)
        certificate = Certificate.objects.get(pk=certificate.pk)
        assert not certificate.is_revoked and certificate.revoked_reason == ""

    @pytest.mark.parametrize("reason", NOT_BLANK)
    def test_an_erasure_request_and_its_handling(self, reason):
        person = ParticipantFactory(full_name="Dewi Lestari")
        with pytest.raises(NotAllowed, match="terlihat"):
            people_services.deletion_request_create(user=person, reason=reason)
        assert not DeletionRequest.objects.exists()
        request = people_services.deletion_request_create(user=person, reason="Pindah kota")
        organizer = UserFactory(username="penyelenggara", groups=["Organizer"])
        with pytest.raises(NotAllowed, match="terlihat"):
            people_services.deletion_request_reject(
                deletion_request=request, by=organizer, note=reason
            )
        with pytest.raises(NotAllowed, match="terlihat"):
            people_services.participant_erase(deletion_request=request, by=organizer, note=reason)
        request.refresh_from_db()
        person.refresh_from_db()
        assert (request.status, request.note, person.full_name) == (
            DeletionRequest.Status.PENDING,
            "",
            "Dewi Lestari",
        )

    @pytest.mark.parametrize("note", INVISIBLE)
    def test_an_in_person_check_for_an_identity_change(self, note):
        person = ParticipantFactory(email="", password=None)
        organizer = UserFactory(username="penyelenggara", groups=["Organizer"])
        proof = people_services.ControlProof.in_person("ktp", note)
        with pytest.raises(ValidationError) as refused:
            people_services.identity_change_request(
                user=person, by=organizer, changes={"nik": "3471011201900003"}, proof=proof
            )
        assert "proof_note" in refused.value.message_dict
        person.refresh_from_db()
        assert person.nik is None and not IdentityChange.objects.exists()

    @pytest.mark.parametrize("note", INVISIBLE)
    def test_an_in_person_check_for_a_merge(self, note):
        first = ParticipantFactory(email="", password=None)
        second = ParticipantFactory(email="", password=None)
        organizer = UserFactory(username="penyelenggara", groups=["Organizer"])
        in_person = {
            account.pk: people_services.ControlProof.in_person("ktp", note)
            for account in (first, second)
        }
        with pytest.raises(NotAllowed):
            people_services.participants_merge(
                survivor=first, loser=second, by=organizer, in_person=in_person
            )
        assert not MergeRecord.objects.exists()
        assert User.objects.filter(pk__in=[first.pk, second.pk], is_active=True).count() == 2


# Every text field of the site's forms -------------------------------------------------------


def _site_form_classes():
    """Every form class the project declares, found by importing all of its modules."""
    for module in pkgutil.walk_packages(content.__path__, "content."):
        demo = module.name == "content.demo" or module.name.startswith("content.demo.")
        if ".migrations" not in module.name and not demo:
            importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("content."):
                found.add(subclass)
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__qualname__}")


def _text_fields():
    for form_class in _site_form_classes():
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.PasswordInput
            ):
                yield f"{form_class.__module__}.{form_class.__qualname__}.{name}", field


@pytest.mark.django_db
class TestEveryFormTextField:
    def test_the_site_declares_the_reason_fields_this_checks(self):
        names = {name for name, _ in _text_fields()}
        assert {
            "content.certificates.wagtail_hooks.RevokeForm.reason",
            "content.training.wagtail_hooks.ManualAttendanceForm.override_reason",
            "content.training.wagtail_hooks.AttendanceCorrectionForm.reason",
            "content.people.admin_views.ProcessDeletionForm.note",
            "content.people.forms.InPersonCheckFields.proof_note",
        } <= names

    def test_no_text_field_takes_only_invisible_characters(self):
        accepted = []
        for name, field in _text_fields():
            # An optional field may be left empty, and spaces only are empty.
            for value in INVISIBLE if field.required else NOT_BLANK:
                try:
                    field.clean(value)
                except ValidationError:
                    continue
                accepted.append((name, value))
        assert accepted == []

    def test_a_required_field_says_why(self):
        field = forms.CharField(label="Alasan")
        with pytest.raises(ValidationError) as refused:
            field.clean("\u3164")
        assert refused.value.messages == [INVISIBLE_TEXT]

    def test_a_password_is_a_secret_and_never_judged(self):
        field = forms.CharField(widget=forms.PasswordInput)
        assert field.clean("\u3164\u3164") == "\u3164\u3164"


@pytest.mark.django_db
def test_an_invisible_override_reason_in_the_admin_shows_the_message(client, next_week):
    client.force_login(UserFactory(username="penyelenggara", groups=["Organizer"]))
    person = ParticipantFactory(nip="198501012010011001")
    response = client.post(
        "/admin/attendance/new/",
        {
            "session": next_week.pk,
            "person": person.nip,
            "status": "hadir",
            "override_reason": "\u3164",
        },
    )
    assert response.status_code == 200
    assert INVISIBLE_TEXT in response.content.decode()
    assert not Attendance.objects.exists()
