"""A stream whose data ends in CR keeps PDF/A's stream length, through both writers.

About one certificate in thirty failed test_pdfa.py's validator with PDFA3B-STREAM-LENGTH-001:
one of its compressed streams (the page's content, the XMP, an object or cross-reference
stream, all different for every certificate) ended in CR, and pydyf or pyHanko wrote LF and
`endstream` after it, which a PDF/A reader reads as a CR LF marker, one byte short of /Length
(content/certificates/pdf_streams.py). Here the data is chosen to end in CR, so every run
writes that case through each writer, and both the byte-level reader (stream_lengths.py) and
the validator count the lengths.
"""

import io

import page
import pydyf
import pytest
from pyhanko.pdf_utils import generic
from weasyprint import HTML

from content.certificates import pdf_streams, signing
from tests.certificates import stream_lengths

# Data ending in CR is the case that failed; LF and CR LF endings are there to stay right.
ENDINGS = {
    "cr": b"0 0 m 10 10 l S\r",
    "lf": b"0 0 m 10 10 l S\n",
    "crlf": b"0 0 m 10 10 l S\r\n",
    "plain": b"0 0 m 10 10 l S",
}


def _stream_length_failures(pdf):
    """The validator's verdict on this one rule (the test files are not whole PDF/A files)."""
    report = page.validate_pdf_bytes(pdf, profile=page.ValidationProfile.PDF_A_3B)
    return [failure.object_id for failure in report.failures if "STREAM-LENGTH" in failure.rule_id]


def _fragment(data, declared, eol):
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Length "
        + str(declared).encode()
        + b" >>\nstream\n"
        + data
        + eol
        + b"endstream\nendobj\n"
    )


class TestTheReader:
    """stream_lengths reads the bytes as the validator does, or the tests below prove nothing."""

    def test_data_ending_in_cr_before_lf_endstream_is_one_byte_short(self):
        (stream,) = stream_lengths.streams(_fragment(b"ab\r", 3, b"\n"))
        assert (stream.declared, stream.counted, stream.conforms) == (3, 2, False)

    def test_data_ending_in_cr_before_crlf_endstream_is_counted_whole(self):
        (stream,) = stream_lengths.streams(_fragment(b"ab\r", 3, b"\r\n"))
        assert (stream.declared, stream.counted, stream.conforms) == (3, 3, True)

    @pytest.mark.parametrize("eol", [b"\n", b"\r\n", b"\r"])
    def test_any_marker_after_other_data_is_not_counted(self, eol):
        (stream,) = stream_lengths.streams(_fragment(b"ab\n", 3, eol))
        assert stream.conforms

    def test_no_marker_before_endstream_does_not_conform(self):
        (stream,) = stream_lengths.streams(_fragment(b"abc", 3, b""))
        assert not stream.conforms

    def test_a_lone_cr_after_stream_does_not_conform(self):
        pdf = _fragment(b"ab", 2, b"\n").replace(b"stream\n", b"stream\r", 1)
        assert not stream_lengths.streams(pdf)[0].conforms

    def test_an_indirect_length_is_read(self):
        pdf = _fragment(b"ab\r", 3, b"\r\n").replace(b"/Length 3", b"/Length 2 0 R")
        pdf += b"2 0 obj\n3\nendobj\n"
        assert stream_lengths.streams(pdf)[0].declared == 3


class TestTheEnd:
    @pytest.mark.parametrize(
        ("serialized", "written"),
        [
            (b"stream\nab\r\nendstream", b"stream\nab\r\r\nendstream"),
            (b"stream\nab\n\nendstream", b"stream\nab\n\nendstream"),
            (b"stream\nab\nendstream", b"stream\nab\nendstream"),
            (b"stream\n\nendstream", b"stream\n\nendstream"),
        ],
    )
    def test_only_data_ending_in_cr_gets_crlf(self, serialized, written):
        assert pdf_streams.unambiguous_end(serialized) == written

    def test_a_stream_written_otherwise_is_refused(self):
        with pytest.raises(ValueError):
            pdf_streams.unambiguous_end(b"stream\nab\r\n\r\nendstream ")


def _pydyf_pdf(*, compress):
    document = pydyf.PDF()
    contents = [pydyf.Stream([data]) for data in ENDINGS.values()]
    for stream in contents:
        document.add_object(stream)
    document.add_page(
        pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": document.pages.reference,
                "MediaBox": pydyf.Array([0, 0, 100, 100]),
                "Contents": pydyf.Array(stream.reference for stream in contents),
            }
        )
    )
    output = io.BytesIO()
    document.write(output, compress=compress)
    return output.getvalue()


@pytest.mark.parametrize("compress", [False, True], ids=["xref-table", "object-streams"])
def test_pydyf_writes_every_stream_length_exactly(compress):
    """pydyf, as WeasyPrint drives it (with `compress`, its object and cross-reference
    streams, the way certificates are written)."""
    pdf = _pydyf_pdf(compress=compress)
    assert stream_lengths.nonconforming(pdf) == []
    assert _stream_length_failures(pdf) == []
    assert b"S\r\r\nendstream" in pdf  # the stream ending in CR was there to check


@pytest.fixture(scope="module")
def unsigned():
    return HTML(string="<p>Sertifikat</p>").write_pdf(pdf_variant="pdf/a-3b")


def test_the_signing_writer_writes_every_stream_length_exactly(unsigned):
    """pyHanko's incremental writer, as signing uses it (ArchivalWriter)."""
    writer = signing.ArchivalWriter(io.BytesIO(unsigned))
    for data in ENDINGS.values():
        writer.add_object(generic.StreamObject(stream_data=data))
    output = io.BytesIO()
    writer.write(output)
    pdf = output.getvalue()
    assert stream_lengths.nonconforming(pdf) == []
    assert _stream_length_failures(pdf) == []
    assert b"S\r\r\nendstream" in pdf  # the stream ending in CR was there to check
