"""Search in the database itself (the embedded default, and whenever ELASTICSEARCH_URL is unset).

Products are matched in the SearchEntry table, whose text columns hold folded words (" mat ong rung u minh "), so
"mat ong" and "Mật ong" find the same products on SQLite and PostgreSQL alike with a plain LIKE: '% word %' for a
whole word of up to three letters (a Vietnamese syllable such as "tra"), '% word%' for a word start from four letters
("honey" finds "honeys"), anywhere for Chinese. A word no product contains is read as a typo of the words of the titles, categories and seller names within
Elasticsearch's AUTO distance. Every word must match somewhere (title, category, stall/cooperative/province, description), as in the
Elasticsearch backend; when no product has them all, products with some of them are shown. Ranking: title over
category and seller over description, an exact accented match and the whole phrase in the title rank higher.
Facets are counted in Python over the matched rows' facet columns (one query), each under all filters but its own,
and kept for CATALOGUE_COUNT_CACHE_SECONDS (60 s in production) for the same words and filters. On PostgreSQL the
LIKEs use trigram indexes (catalogue migration 0038).
"""

import hashlib
import itertools
import operator
from collections import Counter
from functools import reduce

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, Value, When

from catalog.search import highlight
from catalog.search.backends.base import SearchBackend
from catalog.search.models import SearchEntry
from catalog.search.queries import NEWEST, PRICE_ASC, PRICE_DESC, PRICE_RANGES, STAR_LEVELS, STARS
from catalog.search.records import LANGUAGES, SOURCE_LANGUAGE, field_suffix, seller_text
from catalog.search.results import Hit, RawFacets, SearchResults
from catalog.search.synonyms import synonym_groups
from catalog.search.text import (
    fold,
    folded_words,
    fuzziness,
    is_cjk,
    lowered_words,
    query_terms,
    typo_matches,
    word_pattern,
    words,
)
from shop.caching import kept

TITLE, CATEGORY, SELLER, DESCRIPTION = 6, 4, 4, 2  # the weight of a term found there
WHOLE_WORD, EXACT, ALL_IN_TITLE, PHRASE = 1, 1, 4, 6
VOCABULARY_KEY = "catalog.search.vocabulary"
VOCABULARY_BUILDING_KEY = "catalog.search.vocabulary.building"
VOCABULARY_BUILDING_SECONDS = 60  # the most a build may take before another request tries
VOCABULARY_COLUMNS = [
    f"{kind}_{field_suffix(language)}" for kind in ("title", "category", "seller") for language in LANGUAGES
]
FACETS_KEY = "catalog.search.facets"
# Each facet (as the filters and RawFacets name it) and the SearchEntry column it is counted from, in the order a
# matched row's facet columns are selected.
FACET_COLUMNS = {
    "category": "categories",
    "stall": "stall",
    "province": "province",
    "ocop_stars": "ocop_stars",
    "price": "price",
    "in_stock": "in_stock",
}
CHUNK = 500


def entry_from_record(record):
    texts = {}
    for language in LANGUAGES:
        suffix = field_suffix(language)
        texts[f"title_{suffix}"] = folded_words(record["title"][language])
        texts[f"category_{suffix}"] = folded_words(" ".join(record["category_names"][language]))
        texts[f"description_{suffix}"] = folded_words(record["description"][language])
        texts[f"seller_{suffix}"] = folded_words(seller_text(record, language))
    return SearchEntry(
        product_id=record["id"],
        **texts,
        exact_title=lowered_words(" ".join(record["title"].values())),
        categories="|" + "|".join(record["categories"]) + "|",
        stall=record["stall"],
        province=record["province"],
        ocop_stars=record["ocop_stars"],
        price=record["price"],
        in_stock=record["in_stock"],
        rating=record["rating"],
        created=record["created"],
        record=record,
    )


def contains(field, term):
    """A field has the term (see catalog.search.text.word_pattern)."""
    return Q(**{f"{field}__contains": word_pattern(term)})


def any_of(field, alternatives):
    return reduce(operator.or_, (contains(field, alternative) for alternative in alternatives))


