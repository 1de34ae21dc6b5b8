from django import forms
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from content.base.admin_menu import PermissionMenuItem
from content.training import admin_views, services
from content.training.models import Attendance, AttendanceCorrection, Registration


class AttendanceCorrectionForm(WagtailAdminModelForm):
    reason = forms.CharField(label="Alasan koreksi", required=False, max_length=200)

    class Meta:
        model = Attendance
        fields = ["status"]


class ManualAttendanceForm(WagtailAdminModelForm):
    class Meta:
        model = Attendance
        fields = ["session", "participant", "status"]


class AttendanceEditView(EditView):
    def save_instance(self):
        # Through the service, so the correction log records who changed what, and when.
        return services.attendance_correct(
            attendance=self.object,
            status=self.form.cleaned_data["status"],
            by=self.request.user,
            reason=self.form.cleaned_data["reason"],
        )


class ManualAttendanceCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        attendance, _ = services.attendance_record(
            session=data["session"],
            participant=data["participant"],
            method="manual",
            by=self.request.user,
        )
        return services.attendance_correct(
            attendance=attendance, status=data["status"], by=self.request.user
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
    ]
    export_headings = {
        "session": "Sosialisasi",
        "participant": "Nama",
        "participant.nip": "NIP",
        "participant.agency": "OPD",
        "participant.get_participant_group_display": "Kelompok",
        "get_status_display": "Status",
        "get_method_display": "Cara presensi",
        "checked_in_at": "Waktu presensi",
    }
    export_filename = "kehadiran-lentera"
    edit_view_class = AttendanceEditView
    add_view_class = ManualAttendanceCreateView
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AttendanceCorrectionForm if for_update else ManualAttendanceForm

    def get_queryset(self, request):
        return Attendance.objects.select_related("session", "participant__agency")


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "list-ul"
    menu_label = "Pendaftaran"
    list_display = ["participant", "session", "status", "requested_at"]
    list_filter = ["session", "status"]
    list_export = ["session", "participant", "status", "requested_at"]
    form_fields = ["status"]
    copy_view_enabled = False

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
    return [
        path("presensi-impor/", admin_views.import_upload, name="training_attendance_import"),
        path(
            "presensi-impor/<int:session_id>/konfirmasi/",
            admin_views.import_confirm,
            name="training_attendance_import_confirm",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        "Impor daftar hadir",
        reverse("training_attendance_import"),
        icon_name="upload",
        order=260,
        permission=admin_views.IMPORT_PERMISSION,
    )
