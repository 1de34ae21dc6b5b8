"""Reports of one post sent at the same instant, against real PostgreSQL: one case."""

import pytest

from content.reports.models import Case, Report
from tests.concurrency import all_at_once
from tests.factories.reports import screenshot_bytes, submit_report
from tests.reports.test_grouping import as_jpeg_60, forwarded, resized_75, status_bar_cropped

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SPELLINGS = [
    "https://www.facebook.com/permalink.php?story_fbid=pfbid02Xy7Q&id=100012345",
    "https://m.facebook.com/story.php?story_fbid=pfbid02Xy7Q&id=100012345&mibextid=x",
    "https://web.facebook.com/100012345/posts/pfbid02Xy7Q/?_rdc=1",
    "facebook.com/100012345/posts/pfbid02Xy7Q",
    "https://www.facebook.com/permalink.php?id=100012345&story_fbid=pfbid02Xy7Q&fbclid=a",
    "https://free.facebook.com/100012345/posts/pfbid02Xy7Q",
    "https://touch.facebook.com/story.php?id=100012345&story_fbid=pfbid02Xy7Q",
    "https://fb.com/permalink.php?story_fbid=pfbid02Xy7Q&id=100012345",
]


def test_eight_reports_of_one_post_at_once_open_one_case():
    results, errors = all_at_once(lambda link: submit_report(links=[link]), SPELLINGS)
    assert errors == []
    assert Case.objects.count() == 1
    assert Report.objects.filter(case=Case.objects.get()).count() == len(SPELLINGS)


def test_near_identical_screenshots_at_once_open_one_case():
    original = screenshot_bytes(seed=11)
    copies = [original, as_jpeg_60(original), resized_75(original), status_bar_cropped(original)]
    copies += [forwarded(original), original, as_jpeg_60(original), resized_75(original)]
    results, errors = all_at_once(lambda data: submit_report(links=[], screenshots=[data]), copies)
    assert errors == []
    assert Case.objects.count() == 1
    assert Report.objects.count() == len(copies)
