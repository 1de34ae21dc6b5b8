"""PDF/A's stream-length rule, read from a file's bytes (ISO 19005-3, 6.1.7.1).

A stream's /Length must equal the number of bytes from the end-of-line marker after `stream`
(CR LF or LF) to the end-of-line marker before `endstream` (CR LF, LF or CR), neither counted.
Where the data itself ends in CR and the writer put LF after it, the bytes read `CR LF
endstream` and the marker is CR LF: the count is one byte short. That is how page (the PDF/A
validator of test_pdfa.py) and veraPDF read it, and what this reader checks.

It walks every `N G obj` of every revision, also objects a later revision replaced (a
validator looks only at the current ones), so it is stricter than page where it differs.
Direct and indirect /Length are read; the data is skipped by its /Length, so bytes inside a
stream are never taken for syntax.
"""

import re
from dataclasses import dataclass

HEADER = re.compile(rb"(?<![0-9])(\d+)\s+(\d+)\s+obj\b")
LENGTH = re.compile(rb"/Length(?![0-9A-Za-z])\s*(\d+)(?:\s+(\d+)\s+R)?")
INTEGER_OBJECT = re.compile(rb"(?<![0-9])(\d+)\s+(\d+)\s+obj\s*(\d+)\s*endobj")


@dataclass(frozen=True)
class Stream:
    number: int
    generation: int
    offset: int  # of the object's header
    declared: int | None  # its /Length
    counted: int  # bytes between the marker after `stream` and the marker before `endstream`
    markers_ok: bool  # CR LF or LF after `stream`, a marker before `endstream`

    @property
    def conforms(self):
        return self.markers_ok and self.declared == self.counted


def streams(data):
    """Every stream object in the file's bytes, in file order."""
    integers = {(int(n), int(g)): int(value) for n, g, value in INTEGER_OBJECT.findall(data)}
    found = []
    position = 0
    while header := HEADER.search(data, position):
        keyword = data.find(b"stream", header.end())
        end = data.find(b"endobj", header.end())
        if keyword == -1 or (end != -1 and end < keyword):  # not a stream
            position = len(data) if end == -1 else end + len(b"endobj")
            continue
        declared = None
        if length := LENGTH.search(data, header.end(), keyword):
            number, generation = length.groups()
            declared = (
                int(number) if generation is None else integers.get((int(number), int(generation)))
            )
        after = keyword + len(b"stream")
        if data.startswith(b"\r\n", after):
            start, markers_ok = after + 2, True
        elif data.startswith(b"\n", after):
            start, markers_ok = after + 1, True
        else:
            start, markers_ok = after, False
        endstream = data.find(b"endstream", max(start, start + (declared or 0) - 2))
        if endstream == -1:
            raise ValueError(f"no endstream after the stream at byte {header.start()}")
        if data[endstream - 2 : endstream] == b"\r\n":
            counted = endstream - 2 - start
        elif data[endstream - 1 : endstream] in (b"\r", b"\n"):
            counted = endstream - 1 - start
        else:
            counted, markers_ok = endstream - start, False
        found.append(
            Stream(
                number=int(header.group(1)),
                generation=int(header.group(2)),
                offset=header.start(),
                declared=declared,
                counted=counted,
                markers_ok=markers_ok,
            )
        )
        position = endstream + len(b"endstream")
    return found


def nonconforming(data):
    return [stream for stream in streams(data) if not stream.conforms]
