"""Our catalogues are complete and compiled: what a translator wrote is what the site shows."""

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from translations import vendor_strings

LOCALE = Path(__file__).resolve().parents[2] / "translations" / "locale"
VENDOR_MSGIDS = set(vendor_strings.WAGTAIL_ADMIN_LOGIN + vendor_strings.OSCAR_PAGES)


def catalogue(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        return [message for message in read_po(po) if message.id]


@pytest.mark.parametrize("language", ["vi", "en", "zh_Hans"])
def test_no_entry_is_fuzzy(language):
    assert [message.id for message in catalogue(language) if message.fuzzy] == []


def test_every_vietnamese_entry_is_filled():
    assert [message.id for message in catalogue("vi") if not message.string] == []


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_every_string_of_ours_is_translated(language):
    missing = [m.id for m in catalogue(language) if not m.string and m.id not in VENDOR_MSGIDS]
    assert missing == []


@pytest.mark.parametrize("language", ["vi", "en", "zh_Hans"])
def test_the_compiled_catalogue_matches_the_po_file(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    for message in catalogue(language):
        if message.string and not message.pluralizable:
            assert compiled.get(message.id) == message.string, f"run compilemessages ({message.id!r})"