class DatabaseBackend(SearchBackend):
    name = "database"

    # --- Keeping the index ------------------------------------------------------------------------------------------

    def index(self, records):
        """Insert or update the entries in one statement per chunk (INSERT ... ON CONFLICT DO UPDATE): two
        transactions refreshing the same product (two buyers of it checking out at once) both succeed, the later
        one waiting for the earlier, where a delete-then-insert made the later fail on the duplicate key."""
        updated = [field.name for field in SearchEntry._meta.concrete_fields if not field.primary_key]
        count = 0
        for chunk in chunked(records, CHUNK):
            entries = [entry_from_record(record) for record in chunk]
            SearchEntry.objects.bulk_create(
                entries, update_conflicts=True, unique_fields=["product"], update_fields=updated
            )
            learn_words(entries)
            count += len(entries)
        return count

    def delete(self, product_ids):
        SearchEntry.objects.filter(product_id__in=list(product_ids)).delete()

    def delete_stall(self, stall_slug):
        SearchEntry.objects.filter(stall=stall_slug).delete()

    def count(self):
        return SearchEntry.objects.count()

    def rebuild(self, records, progress=None):
        """All rows replaced in one transaction: until it commits, every other connection still reads the old ones."""
        count, vocabulary = 0, set()
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            for chunk in chunked(records, CHUNK):
                entries = [entry_from_record(record) for record in chunk]
                SearchEntry.objects.bulk_create(entries)
                vocabulary |= words_of(entries)
                count += len(chunk)
                if progress:
                    progress(count)
        cache.set(VOCABULARY_KEY, frozenset(vocabulary), settings.SEARCH_VOCABULARY_SECONDS)
        return count

    # --- Searching --------------------------------------------------------------------------------------------------

    def search(self, query):
        fields = self.fields(query.language)
        terms = self.expand(synonym_groups(query_terms(query.text)), fields)
        exact = query_terms(query.text)
        matched = SearchEntry.objects.all()
        partial = False
        if terms:
            every = reduce(operator.and_, (self.term_matches(fields, alternatives) for alternatives in terms))
            if SearchEntry.objects.filter(every).exists():
                matched = matched.filter(every)
            else:  # nothing has every word: show what has some, best first
                partial = len(terms) > 1
                matched = matched.filter(reduce(operator.or_, (self.term_matches(fields, alts) for alts in terms)))
        raw_facets, count = self.facets(matched, fields, terms, query.filters)
        page = matched.filter(filters_q(query.filters))
        if terms:
            page = page.annotate(score=self.score(query.language, terms, exact))
        else:
            page = page.annotate(score=Value(0, output_field=IntegerField()))
        page = page.order_by(*ordering(query.sort)).values_list("record", flat=True)
        records = list(page[query.offset : query.offset + query.per_page])
        marks = [word for alternatives in terms for alternative in alternatives for word in alternative.split()]
        hits = [Hit(record, highlights(record, query.language, marks)) for record in records]
        return SearchResults(query=query, count=count, hits=hits, raw_facets=raw_facets, partial=partial)

    @staticmethod
    def facets(matched, fields, terms, filters):
        """(RawFacets, count) of the matched entries under the filters. They read every match (all 100,000 entries
        for a search by facets alone), so they are kept CATALOGUE_COUNT_CACHE_SECONDS for the same words and
        filters; the page of hits is always fresh."""
        key = f"{FACETS_KEY}:{hashlib.sha256(repr((fields, terms, filters)).encode()).hexdigest()}"
        rows = matched.values_list(*FACET_COLUMNS.values())
        return kept(key, settings.CATALOGUE_COUNT_CACHE_SECONDS, lambda: count_facets(list(rows), filters))

    @staticmethod
    def fields(language):
        """Where a term is looked for, with its weight: the shopper's language and Vietnamese."""
        languages = dict.fromkeys([field_suffix(language), field_suffix(SOURCE_LANGUAGE)])
        weighted = [(f"title_{suffix}", TITLE) for suffix in languages]
        weighted += [(f"category_{suffix}", CATEGORY) for suffix in languages]
        weighted += [(f"seller_{suffix}", SELLER) for suffix in languages]
        weighted += [(f"description_{suffix}", DESCRIPTION) for suffix in languages]
        return weighted

    @staticmethod
    def term_matches(fields, alternatives):
        return reduce(operator.or_, (any_of(field, alternatives) for field, _weight in fields))

    def score(self, language, terms, exact):
        fields = self.fields(language)
        parts = []
        for alternatives in terms:
            whens = [When(any_of(field, alternatives), then=Value(weight)) for field, weight in fields]
            parts.append(Case(*whens, default=Value(0), output_field=IntegerField()))
            titles = [field for field, weight in fields if weight == TITLE]
            whole = reduce(
                operator.or_, (Q(**{f"{field}__contains": f" {alt} "}) for field in titles for alt in alternatives)
            )
            parts.append(Case(When(whole, then=Value(WHOLE_WORD)), default=Value(0), output_field=IntegerField()))
        for term in exact:
            if term != fold(term):
                exact_q = Q(exact_title__contains=word_pattern(term))
                parts.append(Case(When(exact_q, then=Value(EXACT)), default=Value(0), output_field=IntegerField()))
        if len(terms) > 1:
            titles = [field for field, weight in fields if weight == TITLE]
            every = reduce(
                operator.or_,
                (reduce(operator.and_, (any_of(field, alternatives) for alternatives in terms)) for field in titles),
            )
            parts.append(Case(When(every, then=Value(ALL_IN_TITLE)), default=Value(0), output_field=IntegerField()))
        if len(terms) > 1 and all(len(alternatives) == 1 for alternatives in terms):
            phrase = " ".join(alternatives[0] for alternatives in terms)
            in_title = reduce(operator.or_, (contains(field, phrase) for field, weight in fields if weight == TITLE))
            parts.append(Case(When(in_title, then=Value(PHRASE)), default=Value(0), output_field=IntegerField()))
        return reduce(operator.add, parts)

    def expand(self, groups, fields):
        """Each requirement (a term, or a synonym group: catalog.search.synonyms) folded, a lone term with the
        catalogue words it may be a typo of when no product contains it as typed."""
        expanded = []
        for group in dict.fromkeys(tuple(fold(alternative) for alternative in group) for group in groups):
            alternatives = list(group)
            term = alternatives[0]
            typed_only = len(alternatives) == 1 and fuzziness(term)
            if typed_only and not SearchEntry.objects.filter(self.term_matches(fields, [term])).exists():
                alternatives += typo_matches(term, self.vocabulary())
            expanded.append(alternatives)
        return expanded

    @staticmethod
    def vocabulary():
        """Every folded word (3 letters or more) of the indexed titles, categories and seller names.

        Reading it from every entry takes seconds at 100,000 products (2.2 s of CPU), so it is kept (an hour with a
        shared cache, SEARCH_VOCABULARY_SECONDS), built by a rebuild of the index and grown by each indexing that
        brings a new word (learn_words); removing products leaves their words in it, where a typo read as one of them
        simply finds nothing more. When it has to be read again, one request does it: searches made meanwhile go
        without typo correction rather than each reading every entry too (at 100,000 products five workers doing so
        at once took 8 s to answer)."""
        found = cache.get(VOCABULARY_KEY)
        if found is None:
            if not cache.add(VOCABULARY_BUILDING_KEY, True, VOCABULARY_BUILDING_SECONDS):
                return frozenset()
            try:
                rows = SearchEntry.objects.values_list(*VOCABULARY_COLUMNS).iterator(chunk_size=2000)
                found = frozenset(words_in(text for row in rows for text in row))
                cache.set(VOCABULARY_KEY, found, settings.SEARCH_VOCABULARY_SECONDS)
            finally:
                cache.delete(VOCABULARY_BUILDING_KEY)
        return found

    # --- Suggestions ------------------------------------------------------------------------------------------------

    def suggest(self, text, language, limit):
        typed = " ".join(fold(word) for word in words(text))
        if not typed:
            return []
        pattern = typed if any(is_cjk(char) for char in typed) else f" {typed}"
        languages = dict.fromkeys([field_suffix(language), field_suffix(SOURCE_LANGUAGE)])
        found = reduce(operator.or_, (Q(**{f"title_{suffix}__contains": pattern}) for suffix in languages))
        entries = SearchEntry.objects.filter(found).order_by("-ocop_stars", "-pk").values_list("record", flat=True)
        return list(entries[:limit])


