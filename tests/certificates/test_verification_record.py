"""The verification log is written by a certificates service (services.verification_record),
which the verification views call; the views write no row themselves."""

import inspect

import pytest

from content.certificates import selectors, services, views
from content.certificates.models import VerificationLookup, VerificationResult
from content.certificates.services import certificate_issue
from tests.factories.certificates import issues_for
from tests.factories.people import ParticipantFactory
from tests.factories.training import HeldSessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(sessions):
    session = HeldSessionPageFactory(parent=sessions, title="Netralitas ASN", training_hours=6)
    issues_for(session)
    person = ParticipantFactory(full_name="Rina Wulandari")
    mark_attendance(session, person)
    return certificate_issue(participant=person, session=session)[0]


class TestVerificationRecord:
    def test_a_lookup_by_code_is_logged_with_its_answer_and_certificate(self, certificate):
        verification = selectors.by_code(certificate.code)
        services.verification_record(verification=verification, code=certificate.code)
        logged = VerificationLookup.objects.get()
        assert (logged.code, logged.by_upload, logged.result, logged.certificate) == (
            certificate.code,
            False,
            VerificationResult.VALID,
            certificate,
        )

    def test_an_unknown_code_is_logged_without_a_certificate_and_cut_to_the_field(self):
        verification = selectors.by_code("0" * 32)
        services.verification_record(verification=verification, code="9" * 80)
        logged = VerificationLookup.objects.get()
        assert logged.result == VerificationResult.UNKNOWN and logged.certificate is None
        assert logged.code == "9" * 64

    def test_an_upload_is_logged_as_one(self, certificate):
        verification = selectors.by_code(certificate.code)
        services.verification_record(verification=verification, by_upload=True)
        assert VerificationLookup.objects.get().by_upload


def test_the_views_write_no_log_row_themselves():
    source = inspect.getsource(views)
    assert "VerificationLookup" not in source
    assert source.count("services.verification_record(") == 2
