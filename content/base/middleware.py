from django.conf import settings
from django.http import Http404


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
