from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from content.base.admin_menu import PermissionMenuItem
from content.base.admin_views import (
    LimitedActionsPolicy,
    ProtectedDeleteView,
    ServiceSaveMixin,
)
from content.base.import_jobs import IMPORT_FLOW_HOOK
from content.base.site_menu import SITE_MENU_HOOK, SiteMenuItem
from content.people import admin_regions, admin_views, selectors, services
from content.people.forms import ParticipantAdminForm
from content.people.merge_summary import render_summary
from content.people.models import (
    Agency,
    DeletionRequest,
    IdentityChange,
    MergeRecord,
    Participant,
)

# Participant is a proxy of the user model, whose Wagtail policy checks people.*_user
# permissions (granted to nobody but superusers). Organizers and analysts hold
# people.*_participant instead, so the proxy gets its own policy. Nobody deletes a participant
# here: deleting would take their attendance out of the statistics; erasure requests clear
# their personal data instead.
register_permission_policy(
    Participant, LimitedActionsPolicy(Participant, actions=("add", "change", "view"))
)
# Participants open erasure requests; organizers decide them on the "Proses" screen.
register_permission_policy(
    DeletionRequest, LimitedActionsPolicy(DeletionRequest, actions=("view",))
)
# The log of identity changes is written by the services only.
register_permission_policy(IdentityChange, LimitedActionsPolicy(IdentityChange, actions=("view",)))
# Merges are made on the merge screen (services.participants_merge) and never edited.
register_permission_policy(MergeRecord, LimitedActionsPolicy(MergeRecord, actions=("view",)))

PARTICIPANT_EXPORT = [
    "full_name",
    "participant_group",
    "nip",
    "nik",
    "agency",
    "position",
    "rank",
    "gender",
    "email",
    "phone",
    "date_joined",
]


class AddNipLinkColumn(Column):
    """For people without a NIP (PTT): the screen that adds the one they were appointed with."""

    def get_value(self, instance):
        return "" if instance.nip else "Tambah NIP"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if not instance.nip:
            context["link_url"] = reverse("people_add_nip", args=[instance.pk])
        return context


class ParticipantCreateView(ServiceSaveMixin, CreateView):
    log_action = "wagtail.create"

    def save_with_service(self, form):
        return services.participant_save(participant=form.instance, by=self.request.user)


