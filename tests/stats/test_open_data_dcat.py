"""The open data catalog (/data-terbuka/metadata.json) the site serves, validated against the real
DCAT-US 1.1 JSON Schema (Project Open Data v1.1, vendored in dcat_us_1_1/ with its source and
licence): issue 19 found it lacked `contactPoint`, which DCAT-US 1.1 requires of every data set.

The contact comes from the site's settings (Pengaturan situs -> Data terbuka), falling back to
the site's contact email.
"""

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from wagtail.models import Site

from content.base.models import SiteSettings
from tests.stats.test_open_data import fetch, released, world  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("released")]

SCHEMAS = Path(__file__).parent / "dcat_us_1_1"
# US federal budget codes, required of federal agencies only (see dcat_us_1_1/SOURCE.md).
FEDERAL_ONLY = {"bureauCode", "programCode"}


def _schemas():
    return {
        name: json.loads((SCHEMAS / f"{name}.json").read_text())
        for name in ("catalog", "dataset", "distribution", "organization", "vcard")
    }


def _validator(schemas):
    """A validator of the catalog, its `$ref`s resolved among the vendored files only."""
    registry = Registry().with_resources(
        (schema["id"].rstrip("#"), Resource(contents=schema, specification=DRAFT4))
        for schema in schemas.values()
    )
    catalog = schemas["catalog"]
    Draft4Validator.check_schema(catalog)
    return Draft4Validator(
        catalog, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
    )


def _non_federal(schemas):
    schemas = copy.deepcopy(schemas)
    dataset = schemas["dataset"]
    dataset["required"] = [name for name in dataset["required"] if name not in FEDERAL_ONLY]
    return schemas


def _errors(validator, document):
    return sorted(
        (list(error.absolute_path), error.message) for error in validator.iter_errors(document)
    )


def _catalog(client):
    return json.loads(fetch(client, "metadata").content)


def test_metadata_json_is_valid_dcat_us_1_1(client):
    catalog = _catalog(client)
    assert len(catalog["dataset"]) == 5  # four of training, one of the report desk
    assert _errors(_validator(_non_federal(_schemas())), catalog) == []
    # The unchanged (federal) schema finds nothing else missing or wrong.
    messages = {message for _, message in _errors(_validator(_schemas()), catalog)}
    assert messages == {f"'{name}' is a required property" for name in FEDERAL_ONLY}


def test_the_schema_would_notice_a_missing_contact_point(client):
    catalog = _catalog(client)
    del catalog["dataset"][0]["contactPoint"]
    errors = _errors(_validator(_non_federal(_schemas())), catalog)
    assert errors == [(["dataset", 0], "'contactPoint' is a required property")]


def test_the_contact_point_comes_from_the_site_settings(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "kominfo@kota.go.id"
    settings.save()
    contact = _catalog(client)["dataset"][0]["contactPoint"]
    assert contact == {
        "@type": "vcard:Contact",
        "fn": "Pengelola Data Terbuka, Dinas Komunikasi dan Informatika",
        "hasEmail": "mailto:kominfo@kota.go.id",
    }

    settings.open_data_contact_name = "Bidang Statistik Sektoral"
    settings.open_data_contact_email = "data@kota.go.id"
    settings.save()
    for dataset in _catalog(client)["dataset"]:
        assert dataset["contactPoint"]["fn"] == "Bidang Statistik Sektoral"
        assert dataset["contactPoint"]["hasEmail"] == "mailto:data@kota.go.id"
    # People reading /data-terbuka/ see the same contact.
    page = fetch(client, "index").content.decode()
    assert 'Bidang Statistik Sektoral, <a href="mailto:data@kota.go.id">' in page
