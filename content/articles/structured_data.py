"""schema.org markup for search engines and fact-check aggregators."""

from content.articles.models.fact_checks import VERDICT_RATING
from content.base.site_address import page_url


def claim_review(page, request):
    """A ClaimReview (https://schema.org/ClaimReview) describing a fact-check page."""
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": page_url(page),
        "datePublished": page.published_date.isoformat(),
        "claimReviewed": page.claim,
        "author": {"@type": "Organization", "name": "Lentera - Diskominfo"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": VERDICT_RATING[page.verdict],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": page.get_verdict_display(),
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [
                {"@type": "CreativeWork", "url": block.value["url"]} for block in page.archive_links
            ],
        },
    }
    if page.claim_first_seen:
        data["itemReviewed"]["datePublished"] = page.claim_first_seen.isoformat()
    if page.claim_author:
        data["itemReviewed"]["author"] = {"@type": "Person", "name": page.claim_author}
    return data
