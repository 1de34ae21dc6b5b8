"""Where to go back to after a form: a `next` value the browser sends, accepted only as a path
of this site.

A path, not a URL: no scheme and no host (the site's address comes from site_address, never
from the request), no "//" or "/\\" that browsers read as another host, and no control
character (a redirect to "\\x01" made the claim view fail with a 500; a header cannot carry
one). Anything else gives "", and the caller goes to its default.
"""

from django.utils.http import url_has_allowed_host_and_scheme

from content.base.input_rules import has_forbidden_characters

MAX_LENGTH = 2000


def local_path(value):
    """`value` if it is a path on this site ("/sesi/x/?a=1"), else ""."""
    if not isinstance(value, str) or not value.startswith("/") or len(value) > MAX_LENGTH:
        return ""
    if has_forbidden_characters(value) or any(character.isspace() for character in value):
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=set()):
        return ""
    return value
