"""Wagtail documents, served from the private storage after Wagtail's privacy checks.

This view takes the place of wagtail.documents.views.serve under the same URL names, so
``document.url`` and the admin keep working. It does what Wagtail's does up to the file itself:
the id and the file name must match, and every ``before_serve_document`` hook runs, among them
Wagtail's own collection privacy check (log in, a group, a password), which answers for the
visitor who does not pass. Then, instead of reading a local path or redirecting to the
storage's URL, the file goes out through the shared private-file sender: streamed, through the
front server's internal location, or by a short-lived signed URL on S3, never from a public
folder.
"""

from django.http import Http404
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.documents.views.serve import authenticate_with_password

from content.base.private_files import send_private_file


def serve(request, document_id, document_filename):
    Document = get_document_model()
    document = get_object_or_404(Document, id=document_id)
    if document.filename != document_filename:
        raise Http404("Dokumen tidak ditemukan.")
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponseBase):
            return result
    document_served.send(sender=Document, instance=document, request=request)
    return send_private_file(
        request,
        document.file,
        filename=document.filename,
        content_type=document.content_type,
        as_attachment=document.content_disposition != "inline",
    )


urlpatterns = [
    path("<int:document_id>/<str:document_filename>", serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
