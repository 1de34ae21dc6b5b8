"""What visitors type into the address bar: the search box and the listing filters. Read
through forms, so nothing they type reaches a query unchecked (a NUL byte, an FTS operator)."""

import re

from django import forms
from taggit.models import Tag

from content.articles.models import Topic
from content.articles.selectors import ListingFilters
from content.base.models import Audience

QUERY_MAX_LENGTH = 200
_WORD = re.compile(r"\w+")


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=1000)

    def clean_q(self):
        """The words of the query. Quotes, brackets, * and : are operators to SQLite's FTS and
        PostgreSQL's tsquery; people type them as punctuation, so they are dropped."""
        return " ".join(_WORD.findall(self.cleaned_data["q"]))[:QUERY_MAX_LENGTH].strip()

    @property
    def query(self):
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class ListingFilterForm(forms.Form):
    """Filters of a listing. An invalid value is ignored, never an error page: links to
    /materi/?tag=... are shared around and outlive their tags."""

    topik = forms.SlugField(required=False, max_length=100)
    tag = forms.SlugField(required=False, max_length=100)
    audiens = forms.ChoiceField(required=False, choices=Audience.choices)

    def value(self, name):
        self.is_valid()
        return self.cleaned_data.get(name) or None


def listing_filters(query, *, topic=None, tag=None, has_audience=True):
    """A listing's filters from its query string; unknown or malformed values are ignored rather
    than failing the page, and named in `ignored`."""
    form = ListingFilterForm(query)
    given = {name for name in ("topik", "tag", "audiens") if query.get(name)}
    asked_topic = form.value("topik") and Topic.objects.filter(slug=form.value("topik")).first()
    asked_tag = form.value("tag") and Tag.objects.filter(slug=form.value("tag")).first()
    audience = form.value("audiens") if has_audience else None
    applied = {"topik": bool(asked_topic), "tag": bool(asked_tag), "audiens": bool(audience)}
    # A topic or tag page lists its own; the query's is used only on the listing itself.
    topic = topic or asked_topic or None
    tag = tag or asked_tag or None
    ignored = tuple(
        name for name in ("topik", "tag", "audiens") if name in given and not applied[name]
    )
    return ListingFilters(topic=topic, tag=tag, audience=audience, ignored=ignored)
