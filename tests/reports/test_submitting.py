import pytest

from content.reports.models import Case, Report, Screenshot
from content.reports.rules import codes
from tests.factories.reports import screenshot_bytes, submit_report

pytestmark = pytest.mark.django_db


def test_a_report_opens_a_case_and_answers_with_a_code_whose_digest_alone_is_kept():
    submitted = submit_report()
    assert submitted.created
    report = Report.objects.get()
    assert report.case == Case.objects.get()
    assert report.code_digest == codes.digest(submitted.code)
    assert submitted.code not in str(Report.objects.values().get())


def test_the_same_form_sent_twice_is_one_report_with_the_same_code():
    first = submit_report(form_token="token-1")
    second = submit_report(form_token="token-1")
    assert not second.created
    assert second.code == first.code
    assert Report.objects.count() == 1


def test_reports_of_one_post_in_different_spellings_share_a_case():
    submit_report(links=["https://www.facebook.com/permalink.php?story_fbid=1&id=2"])
    submit_report(links=["https://m.facebook.com/permalink.php?id=2&story_fbid=1&utm_source=wa"])
    submit_report(links=["https://facebook.com/permalink.php?story_fbid=9&id=2"])
    assert Case.objects.count() == 2
    assert sorted(case.reports.count() for case in Case.objects.all()) == [1, 2]


def test_a_screenshot_is_kept_with_both_hashes_and_without_its_metadata():
    submitted = submit_report(screenshots=[screenshot_bytes(seed=3, fmt="JPEG")])
    shot = Screenshot.objects.get(report=submitted.report)
    assert shot.original_format == "JPEG"
    assert shot.original_sha256 != shot.stored_sha256
    with shot.image.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


def test_codes_read_back_from_what_people_type():
    code = codes.code_for_token("abc")
    assert len(code) == codes.CODE_CHARACTERS
    typed = codes.readable(code).lower().replace("-", " ")
    assert codes.canonical(typed) == code
    assert codes.canonical("not a code") is None
    assert codes.canonical(code[:-1]) is None
