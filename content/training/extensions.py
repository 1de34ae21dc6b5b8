"""How apps above training add to a session page without training importing them.

- `register_session_participant_panel`: a hook called as `hook(request, session_id)` that returns
  the HTML of the reader's own state in the session (attendance, tests, certificate), or None
  when it has nothing to show. The session page renders it as a personal part (never shared).
- `register_session_links`: a hook called as `hook(session, request)` that returns a list of
  base.links.PageLink to show on the session page (the tests that are open now).

A session page's extra routes are not here: they are registered with
`content.base.page_views.add_routes(SessionPage, ...)`, as training's own are (quizzes add
`pre-test/` and `post-test/` from their views module).
"""

from wagtail import hooks

SESSION_LINKS_HOOK = "register_session_links"
SESSION_PARTICIPANT_HOOK = "register_session_participant_panel"


def session_links(session, request):
    return [link for hook in hooks.get_hooks(SESSION_LINKS_HOOK) for link in hook(session, request)]


def participant_panel(request, session_id):
    """The reader's own state in the session from the first hook that has one; None without."""
    for hook in hooks.get_hooks(SESSION_PARTICIPANT_HOOK):
        html = hook(request, session_id)
        if html is not None:
            return html
    return None
