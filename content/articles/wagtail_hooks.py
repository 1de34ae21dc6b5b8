from django.urls import reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

from content.articles.models import Topic
from content.base.admin_views import ProtectedDeleteMixin
from content.base.site_menu import SITE_MENU_HOOK, SiteMenuItem


class TopicDeleteView(ProtectedDeleteMixin, DeleteView):
    pass


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topik"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "pillar", "slug"]
    list_filter = ["pillar"]
    search_fields = ["name"]
    # Searched in the database (name contains), as the other admin listings: Topic is not in
    # the search index, and the index backend failed on it ("no such column: name").
    search_backend_name = None
    # A topic with questions in the bank stays until they move to another topic.
    delete_view_class = TopicDeleteView


register_snippet(TopicViewSet)


# The main navigation (content/base/site_menu.py): the two sections and the search.
@hooks.register(SITE_MENU_HOOK)
def materials_menu_item():
    return SiteMenuItem(order=10, label="Materi", url="/materi/", current_prefix="/materi/")


@hooks.register(SITE_MENU_HOOK)
def fact_checks_menu_item():
    return SiteMenuItem(
        order=20, label="Cek Fakta", url="/cek-fakta/", current_prefix="/cek-fakta/"
    )


@hooks.register(SITE_MENU_HOOK)
def search_menu_item():
    return SiteMenuItem(order=50, label="Cari", url=reverse("search"), current_path="/cari/")
