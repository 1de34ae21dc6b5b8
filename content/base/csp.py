"""Content-Security-Policy nonces for the inline scripts Wagtail's admin writes itself.

The policy (settings: CONTENT_SECURITY_POLICY) runs no inline script without the response's
nonce, so a <script> smuggled into a page never runs. Wagtail 8's admin still writes a few
inline scripts of its own: date and time pickers, inline panels (speakers, materials), and
chooser widgets. Their templates are overridden in content/base/templates/wagtailadmin/ to
carry `{% csp_nonce %}`, and the chooser widget, which writes its script in Python, is wrapped
by install(). Nothing else gets a nonce: the response is never rewritten.

Widgets render without the request in their context, so the current request's nonce travels
in a context variable set by CurrentNonceMiddleware.
"""

import contextvars

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

_current = contextvars.ContextVar("csp_nonce", default=None)


def current_nonce():
    nonce = _current.get()
    return str(nonce) if nonce is not None else ""


class CurrentNonceMiddleware:
    """Makes request.csp_nonce (set by django-csp's middleware, which runs before this one)
    available to code that has no request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(getattr(request, "csp_nonce", None))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


def install():
    if getattr(BaseChooser, "_lentera_nonce", False):
        return
    wagtail_render = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        html = str(wagtail_render(self, name, value, attrs=attrs, renderer=renderer))
        # Wagtail writes exactly one trusted "<script>" after the widget's HTML.
        head, script, tail = html.rpartition("<script>")
        if not script:
            return mark_safe(html)  # noqa: S308 (Wagtail's own output, unchanged)
        tag = format_html('<script nonce="{}">', current_nonce())
        return mark_safe(head + tag + tail)  # noqa: S308 (Wagtail's own output, plus a nonce)

    BaseChooser.render = render
    BaseChooser._lentera_nonce = True
