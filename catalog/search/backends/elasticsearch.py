"""Search through Elasticsearch (or an OpenSearch-compatible server) at settings.ELASTICSEARCH_URL.

Searches read an alias; ``rebuild`` fills a new index and swaps the alias onto it in one step, so searches answer
throughout. Every query term must match one of the fields (the shopper's language and Vietnamese; title ^3 over
category and seller ^2 over description); a term that no product contains as typed is matched with fuzziness AUTO
(one aggregation request finds those terms first: Vietnamese syllables are so short that fuzziness on every term
would let "mat" match "mam", "may", "man"...). When no product has every term, products with some of them are shown,
as in the database backend. The terms come from catalog.search.text.query_terms, never from a
query-string parser, so quotes, *, ~ and \\ are just characters. Facets are aggregations, each filtered by every
filter but its own, while the hits are filtered by all of them (post_filter).
"""

import time
from functools import lru_cache

from elasticsearch import BadRequestError, NotFoundError, helpers
from elasticsearch_dsl import Q

from catalog.search import highlight
from catalog.search.backends.base import SearchBackend
from catalog.search.client import get_client, index_alias
from catalog.search.documents import document_from_record, index_body
from catalog.search.queries import NEWEST, PRICE_ASC, PRICE_DESC, PRICE_RANGES, STAR_LEVELS, STARS
from catalog.search.records import SOURCE_LANGUAGE, field_suffix
from catalog.search.results import Hit, RawFacets, SearchResults
from catalog.search.synonyms import synonym_groups
from catalog.search.text import fuzziness, is_cjk, query_terms, words

