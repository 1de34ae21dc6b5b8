"""Every URL the project defines, found by walking the URL configuration, the project's admin
viewsets and the routes of its routable pages, with the arguments a test needs to open it."""

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

PROJECT_APPS = {"base", "home", "articles", "people", "training"}


def _admin_namespaces():
    """Namespaces of the admin viewsets the project defines, and of the choosers Wagtail makes
    for its snippet viewsets."""
    admin_viewsets.populate()
    names = set()
    snippet_viewsets = [model.snippet_viewset for model in get_snippet_models()]
    for viewset in [*admin_viewsets.viewsets, *snippet_viewsets]:
        if type(viewset).__module__.startswith("content."):
            names.add(getattr(viewset, "url_namespace", viewset.name))
            chooser = getattr(viewset, "chooser_viewset", None)
            if chooser is not None:
                names.add(getattr(chooser, "url_namespace", chooser.name))
    return names


def _walk(patterns, route="", namespace=""):
    for pattern in patterns:
        here = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, here, inner)
        elif isinstance(pattern, URLPattern):
            yield here, f"{namespace}{pattern.name or ''}", pattern


def project_url_names():
    """Names of the URL patterns the project defines: everything outside the admin that is not
    Wagtail serving pages, documents or images, and in the admin the project's own views and the
    viewsets of its models."""
    namespaces = _admin_namespaces()
    names = set()
    for route, name, pattern in _walk(get_resolver().url_patterns):
        callback = getattr(pattern.callback, "view_class", pattern.callback)
        module = getattr(callback, "__module__", "")
        if route.startswith("admin/"):
            ours = module.startswith("content.") or name.split(":")[0] in namespaces
        else:
            ours = name == "sitemap" or not module.startswith(("wagtail.", "django.views.static"))
            ours = ours and not name.startswith("wagtailcore_")
        if ours:
            assert name, f"{route} has no name: name it so the access table can list it"
            names.add(name)
    return names


def project_page_routes():
    """'Model' for every page type of the project, and 'Model:route' for each of its routes."""
    keys = set()
    for model in apps.get_models():
        if not issubclass(model, Page) or model._meta.app_label not in PROJECT_APPS:
            continue
        keys.add(model.__name__)
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                if str(pattern.pattern):  # the empty route is the page itself
                    keys.add(f"{model.__name__}:{pattern.name}")
    return keys
