"""Public open data (/data-terbuka/): thin views over the stored releases (open_data.py). Anyone
may read them. Nothing here computes a figure: a file is served as it was published, byte for
byte, with its SHA-256 as the ETag."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from content.base.models import SiteSettings
from content.base.site_address import absolute_url
from content.stats import open_data

NAMESPACE = "stats_open_data"
# The list of releases changes once a quarter; a published file never does.
LIST_SECONDS = 15 * 60
FILE_SECONDS = 24 * 60 * 60


def _public(response, *, seconds, filename=None):
    """Headers for files any portal or script may fetch and cache."""
    patch_cache_control(response, public=True, max_age=seconds)
    response["Access-Control-Allow-Origin"] = "*"
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _absolute_url(name, **kwargs):
    return absolute_url(reverse(f"{NAMESPACE}:{name}", kwargs=kwargs))


@require_safe
def index(request):
    entries = [
        {"release": release, "period": open_data.Period.from_slug(release.slug)}
        for release in open_data.releases()
    ]
    contact_name, contact_email = SiteSettings.for_request(request).open_data_contact()
    context = {
        "entries": entries,
        "contact_name": contact_name,
        "contact_email": contact_email,
        "license_url": open_data.LICENSE_URL,
        "license_title": open_data.LICENSE_TITLE,
        "publisher": open_data.PUBLISHER,
        "update_frequency": open_data.UPDATE_FREQUENCY,
        "suppression": open_data.SUPPRESSION,
        "literacy_update": open_data.YEARLY_UPDATE_FREQUENCY,
        "literacy_suppression": open_data.LITERACY_SUPPRESSION,
        "min_people": open_data.MIN_PEOPLE,
        "min_people_for_average": open_data.MIN_PEOPLE_FOR_AVERAGE,
        "grace_days": open_data.GRACE_DAYS,
    }
    return _public(render(request, "stats/open_data/index.html", context), seconds=LIST_SECONDS)


@require_safe
def metadata(request):
    contact = SiteSettings.for_request(request).open_data_contact()
    catalog = open_data.catalog(open_data.releases(), _absolute_url, contact)
    body = json.dumps(catalog, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return _public(response, seconds=LIST_SECONDS, filename="metadata.json")


def _stored(periode, slug):
    stored = open_data.release_file(periode, slug)
    if stored is None:
        raise Http404("Data set tidak ditemukan pada rilis ini.")
    return stored


def _file(stored, kind):
    body, digest = getattr(stored, kind), getattr(stored, f"{kind}_sha256")
    content_type = {"json": "application/json", "csv": "text/csv"}[kind]
    response = HttpResponse(body.encode("utf-8"), content_type=f"{content_type}; charset=utf-8")
    response["ETag"] = f'"{digest}"'
    filename = f"{stored.dataset}-{stored.release.slug}.{kind}"
    return _public(response, seconds=FILE_SECONDS, filename=filename)


@require_safe
def dataset_json(request, periode, slug):
    return _file(_stored(periode, slug), "json")


@require_safe
def dataset_csv(request, periode, slug):
    return _file(_stored(periode, slug), "csv")


def _latest(slug, kind):
    stored = open_data.latest_file(slug)
    if stored is None:
        raise Http404("Data set ini belum pernah diterbitkan.")
    return redirect(f"{NAMESPACE}:dataset_{kind}", periode=stored.release.slug, slug=slug)


@require_safe
def latest_json(request, slug):
    return _latest(slug, "json")


@require_safe
def latest_csv(request, slug):
    return _latest(slug, "csv")
