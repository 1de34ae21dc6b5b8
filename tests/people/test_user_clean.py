"""User.clean, the identity rules every form that edits a participant goes through: a PNS's NIP
carries an appointment month (TMT), a PPPK's does not. Tested on the model itself, not only
through the add-NIP screen, so a clean() that treats every ASN alike cannot pass."""

import pytest
from django.core.exceptions import ValidationError

from content.people.identity import Gender
from content.people.models import ParticipantGroup, User

# Digits 9-14 are "202113": a month 13 for a PNS (refused), a PPPK's formation code (fine).
NIP_WITHOUT_A_MONTH = "198501012021131001"
# Appointed in 2001, at 16: refused for a PNS; a PPPK's digits 9-14 are no date.
NIP_APPOINTED_TOO_YOUNG = "198501012001121001"


def _person(group, nip):
    return User(username="calon", full_name="Calon Peserta", participant_group=group, nip=nip)


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        (NIP_WITHOUT_A_MONTH, "Bulan pengangkatan (TMT) pada NIP tidak valid."),
        (NIP_APPOINTED_TOO_YOUNG, "TMT pada NIP lebih awal dari usia 17 tahun."),
    ],
)
def test_a_pns_nip_must_carry_a_real_appointment_month(nip, message):
    with pytest.raises(ValidationError) as excinfo:
        _person(ParticipantGroup.PNS, nip).clean()
    assert excinfo.value.message_dict == {"nip": [message]}


@pytest.mark.parametrize("nip", [NIP_WITHOUT_A_MONTH, NIP_APPOINTED_TOO_YOUNG])
def test_a_pppk_nip_is_not_read_for_an_appointment_month(nip):
    person = _person(ParticipantGroup.PPPK, nip)
    person.clean()
    assert person.nip == nip


def test_a_pns_nip_typed_with_spaces_is_stored_plain_with_its_gender():
    person = _person(ParticipantGroup.PNS, "19850101 201001 2 001")
    person.clean()
    assert (person.nip, person.gender) == ("198501012010012001", Gender.FEMALE)


def test_an_asn_needs_a_nip_and_a_ptt_has_none():
    with pytest.raises(ValidationError) as excinfo:
        _person(ParticipantGroup.PPPK, "").clean()
    assert excinfo.value.message_dict == {"nip": ["NIP wajib diisi untuk ASN."]}
    with pytest.raises(ValidationError) as excinfo:
        _person(ParticipantGroup.PTT, "198501012010011001").clean()
    assert excinfo.value.message_dict == {"nip": ["NIP hanya diisi untuk ASN (PNS atau PPPK)."]}
