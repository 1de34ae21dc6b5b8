"""How apps above articles add links to an article page without articles importing them.

`register_article_links` is a hook called as `hook(article, request)` that returns a list of
base.links.PageLink (quizzes add "Uji pemahaman Anda").
"""

from wagtail import hooks

ARTICLE_LINKS_HOOK = "register_article_links"


def article_links(article, request):
    return [link for hook in hooks.get_hooks(ARTICLE_LINKS_HOOK) for link in hook(article, request)]
