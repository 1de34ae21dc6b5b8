"""schema.org markup for search engines and fact-check aggregators."""

from content.articles.models.fact_checks import VERDICT_RATING, ClaimAuthorKind
from content.base.site_address import absolute_url, page_url

AUTHOR_TYPES = {ClaimAuthorKind.PERSON: "Person", ClaimAuthorKind.ORGANIZATION: "Organization"}


def claim_review(page, request):
    """A ClaimReview (https://schema.org/ClaimReview) describing a fact-check page, with what
    Google's fact-check markup asks: the claim in a short sentence, who made it
    (itemReviewed.author) and who reviewed it, with the reviewer's address (author.url: the
    site's home page)."""
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": page_url(page),
        "datePublished": page.published_date.isoformat(),
        "claimReviewed": page.claim_short,
        "author": {
            "@type": "Organization",
            "name": "Lentera - Diskominfo",
            "url": absolute_url("/"),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": VERDICT_RATING[page.verdict],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": page.get_verdict_display(),
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": AUTHOR_TYPES.get(page.claim_author_kind, "Person"),
                "name": page.claim_author,
            },
            "appearance": [
                {"@type": "CreativeWork", "url": block.value["url"]} for block in page.archive_links
            ],
        },
    }
    if page.claim_first_seen:
        data["itemReviewed"]["datePublished"] = page.claim_first_seen.isoformat()
    return data
