from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from content.base.admin_views import (
    KeepListIndexView,
    LimitedActionsPolicy,
    ReturnToListMixin,
    ServiceSaveMixin,
)
from content.base.import_jobs import IMPORT_FLOW_HOOK
from content.base.site_menu import SITE_MENU_HOOK, SiteMenuItem
from content.people.account import ACCOUNT_SECTION_HOOK, AccountSection
from content.people.selectors import person_by_identifier
from content.training import admin_closing, admin_views, selectors, services
from content.training.models import (
    Attendance,
    AttendanceCorrection,
    AttendanceStatus,
    Registration,
    SessionPage,
)

# Operational records change only through the services: attendance is never deleted (a
# correction says what happened), registrations are neither made nor deleted here (the session
# page makes them; cancelling frees the seat), and the correction log is read-only for everyone.
register_permission_policy(
    Attendance, LimitedActionsPolicy(Attendance, actions=("view", "add", "change"))
)
register_permission_policy(
    Registration, LimitedActionsPolicy(Registration, actions=("view", "change"))
)
register_permission_policy(
    AttendanceCorrection, LimitedActionsPolicy(AttendanceCorrection, actions=("view",))
)


class AttendanceCorrectionForm(WagtailAdminModelForm):
    reason = forms.CharField(label="Alasan koreksi", required=False, max_length=200)

    class Meta:
        model = Attendance
        fields = ["status"]


