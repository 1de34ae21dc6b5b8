"""Which case a report belongs to: one case per post, however many people report it.

1. By link: a unique normalised link (CaseLink.normalised, rules/links.normalise) names the case.
   Two reports of the same post at the same instant meet at that constraint, not at a "look,
   then insert": the second insert waits for the first and fails, and the second report joins
   the first's case.
2. Else by screenshot: a report none of whose links is known joins the case of a screenshot
   within rules/similar.MATCH_DISTANCE of one of its own (the closest; the oldest case on a tie),
   found through the indexed bands, never by reading every screenshot. On PostgreSQL each
   report first takes transaction-scoped advisory locks on its fingerprints' 8-bit bands
   (similar.lock_keys), so two near-identical screenshots sent at once are filed one after the
   other and meet; unrelated ones rarely share a key and do not wait for each other.
3. Else a new case, with the report's links.

Kinds: one case per post. A hoax report and an ASN report of the same post are one case; the
case keeps the kind of its first report, each report keeps its own (Report.kind), and the desk
sees both. Two cases for one post would split the evidence and the count of reporters. A case's
status does not matter either: a report of a post whose case is closed joins it, and the desk
sees its count of reporters grow.

A report whose links belong to two cases joins the oldest; its other links stay with theirs.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import Q

from content.reports.models import Case, CaseLink, Screenshot
from content.reports.rules import similar

# Advisory locks' first key: this module's own space (pg_advisory_xact_lock(int, int)).
_LOCK_SPACE = 0x4C52_4750  # "LRGP"


def case_for(*, kind, platform, links=(), fingerprints=(), summary=""):
    """The case for a report with these normalised links and screenshot fingerprints
    (rules/similar.fingerprint), opened if there is none. Call inside the report's transaction
    (report_submit): the locks and the new case last until it commits."""
    links = list(dict.fromkeys(links))
    with transaction.atomic(savepoint=False):  # the caller's transaction, or one of its own
        _lock_similar(fingerprints)
        if links:
            found = CaseLink.objects.filter(normalised__in=links).select_related("case")
            found = found.order_by("case_id").first()
            if found is not None:
                _attach_links(found.case, links, platform)
                return found.case
        case = similar_case(fingerprints)
        if case is not None:
            _attach_links(case, links, platform)
            return case
        return _open(kind, platform, links, summary)


def similar_case(fingerprints):
    """The case of the stored screenshot closest to one of `fingerprints`, within
    MATCH_DISTANCE; None when none is that close."""
    best = None
    for value in fingerprints:
        for stored, case_id in _candidates(value):
            gap = similar.distance(value, stored)
            if gap <= similar.MATCH_DISTANCE and (best is None or (gap, case_id) < best):
                best = (gap, case_id)
    return None if best is None else Case.objects.get(pk=best[1])


def _candidates(value):
    """(fingerprint, case id) of the screenshots sharing, in some band, a value within one bit:
    four indexed IN lists, a few rows out of 100,000."""
    condition = Q()
    for index, values in enumerate(similar.probes(value)):
        condition |= Q(**{f"band{index}__in": values})
    rows = Screenshot.objects.filter(condition).exclude(grouping_hash="").order_by()
    return rows.values_list("grouping_hash", "report__case_id")


def _open(kind, platform, links, summary):
    if not links:
        return Case.objects.create(kind=kind, platform=platform, summary=summary[:2000])
    try:
        with transaction.atomic():
            case = Case.objects.create(kind=kind, platform=platform, summary=summary[:2000])
            CaseLink.objects.create(case=case, normalised=links[0], platform=platform)
    except IntegrityError:
        # Someone reported the same post at the same instant: theirs is the case.
        found = CaseLink.objects.select_related("case").get(normalised=links[0])
        _attach_links(found.case, links, platform)
        return found.case
    _attach_links(case, links[1:], platform)
    return case


def _attach_links(case, links, platform):
    """The report's other spellings of its post file under the case too; a link another case
    already has stays with it."""
    CaseLink.objects.bulk_create(
        [CaseLink(case=case, normalised=link, platform=platform) for link in links],
        ignore_conflicts=True,
    )


def _lock_similar(fingerprints):
    if not fingerprints or connection.vendor != "postgresql":
        return  # SQLite runs one writing transaction at a time already
    keys = similar.lock_keys(fingerprints)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, key) FROM unnest(%s::int[]) AS key",
            [_LOCK_SPACE, keys],
        )
