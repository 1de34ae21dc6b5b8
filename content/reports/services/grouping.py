"""Which case a report belongs to: one case per post, by a unique normalised link (not "look,
then insert"), and by near-identical screenshots."""

from django.db import IntegrityError, transaction

from content.reports.models import Case, CaseLink


def case_for(kind, platform, normalised_links, screenshots=(), summary=""):
    """The case these links (or these screenshots) belong to, opened if there is none."""
    if normalised_links:
        found = CaseLink.objects.filter(normalised__in=normalised_links).select_related("case")
        found = found.order_by("pk").first()
        if found is not None:
            _attach_links(found.case, normalised_links, platform)
            return found.case
        try:
            with transaction.atomic():
                case = Case.objects.create(kind=kind, platform=platform, summary=summary[:2000])
                CaseLink.objects.create(
                    case=case, normalised=normalised_links[0], platform=platform
                )
        except IntegrityError:
            # Someone reported the same post at the same instant: theirs is the case.
            found = CaseLink.objects.select_related("case").get(normalised=normalised_links[0])
            _attach_links(found.case, normalised_links, platform)
            return found.case
        _attach_links(case, normalised_links[1:], platform)
        return case
    return Case.objects.create(kind=kind, platform=platform, summary=summary[:2000])


def _attach_links(case, normalised_links, platform):
    CaseLink.objects.bulk_create(
        [CaseLink(case=case, normalised=link, platform=platform) for link in normalised_links],
        ignore_conflicts=True,
    )
