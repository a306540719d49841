"""The translatable texts of a stall: which exist, how many are translated, and how to exchange them as PO files.

A stall's texts are its own name, tagline and about, its cooperative's description, and the title and description of
each of its products. Vietnamese is the source; English and Chinese are translations of it. Each text has a stable
id, ``<kind>:<pk>:<field>`` (for example ``product:12:title``), used as the PO entry's context.
"""

import io
import re
from dataclasses import dataclass

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from oscar.core.loading import get_model

from shop.visible_text import NO_LETTER, clean_user_text, has_letter_or_digit
from storefronts.models import Storefront

TARGET_LANGUAGES = ("en", "zh-hans")
HTML_FIELDS = {("product", "description")}
# Names and titles: a translation of one needs a letter or digit (shop/visible_text.py), as the forms ask.
NAME_FIELDS = {"name", "title"}


@dataclass(frozen=True)
class Text:
    kind: str
    instance: object
    field: str

    @property
    def id(self):
        return f"{self.kind}:{self.instance.pk}:{self.field}"

    @property
    def label(self):
        return str(self.instance)

    def value(self, language):
        raw = getattr(self.instance, build_localized_fieldname(self.field, language)) or ""
        return strip_tags(raw).strip() if (self.kind, self.field) in HTML_FIELDS else raw.strip()

    def store(self, language, text):
        if (self.kind, self.field) in HTML_FIELDS:
            text = "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())
        setattr(self.instance, build_localized_fieldname(self.field, language), text)


def stall_texts(storefront):
    """Every text of the stall that has a Vietnamese source (an empty source has nothing to translate)."""
    Product = get_model("catalogue", "Product")
    texts = [Text("storefront", storefront, field) for field in ("name", "tagline", "about")]
    texts.append(Text("cooperative", storefront.cooperative, "description"))
    for product in Product.objects.filter(storefront=storefront, parent=None).order_by("pk"):
        texts += [Text("product", product, "title"), Text("product", product, "description")]
    return [text for text in texts if text.value("vi")]


def coverage(texts):
    """{"en": (translated, total, percent), "zh_hans": (...)} over ``texts`` (keys usable in templates)."""
    total = len(texts)
    result = {}
    for language in TARGET_LANGUAGES:
        done = sum(1 for text in texts if text.value(language))
        result[language.replace("-", "_")] = (done, total, round(100 * done / total) if total else 100)
    return result


def product_coverage(product):
    return coverage(
        [t for t in (Text("product", product, "title"), Text("product", product, "description")) if t.value("vi")]
    )


def stall_report():
    """Coverage of every stall that is or was on sale, for union staff: [(storefront, coverage)]."""
    storefronts = Storefront.objects.exclude(status=Storefront.Status.DRAFT).select_related("cooperative")
    return [(storefront, coverage(stall_texts(storefront))) for storefront in storefronts.order_by("name")]


def export_po(storefront, language, only_missing=True):
    """A PO file (bytes) of the stall's texts for ``language``: Vietnamese msgid, current translation as msgstr."""
    catalog = Catalog(locale=language.replace("-", "_"), project="Chợ HTX", fuzzy=False)
    for text in stall_texts(storefront):
        current = text.value(language)
        if only_missing and current:
            continue
        catalog.add(text.value("vi"), current, context=text.id, auto_comments=[text.label])
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False)
    return buffer.getvalue()


class ImportRefused(Exception):
    def __init__(self, messages):
        super().__init__("; ".join(str(message) for message in messages))
        self.messages = messages


PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$')


def check_po_syntax(text):
    """Babel's reader forgives broken lines (an unclosed quote, stray words); a translator's file must not."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not PO_LINE.match(stripped):
            raise ImportRefused([_("Tệp không phải tệp PO hợp lệ: dòng %(line)s bị hỏng.") % {"line": number}])


def parse_po(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused([_("Tệp không phải tệp PO hợp lệ: không đọc được dạng UTF-8.")]) from error
    check_po_syntax(text)
    try:
        return read_po(io.StringIO(text), abort_invalid=True)
    except Exception as error:  # babel raises several kinds of errors for malformed files
        raise ImportRefused([_("Tệp không phải tệp PO hợp lệ: %(error)s") % {"error": error}]) from error


@transaction.atomic
def import_po(storefront, language, data):
    """Apply a translator's PO file to the stall's texts; all entries or none. Returns how many texts changed."""
    catalog = parse_po(data)
    file_language = str(catalog.locale).replace("_", "-").lower() if catalog.locale else ""
    if file_language != language.lower():
        raise ImportRefused(
            [
                _("Tệp dành cho ngôn ngữ “%(file)s”, không phải “%(chosen)s”.")
                % {"file": file_language or "?", "chosen": language}
            ]
        )
    texts = {text.id: text for text in stall_texts(storefront)}
    errors, changes = [], []
    for message in catalog:
        if not message.id:
            continue
        text = texts.get(message.context or "")
        if text is None:
            errors.append(_("Mục “%(id)s” không thuộc gian hàng này.") % {"id": message.context or message.id})
            continue
        translated = clean_user_text(message.string or "")
        if translated and text.field in NAME_FIELDS and not has_letter_or_digit(translated):
            errors.append(_("Mục “%(id)s”: %(reason)s") % {"id": text.id, "reason": NO_LETTER})
        elif translated and translated != text.value(language):
            changes.append((text, translated))
    if errors:
        raise ImportRefused(errors)
    changed_instances = {}
    for text, value in changes:
        text.store(language, value)
        changed_instances[(text.kind, text.instance.pk)] = text.instance
    for instance in changed_instances.values():
        instance.save()
    return len(changes)
