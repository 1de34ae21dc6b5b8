"""The parts of every page's frame that are the reader's own and belong to people (see
content/base/reader_cache.py). The header shows the account menu as the main navigation's last
item (registered in wagtail_hooks.py; content/base/site_menu.py)."""

from django.template.loader import render_to_string

from content.base.reader_cache import personal_part


@personal_part("people.account_menu")
def account_menu(request):
    """ "Akun saya" for someone logged in, "Masuk" for a visitor, in the main navigation."""
    user = getattr(request, "user", None)  # no request when the 500 page renders
    return render_to_string("people/includes/account_menu.html", {"user": user}, request)
