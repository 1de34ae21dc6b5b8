"""The admin's *Statistik* menu (analysts and superusers): the dashboard, the literacy index and
where to aim the next sessions, the reports and each agency's headcount. Each part lives in its
own module and hands its URLs and menu items here. Organizers see the menu too, with the one
item open to them (Sasaran pelatihan: they plan the sessions)."""

from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from content.people.account import ACCOUNT_SECTION_HOOK
from content.stats import (
    account,
    admin_aim,
    admin_dashboard,
    admin_headcount,
    admin_home,
    admin_literacy,
    admin_national,
    admin_reports,
)
from content.stats.permissions import VIEW_STATISTICS

PARTS = (
    admin_dashboard,
    admin_literacy,
    admin_aim,
    admin_reports,
    admin_headcount,
    admin_national,
)


class StatsMenuItem(SubmenuMenuItem):
    """Each item inside says whom it is for (PermissionMenuItem or its own is_shown)."""

    def is_shown(self, request):
        return request.user.has_perm(VIEW_STATISTICS) or admin_aim.may_open(request.user)


@hooks.register("register_admin_urls")
def register_stats_urls():
    return [url for part in PARTS for url in part.get_urls()]


@hooks.register("register_admin_menu_item")
def register_stats_menu():
    items = [item for part in PARTS for item in part.menu_items()]
    return StatsMenuItem("Statistik", Menu(items=items), icon_name="table", order=290)


@hooks.register("register_admin_viewset")
def register_stats_viewsets():
    return [*admin_headcount.viewsets(), *admin_national.viewsets()]


@hooks.register("construct_homepage_panels")
def add_stats_summary_panel(request, panels):
    admin_home.add_panel(request, panels)


# A participant's own literacy in Akun saya.
@hooks.register(ACCOUNT_SECTION_HOOK)
def register_literacy_account_section():
    return account.section()
