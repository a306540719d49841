"""The product document in Elasticsearch and the analysers that read it.

- Vietnamese: lowercase + ASCII folding that keeps the original token too ("mật" is indexed as "mật" and "mat"), so
  "mat ong" finds "Mật ong" and a query typed with the right accents matches both forms and ranks first.
- English: the same folding (titles carry Vietnamese place names), the possessive stemmer ("farmer's" → "farmer")
  and the English stemmer ("honeys" → "honey").
- Chinese: the CJK analyser (overlapping character pairs) for the field, which query terms are cut to
  (catalog.search.text.bigrams, shared with the database backend); single characters in a ``.chars`` sub-field, for a
  query of one character ("茶"); and words in a ``.words`` sub-field, cut by SmartChinese (``smartcn_tokenizer``, the
  analysis-smartcn plugin, which the tests' node has) or, on an engine without it, character pairs again: a query
  whose words the segmenter finds in a title ranks that title higher.
- Cross-language synonyms ("honey" ↔ "mật ong" ↔ "蜂蜜") are read from the query (catalog.search.synonyms), the same
  way on both backends.
- Titles, categories and seller names (cooperative, stall, province) are indexed per language; a query reads the
  shopper's language and Vietnamese.
- Autocomplete: each Vietnamese and English title has a ``.prefix`` sub-field holding every word's edge n-grams
  (folded, 1 to 20 letters, at the word's position), read by a phrase of the typed words as they are; so "ong ru"
  completes "Mật ong rừng U Minh" from any word start, the words in that order. Chinese titles are completed through
  their ``.chars`` sub-field, a phrase of the typed characters.
- ``record`` keeps the whole record (not indexed) so that results are shown without asking the database.
"""

from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Float,
    Integer,
    Keyword,
    Long,
    Object,
    Text,
    analyzer,
    token_filter,
)

from catalog.search.records import LANGUAGES, field_suffix, seller_text

folding = token_filter("vietnamese_folding", "asciifolding", preserve_original=True)
english_stemmer = token_filter("english_stemmer", "stemmer", language="english")
english_possessive = token_filter("english_possessive", "stemmer", language="possessive_english")
vietnamese = analyzer("vietnamese_folded", tokenizer="standard", filter=["lowercase", folding])
english = analyzer(
    "english_folded", tokenizer="standard", filter=["lowercase", english_possessive, folding, english_stemmer]
)
chinese_characters = analyzer("chinese_characters", tokenizer="standard", filter=["cjk_width", "lowercase"])
# SmartChinese words; index_body(smartcn=False) swaps in character pairs for an engine without the plugin.
chinese_words = analyzer("chinese_words", tokenizer="smartcn_tokenizer", filter=["cjk_width", "lowercase"])
CHINESE_WORDS_WITHOUT_SMARTCN = {
    "type": "custom",
    "tokenizer": "standard",
    "filter": ["cjk_width", "lowercase", "cjk_bigram"],
}
word_starts = token_filter("word_starts", "edge_ngram", min_gram=1, max_gram=20)
autocomplete = analyzer("autocomplete", tokenizer="standard", filter=["lowercase", "asciifolding", word_starts])
autocomplete_typed = analyzer("autocomplete_typed", tokenizer="standard", filter=["lowercase", "asciifolding"])


def text_in(language):
    if language == "en":
        return Text(analyzer=english)
    if language.startswith("zh"):
        return Text(
            analyzer="cjk", fields={"chars": Text(analyzer=chinese_characters), "words": Text(analyzer=chinese_words)}
        )
    return Text(analyzer=vietnamese)


def title_in(language):
    """A title: as text_in, with the word starts autocomplete reads (Chinese has its characters already)."""
    field = text_in(language)
    if not language.startswith("zh"):
        field.fields = {"prefix": Text(analyzer=autocomplete, search_analyzer=autocomplete_typed)}
    return field


class ProductDocument(Document):
    id = Integer()
    categories = Keyword()
    stall = Keyword()
    province = Keyword()
    ocop_stars = Integer()
    price = Long()
    in_stock = Boolean()
    rating = Float()
    created = Date()
    record = Object(enabled=False)

    class Index:
        settings = {"number_of_shards": 1}


for _language in LANGUAGES:
    ProductDocument._doc_type.mapping.field(f"title_{field_suffix(_language)}", title_in(_language))
    for _kind in ("description", "category", "seller"):
        ProductDocument._doc_type.mapping.field(f"{_kind}_{field_suffix(_language)}", text_in(_language))


def document_from_record(record):
    """The Elasticsearch source of one record."""
    source = {
        "id": record["id"],
        "categories": record["categories"],
        "stall": record["stall"],
        "province": record["province"],
        "ocop_stars": record["ocop_stars"],
        "price": record["price"],
        "in_stock": record["in_stock"],
        "rating": record["rating"],
        "created": record["created"],
        "record": record,
    }
    for language in LANGUAGES:
        suffix = field_suffix(language)
        source[f"title_{suffix}"] = record["title"][language]
        source[f"description_{suffix}"] = record["description"][language]
        source[f"category_{suffix}"] = record["category_names"][language]
        source[f"seller_{suffix}"] = seller_text(record, language)
    return source


def index_body(smartcn=True):
    """Settings and mappings of a new product index; ``smartcn``: the engine has the SmartChinese tokenizer."""
    body = ProductDocument._index.to_dict()
    if not smartcn:
        body["settings"]["analysis"]["analyzer"]["chinese_words"] = CHINESE_WORDS_WITHOUT_SMARTCN
    return body
