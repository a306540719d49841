"""What a shopper asks search for, read from a query string: the text, the filters, the sort and the page.

The same parameters drive the HTML page and the JSON API:
``q``, ``category`` (a category slug; its subcategories are included), ``ocop_stars`` (3, 4 or 5: at least that many
stars), ``province`` and ``stall`` (slugs), ``price_min`` and ``price_max`` (VND, both included), ``in_stock`` (1),
``sort`` (one of SORTS) and ``page``. The API answers a malformed value with 400 and the message; the HTML page drops
it and says why. A well-formed value nobody uses (an unknown province) simply finds nothing.
"""

from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalog.search.text import MAX_QUERY_LENGTH

PER_PAGE = 24
# Elasticsearch answers at most 10,000 results deep; no shopper pages that far.
MAX_PAGE = 10_000 // PER_PAGE
SUGGESTION_LIMIT = 10
STAR_LEVELS = (3, 4, 5)

RELEVANCE, PRICE_ASC, PRICE_DESC, NEWEST, STARS = "relevance", "price_asc", "price_desc", "newest", "stars"
SORTS = {
    RELEVANCE: _("Phù hợp nhất"),
    PRICE_ASC: _("Giá tăng dần"),
    PRICE_DESC: _("Giá giảm dần"),
    NEWEST: _("Mới nhất"),
    STARS: _("Nhiều sao OCOP nhất"),
}


@dataclass(frozen=True)
class PriceRange:
    low: int | None  # VND, included
    high: int | None  # VND, included

    @property
    def key(self):
        return f"{self.low or ''}-{self.high or ''}"


# The price facet's buckets, cheapest first; each bucket's bounds are what its link sends as price_min/price_max.
PRICE_RANGES = (
    PriceRange(None, 99_999),
    PriceRange(100_000, 299_999),
    PriceRange(300_000, 499_999),
    PriceRange(500_000, 999_999),
    PriceRange(1_000_000, None),
)


@dataclass(frozen=True)
class Filters:
    category: str = ""
    ocop_stars: int | None = None
    province: str = ""
    stall: str = ""
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool = False

    def without(self, dimension):
        """These filters minus one dimension ("price" clears both bounds): a facet counts as if it were not set."""
        if dimension == "price":
            return replace(self, price_min=None, price_max=None)
        return replace(self, **{dimension: Filters.__dataclass_fields__[dimension].default})

    @property
    def any(self):
        return self != Filters()


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    language: str = settings.LANGUAGE_CODE
    filters: Filters = field(default_factory=Filters)
    sort: str = RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


class InvalidSearch(Exception):
    """One or more parameters are malformed; ``errors`` maps each parameter to its message."""

    def __init__(self, errors):
        super().__init__("; ".join(str(message) for message in errors.values()))
        self.errors = errors


def parse_search(params, language):
    """A SearchQuery from request parameters, or InvalidSearch naming every malformed one."""
    query, errors = read_search(params, language)
    if errors:
        raise InvalidSearch(errors)
    return query


def parse_search_leniently(params, language):
    """(SearchQuery, errors): the query without its malformed parameters, and what was wrong with them."""
    return read_search(params, language)


def read_search(params, language):
    errors = {}

    def number(name, low=None, high=None, message=None, money=False):
        raw = (params.get(name) or "").strip()
        if money:  # "150.000" and "150 000" are how Vietnamese write 150000 đồng
            raw = raw.replace(".", "").replace(",", "").replace(" ", "")
        if not raw:
            return None
        try:
            value = int(raw)
        except ValueError:
            errors[name] = message
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            errors[name] = message
            return None
        return value

    text = " ".join((params.get("q") or "").split())[:MAX_QUERY_LENGTH]
    stars_message = _("Số sao OCOP phải là 3, 4 hoặc 5.")
    stars = number("ocop_stars", 3, 5, stars_message)
    price_min = number("price_min", 0, 10**12, _("Giá thấp nhất phải là một số tiền (đồng) không âm."), money=True)
    price_max = number("price_max", 0, 10**12, _("Giá cao nhất phải là một số tiền (đồng) không âm."), money=True)
    if price_min is not None and price_max is not None and price_min > price_max:
        errors["price_max"] = _("Giá cao nhất phải lớn hơn hoặc bằng giá thấp nhất.")
        price_max = None
    in_stock_raw = (params.get("in_stock") or "").strip().lower()
    if in_stock_raw not in ("", "0", "1", "true", "false", "on"):
        errors["in_stock"] = _("Chỉ hàng còn bán: dùng 1 (có) hoặc 0 (không).")
    sort = (params.get("sort") or RELEVANCE).strip()
    if sort not in SORTS:
        errors["sort"] = _("Cách sắp xếp không hợp lệ. Dùng một trong: %(sorts)s.") % {"sorts": ", ".join(SORTS)}
        sort = RELEVANCE
    page = number("page", 1, MAX_PAGE, _("Số trang phải từ 1 đến %(max)s.") % {"max": MAX_PAGE}) or 1
    filters = Filters(
        category=slug_value(params.get("category")),
        ocop_stars=stars,
        province=slug_value(params.get("province")),
        stall=slug_value(params.get("stall")),
        price_min=price_min,
        price_max=price_max,
        in_stock=in_stock_raw in ("1", "true", "on"),
    )
    return SearchQuery(text=text, language=language, filters=filters, sort=sort, page=page), errors


def slug_value(raw):
    """A facet value as sent back by a facet link: any text is accepted (an unknown one finds nothing)."""
    return (raw or "").strip()[:100]
