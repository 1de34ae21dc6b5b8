from django.conf import settings
from django.http import Http404, HttpResponseBadRequest

from content.base.input_rules import INVALID_CHARACTERS_MESSAGE, has_forbidden_characters


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY: browser features pages here may not use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RefuseNulInPathMiddleware:
    """No address here contains a NUL character, and PostgreSQL refuses one in any query, so a
    path holding one is answered "not found" before any view can pass it to the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404
        return self.get_response(request)


class RefuseControlCharactersInQueryMiddleware:
    """No link here puts a control character (NUL, ESC, DEL, C1...: content/base/input_rules.py)
    in a query string, and not every view reads its query through a form (the Wagtail admin's
    choosers read ids straight from it), so a query holding one is answered 400 before any view
    can pass it to the database. Forms refuse the same characters in what is posted to them
    (content/base/forms_guard.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if has_forbidden_characters([*query.keys(), *(v for k in query for v in query.getlist(k))]):
            return HttpResponseBadRequest(
                f"Alamat tidak dapat dibuka. {INVALID_CHARACTERS_MESSAGE}",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
