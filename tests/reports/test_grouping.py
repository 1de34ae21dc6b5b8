"""Reports of one post file under one case: by link, and by near-identical screenshots (real
images through the form's checks, re-encoded, resized and cropped as people forward them)."""

import io
import random

import imagehash
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from content.reports.models import Case, CaseLink, Kind, Report, Screenshot
from content.reports.rules import similar
from content.reports.selectors.grouping import with_report_counts
from content.reports.services import grouping
from tests.factories.reports import screenshot_bytes, submit_report
from tests.factories.users import UserFactory


def post_screenshot(seed, size=(360, 640)):
    """A screenshot of a social media post: status bar, avatar, lines of text, a picture. Every
    seed the same layout, so different posts look alike as they do in one app."""
    rng = random.Random(seed)
    picture = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 0, size[0], 24], fill=(20, 20, 20))
    draw.ellipse([12, 40, 52, 80], fill=tuple(rng.randrange(256) for _ in range(3)))
    top = 100
    for _ in range(rng.randrange(3, 8)):
        words = (
            "".join(rng.choice("abcdefghij") for _ in range(rng.randrange(2, 9))) for _ in "x" * 6
        )
        draw.text((12, top), " ".join(words), fill=(0, 0, 0))
        top += 18
    height = rng.randrange(120, 300)
    draw.rectangle(
        [0, top + 10, size[0], top + 10 + height], fill=tuple(rng.randrange(256) for _ in range(3))
    )
    for _ in range(6):
        x, y = rng.randrange(size[0]), rng.randrange(top + 10, top + 10 + height)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle([x, y, x + rng.randrange(20, 120), y + rng.randrange(10, 60)], fill=colour)
    return _png(picture)


def _png(picture, fmt="PNG", **options):
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _open(data):
    return Image.open(io.BytesIO(data)).convert("RGB")


def as_jpeg_60(data):
    return _png(_open(data), "JPEG", quality=60)