def words_in(texts):
    """The typo vocabulary's words in folded texts: 3 letters or more, not Chinese."""
    return {word for text in texts for word in text.split() if len(word) >= 3 and not is_cjk(word)}


def words_of(entries):
    """The typo vocabulary's words in the entries' titles, categories and seller names."""
    return words_in(getattr(entry, column) for entry in entries for column in VOCABULARY_COLUMNS)


def learn_words(entries):
    """Adds the entries' new words to the kept vocabulary, if one is kept: a product named with a new word has its
    typos forgiven at once. Most indexing (a new price, a sale) brings none and writes nothing."""
    known = cache.get(VOCABULARY_KEY)
    if known is not None and (new := words_of(entries) - known):
        cache.set(VOCABULARY_KEY, known | new, settings.SEARCH_VOCABULARY_SECONDS)


def highlights(record, language, marks):
    title = record["title"].get(language) or record["title"][SOURCE_LANGUAGE]
    description = record["description"].get(language) or record["description"][SOURCE_LANGUAGE]
    found = {"title": highlight.mark(title, marks), "description": highlight.snippet(description, marks)}
    return {key: value for key, value in found.items() if value}


def filters_q(filters):
    q = Q()
    if filters.category:
        q &= Q(categories__contains=f"|{filters.category}|")
    if filters.ocop_stars:
        q &= Q(ocop_stars__gte=filters.ocop_stars)
    if filters.province:
        q &= Q(province=filters.province)
    if filters.stall:
        q &= Q(stall=filters.stall)
    if filters.price_min is not None:
        q &= Q(price__gte=filters.price_min)
    if filters.price_max is not None:
        q &= Q(price__lte=filters.price_max)
    if filters.in_stock:
        q &= Q(in_stock=True)
    return q


