"""The headcount import writes through the statistics services (services.headcounts_import),
all or nothing; the modules that read and check the file write nothing themselves; the admin's
add, edit and delete screens write through services.headcount_save and headcount_delete."""

import inspect
import re

import pytest
from wagtail.models import ModelLogEntry

from content.base.spreadsheets import ImportPreview, RowAction
from content.people.models import Agency
from content.stats import admin_headcount, headcount_import, services
from content.stats.headcount_import import HeadcountRow
from content.stats.models import AgencyHeadcount
from tests.factories.people import AgencyFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
# Model writes: a manager's create/update calls, or an instance's save() or delete() (an
# openpyxl workbook's save(buffer) is no database write).
WRITES = re.compile(
    r"\.(create|get_or_create|update_or_create|bulk_create|bulk_update|update|delete)\("
    r"|\.save\(\)|\.save\(update_fields"
)


def _row(number, agency, asn=10, ptt=2):
    return HeadcountRow(
        number=number,
        label=str(agency),
        agency=agency,
        year=2026,
        asn=asn,
        ptt=ptt,
        action=RowAction.NEW,
    )


class TestHeadcountsImport:
    def test_the_service_writes_every_row(self):
        first, second = AgencyFactory(name="Diskominfo"), AgencyFactory(name="Disdukcapil")
        preview = ImportPreview(rows=[_row(2, first), _row(3, second, asn=80, ptt=0)])
        counts = services.headcounts_import(preview=preview, by=None)
        assert counts == {RowAction.NEW: 2, RowAction.UPDATED: 0, RowAction.UNCHANGED: 0}
        assert sorted(AgencyHeadcount.objects.values_list("agency__name", "asn", "ptt")) == [
            ("Disdukcapil", 80, 0),
            ("Diskominfo", 10, 2),
        ]

    def test_a_row_that_fails_to_write_leaves_no_row_written(self):
        kept = AgencyFactory(name="Diskominfo")
        gone = Agency(name="Dihapus")  # never saved: its row cannot be written
        preview = ImportPreview(rows=[_row(2, kept), _row(3, gone)])
        with pytest.raises(ValueError):
            services.headcounts_import(preview=preview, by=None)
        assert not AgencyHeadcount.objects.exists()


@pytest.mark.parametrize("module", [headcount_import, admin_headcount])
def test_the_import_modules_write_nothing_themselves(module):
    assert not WRITES.findall(inspect.getsource(module))


class TestTheAdminScreensWriteThroughTheServices:
    """Adding, editing and deleting a headcount in the admin call the statistics services (the
    real ones, watched): a screen that saved its form itself would leave the list empty."""

    @pytest.fixture
    def calls(self, monkeypatch):
        seen = []
        for name in ("headcount_save", "headcount_delete"):
            real = getattr(services, name)

            def watched(*, real=real, name=name, **kwargs):
                seen.append(name)
                return real(**kwargs)

            monkeypatch.setattr(services, name, watched)
        return seen

    def test_add_edit_and_delete(self, client, calls):
        client.force_login(UserFactory(username="root", is_superuser=True))
        agency = AgencyFactory()
        data = {"agency": agency.pk, "year": 2026, "asn": 120, "ptt": 30}
        index = "/admin/statistik/jumlah-pegawai/"
        assert client.post(f"{index}new/", data).status_code == 302
        headcount = AgencyHeadcount.objects.get()
        assert client.post(f"{index}edit/{headcount.pk}/", {**data, "asn": 7}).status_code == 302
        headcount.refresh_from_db()
        assert headcount.asn == 7
        assert client.post(f"{index}delete/{headcount.pk}/").status_code == 302
        assert not AgencyHeadcount.objects.exists()
        assert calls == ["headcount_save", "headcount_save", "headcount_delete"]
        actions = ModelLogEntry.objects.filter(object_id=str(headcount.pk))
        assert set(actions.values_list("action", flat=True)) == {
            "wagtail.create",
            "wagtail.edit",
            "wagtail.delete",
        }