def resized_75(data):
    picture = _open(data)
    return _png(picture.resize((picture.width * 3 // 4, picture.height * 3 // 4)))


def status_bar_cropped(data, rows=24):
    picture = _open(data)
    return _png(picture.crop((0, rows, picture.width, picture.height)))


def forwarded(data):
    """Cropped, shrunk, then sent as a JPEG: as a screenshot reaches its third WhatsApp group."""
    return as_jpeg_60(resized_75(status_bar_cropped(data, rows=18)))


TRANSFORMS = [as_jpeg_60, resized_75, status_bar_cropped, forwarded]
SCREENSHOTS = [("factory", screenshot_bytes), ("post", post_screenshot)]


def fingerprint(data):
    return similar.fingerprint_of(data)


class TestThreshold:
    """MATCH_DISTANCE is chosen between what forwarding does to a screenshot and how far apart
    different posts are; these are the measurements, kept as tests."""

    @pytest.mark.parametrize("transform", TRANSFORMS, ids=lambda t: t.__name__)
    @pytest.mark.parametrize(("name", "make"), SCREENSHOTS, ids=[n for n, _ in SCREENSHOTS])
    def test_a_forwarded_screenshot_stays_within_the_distance(self, name, make, transform):
        for seed in range(12):
            original = make(seed)
            gap = similar.distance(fingerprint(original), fingerprint(transform(original)))
            assert gap <= similar.MATCH_DISTANCE, (seed, gap)

    @pytest.mark.parametrize(("name", "make"), SCREENSHOTS, ids=[n for n, _ in SCREENSHOTS])
    def test_different_posts_are_farther_apart(self, name, make):
        prints = [fingerprint(make(seed)) for seed in range(40)]
        gaps = [similar.distance(a, b) for i, a in enumerate(prints) for b in prints[i + 1 :]]
        assert min(gaps) > similar.MATCH_DISTANCE

    def test_the_whole_picture_phash_would_not_do(self):
        """Why a bottom-window fingerprint: the stored whole-picture pHash of the same post
        moves farther under a status bar crop than two different posts are apart."""
        moved = []
        for seed in range(12):
            original = post_screenshot(seed)
            cropped = status_bar_cropped(original)
            moved.append(similar.distance(_whole_phash(original), _whole_phash(cropped)))
        assert max(moved) > similar.MATCH_DISTANCE


def _whole_phash(data):
    return str(imagehash.phash(_open(data)))


class TestBands:
    @settings(max_examples=200, deadline=None)
    @given(st.integers(0, 2**64 - 1), st.sets(st.integers(0, 63), max_size=similar.MATCH_DISTANCE))
    def test_any_fingerprint_within_the_distance_is_among_the_candidates(self, number, flips):
        value = f"{number:016x}"
        other = number
        for bit in flips:
            other ^= 1 << bit
        other = f"{other:016x}"
        assert similar.distance(value, other) == len(flips)
        probes, stored = similar.probes(value), similar.bands(other)
        assert any(stored[index] in probes[index] for index in range(similar.BANDS))
        assert set(similar.lock_keys([value])) & set(similar.lock_keys([other]))

    def test_bands_spell_the_fingerprint(self):
        assert similar.bands("0123456789abcdef") == (0x0123, 0x4567, 0x89AB, 0xCDEF)
        assert similar.band_fields("ffff000000000001") == {
            "band0": 0xFFFF,
            "band1": 0,
            "band2": 0,
            "band3": 1,
        }
        assert [len(values) for values in similar.probes("0" * 16)] == [17] * 4


@pytest.mark.django_db
class TestCaseFor:
    def test_the_same_screenshot_forwarded_joins_the_first_case(self):
        original = post_screenshot(7)
        first = submit_report(links=[], screenshots=[original])
        for transform in TRANSFORMS:
            again = submit_report(links=[], screenshots=[transform(original)])
            assert again.report.case == first.report.case
        assert Case.objects.count() == 1

    def test_a_screenshot_of_another_post_opens_another_case(self):
        first = submit_report(links=[], screenshots=[post_screenshot(1)])
        other = submit_report(links=[], screenshots=[post_screenshot(2)])
        assert other.report.case != first.report.case

    def test_a_screenshot_is_stored_with_its_fingerprint_and_bands(self):
        submitted = submit_report(links=[], screenshots=[post_screenshot(3)])
        shot = Screenshot.objects.get(report=submitted.report)
        assert shot.grouping_hash == fingerprint(post_screenshot(3))
        assert (shot.band0, shot.band1, shot.band2, shot.band3) == similar.bands(shot.grouping_hash)

    def test_a_new_link_with_a_known_screenshot_joins_that_case_and_brings_its_link(self):
        shot = post_screenshot(4)
        first = submit_report(links=["https://x.com/a/status/1"], screenshots=[shot])
        second = submit_report(
            links=["https://youtu.be/dQw4w9WgXcQ"], screenshots=[forwarded(shot)]
        )
        assert second.report.case == first.report.case
        third = submit_report(links=["https://www.youtube.com/watch?v=dQw4w9WgXcQ"])
        assert third.report.case == first.report.case

    def test_a_link_match_wins_over_a_screenshot_of_another_case(self):
        by_link = submit_report(links=["https://x.com/a/status/1"])
        by_shot = submit_report(links=[], screenshots=[post_screenshot(5)])
        both = submit_report(
            links=["https://twitter.com/b/status/1"], screenshots=[post_screenshot(5)]
        )
        assert both.report.case == by_link.report.case != by_shot.report.case

    def test_ten_spellings_of_one_post_are_one_case(self):
        spellings = [
            "https://www.tiktok.com/@a/video/7301234567890123456?_r=1",
            "https://m.tiktok.com/v/7301234567890123456.html",
            "https://www.tiktok.com/embed/v2/7301234567890123456",
            "tiktok.com/@b/video/7301234567890123456/",
            "https://www.tiktok.com/@a/video/7301234567890123456?is_from_webapp=1",
            "https://www.tiktok.com/v/7301234567890123456",
            "https://www.tiktok.com/player/v1/7301234567890123456",
            "https://www.tiktok.com/embed/7301234567890123456",
            "HTTPS://WWW.TIKTOK.COM/@a/video/7301234567890123456",
            "https://www.tiktok.com/@a/photo/7301234567890123456?_t=x",
        ]
        for link in spellings:
            submit_report(links=[link])
        assert Case.objects.count() == 1
        assert CaseLink.objects.get().normalised == "https://tiktok.com/video/7301234567890123456"

    def test_a_hoax_and_an_asn_report_of_one_post_are_one_case_each_keeping_its_kind(self):
        hoax = submit_report(kind=Kind.HOAX, links=["https://fb.watch/abc/"])
        asn = submit_report(kind=Kind.ASN_CAMPAIGN, links=["https://fb.watch/abc"])
        assert asn.report.case == hoax.report.case
        assert hoax.report.case.kind == Kind.HOAX
        assert sorted(Report.objects.values_list("kind", flat=True)) == sorted(
            [Kind.HOAX, Kind.ASN_CAMPAIGN]
        )

    def test_links_of_two_cases_join_the_oldest_and_stay_with_theirs(self):
        older = submit_report(links=["https://x.com/a/status/1"]).report.case
        newer = submit_report(links=["https://x.com/a/status/2"]).report.case
        both = submit_report(links=["https://x.com/a/status/2", "https://x.com/a/status/1"])
        assert both.report.case == older
        assert CaseLink.objects.get(normalised="https://x.com/i/status/2").case == newer

    def test_the_lookup_reads_only_candidates_sharing_a_band(self, django_assert_max_num_queries):
        """Thousands of stored screenshots, yet the candidates are the few sharing a band."""
        rng = random.Random(20)
        report = submit_report(links=["https://example.com/lain"]).report
        values = [f"{rng.getrandbits(64):016x}" for _ in range(5000)]
        Screenshot.objects.bulk_create(
            Screenshot(
                report=report, image="", original_sha256="0" * 64, stored_sha256="0" * 64,
                original_size=1, original_format="PNG", width=1, height=1, phash=value,
                grouping_hash=value, **similar.band_fields(value),
            )
            for value in values
        )  # fmt: skip
        target = values[1234]
        near = f"{int(target, 16) ^ 0b1000_0000_0100_0000_0010_0000_0001:016x}"  # 4 bits
        candidates = list(grouping._candidates(near))
        assert len(candidates) < 50
        assert (target, report.case_id) in candidates
        with django_assert_max_num_queries(2):
            assert grouping.similar_case([near]) == report.case
        assert grouping.similar_case([f"{int(target, 16) ^ 0xFF:016x}"]) is None  # 8 bits


@pytest.mark.django_db
class TestReportCounts:
    def test_a_case_counts_its_reports_and_the_people_who_sent_them(self):
        participant = UserFactory()
        case = submit_report(links=["https://x.com/a/status/9"], reporter=participant).report.case
        submit_report(links=["https://twitter.com/a/status/9"], reporter=participant)
        submit_report(links=["https://x.com/i/status/9"])
        submit_report(links=["https://mobile.twitter.com/b/status/9?s=20"])
        lonely = submit_report(links=["https://x.com/a/status/10"]).report.case
        counted = {c.pk: c for c in with_report_counts(Case.objects.all())}
        assert (counted[case.pk].report_count, counted[case.pk].reporter_count) == (4, 3)
        assert (counted[lonely.pk].report_count, counted[lonely.pk].reporter_count) == (1, 1)

    def test_the_counts_take_one_query(self, django_assert_num_queries):
        for number in range(5):
            submit_report(links=[f"https://x.com/a/status/{number}"])
        with django_assert_num_queries(1):
            assert [c.report_count for c in with_report_counts(Case.objects.all())] == [1] * 5
