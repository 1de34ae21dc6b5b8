"""The national Indeks Literasi Digital (NationalIndex), the reference the city's index is shown
beside: listed, and a year added or corrected with its source, in the admin (Statistik → Indeks
nasional). Kominfo publishes a new figure once a year; analysts enter it here, so nothing in
the code changes. Writes go through the statistics services; only superusers delete."""

from django.db import transaction
from django.urls import reverse_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from content.base.admin_menu import PermissionMenuItem
from content.base.admin_views import ServiceSaveMixin
from content.stats import services
from content.stats.models import NationalIndex

VIEW_PERMISSION = "stats.view_nationalindex"


class NationalSaveMixin(ServiceSaveMixin):
    def save_with_service(self, form):
        return services.national_index_save(figure=form.instance, by=self.request.user)


class NationalCreateView(NationalSaveMixin, CreateView):
    log_action = "wagtail.create"


class NationalEditView(NationalSaveMixin, EditView):
    pass


class NationalDeleteView(DeleteView):
    def delete_action(self):
        with transaction.atomic():
            log(self.object, "wagtail.delete", user=self.request.user)
            services.national_index_delete(figure=self.object, by=self.request.user)


class NationalIndexViewSet(ModelViewSet):
    model = NationalIndex
    name = "nationalindex"
    url_prefix = "statistik/indeks-nasional"
    icon = "doc-full"
    menu_label = "Indeks nasional"
    add_to_admin_menu = False
    add_view_class = NationalCreateView
    edit_view_class = NationalEditView
    delete_view_class = NationalDeleteView
    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("pillar"), FieldPanel("value")]),
        FieldPanel("source"),
    ]
    list_display = [
        "year",
        Column("pillar", label="Pilar", accessor="get_pillar_display"),
        "value",
        "source",
    ]
    list_filter = ["year"]
    ordering = ["-year", "pillar"]
    copy_view_enabled = False
    add_to_reference_index = False


national_viewset = NationalIndexViewSet()


def get_urls():
    return []


def menu_items():
    return [
        PermissionMenuItem(
            "Indeks nasional",
            reverse_lazy("nationalindex:index"),
            name="stats-national-index",
            icon_name="doc-full",
            order=210,
            permission=VIEW_PERMISSION,
        )
    ]


def viewsets():
    return [national_viewset]
