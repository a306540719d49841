"""Text as search sees it: words without markup, Vietnamese folded to ASCII ("Mật ong" → "mat ong"), Chinese cut
into the two-character pieces the CJK analyser indexes. Both backends use these so that they agree on what a word is.
"""

import html
import re
import unicodedata

from rapidfuzz import process
from rapidfuzz.distance import OSA

WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]*>")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# How much of what a shopper types is read: enough for any product name, little enough to keep every query cheap.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# A term this long also finds longer words it starts ("honey" → "honeys"); a shorter one, a Vietnamese syllable
# ("tra", "co"), only the whole word, as Elasticsearch matches it, or "co" would find every "công" and "cói".
MIN_PREFIX = 4


def strip_html(markup):
    """Plain text of an HTML fragment (product descriptions are HTML)."""
    return " ".join(html.unescape(TAG.sub(" ", markup or "")).split())


def fold(text):
    """Lowercase ASCII-folded text: every Vietnamese tone and vowel mark dropped, "đ" read as "d"."""
    text = (text or "").lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def words(text):
    """The words of ``text`` in their own form (no punctuation, symbols or emoji)."""
    return [word for word in WORD.findall(text or "") if word != "_"]


def is_cjk(term):
    return bool(CJK.fullmatch(term))


def word_pattern(term):
    """How the database backend finds a (folded) term in its space-separated words: " term" is a word start,
    " term " a whole word, and Chinese anywhere."""
    if is_cjk(term):
        return term
    return f" {term}" if len(term) >= MIN_PREFIX else f" {term} "


def split_cjk(word):
    """A word cut into Latin/number runs and Chinese runs: "ST25大米" → ["ST25", "大米"]."""
    pieces, position = [], 0
    for match in CJK.finditer(word):
        if match.start() > position:
            pieces.append(word[position : match.start()])
        pieces.append(match.group())
        position = match.end()
    if position < len(word):
        pieces.append(word[position:])
    return [piece.strip("_") for piece in pieces if piece.strip("_")]


def bigrams(run):
    """A run of Chinese characters as the CJK analyser indexes it: overlapping pairs, or the single character."""
    if len(run) == 1:
        return [run]
    return [run[index : index + 2] for index in range(len(run) - 1)]


def query_terms(text):
    """What a query asks for, as a list of terms each of which a product must contain: words in their own form
    (lowercase) and Chinese character pairs. Quotes, operators, emoji and the like are not terms; long input is cut."""
    terms = []
    for word in words((text or "")[:MAX_QUERY_LENGTH].lower()):
        for piece in split_cjk(word):
            for term in bigrams(piece) if is_cjk(piece) else [piece]:
                if term not in terms:
                    terms.append(term)
    return terms[:MAX_TERMS]


def folded_words(text):
    """Folded words of ``text`` joined by single spaces, with a space at each end so that a LIKE '% word%' finds
    a word start (the database backend's stored text)."""
    return f" {' '.join(fold(word) for word in words(text))} "


def lowered_words(text):
    """Like folded_words but keeping the marks: for the boost of an exact (accented) match."""
    return f" {' '.join(word.lower() for word in words(text))} "


def fuzziness(term):
    """Elasticsearch's AUTO fuzziness: no typo allowed in 1–2 letters, one in 3–5, two from 6."""
    if is_cjk(term) or len(term) < 3:
        return 0
    return 1 if len(term) < 6 else 2


def edit_distance(a, b, limit):
    """Optimal string alignment distance (a swap of two neighbours counts once), or limit + 1 when larger."""
    return OSA.distance(a, b, score_cutoff=limit)


def typo_matches(term, vocabulary):
    """The words of ``vocabulary`` within the term's AUTO distance, sorted. rapidfuzz compares the term with every
    word in C (48,000 words x 6 terms: 0.16 s, where the same distance in pure Python took 4.3 s; bench/README.md)."""
    distance = fuzziness(term)
    if not distance:
        return []
    found = process.extract(term, vocabulary, scorer=OSA.distance, score_cutoff=distance, limit=None)
    return sorted(word for word, _distance, _key in found)