BOOSTS = {"title": 3, "category": 2, "seller": 2, "description": 1}
PHRASE_BOOST = 3  # the words in this order in the title
ALL_IN_TITLE_BOOST = 2  # every word in the title, in any order
WORDS_BOOST = 2  # Chinese: the query's words (SmartChinese) in the title
FACET_SIZES = {"category": 500, "province": 100, "stall": 200}
CHUNK = 500
BULK_TIMEOUT = 120  # seconds


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self):
        self.client = get_client()
        self.alias = index_alias()

    # --- Keeping the index ------------------------------------------------------------------------------------------

    def ensure_index(self):
        """The alias and an index behind it, created empty the first time."""
        if not self.client.indices.exists_alias(name=self.alias):
            if self.client.indices.exists(index=self.alias):  # a plain index of that name, from an older setup
                self.client.indices.delete(index=self.alias)
            name = self.new_index_name()
            self.client.indices.create(index=name, body=self.index_body())
            self.client.indices.put_alias(index=name, name=self.alias)

    def index_body(self):
        return index_body(smartcn=has_smartcn(self.client))

    def copy_from(self, index):
        """A new index behind the alias holding a copy of another index's documents (copied inside the engine)."""
        name = self.new_index_name()
        self.client.indices.create(index=name, body=self.index_body())
        self.client.reindex(body={"source": {"index": index}, "dest": {"index": name}}, refresh=True)
        self.client.indices.put_alias(index=name, name=self.alias)

    def bulk_client(self):
        """The client with room for a bulk request of CHUNK documents (searches keep the short timeout)."""
        return self.client.options(request_timeout=BULK_TIMEOUT)

    def new_index_name(self):
        return f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1_000_000:06d}"

    def index(self, records, refresh=True):
        self.ensure_index()
        actions = (
            {"_index": self.alias, "_id": record["id"], "_source": document_from_record(record)} for record in records
        )
        count, _errors = helpers.bulk(self.bulk_client(), actions, chunk_size=CHUNK, refresh=refresh)
        return count

    def delete(self, product_ids):
        product_ids = list(product_ids)
        if not product_ids or not self.client.indices.exists_alias(name=self.alias):
            return
        self.client.delete_by_query(
            index=self.alias, body={"query": {"ids": {"values": [str(pk) for pk in product_ids]}}}, refresh=True
        )

    def delete_stall(self, stall_slug):
        if self.client.indices.exists_alias(name=self.alias):
            self.client.delete_by_query(index=self.alias, body={"query": {"term": {"stall": stall_slug}}}, refresh=True)

    def count(self):
        if not self.client.indices.exists_alias(name=self.alias):
            return 0
        return self.client.count(index=self.alias)["count"]

    def rebuild(self, records, progress=None):
        """A new index filled in bulk (without refreshing), then the alias moved onto it and the old ones dropped."""
        name = self.new_index_name()
        body = self.index_body()
        body["settings"]["refresh_interval"] = "-1"
        self.client.indices.create(index=name, body=body)
        count = 0
        actions = ({"_index": name, "_id": record["id"], "_source": document_from_record(record)} for record in records)
        for ok, _item in helpers.streaming_bulk(self.bulk_client(), actions, chunk_size=CHUNK):
            count += ok
            if progress and count % CHUNK == 0:
                progress(count)
        if progress:
            progress(count)
        self.client.indices.put_settings(index=name, body={"index": {"refresh_interval": "1s"}})
        self.client.indices.refresh(index=name)
        old = []
        if self.client.indices.exists_alias(name=self.alias):
            old = list(self.client.indices.get_alias(name=self.alias).keys())
        elif self.client.indices.exists(index=self.alias):
            self.client.indices.delete(index=self.alias)
        swap = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        swap.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": swap})
        for index in old:
            self.client.indices.delete(index=index)
        return count

    # --- Searching --------------------------------------------------------------------------------------------------

    def search(self, query):
        terms = query_terms(query.text)
        groups = synonym_groups(terms)
        typos = self.unknown_terms([group[0] for group in groups if len(group) == 1], query.language)
        body = self.search_body(query, text_query(query.text, terms, groups, query.language, every=True, typos=typos))
        response = self.run(body)
        partial = False
        if terms and not matched_count(response):
            partial = len(groups) > 1
            body = self.search_body(
                query, text_query(query.text, terms, groups, query.language, every=False, typos=typos)
            )
            response = self.run(body)
        hits = [
            Hit(item["_source"]["record"], highlights(item.get("highlight", {}), query.language))
            for item in response["hits"]["hits"]
        ]
        return SearchResults(
            query=query,
            count=response["hits"]["total"]["value"],
            hits=hits,
            raw_facets=read_facets(response.get("aggregations", {})),
            partial=partial,
        )

    def unknown_terms(self, terms, language):
        """The terms no product contains as typed (accents aside): only these are read with typo tolerance, so that
        "mat" does not also find every "mam", "may" and "man" when products say "mật"."""
        suffixes = language_suffixes(language)
        candidates = [term for term in terms if fuzziness(term)]
        if not candidates:
            return set()
        exact = {str(index): term_clause(term, suffixes, typo=False).to_dict() for index, term in enumerate(candidates)}
        response = self.run({"size": 0, "aggs": {"terms": {"filters": {"filters": exact}}}})
        buckets = response.get("aggregations", {}).get("terms", {}).get("buckets", {})
        return {term for index, term in enumerate(candidates) if not buckets.get(str(index), {}).get("doc_count")}

    def run(self, body):
        try:
            return self.client.search(index=self.alias, body=body).body
        except NotFoundError:  # no index yet: make an empty one, which answers "nothing found"
            self.ensure_index()
            return self.client.search(index=self.alias, body=body).body

    @staticmethod
    def search_body(query, text):
        filters = filter_clauses(query.filters)
        aggregations = {}
        for dimension in ("category", "ocop_stars", "province", "stall", "price", "in_stock"):
            others = [clause for name, clause in filters.items() if name != dimension]
            aggregations[dimension] = {"filter": {"bool": {"filter": others}}, "aggs": {"values": facet(dimension)}}
        aggregations["matched"] = {"filter": {"match_all": {}}}
        language_fields = dict.fromkeys([field_suffix(query.language), field_suffix(SOURCE_LANGUAGE)])
        highlighted = {f"title_{suffix}": {"number_of_fragments": 0} for suffix in language_fields}
        highlighted.update({f"{name}.chars": {"number_of_fragments": 0} for name in list(highlighted) if "zh" in name})
        highlighted[f"description_{field_suffix(query.language)}"] = {"fragment_size": 160, "number_of_fragments": 1}
        return {
            "query": text,
            "post_filter": {"bool": {"filter": list(filters.values())}},
            "aggs": aggregations,
            "sort": sort_clauses(query.sort),
            "from": query.offset,
            "size": query.per_page,
            "track_total_hits": True,
            "_source": ["record"],
            "highlight": {"pre_tags": [highlight.START], "post_tags": [highlight.END], "fields": highlighted},
        }

    # --- Suggestions ------------------------------------------------------------------------------------------------

    def suggest(self, text, language, limit):
        """Titles (in the shopper's language or Vietnamese) with the typed words as word starts, in that order; the
        most OCOP stars first (documents.py: the ``.prefix`` edge n-grams, Chinese ``.chars``)."""
        typed = " ".join(words(text))
        if not typed:
            return []
        phrases = []
        for suffix in language_suffixes(language):
            field = f"title_{suffix}.chars" if suffix.startswith("zh") else f"title_{suffix}.prefix"
            phrases.append({"match_phrase": {field: {"query": typed}}})
        body = {
            "_source": ["record"],
            "query": {"bool": {"should": phrases, "minimum_should_match": 1}},
            "sort": [
                {"ocop_stars": {"order": "desc"}},
                "_score",
                {"created": {"order": "desc"}},
                {"id": {"order": "desc"}},
            ],
            "size": limit,
        }
        response = self.run(body)
        return [item["_source"]["record"] for item in response["hits"]["hits"]]


