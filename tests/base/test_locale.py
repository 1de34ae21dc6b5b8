"""The project's Indonesian catalogues are compiled from their sources as committed."""

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "id" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_matches_its_source(domain):
    source = polib.pofile(LOCALE / f"{domain}.po")
    with open(LOCALE / f"{domain}.mo", "rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)
    assert source.percent_translated() == 100
    for entry in source:
        if entry.msgid_plural:
            got = (
                compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                if (entry.msgctxt)
                else compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
            )
            assert got == entry.msgstr_plural[0], entry.msgid
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid
