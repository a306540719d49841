"""Highlighted matches as safe HTML: the product text escaped, each matched word wrapped in <mark>.

Elasticsearch marks its own matches (typo-tolerant ones included) between two private-use characters that no product
text contains; ``from_markers`` escapes everything else and turns those into <mark>. The database backend finds the
matched words itself with ``mark``, folding accents exactly as it does when it matches.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from catalog.search.text import MIN_PREFIX, WORD, fold, is_cjk

START, END = "\ue000", "\ue001"
SNIPPET_LENGTH = 160


def from_markers(fragment):
    """Safe HTML of an Elasticsearch highlight fragment written with START/END markers."""
    return mark_safe(escape(fragment).replace(START, "<mark>").replace(END, "</mark>"))


def matched_spans(text, terms):
    """(start, end) of each word of ``text`` a term matches as the database backend does (accents folded: a whole
    word, or a word start from MIN_PREFIX letters), and of each Chinese term."""
    prefixes = tuple(term for term in terms if not is_cjk(term) and len(term) >= MIN_PREFIX)
    whole = {term for term in terms if not is_cjk(term) and len(term) < MIN_PREFIX}
    spans = []
    if prefixes or whole:
        for match in WORD.finditer(text):
            word = fold(match.group())
            if word in whole or word.startswith(prefixes):
                spans.append(match.span())
    for term in terms:
        if is_cjk(term):
            spans.extend(match.span() for match in re.finditer(re.escape(term), text))
    return merge(sorted(spans))


def merge(spans):
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def wrap(text, spans):
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(escape(text[position:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))


def mark(text, terms):
    """The whole of ``text`` with its matches marked, or "" when nothing in it matches."""
    spans = matched_spans(text or "", terms)
    return wrap(text, spans) if spans else ""


def snippet(text, terms, length=SNIPPET_LENGTH):
    """About ``length`` characters of ``text`` around its first match, marked, or "" when nothing matches."""
    text = text or ""
    spans = matched_spans(text, terms)
    if not spans:
        return ""
    first = spans[0][0]
    start = max(0, first - length // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > first else end
    window = [(span_start - start, span_end - start) for span_start, span_end in spans if start <= span_start < end]
    body = wrap(text[start:end], [(a, min(b, end - start)) for a, b in window])
    return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))
