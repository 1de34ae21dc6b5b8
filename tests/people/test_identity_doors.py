"""One door for the NIP and NIK rules (identity.identity_check): every entry point that takes
a NIP or a NIK refuses the same bad values with the same Indonesian messages. A door that
skipped the rule would accept one of them, or say it differently, and fail here."""

import pytest
from django.core.exceptions import ValidationError

from content.people import importing, nip_importing, services
from content.people.forms import RegistrationForm
from content.people.identity import UNKNOWN_REGION_MESSAGE
from content.people.models import ParticipantGroup, User
from content.people.services.identity_control import ControlProof, identity_change_request
from tests.factories.people import PASSWORD, AgencyFactory, ParticipantFactory, ptt
from tests.factories.spreadsheets import csv_bytes

pytestmark = pytest.mark.django_db
AGENCY = "Dinas Komunikasi dan Informatika"
NIP_PPPK = "199101012024212001"  # valid: the account the identity change is asked for
NIK_PTT = "3471014101900003"  # valid: the PTT who adds a NIP

BAD_NIPS = [
    ("19900101", ["NIP harus terdiri dari 18 digit angka."]),
    ("199002302024211001", ["Tanggal lahir pada NIP tidak valid."]),
    ("199001012024213001", ["Kode jenis kelamin pada NIP (digit ke-15) harus 1 atau 2."]),
    ("199001012024211000", ["Nomor urut pada NIP (3 digit terakhir) tidak boleh 000."]),
    (
        "199002302024213000",
        [
            "Tanggal lahir pada NIP tidak valid.",
            "Kode jenis kelamin pada NIP (digit ke-15) harus 1 atau 2.",
            "Nomor urut pada NIP (3 digit terakhir) tidak boleh 000.",
        ],
    ),
]
BAD_NIKS = [
    ("12345", ["NIK harus terdiri dari 16 digit angka."]),
    ("0001011001900001", [UNKNOWN_REGION_MESSAGE]),
    ("9999011001900001", [UNKNOWN_REGION_MESSAGE]),  # no province 99 in Kemendagri's list
    ("3471017201900003", ["Tanggal lahir pada NIK tidak valid."]),
    ("3471011001900000", ["Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000."]),
]


def _model_clean(field, value, group):
    user = User(username="uji", full_name="Uji", participant_group=group, **{field: value})
    if field == "nik":
        user.nip = None
    with pytest.raises(ValidationError) as refusal:
        user.clean()
    return refusal.value.message_dict[field]


def _registration_form(field, value, group):
    agency = AgencyFactory(name=AGENCY)
    data = {
        "participant_group": group,
        "nip": "",
        "nik": "",
        "full_name": "Uji Coba",
        "agency": agency.pk,
        "position": "Staf",
        "email": "uji.coba@contoh.go.id",
        "password1": "Lentera-2024-aman",
        "password2": "Lentera-2024-aman",
        field: value,
    }
    form = RegistrationForm(data)
    assert not form.is_valid()
    return form.errors[field]


def _participant_import(field, value, group):
    AgencyFactory(name=AGENCY)
    nip, nik = (value, "") if field == "nip" else ("", value)
    row = ["Uji Coba", group, nip, nik, AGENCY, "Staf", "", "uji.coba@contoh.go.id", ""]
    preview = importing.preview_import(importing.read_table(csv_bytes([row]), "peserta.csv"))
    [refused] = preview.rows_with_errors
    label = "NIP: " if field == "nip" else "NIK: "
    assert all(message.startswith(label) for message in refused.errors), refused.errors
    return [message.removeprefix(label) for message in refused.errors]


def _identity_change(field, value, group):
    if group == ParticipantGroup.PTT:
        person = ptt(full_name="Uji Coba", nik=None)
    else:
        person = ParticipantFactory(participant_group=group, nip=NIP_PPPK)
    with pytest.raises(ValidationError) as refusal:
        identity_change_request(
            user=person, by=person, changes={field: value}, proof=ControlProof.by_password(PASSWORD)
        )
    return refusal.value.message_dict[field]


def _add_nip_service(field, value, group):
    person = ptt(full_name="Uji Coba", nik=NIK_PTT)
    with pytest.raises(ValidationError) as refusal:
        services.participant_add_nip(
            participant=person,
            nip=value,
            by=person,
            group=group,
            proof=ControlProof.by_password(PASSWORD),
        )
    return refusal.value.message_dict[field]


def _nip_import(field, value, group):
    ptt(full_name="Uji Coba", nik=NIK_PTT, email="uji.coba@contoh.go.id")
    data = csv_bytes(
        [[NIK_PTT, value, group, ""]],
        headers=["nik_atau_email", "nip_baru", "kelompok", "tanggal_berlaku"],
    )
    preview = nip_importing.preview_nips(nip_importing.read_table(data, "nip.csv"))
    [refused] = preview.rows_with_errors
    return [message.removeprefix("NIP baru: ") for message in refused.errors]


NIP_DOORS = {
    "model clean": _model_clean,
    "sign-up form": _registration_form,
    "participant import": _participant_import,
    "identity change service": _identity_change,
    "add-NIP service": _add_nip_service,
    "NIP import": _nip_import,
}
NIK_DOORS = {
    "model clean": _model_clean,
    "sign-up form": _registration_form,
    "participant import": _participant_import,
    "identity change service": _identity_change,
}


class TestEveryDoorRefusesABadNipAlike:
    @pytest.mark.parametrize("door", NIP_DOORS)
    @pytest.mark.parametrize(("nip", "messages"), BAD_NIPS)
    def test_the_door_refuses_with_the_rules_messages(self, door, nip, messages):
        refused = NIP_DOORS[door]("nip", nip, ParticipantGroup.PPPK)
        assert refused == messages


class TestEveryDoorRefusesABadNikAlike:
    @pytest.mark.parametrize("door", NIK_DOORS)
    @pytest.mark.parametrize(("nik", "messages"), BAD_NIKS)
    def test_the_door_refuses_with_the_rules_messages(self, door, nik, messages):
        refused = NIK_DOORS[door]("nik", nik, ParticipantGroup.PTT)
        assert refused == messages
