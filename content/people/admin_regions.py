"""The organizers' list of participants whose stored NIK names a district that Kemendagri's
current list of region codes does not hold (identity.region_exists). Sign-up refuses only codes
no NIK can carry (identity.could_be_region), because a NIK is kept for life through regions
being split and renumbered; so these accounts keep working and are never refused. An organizer
checks the NIK with the person and corrects it on the participant's edit screen if it is wrong.

Who: holders of people.change_participant (Organizer, superusers), as for editing
participants. The NIK is shown masked, with its region code (the first six digits)."""

from django.urls import path, reverse
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet

from content.base.admin_menu import PermissionMenuItem
from content.people import selectors
from content.people.identity import IdentifierKind, mask
from content.people.models import Participant

TITLE = "NIK dengan kode wilayah tidak dikenal"


class MaskedNikColumn(Column):
    def get_value(self, instance):
        return mask(IdentifierKind.NIK, instance.nik)


class RegionCodeColumn(Column):
    def get_value(self, instance):
        return instance.nik[:6]


class UnknownNikRegionView(ReportView):
    model = Participant  # its permission policy decides who may open the list
    permission_required = "change"
    page_title = TITLE
    header_icon = "warning"
    template_name = "people/admin/unknown_nik_regions.html"
    paginate_by = 50
    index_url_name = "people_unknown_nik_regions:index"
    list_export = []  # nobody downloads NIKs from here

    columns = [
        TitleColumn(
            "full_name",
            label="Nama",
            get_url=lambda person: reverse("participant:edit", args=[person.pk]),
        ),
        Column("agency", label="OPD"),
        MaskedNikColumn("nik", label="NIK"),
        RegionCodeColumn("region", label="Kode wilayah"),
    ]

    def get_queryset(self):
        return selectors.participants_with_unknown_nik_region()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class UnknownNikRegionViewSet(ViewSet):
    name = "people_unknown_nik_regions"
    url_prefix = "peserta-nik-wilayah-tidak-dikenal"
    icon = "warning"
    menu_label = "NIK wilayah tak dikenal"

    def get_urlpatterns(self):
        return [path("", UnknownNikRegionView.as_view(), name="index")]

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            self.menu_label,
            self.menu_url,
            name=self.menu_name,
            icon_name=self.icon,
            order=self.get_menu_item_order(order),
            permission="people.change_participant",
        )
