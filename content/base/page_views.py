"""What serves a page model, registered from above it.

Inside an app the page models sit at the bottom (models < rules < selectors < services < tasks
< views and routes), yet Wagtail serves a page through its model: its `get_context()` and, for a
RoutablePageMixin page, the routes its class returns. So the app's views module (`routes.py`,
`views.py`), imported from the app's `AppConfig.ready()`, registers them here and the model asks
for them: a page model imports no view, selector or feed, and no import circle ties them.

- `add_routes(PageClass, patterns)`: Django `path()` patterns served under pages of the class and
  of its subclasses. RoutablePageMixin binds each view as a method: it is called as
  `view(page, request, **kwargs)`. The class returns them from `get_subpage_urls()`:
  `(*page_views.routes(cls), *super().get_subpage_urls())`, so they come before the mixin's own
  empty route, as routes written on the class would.
- `@adds_context(PageClass)`: `function(page, request, context)` adds to the context of pages of
  the class and its subclasses; the page's `get_context()` calls
  `page_views.fill_context(self, request, context)`. A base class's functions run first, as
  `super()` would have them.
"""

_ROUTES = {}
_CONTEXT = {}


def add_routes(page_class, patterns):
    _ROUTES.setdefault(page_class, []).extend(patterns)


def routes(page_class):
    """The registered patterns of `page_class`, its own first, then those of its bases."""
    return tuple(pattern for klass in page_class.__mro__ for pattern in _ROUTES.get(klass, ()))


def adds_context(page_class):
    def register(function):
        _CONTEXT.setdefault(page_class, []).append(function)
        return function

    return register


def fill_context(page, request, context):
    for klass in reversed(type(page).__mro__):
        for function in _CONTEXT.get(klass, ()):
            function(page, request, context)
    return context
