"""Counting what an XLSX holds, cheaply, before openpyxl is given it.

An XLSX is a zip of XML parts, and what openpyxl spends on one follows what the parts hold, not
the file's size: a 33 KB file can unpack to 200,000 cell styles or a million shared strings,
which openpyxl builds as objects before a single row is read. `check(data, limits)` reads the
zip's directory (members, declared sizes, compression ratios) and then streams every XML part
through defusedxml's SAX parser (no DTD, no entity, nothing external; nothing is built), counting
elements as they come and stopping at the first count over its limit. A file that passes holds
at most what the limits allow, whatever openpyxl then does with it.

Python's zipfile never unpacks more than a member declares (it stops there and fails the
CRC), so the declared sizes checked here bound what reading any part can cost.
"""

import io
import zipfile
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler

from defusedxml.common import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

CHUNK = 64 * 1024
# A ratio means something only for a part large enough to cost anything.
RATIO_FROM_BYTES = 1024 * 1024
# What the "styles" limit counts in xl/styles.xml: every record openpyxl makes an object of.
STYLE_ELEMENTS = frozenset(
    {"xf", "font", "fill", "border", "numFmt", "dxf", "cellStyle", "tableStyle"}
)
SHEET_ROOTS = frozenset({"worksheet", "dialogsheet", "macrosheet"})


class Damaged(Exception):
    """Not a zip, or a part that is not well-formed XML."""


class OverLimit(Exception):
    """A count went past its limit. `what` names the limit (a key of the limits), `limit` its
    value, and `work` what had been counted when reading stopped."""

    def __init__(self, what, limit, work):
        super().__init__(f"{what} over {limit}")
        self.what = what
        self.limit = limit
        self.work = dict(work)


class _Counter(ContentHandler):
    """Counts one XML part's elements into `work`, raising OverLimit as soon as one is over."""

    def __init__(self, limits, work):
        super().__init__()
        self.limits = limits
        self.work = work
        self.root = None
        self.depth = 0
        self.rows = 0
        self.cells_in_row = 0
        # The header row and blank padding are allowed past the rows, as the reader allows.
        self.rows_allowed = 2 * limits["rows"] + 2

    def _over(self, what, count, limit):
        if count > limit:
            raise OverLimit(what, limit, self.work)

    def startElement(self, name, attrs):
        local = name.rpartition(":")[2]  # some writers prefix the spreadsheet namespace (x:c)
        work, limits = self.work, self.limits
        self.depth += 1
        work["xml_elements"] += 1
        work["xml_depth"] = max(work["xml_depth"], self.depth)
        self._over("xml_depth", self.depth, limits["xml_depth"])
        self._over("xml_elements", work["xml_elements"], limits["xml_elements"])
        if self.root is None:
            self.root = local
        elif self.root in SHEET_ROOTS:
            if local == "row":
                self.rows += 1
                self.cells_in_row = 0
                work["rows"] = max(work["rows"], self.rows)
                self._over("rows", self.rows, self.rows_allowed)
            elif local == "c":
                self.cells_in_row += 1
                work["cells"] += 1
                self._over("cells_per_row", self.cells_in_row, limits["cells_per_row"])
                self._over("cells", work["cells"], limits["cells"])
        elif self.root == "styleSheet" and local in STYLE_ELEMENTS:
            work["styles"] += 1
            self._over("styles", work["styles"], limits["styles"])
        elif self.root == "sst" and local == "si":
            work["shared_strings"] += 1
            self._over("shared_strings", work["shared_strings"], limits["shared_strings"])
        elif self.root == "workbook" and local == "sheet":
            work["sheets"] += 1
            self._over("sheets", work["sheets"], limits["sheets"])

    def endElement(self, name):
        self.depth -= 1


def _check_directory(archive, limits, work):
    members = archive.infolist()
    work["zip_members"] = len(members)
    if len(members) > limits["zip_members"]:
        raise OverLimit("zip_members", limits["zip_members"], work)
    for member in members:
        work["unpacked_bytes"] += member.file_size
        if work["unpacked_bytes"] > limits["unpacked_bytes"]:
            raise OverLimit("unpacked_bytes", limits["unpacked_bytes"], work)
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM_BYTES and ratio > limits["compression_ratio"]:
            raise OverLimit("compression_ratio", limits["compression_ratio"], work)


def _scan_part(archive, member, limits, work):
    """Stream one member through the counter. A member that is not XML from its first bytes
    (an image) is left alone: if openpyxl ever parsed it, it would fail as damaged."""
    counter = _Counter(limits, work)
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(counter)
    try:
        with archive.open(member) as part:
            while chunk := part.read(CHUNK):
                parser.feed(chunk)
            parser.close()
    except (OverLimit, DefusedXmlException, MemoryError):
        raise  # a DTD or an entity is refused by the caller with its own sentence
    except SAXParseException as error:
        if counter.root is None:
            return
        raise Damaged(f"{member.filename}: {error}") from error
    except Exception as error:  # noqa: BLE001 (a bad CRC, zlib.error, an encrypted member...)
        raise Damaged(f"{member.filename}: {error!r}") from error


def new_work():
    keys = ("zip_members", "unpacked_bytes", "xml_elements", "xml_depth", "styles")
    keys += ("shared_strings", "sheets", "rows", "cells")
    return dict.fromkeys(keys, 0)


def check(data, limits):
    """The counts of an XLSX, {what: count}; raises OverLimit (with the counts so far),
    Damaged, or defusedxml's DefusedXmlException for a DTD or entity."""
    work = new_work()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise Damaged(str(error)) from error
    with archive:
        _check_directory(archive, limits, work)
        for member in archive.infolist():
            if not member.is_dir():
                _scan_part(archive, member, limits, work)
    return work
