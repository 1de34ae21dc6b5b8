"""Public open data (/data-terbuka/): thin views over open_data.py. Anyone may read them."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from content.base import page_cache
from content.stats import open_data

NAMESPACE = "stats_open_data"


def _dataset(slug):
    try:
        return open_data.BY_SLUG[slug]
    except KeyError:
        raise Http404("Data set tidak ditemukan.") from None


def _tables(request, datasets):
    """The tables, and the page cache told not to keep the response past their freshness."""
    tables = [open_data.table(dataset) for dataset in datasets]
    for found in tables:
        page_cache.fresh_until(request, found.fresh_until)
    return tables


def _public(response, filename=None):
    """Headers for files any portal or script may fetch and cache briefly."""
    patch_cache_control(response, public=True, max_age=open_data.CACHE_SECONDS)
    response["Access-Control-Allow-Origin"] = "*"
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _json(data, filename):
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return _public(response, filename)


def _absolute_url(request):
    def absolute_url(name, **kwargs):
        return request.build_absolute_uri(reverse(f"{NAMESPACE}:{name}", kwargs=kwargs))

    return absolute_url


@require_safe
def index(request):
    tables = _tables(request, open_data.DATASETS)
    entries = [
        {
            "dataset": dataset,
            "period": open_data.period_label(found.first, found.last),
            "rows": len(found.rows),
        }
        for dataset, found in zip(open_data.DATASETS, tables, strict=True)
    ]
    context = {
        "entries": entries,
        "license_url": open_data.LICENSE_URL,
        "license_title": open_data.LICENSE_TITLE,
        "publisher": open_data.PUBLISHER,
        "update_frequency": open_data.UPDATE_FREQUENCY,
        "suppression": open_data.SUPPRESSION,
        "min_people": open_data.MIN_PEOPLE,
    }
    return render(request, "stats/open_data/index.html", context)


@require_safe
def metadata(request):
    _tables(request, open_data.DATASETS)
    return _json(open_data.catalog(_absolute_url(request)), "metadata.json")


@require_safe
def dataset_json(request, slug):
    dataset = _dataset(slug)
    [found] = _tables(request, [dataset])
    metadata_url = _absolute_url(request)("metadata")
    document = open_data.json_document(dataset, found, metadata_url=metadata_url)
    return _json(document, f"{dataset.slug}.json")


@require_safe
def dataset_csv(request, slug):
    dataset = _dataset(slug)
    [found] = _tables(request, [dataset])
    response = HttpResponse(
        open_data.csv_text(dataset, found), content_type="text/csv; charset=utf-8"
    )
    return _public(response, f"{dataset.slug}.csv")
