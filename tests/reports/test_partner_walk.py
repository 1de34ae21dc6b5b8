"""The partner sees forwarded cases only, object by object: every URL of the report desk that takes
a case (or a report or screenshot of one), found by walking the URL resolver and the admin's
viewsets, not listed by hand, is opened as the partner for a forwarded case and for one that was
not. A URL added later with an argument this test cannot place fails it, until someone says what
that argument is."""

import pytest
from django.forms.models import model_to_dict
from django.urls import get_resolver, reverse
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.snippets.models import get_snippet_models

from content.reports.models import Case, CaseLink, Report, Screenshot
from tests.access.urls import _walk
from tests.reports.partner_world import build_partner_world

pytestmark = pytest.mark.django_db

# The partner's own screens: for a forwarded case, the partner is let in. Every other URL of the
# report desk refuses the partner, whichever case it names.
PARTNER_GET = {"reports_partner_case", "reports_case_screenshot", "reports_case_evidence"}
PARTNER_POST = {"reports_partner_outcome"}
# Arguments that name something of a case, and which object of the case to give them.
BY_ARGUMENT = {"case_id": "case", "report_id": "report", "screenshot_id": "screenshot"}
BY_MODEL = {Case: "case", Report: "report", Screenshot: "screenshot", CaseLink: "link"}
# The reporter's status page takes a tracking code, not a case: whoever holds the code may read
# the status (tests/reports/test_public_status.py holds what it shows).
BY_TRACKING_CODE = {"reports:status"}


def _viewset_models():
    """{url namespace: model} of the admin viewsets over the report desk's models."""
    admin_viewsets.populate()
    found = {}
    snippets = [model.snippet_viewset for model in get_snippet_models()]
    for viewset in [*admin_viewsets.viewsets, *snippets]:
        model = getattr(viewset, "model", None)
        is_model = isinstance(model, type) and getattr(model, "_meta", None) is not None
        if is_model and model._meta.app_label == "reports":
            found[getattr(viewset, "url_namespace", viewset.name)] = model
    return found


def case_urls():
    """[(name, {argument: kind of object})] of every URL of the report desk with arguments."""
    models = _viewset_models()
    found = []
    for route, name, pattern in _walk(get_resolver().url_patterns):
        callback = getattr(pattern.callback, "view_class", pattern.callback)
        module = getattr(callback, "__module__", "")
        namespace = name.split(":")[0] if ":" in name else ""
        ours = module.startswith("content.reports") or namespace in models
        arguments = list(getattr(pattern.pattern, "converters", {}))
        if not ours or not arguments or name in BY_TRACKING_CODE:
            continue
        kinds = {}
        for argument in arguments:
            if argument in BY_ARGUMENT:
                kinds[argument] = BY_ARGUMENT[argument]
            elif argument in ("pk", "object_id") and namespace in models:
                kinds[argument] = BY_MODEL[models[namespace]]
            else:
                kinds[argument] = None
        found.append((name, route, kinds))
    return found


def _objects(case):
    report = case.reports.order_by("pk").first()
    return {
        "case": case.pk,
        "report": report.pk,
        "screenshot": Screenshot.objects.filter(report__case=case).order_by("pk").first().pk,
        "link": case.links.order_by("pk").first().pk,
    }


def _url(name, kinds, case):
    objects = _objects(case)
    return reverse(name, kwargs={arg: objects[kind] for arg, kind in kinds.items()})


def _refused(response):
    """403, 404, or the admin's refusal (back to the dashboard)."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"] == "/admin/"


def _snapshot():
    return {case.pk: model_to_dict(case) for case in Case.objects.order_by("pk")}, list(
        Report.objects.order_by("pk").values()
    )


@pytest.fixture
def world():
    return build_partner_world()


def test_the_walk_finds_the_partner_screens():
    names = {name for name, _, _ in case_urls()}
    assert names >= PARTNER_GET | PARTNER_POST


def test_every_argument_of_a_case_url_is_known():
    unknown = [(name, route) for name, route, kinds in case_urls() if None in kinds.values()]
    assert unknown == [], "say in BY_ARGUMENT or BY_MODEL which object these arguments name"


def test_a_case_not_forwarded_is_refused_everywhere(client, world):
    client.force_login(world.partner)
    before = _snapshot()
    answers = {}
    for name, _, kinds in case_urls():
        url = _url(name, kinds, world.not_forwarded)
        got = client.get(url), client.post(url, {"outcome": "ditindaklanjuti", "note": "x"})
        answers[name] = [response.status_code for response in got]
        refused = [_refused(response) for response in got]
        # A URL that answers one method only (405) must refuse the other.
        methods = [r.status_code != 405 for r in got]
        assert any(methods), name
        assert all(ok for ok, answered in zip(refused, methods, strict=True) if answered), (
            name,
            answers[name],
        )
        if name in PARTNER_GET | PARTNER_POST:
            assert 404 in answers[name], (name, answers[name])
    assert _snapshot() == before, "the partner changed something through a refused URL"


def test_a_forwarded_case_opens_on_the_partner_screens_only(client, world):
    client.force_login(world.partner)
    case = world.forwarded
    for name, _, kinds in case_urls():
        url = _url(name, kinds, case)
        if name in PARTNER_GET:
            assert client.get(url).status_code == 200, name
        elif name in PARTNER_POST:
            assert client.get(url).status_code == 405, name
        else:
            before = _snapshot()
            got = client.get(url), client.post(url, {"outcome": "ditindaklanjuti", "note": "x"})
            assert all(_refused(r) or r.status_code == 405 for r in got), (name, got)
            assert any(r.status_code != 405 for r in got), name
            assert _snapshot() == before, name
    url = reverse("reports_partner_outcome", kwargs={"case_id": case.pk})
    response = client.post(url, {"outcome": "bukan_pelanggaran", "note": "Sudah diperiksa"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).partner_outcome == "bukan_pelanggaran"
