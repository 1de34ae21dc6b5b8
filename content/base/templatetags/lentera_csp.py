from django import template

from content.base.csp import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce():
    """This response's Content-Security-Policy nonce, for Wagtail's own inline scripts."""
    return current_nonce()
