"""Finding English text of Oscar, Wagtail or Django on a page served in Vietnamese (or Chinese)."""

import functools
from html.parser import HTMLParser
from pathlib import Path

import django
import oscar
import wagtail
from babel.messages.pofile import read_po
from django.utils import translation

VISIBLE_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
SKIPPED_TAGS = {"script", "style", "code", "pre"}


class TextCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        attributes = dict(attrs)
        for name in VISIBLE_ATTRIBUTES & attributes.keys():
            self.texts.append(attributes[name] or "")
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.texts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.texts.append(data)


def visible_texts(html):
    collector = TextCollector()
    collector.feed(html)
    return {" ".join(text.split()) for text in collector.texts if text.strip()}


@functools.cache
def vendor_msgids():
    """Every source string (English) of Oscar's, Wagtail's and Django's own catalogues."""
    roots = [Path(oscar.__file__).parent, Path(wagtail.__file__).parent, Path(django.__file__).parent]
    msgids = set()
    for root in roots:
        for po_path in root.rglob("locale/vi/LC_MESSAGES/django.po"):
            with po_path.open("rb") as po:
                msgids.update(m.id for m in read_po(po) if isinstance(m.id, str) and m.id.strip())
    return msgids


def untranslated_english(html, language="vi"):
    """Text on the page that is a vendor's English source string with no translation in force in ``language``."""
    with translation.override(language):
        return sorted(
            text
            for text in visible_texts(html)
            if text in vendor_msgids() and translation.gettext(text) == text and any(c.isalpha() for c in text)
        )