def count_facets(rows, filters):
    """(RawFacets, count) over rows of (categories, stall, province, stars, price, in stock).

    A row passing every filter counts in every facet and in the total; a row failing exactly one filter counts in that
    filter's facet only (what choosing another value would give). Rows are sorted into those groups in one pass, then
    each group's column values are tallied at C speed (Counter) and expanded once per distinct value (a categories
    string into its slugs, stars into levels, a price into its range): thousands of matches cost milliseconds.
    """
    tests = filter_tests(filters)
    passing, near_misses = rows, {dimension: [] for dimension in FACET_COLUMNS}
    if tests:
        passing = []
        for row in rows:
            failed = [dimension for dimension, test in tests if not test(row)]
            if not failed:
                passing.append(row)
            elif len(failed) == 1:
                near_misses[failed[0]].append(row)
    tallies = {}
    for index, dimension in enumerate(FACET_COLUMNS):
        column = operator.itemgetter(index)
        tallies[dimension] = Counter(map(column, passing))
        tallies[dimension].update(map(column, near_misses[dimension]))
    facets = RawFacets()
    for categories, number in tallies["category"].items():
        for slug in categories.strip("|").split("|"):
            if slug:
                facets.category[slug] = facets.category.get(slug, 0) + number
    for stars, number in tallies["ocop_stars"].items():
        for level in STAR_LEVELS:
            if stars >= level:
                facets.ocop_stars[level] = facets.ocop_stars.get(level, 0) + number
    facets.province = dict(tallies["province"])
    facets.stall = dict(tallies["stall"])
    for price, number in tallies["price"].items():
        for price_range in PRICE_RANGES:
            if price is not None and price_passes(price, price_range.low, price_range.high):
                facets.price[price_range.key] = facets.price.get(price_range.key, 0) + number
    facets.in_stock = tallies["in_stock"].get(True, 0)
    return facets, len(passing)


def filter_tests(filters):
    """(dimension, test of a row) for each filter that is set."""
    tests = []
    if filters.category:
        wanted = f"|{filters.category}|"
        tests.append(("category", lambda row: wanted in row[0]))
    if filters.ocop_stars:
        tests.append(("ocop_stars", lambda row: row[3] >= filters.ocop_stars))
    if filters.province:
        tests.append(("province", lambda row: row[2] == filters.province))
    if filters.stall:
        tests.append(("stall", lambda row: row[1] == filters.stall))
    if filters.price_min is not None or filters.price_max is not None:
        tests.append(("price", lambda row: price_passes(row[4], filters.price_min, filters.price_max)))
    if filters.in_stock:
        tests.append(("in_stock", lambda row: row[5]))
    return tests


def price_passes(price, low, high):
    if low is None and high is None:
        return True
    if price is None:
        return False
    return (low is None or price >= low) and (high is None or price <= high)


def ordering(sort):
    if sort == PRICE_ASC:
        return [F("price").asc(nulls_last=True), "-pk"]
    if sort == PRICE_DESC:
        return [F("price").desc(nulls_last=True), "-pk"]
    if sort == NEWEST:
        return ["-created", "-pk"]
    if sort == STARS:
        return ["-ocop_stars", "-score", "-created", "-pk"]
    return ["-score", "-ocop_stars", "-created", "-pk"]


def chunked(iterable, size):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