@lru_cache(maxsize=8)
def has_smartcn(client):
    """Whether the engine has the SmartChinese tokenizer (the analysis-smartcn plugin)."""
    try:
        client.indices.analyze(body={"tokenizer": "smartcn_tokenizer", "text": "蜂蜜"})
    except BadRequestError:
        return False
    return True


def language_suffixes(language):
    return list(dict.fromkeys([field_suffix(language), field_suffix(SOURCE_LANGUAGE)]))


def text_query(text, terms, groups, language, every, typos=frozenset()):
    """Each requirement (a term, or a synonym group of which any one will do: catalog.search.synonyms) must
    (``every``) or may match a field in the shopper's language or Vietnamese; the ``typos`` with fuzziness AUTO."""
    if not terms:
        return {"match_all": {}}
    suffixes = language_suffixes(language)
    clauses = [group_clause(group, suffixes, typos) for group in groups]
    phrase = " ".join(terms)
    boosts = []
    for suffix in suffixes:
        boosts.append(Q("match_phrase", **{f"title_{suffix}": {"query": phrase, "boost": PHRASE_BOOST}}))
        every_word = {"query": phrase, "operator": "and", "boost": ALL_IN_TITLE_BOOST}
        if typos:
            every_word["fuzziness"] = "AUTO"
        boosts.append(Q("match", **{f"title_{suffix}": every_word}))
        if suffix.startswith("zh"):  # the title has the words the segmenter finds in the query
            boosts.append(Q("match", **{f"title_{suffix}.words": {"query": text, "boost": WORDS_BOOST}}))
    if every:
        return Q("bool", must=clauses, should=boosts).to_dict()
    return Q("bool", should=clauses + boosts, minimum_should_match=1).to_dict()


def group_clause(group, suffixes, typos):
    if len(group) == 1:
        return term_clause(group[0], suffixes, typo=group[0] in typos)
    return Q("bool", should=[term_clause(alternative, suffixes, typo=False) for alternative in group])


def term_clause(term, suffixes, typo):
    if " " in term:  # a synonym of several words: those words, in that order
        fields = [f"{kind}_{suffix}^{boost}" for kind, boost in BOOSTS.items() for suffix in suffixes]
        return Q("multi_match", query=term, fields=fields, type="phrase")
    chinese = is_cjk(term)
    fields = []
    for kind, boost in BOOSTS.items():
        for suffix in suffixes:
            name = f"{kind}_{suffix}"
            if chinese and len(term) == 1 and suffix.startswith("zh"):
                name += ".chars"  # one character: the pairs index cannot find it
            fields.append(f"{name}^{boost}")
    return Q("multi_match", query=term, fields=fields, type="best_fields", fuzziness="AUTO" if typo else 0)


