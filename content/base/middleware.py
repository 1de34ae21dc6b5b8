from django.conf import settings
from django.http import Http404, QueryDict

from content.base.input_rules import has_forbidden_characters


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


class DropControlCharactersFromQueryMiddleware:
    """No link here puts a control character (NUL, ESC, DEL, C1...: content/base/input_rules.py)
    in a query string, and not every view reads its query through a form (the Wagtail admin's
    choosers read ids straight from it; the redirect lookup reads the whole query), so a query
    parameter whose name or value holds one is dropped before any view sees it: the page
    answers as if it had not been sent, as a listing ignores a filter it cannot read. Forms
    refuse the same characters in what is posted to them (content/base/forms_guard.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if has_forbidden_characters([*query.keys(), *(v for k in query for v in query.getlist(k))]):
            kept = QueryDict(mutable=True)
            for name, values in query.lists():
                values = [value for value in values if not has_forbidden_characters(value)]
                if values and not has_forbidden_characters(name):
                    kept.setlist(name, values)
            kept._mutable = False
            request.GET = kept
            request.META["QUERY_STRING"] = kept.urlencode()
        return self.get_response(request)