class ManualAttendanceForm(WagtailAdminModelForm):
    """Mark someone by hand: the person is named the way they log in."""

    person = forms.CharField(
        label="Peserta (NIP, NIK, atau email)",
        max_length=254,
        help_text="Sama seperti yang dipakai peserta untuk masuk.",
    )

    class Meta:
        model = Attendance
        fields = ["session", "status", "override_reason"]
        labels = {"session": "Sosialisasi"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = SessionPage.objects.order_by("-date", "title")
        self.fields["session"].empty_label = "Pilih sosialisasi"
        self.fields["status"].initial = AttendanceStatus.PRESENT
        self.order_fields(["session", "person", "status", "override_reason"])

    def clean_person(self):
        person = person_by_identifier(self.cleaned_data["person"], participants_only=True)
        if person is None:
            raise forms.ValidationError("Tidak ada peserta dengan NIP, NIK, atau email itu.")
        return person


def _for_session(url, session):
    """An admin URL narrowed to one session (the attendance list filtered, the form kept)."""
    return f"{url}?{urlencode({'session': session.pk})}"


class AttendanceIndexView(KeepListIndexView):
    """Filtered to a session, "add" marks someone in that session."""

    def get_add_url(self):
        url = super().get_add_url()
        session = selectors.session_by_id(self.request.GET.get("session"))
        return _for_session(url, session) if url and session else url


class ManualAttendanceCreateView(ServiceSaveMixin, CreateView):
    """Marking by hand, as at the door: one person after another in the same session. A save
    shows that session's list; "Simpan dan tambah lagi" comes back to an empty form with the
    session kept (`?session=`), which the session's filtered list also links to."""

    log_action = "wagtail.create"
    template_name = "training/admin/attendance_create.html"
    submit_button_label = "Simpan"
    ADD_ANOTHER = "tambah_lagi"

    def get_initial(self):
        initial = super().get_initial()
        if session := selectors.session_by_id(self.request.GET.get("session")):
            initial["session"] = session.pk
        return initial

    def get_success_url(self):
        if self.ADD_ANOTHER in self.request.POST:
            return _for_session(reverse(self.add_url_name), self.object.session)
        return self._session_list_url(self.object.session)

    def _session_list_url(self, session):
        return _for_session(reverse(self.index_url_name), session)

    def get_success_buttons(self):
        return [messages.button(self._session_list_url(self.object.session), "Daftar sesi ini")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if form.is_bound:
            session = selectors.session_by_id(form.data.get("session"))
        else:
            session = selectors.session_by_id(form.initial.get("session"))
        if session is not None:
            context["kept_session"] = {
                "title": session.title,
                "count": selectors.checked_in_count(session),
                "list_url": self._session_list_url(session),
            }
        context["add_another"] = self.ADD_ANOTHER
        return context

    def save_with_service(self, form):
        data = form.cleaned_data
        return services.attendance_mark(
            session=data["session"],
            participant=data["person"],
            status=data["status"],
            by=self.request.user,
            override_reason=data["override_reason"],
        )


class AttendanceEditView(ReturnToListMixin, ServiceSaveMixin, EditView):
    def save_with_service(self, form):
        # The correction log records who changed what, and when.
        return services.attendance_correct(
            attendance=self.object,
            status=form.cleaned_data["status"],
            by=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class AttendanceViewSet(ModelViewSet):
    model = Attendance
    icon = "tick-inverse"
    menu_label = "Kehadiran"
    list_display = ["participant", "session", "status", "method", "checked_in_at"]
    list_filter = ["session", "status", "method"]
    search_fields = ["participant__full_name", "participant__nip", "participant__email"]
    search_backend_name = None
    list_export = [
        "session",
        "participant",
        "participant.nip",
        "participant.agency",
        "participant.get_participant_group_display",
        "get_status_display",
        "get_method_display",
        "checked_in_at",
        "override_reason",
    ]
    export_headings = {
        "session": "Sosialisasi",
        "participant": "Nama",
        "participant.nip": "NIP",
        "participant.agency": "OPD",
        "participant.get_participant_group_display": "Kelompok",
        "get_status_display": "Status",
        "get_method_display": "Cara presensi",
        "checked_in_at": "Waktu presensi (WIB)",
        "override_reason": "Alasan pengecualian",
    }
    export_filename = "kehadiran-lentera"
    index_view_class = AttendanceIndexView
    edit_view_class = AttendanceEditView
    add_view_class = ManualAttendanceCreateView
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return AttendanceCorrectionForm if for_update else ManualAttendanceForm

    def get_queryset(self, request):
        return Attendance.objects.select_related("session", "participant__agency")


class RegistrationStatusForm(WagtailAdminModelForm):
    class Meta:
        model = Registration
        fields = ["status"]
        help_texts = {
            "status": "Kursi hanya diberikan bila masih ada yang kosong. Membatalkan memberikan "
            "kursi kepada peserta pertama di daftar tunggu. Peserta diberi tahu lewat email."
        }


class RegistrationEditView(ReturnToListMixin, ServiceSaveMixin, EditView):
    def save_with_service(self, form):
        # Seats, the waiting list and the emails stay as the session page keeps them.
        return services.registration_change(
            registration=self.object, status=form.cleaned_data["status"]
        )


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "list-ul"
    menu_label = "Pendaftaran"
    list_display = ["participant", "session", "status", "requested_at"]
    list_filter = ["session", "status"]
    list_export = ["session", "participant", "get_status_display", "requested_at"]
    export_headings = {
        "session": "Sosialisasi",
        "participant": "Nama",
        "get_status_display": "Status",
        "requested_at": "Waktu daftar (WIB)",
    }
    index_view_class = KeepListIndexView
    edit_view_class = RegistrationEditView
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return RegistrationStatusForm

    def get_queryset(self, request):
        return Registration.objects.select_related("session", "participant")


class CorrectionViewSet(ModelViewSet):
    model = AttendanceCorrection
    icon = "history"
    menu_label = "Koreksi kehadiran"
    list_display = ["attendance", "old_status", "new_status", "reason", "changed_by", "changed_at"]
    list_filter = ["attendance__session"]
    form_fields = ["reason"]
    copy_view_enabled = False
    inspect_view_enabled = True


class TrainingGroup(ViewSetGroup):
    menu_label = "Sosialisasi"
    menu_icon = "date"
    menu_order = 250
    items = (AttendanceViewSet, RegistrationViewSet, CorrectionViewSet)


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingGroup()


@hooks.register("register_admin_urls")
def register_training_admin_urls():
    return admin_views.attendance_import.get_urls()


# "Tutup sesi": end a session early, so its certificates can be issued (admin_closing.py).
@hooks.register("register_admin_urls")
def register_session_close_admin_urls():
    return admin_closing.get_urls()


@hooks.register("register_page_header_buttons")
def register_session_close_header_button(page, user, view_name, next_url=None):
    return admin_closing.close_button(page, user, priority=50)


@hooks.register("register_page_listing_more_buttons")
def register_session_close_listing_button(page, user, next_url=None):
    return admin_closing.close_button(page, user, priority=50)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return admin_views.attendance_import.menu_item(order=260)


@hooks.register(IMPORT_FLOW_HOOK)
def register_attendance_import():
    return admin_views.attendance_import


@hooks.register(ACCOUNT_SECTION_HOOK)
def register_sessions_account_section():
    return AccountSection(
        key="sosialisasi",
        title="Sosialisasi",
        template="training/account/sessions.html",
        items=selectors.participant_history,
        export=selectors.participant_history_export,
        erase=lambda user: services.registrations_withdraw_all(participant=user),
        order=10,
    )


@hooks.register(SITE_MENU_HOOK)
def sessions_menu_item():
    # The main navigation (content/base/site_menu.py).
    return SiteMenuItem(order=30, label="Sosialisasi", url="/sesi/", current_prefix="/sesi/")