def filter_clauses(filters):
    clauses = {}
    if filters.category:
        clauses["category"] = {"term": {"categories": filters.category}}
    if filters.ocop_stars:
        clauses["ocop_stars"] = {"range": {"ocop_stars": {"gte": filters.ocop_stars}}}
    if filters.province:
        clauses["province"] = {"term": {"province": filters.province}}
    if filters.stall:
        clauses["stall"] = {"term": {"stall": filters.stall}}
    if filters.price_min is not None or filters.price_max is not None:
        bounds = {"gte": filters.price_min, "lte": filters.price_max}
        clauses["price"] = {"range": {"price": {key: value for key, value in bounds.items() if value is not None}}}
    if filters.in_stock:
        clauses["in_stock"] = {"term": {"in_stock": True}}
    return clauses


def facet(dimension):
    if dimension == "category":
        return {"terms": {"field": "categories", "size": FACET_SIZES["category"]}}
    if dimension in ("province", "stall"):
        return {"terms": {"field": dimension, "size": FACET_SIZES[dimension]}}
    if dimension == "ocop_stars":
        return {
            "range": {"field": "ocop_stars", "ranges": [{"key": str(level), "from": level} for level in STAR_LEVELS]}
        }
    if dimension == "price":
        ranges = []
        for price_range in PRICE_RANGES:
            bucket = {"key": price_range.key}
            if price_range.low is not None:
                bucket["from"] = price_range.low
            if price_range.high is not None:
                bucket["to"] = price_range.high + 1  # "to" excludes; our upper bounds include
            ranges.append(bucket)
        return {"range": {"field": "price", "ranges": ranges}}
    return {"filter": {"term": {"in_stock": True}}}


def read_facets(aggregations):
    def buckets(name):
        values = aggregations.get(name, {}).get("values", {})
        return values.get("buckets", [])

    raw = RawFacets()
    raw.category = {bucket["key"]: bucket["doc_count"] for bucket in buckets("category") if bucket["doc_count"]}
    raw.province = {bucket["key"]: bucket["doc_count"] for bucket in buckets("province") if bucket["doc_count"]}
    raw.stall = {bucket["key"]: bucket["doc_count"] for bucket in buckets("stall") if bucket["doc_count"]}
    raw.ocop_stars = {
        int(bucket["key"]): bucket["doc_count"] for bucket in buckets("ocop_stars") if bucket["doc_count"]
    }
    raw.price = {bucket["key"]: bucket["doc_count"] for bucket in buckets("price") if bucket["doc_count"]}
    raw.in_stock = aggregations.get("in_stock", {}).get("values", {}).get("doc_count", 0)
    return raw


def matched_count(response):
    """How many products the text matched before any filter (when the filters leave none, that empty page is the
    honest answer; only text that matches nothing at all is retried with some of its words)."""
    return response.get("aggregations", {}).get("matched", {}).get("doc_count", 0)


def sort_clauses(sort):
    tie = [{"created": {"order": "desc"}}, {"id": {"order": "desc"}}]
    if sort == PRICE_ASC:
        return [{"price": {"order": "asc", "missing": "_last"}}, {"id": {"order": "desc"}}]
    if sort == PRICE_DESC:
        return [{"price": {"order": "desc", "missing": "_last"}}, {"id": {"order": "desc"}}]
    if sort == NEWEST:
        return tie
    if sort == STARS:
        return [{"ocop_stars": {"order": "desc"}}, "_score", *tie]
    return ["_score", {"ocop_stars": {"order": "desc"}}, *tie]


def highlights(found, language):
    suffix = field_suffix(language)
    title = found.get(f"title_{suffix}") or found.get(f"title_{suffix}.chars")
    description = found.get(f"description_{suffix}")
    result = {}
    if title:
        result["title"] = highlight.from_markers(title[0])
    if description:
        result["description"] = highlight.from_markers(description[0])
    return result
