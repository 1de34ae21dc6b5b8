"""What visitors type into the address bar: the search box and the listing filters. Read
through forms, so nothing they type reaches a query unchecked (a NUL byte, an FTS operator)."""

import re

from django import forms

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
