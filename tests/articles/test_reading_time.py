from wagtail.blocks import StreamValue

from content.articles.reading_time import WORDS_PER_MINUTE, reading_minutes
from content.base.blocks import BodyBlock


def _body(*blocks):
    return StreamValue(BodyBlock(), list(blocks), is_lazy=True)


def _paragraph(words):
    return {"type": "paragraph", "value": "<p>" + " ".join(["kata"] * words) + "</p>"}


class TestReadingMinutes:
    def test_an_empty_body_still_takes_a_minute(self):
        assert reading_minutes(_body()) == 1

    def test_rounds_up_to_the_next_whole_minute(self):
        assert reading_minutes(_body(_paragraph(WORDS_PER_MINUTE + 1))) == 2

    def test_counts_headings_quotes_and_extra_text_but_not_markup(self):
        body = _body(
            {"type": "heading", "value": {"text": "satu dua", "level": "h2"}},
            {"type": "quote", "value": {"text": "tiga empat", "attribution": ""}},
            {"type": "paragraph", "value": '<p><a href="https://x.id/a/b/c">lima</a></p>'},
        )
        extra = " ".join(["kata"] * (WORDS_PER_MINUTE - 5))
        assert reading_minutes(body, extra) == 1
        assert reading_minutes(body, extra + " enam") == 2