class ParticipantEditView(ServiceSaveMixin, EditView):
    """A changed email, NIP or NIK is not saved with the rest: it waits for its owner's link,
    or takes the in-person check recorded on the form (services/identity_control.py)."""

    def save_with_service(self, form):
        return services.participant_save(
            participant=form.instance,
            by=self.request.user,
            group_since=form.cleaned_data.get("group_since"),
            proof=form.control_proof(),
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as refusal:
            form.add_error(None, refusal)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_message(self):
        message = super().get_success_message()
        if message and selectors.pending_identity_change(self.object):
            message += (
                " Perubahan email/NIP/NIK menunggu konfirmasi pemilik akun lewat tautan yang "
                "dikirim ke emailnya."
            )
        return message


class ParticipantViewSet(ModelViewSet):
    """Only Organizer, Analyst and superusers hold people.view_participant: editors never see
    participants, and so never see a NIP or NIK."""

    model = Participant
    icon = "group"
    menu_label = "Peserta"
    list_display = [
        "full_name",
        "participant_group",
        "nip",
        "agency",
        "position",
        "email",
        AddNipLinkColumn("add_nip", label="NIP baru"),
    ]
    list_filter = ["participant_group", "agency", "gender"]
    search_fields = ["full_name", "nip", "nik", "email"]
    search_backend_name = None
    list_export = PARTICIPANT_EXPORT
    export_headings = {
        "full_name": "Nama",
        "participant_group": "Kelompok",
        "nip": "NIP",
        "nik": "NIK",
        "agency": "OPD",
        "position": "Jabatan",
        "rank": "Pangkat/golongan",
        "gender": "Jenis kelamin",
        "email": "Email",
        "phone": "Telepon",
        "date_joined": "Terdaftar (WIB)",
    }
    export_filename = "peserta-lentera"
    form_fields = [
        "full_name",
        "participant_group",
        "group_since",  # the form's own field: from when a changed group holds
        "nip",
        "nik",
        "agency",
        "position",
        "rank",
        "email",
        "phone",
        "is_active",
        # The form's own fields: how control of the account was shown for a changed identifier.
        "in_person_check",
        "proof_note",
    ]
    add_view_class = ParticipantCreateView
    edit_view_class = ParticipantEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    ordering = ["full_name"]
    # People are not content: indexing every user save would only slow logins and imports.
    add_to_reference_index = False

    def get_form_class(self, for_update=False):
        return modelform_factory(self.model, form=ParticipantAdminForm, fields=self.form_fields)


class AgencyViewSet(ModelViewSet):
    model = Agency
    icon = "home"
    menu_label = "OPD"
    list_display = ["name", "short_name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    search_backend_name = None
    list_export = ["name", "short_name", "kind", "parent", "is_active"]
    form_fields = ["name", "short_name", "kind", "parent", "is_active"]
    copy_view_enabled = False
    # An agency with people or past records cannot go: mark it inactive instead.
    delete_view_class = ProtectedDeleteView


class ProcessLinkColumn(Column):
    def get_value(self, instance):
        return "Proses" if instance.status == DeletionRequest.Status.PENDING else ""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["link_url"] = reverse("people_process_deletion", args=[instance.pk])
        return context


class DeletionRequestViewSet(ModelViewSet):
    model = DeletionRequest
    icon = "bin"
    menu_label = "Permohonan hapus data"
    list_display = [
        "requester_label",
        "status",
        "requested_at",
        "handled_by",
        "handled_at",
        ProcessLinkColumn("process", label="Tindakan"),
    ]
    list_filter = ["status"]
    form_fields = ["note"]
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False

    def get_queryset(self, request):
        return selectors.participant_deletion_requests().select_related("handled_by")


class IdentityChangeViewSet(ModelViewSet):
    """Who changed whose email, NIP or NIK, when, and how control of the account was shown
    (password, the owner's link, an in-person check with its note); the values are masked."""

    model = IdentityChange
    icon = "history"
    menu_label = "Perubahan identitas"
    list_display = [
        "user",
        "identifier",
        "old_value",
        "new_value",
        "group_after",
        "effective_date",
        "proof",
        "changed_by",
        "changed_at",
    ]
    list_filter = ["identifier", "proof", "group_after"]
    form_fields = ["identifier"]
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False

    def get_queryset(self, request):
        return IdentityChange.objects.select_related("user", "changed_by")


class MergeRecordInspectView(InspectView):
    def get_summary_display_value(self):
        return render_summary(self.object.summary)


class MergeRecordViewSet(ModelViewSet):
    """Which account was merged into which, by whom and when, and what moved (its summary)."""

    model = MergeRecord
    icon = "resubmit"
    menu_label = "Penggabungan akun"
    list_display = ["loser_label", "survivor_label", "changed_by", "changed_at"]
    form_fields = ["survivor_label"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["loser_label", "survivor_label", "changed_by", "changed_at", "summary"]
    inspect_view_class = MergeRecordInspectView
    add_to_reference_index = False

    def get_queryset(self, request):
        return selectors.merge_records()


class PeopleGroup(ViewSetGroup):
    menu_label = "Peserta"
    menu_icon = "group"
    menu_order = 300
    items = (
        ParticipantViewSet,
        AgencyViewSet,
        DeletionRequestViewSet,
        IdentityChangeViewSet,
        admin_regions.UnknownNikRegionViewSet,
        MergeRecordViewSet,
    )


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleGroup()


@hooks.register("register_admin_urls")
def register_people_admin_urls():
    return [
        *admin_views.participant_import.get_urls(),
        *admin_views.nip_import.get_urls(),
        path("peserta-nip-baru/<int:pk>/", admin_views.add_nip, name="people_add_nip"),
        path("peserta-duplikat/", admin_views.duplicates, name="people_duplicates"),
        path(
            "peserta-duplikat/<int:first>/<int:second>/gabung/",
            admin_views.merge,
            name="people_merge",
        ),
        path(
            "permohonan-hapus-data/<int:pk>/proses/",
            admin_views.process_deletion,
            name="people_process_deletion",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return admin_views.participant_import.menu_item(order=310)


@hooks.register(IMPORT_FLOW_HOOK)
def register_participant_import():
    return admin_views.participant_import


@hooks.register("register_admin_menu_item")
def register_nip_import_menu_item():
    return admin_views.nip_import.menu_item(order=311)


@hooks.register(IMPORT_FLOW_HOOK)
def register_nip_import():
    return admin_views.nip_import


@hooks.register("register_admin_menu_item")
def register_duplicates_menu_item():
    return PermissionMenuItem(
        "Kemungkinan duplikat",
        reverse("people_duplicates"),
        icon_name="resubmit",
        order=312,
        permission=admin_views.MERGE_PERMISSION,
    )


@hooks.register(SITE_MENU_HOOK)
def account_menu_item():
    # The main navigation's last item (content/base/site_menu.py): "Akun saya" or "Masuk",
    # the reader's own (personal_parts.py).
    return SiteMenuItem(order=100, personal="people.account_menu")
