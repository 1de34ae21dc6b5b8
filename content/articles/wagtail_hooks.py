from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

from content.articles.models import Topic
from content.base.admin_views import ProtectedDeleteMixin


class TopicDeleteView(ProtectedDeleteMixin, DeleteView):
    pass


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topik"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
    # Searched in the database (name contains), as the other admin listings: Topic is not in
    # the search index, and the index backend failed on it ("no such column: name").
    search_backend_name = None
    # A topic with questions in the bank stays until they move to another topic.
    delete_view_class = TopicDeleteView


register_snippet(TopicViewSet)
