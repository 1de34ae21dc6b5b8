"""Every stream in a certificate ends so that a PDF/A reader counts exactly its /Length.

PDF/A (ISO 19005-3, 6.1.7.1) counts a stream's length from the end-of-line marker after
`stream` to the end-of-line marker before `endstream`, that marker not counted; an end-of-line
marker is CR LF, or LF or CR alone. Both writers that put streams into a certificate, pydyf
(under WeasyPrint, the unsigned page) and pyHanko (the signature's incremental update), write
the data and then LF and `endstream`. When the data's last byte is CR, which compressed data
(the page's content, the XMP, the object and cross-reference streams) has about once in 256
streams, the file reads `CR LF endstream`: the validator takes CR LF for the marker, counts one
byte fewer than /Length and rejects the file (PDFA3B-STREAM-LENGTH-001). The data changes with
every certificate (its code, its dates, its offsets), so about one certificate in thirty failed.

The fix puts CR LF after data that ends in CR (`CR CR LF endstream`): the marker is the CR LF,
the data keeps its CR, and /Length counts it. Data ending in anything else is written as before.
Neither library lets the caller choose the marker, so `install()` (run from the app's ready())
wraps the one place each serializes a stream: pydyf's `Stream.data` and pyHanko's
`StreamObject.write_to_stream`, which every stream class of theirs uses (pyHanko's XRefStream,
ObjectStream and MetadataStream included). Both are pinned; tests/certificates/test_pdf_streams.py
writes streams that end in CR through each and checks the bytes.
"""

import io

import pydyf
from pyhanko.pdf_utils import generic

# How both writers end a stream: the data, LF, the keyword.
WRITTEN_END = b"\nendstream"


def unambiguous_end(serialized):
    """A stream as pydyf or pyHanko serialized it (ending in LF `endstream`), with CR LF
    before `endstream` instead when the stream's data ends in CR."""
    if not serialized.endswith(WRITTEN_END):
        raise ValueError("expected a stream written as its data, LF, endstream")
    if serialized[: -len(WRITTEN_END)].endswith(b"\r"):
        return serialized[: -len(WRITTEN_END)] + b"\r\nendstream"
    return serialized


def _pydyf_data(serialize):
    def data(self):
        return unambiguous_end(serialize(self))

    data.installed = True
    return property(data)


def _pyhanko_write(write):
    def write_to_stream(self, stream, handler=None, container_ref=None):
        # The whole object first (a stream's dictionary records no file positions), then its
        # end corrected and written on.
        buffer = io.BytesIO()
        write(self, buffer, handler, container_ref)
        stream.write(unambiguous_end(buffer.getvalue()))

    write_to_stream.installed = True
    return write_to_stream


def install():
    """Wrap both writers once (ready() may run more than once in tests)."""
    if not getattr(pydyf.Stream.data.fget, "installed", False):
        pydyf.Stream.data = _pydyf_data(pydyf.Stream.data.fget)
    if not getattr(generic.StreamObject.write_to_stream, "installed", False):
        generic.StreamObject.write_to_stream = _pyhanko_write(generic.StreamObject.write_to_stream)
