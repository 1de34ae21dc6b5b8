from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from content.base.admin_views import (
    LimitedActionsPolicy,
    ReturnToListMixin,
    ServiceSaveMixin,
)
from content.certificates import admin_bulk, admin_preview, rules, selectors, services
from content.certificates.models import Certificate, CertificateTemplate, VerificationLookup
from content.people.account import ACCOUNT_SECTION_HOOK, AccountSection
from content.training.extensions import SESSION_PARTICIPANT_HOOK

# Certificates are issued by the services (Akun saya, bulk issue), never typed in the admin;
# the only change the admin makes is revoking, with a reason. The lookup log is read-only.
register_permission_policy(
    Certificate, LimitedActionsPolicy(Certificate, actions=("view", "change"))
)
register_permission_policy(
    VerificationLookup, LimitedActionsPolicy(VerificationLookup, actions=("view",))
)


class RevokeForm(WagtailAdminModelForm):
    reason = forms.CharField(
        label="Alasan pencabutan",
        max_length=300,
        help_text="Ditampilkan di halaman verifikasi sertifikat ini, mulai saat ini juga.",
    )

    class Meta:
        model = Certificate
        fields = []


class CertificateLinksMixin:
    """The certificate's own pages in the admin (revoke, inspect) offer its PDF, to those the
    download rule lets have it (rules.may_download: the holder, download_certificate), through
    the same private download view as Akun saya; and its public verification page."""

    def get_header_buttons(self):
        certificate = self.object
        buttons = list(super().get_header_buttons())
        if rules.may_download(self.request.user, certificate) and not certificate.holder_erased:
            url = reverse("certificates:download", args=[certificate.code])
            buttons.append(HeaderButton("Unduh PDF", url=url, icon_name="download", priority=10))
        url = reverse("certificates:verify_code", args=[certificate.code])
        buttons.append(
            HeaderButton("Buka verifikasi", url=url, icon_name="link-external", priority=20)
        )
        return buttons


class CertificateInspectView(CertificateLinksMixin, InspectView):
    pass


class RevokeView(CertificateLinksMixin, ReturnToListMixin, ServiceSaveMixin, EditView):
    log_action = "lentera.certificate.revoke"

    def save_with_service(self, form):
        return services.certificate_revoke(
            certificate=self.object, reason=form.cleaned_data["reason"], by=self.request.user
        )


class CertificateTemplateViewSet(ModelViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = "Templat sertifikat"
    list_display = ["name", "page_size", "orientation", "number_format"]
    search_fields = ["name"]
    search_backend_name = None
    copy_view_enabled = True
    # Deleting, replacing or clearing a signature or the stamp deletes its private file.
    delete_view_class = admin_preview.TemplateDeleteView
    # With a "Pratinjau" button (admin_preview.py).
    index_view_class = admin_preview.TemplateIndexView
    edit_view_class = admin_preview.TemplateEditView


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = "Sertifikat"
    list_display = ["number", "holder_name", "event_title", "role", "issued_at", "revoked_at"]
    list_filter = ["template", "role", "session"]
    search_fields = ["number", "holder_name", "code"]
    search_backend_name = None
    list_export = [
        "number",
        "holder_name",
        "holder_nip",
        "holder_agency",
        "get_role_display",
        "event_title",
        "event_date",
        "training_hours",
        "score",
        "issued_at",
        "revoked_at",
        "revoked_reason",
    ]
    export_headings = {
        "number": "Nomor",
        "holder_name": "Nama",
        "holder_nip": "NIP",
        "holder_agency": "Instansi",
        "get_role_display": "Peran",
        "event_title": "Kegiatan",
        "event_date": "Tanggal kegiatan",
        "training_hours": "JP",
        "score": "Nilai",
        "issued_at": "Diterbitkan (WIB)",
        "revoked_at": "Dicabut (WIB)",
        "revoked_reason": "Alasan pencabutan",
    }
    export_filename = "sertifikat-lentera"
    edit_view_class = RevokeView
    inspect_view_class = CertificateInspectView
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return RevokeForm

    def get_queryset(self, request):
        return Certificate.objects.select_related("template", "session")


class VerificationLookupViewSet(ModelViewSet):
    model = VerificationLookup
    icon = "search"
    menu_label = "Pemeriksaan"
    list_display = [
        "looked_up_at",
        "code",
        "by_upload",
        "result",
        Column("certificate", label="Sertifikat", sort_key="certificate"),
    ]
    list_filter = ["result", "by_upload"]
    form_fields = []
    copy_view_enabled = False


class CertificateGroup(ViewSetGroup):
    menu_label = "Sertifikat"
    menu_icon = "doc-full-inverse"
    menu_order = 280
    items = (CertificateTemplateViewSet, CertificateViewSet, VerificationLookupViewSet)


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("lentera.certificate.revoke", "Cabut sertifikat", "Sertifikat dicabut")


@hooks.register("register_admin_viewset")
def register_certificate_viewsets():
    return CertificateGroup()


@hooks.register(ACCOUNT_SECTION_HOOK)
def register_certificates_account_section():
    return AccountSection(
        key="sertifikat",
        title="Sertifikat dan jam pelajaran",
        template="certificates/account/certificates.html",
        items=selectors.account_summary,
        export=selectors.export_for,
        order=30,
    )


# --------------------------------------------------------------------------------------------
# Bulk issuing for a session (admin_bulk.py) and template previews (admin_preview.py).
# --------------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_certificate_bulk_admin_urls():
    return [*admin_bulk.get_urls(), *admin_preview.get_urls()]


@hooks.register("register_admin_menu_item")
def register_certificate_bulk_menu_item():
    return admin_bulk.menu_item(order=285)


# The reader's own state on a session page (a personal part of training's page).
@hooks.register(SESSION_PARTICIPANT_HOOK)
def register_session_participant_panel(request, session_id):
    state = selectors.session_state_by_id(request.user, session_id)
    if state is None or not (state.checkin_open or state.participation[0] != "none"):
        return None
    return render_to_string(
        "certificates/includes/session_participant.html", {"state": state}, request
    )
