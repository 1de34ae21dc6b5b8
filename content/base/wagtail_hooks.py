"""Wagtail hooks of the ground app."""

from wagtail import hooks

from content.base import page_cache


@hooks.register("before_serve_page")
def declare_query_params(page, request, serve_args, serve_kwargs):
    """A page type reads only the query parameters it declares (`query_params`, empty unless
    it says otherwise): the page cache keys its copies on those alone (page_cache.py)."""
    page_cache.use_query(request, *getattr(page, "query_params", ()))
