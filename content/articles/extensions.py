"""How apps above articles add links to an article page without articles importing them.

`register_article_links` is a hook called as `hook(article, request)` that returns a list of
base.links.PageLink (quizzes add "Uji pemahaman Anda"). The links must be the same for every
reader: the page is kept in the page cache for visitors and shared by logged-in readers
(content/base/reader_cache.py). A hook whose links change without a publish says so with
page_cache.depends_on / fresh_until; a reader's own part belongs in a {% personal %} tag.
"""

from wagtail import hooks

ARTICLE_LINKS_HOOK = "register_article_links"


def article_links(article, request):
    return [link for hook in hooks.get_hooks(ARTICLE_LINKS_HOOK) for link in hook(article, request)]
