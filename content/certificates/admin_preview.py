"""A template's preview in the admin: the template's wording for each role, printed for a sample
holder and shown as images (preview.py). A "Pratinjau" button on the template's edit page and in
the listing's menu leads there. Nothing is issued and no number is taken.

And the template's signatures and stamp, as the edit form shows them (PrivateImageInput): they
are private files, sent only to whoever may edit templates (MARK_PERMISSION)."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.widgets import Button, HeaderButton

from content.base.admin_views import ProtectedDeleteView
from content.base.private_files import send_private_file
from content.base.private_images import content_type_of
from content.certificates import preview, services
from content.certificates.models import CertificateTemplate, Role
from content.certificates.models.templates import MARK_FIELDS

PERMISSION = "certificates.view_certificatetemplate"
MARK_PERMISSION = "certificates.change_certificatetemplate"
MARK_NAMES = {slug: field for field, slug in MARK_FIELDS.items()}
LABEL = "Pratinjau"


def preview_url(template):
    return reverse("certificates_template_preview", args=[template.pk])


class TemplateIndexView(IndexView):
    """The templates' listing, with "Pratinjau" in each row's menu."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(PERMISSION):
            buttons.append(Button(LABEL, url=preview_url(instance), icon_name="view", priority=15))
        return buttons


class TemplateEditView(EditView):
    """The template's edit page, with a "Pratinjau" button in its header. A signature or stamp
    it replaces or clears is deleted from the private storage."""

    def save_instance(self):
        before = services.template_mark_names(CertificateTemplate.objects.get(pk=self.object.pk))
        instance = super().save_instance()
        services.template_marks_discard(names=before - services.template_mark_names(instance))
        return instance

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(LABEL, url=preview_url(self.object), icon_name="view"),
        ]


class TemplateDeleteView(ProtectedDeleteView):
    """Deleting a template deletes its signatures and stamp, unless a copy still uses them."""

    def delete_action(self):
        names = services.template_mark_names(self.object)
        super().delete_action()
        services.template_marks_discard(names=names)


@never_cache
@permission_required(PERMISSION, raise_exception=True)
def template_preview(request, pk):
    template = get_object_or_404(CertificateTemplate, pk=pk)
    roles = [
        (role, label, reverse("certificates_template_preview_image", args=[template.pk, role]))
        for role, label in Role.choices
    ]
    return TemplateResponse(
        request,
        "certificates/admin/template_preview.html",
        {"template": template, "roles": roles, "title": f"{LABEL} sertifikat"},
    )


@never_cache
@permission_required(PERMISSION, raise_exception=True)
def template_preview_image(request, pk, role):
    if role not in Role.values:
        raise Http404("Peran tidak dikenal.")
    template = get_object_or_404(CertificateTemplate, pk=pk)
    return HttpResponse(preview.sample_png(template, role, request=request), "image/png")


@never_cache
@permission_required(MARK_PERMISSION, raise_exception=True)
def template_mark(request, pk, mark):
    """A signature or the stamp of a template, for its edit form; 404 when it has none."""
    field = MARK_NAMES.get(mark)
    if field is None:
        raise Http404("Gambar tidak dikenal.")
    template = get_object_or_404(CertificateTemplate, pk=pk)
    file = getattr(template, field)
    if not file:
        raise Http404("Templat ini belum mempunyai gambar itu.")
    content_type = content_type_of(file.name)
    extension = ".jpg" if content_type == "image/jpeg" else ".png"
    return send_private_file(
        request,
        file,
        filename=f"{mark}-templat-{template.pk}{extension}",
        content_type=content_type,
        as_attachment=False,
    )


def get_urls():
    return [
        path(
            "templat-sertifikat/<int:pk>/pratinjau/",
            template_preview,
            name="certificates_template_preview",
        ),
        path(
            "templat-sertifikat/<int:pk>/pratinjau/<str:role>.png",
            template_preview_image,
            name="certificates_template_preview_image",
        ),
        path(
            "templat-sertifikat/<int:pk>/gambar/<str:mark>/",
            template_mark,
            name="certificates_template_mark",
        ),
    ]
