"""What a search answers, whichever backend ran it: the page of hits (each a product record plus its highlighted
matches), the total, and the facets with their counts, labelled in the shopper's language."""

from dataclasses import dataclass, field
from math import ceil

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from catalog.search.facet_labels import category_labels, province_labels, stall_labels
from catalog.search.queries import PRICE_RANGES, STAR_LEVELS, SearchQuery
from catalog.search.records import SOURCE_LANGUAGE


@dataclass
class Hit:
    record: dict
    highlight: dict = field(default_factory=dict)  # "title", "description": safe HTML with <mark>…</mark>

    @property
    def id(self):
        return self.record["id"]


@dataclass
class RawFacets:
    """Counts straight from a backend: each facet counted under every filter but its own, so a shopper sees what
    choosing another value would give."""

    category: dict = field(default_factory=dict)  # slug → count
    ocop_stars: dict = field(default_factory=dict)  # 3/4/5 → count of products with at least that many stars
    province: dict = field(default_factory=dict)
    stall: dict = field(default_factory=dict)
    price: dict = field(default_factory=dict)  # PriceRange.key → count
    in_stock: int = 0


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    depth: int = 1
    low: int | None = None
    high: int | None = None
    url: str = ""  # set by the page: the link that selects (or clears) this value


@dataclass
class SearchResults:
    query: SearchQuery
    count: int
    hits: list
    raw_facets: RawFacets
    partial: bool = False  # no product had every word: these have some of them

    @property
    def num_pages(self):
        return max(1, ceil(self.count / self.query.per_page))

    @property
    def has_next(self):
        return self.query.page < self.num_pages

    @property
    def has_previous(self):
        return self.query.page > 1

    def items(self):
        return [present(hit, self.query.language) for hit in self.hits]

    def facets(self):
        return label_facets(self.raw_facets, self.query)


def in_language(values, language):
    return (values or {}).get(language) or (values or {}).get(SOURCE_LANGUAGE) or ""


def present(hit, language):
    """One result as the page and the API show it, in ``language``."""
    record = hit.record
    with translation.override(language):
        url = reverse("catalogue:detail", kwargs={"product_slug": record["slug"], "pk": record["id"]})
        stall_url = reverse("storefronts:detail", kwargs={"slug": record["stall"]})
    return {
        "id": record["id"],
        "title": in_language(record["title"], language),
        "url": url,
        "price": record["price"],
        "currency": record["currency"],
        "in_stock": record["in_stock"],
        "ocop_stars": record["ocop_stars"],
        "rating": record["rating"],
        "stall": {"slug": record["stall"], "name": in_language(record["stall_name"], language), "url": stall_url},
        "province": {"slug": record["province"], "name": in_language(record["province_name"], language)},
        "thumbnail": record["thumbnail"],
        "highlight": dict(hit.highlight),
    }


def label_facets(raw, query):
    """Facet values with their labels in the query's language, in a stable order; a selected value stays listed even
    when nothing matches it, so the shopper can see and undo it."""
    filters = query.filters
    with translation.override(query.language):
        categories = [
            FacetValue(slug, label, raw.category.get(slug, 0), slug == filters.category, depth)
            for slug, label, depth in category_labels(set(raw.category) | {filters.category} - {""})
            if raw.category.get(slug) or slug == filters.category
        ]
        provinces = sorted(
            (
                FacetValue(slug, label, raw.province.get(slug, 0), slug == filters.province)
                for slug, label in province_labels(set(raw.province) | {filters.province} - {""})
            ),
            key=lambda value: (-value.count, value.label),
        )
        stalls = sorted(
            (
                FacetValue(slug, label, raw.stall.get(slug, 0), slug == filters.stall)
                for slug, label in stall_labels(set(raw.stall) | {filters.stall} - {""})
            ),
            key=lambda value: (-value.count, value.label),
        )
        stars = [
            FacetValue(str(level), star_label(level), raw.ocop_stars.get(level, 0), filters.ocop_stars == level)
            for level in STAR_LEVELS
        ]
        prices = [
            FacetValue(
                price_range.key,
                price_label(price_range),
                raw.price.get(price_range.key, 0),
                (filters.price_min, filters.price_max) == (price_range.low, price_range.high),
                low=price_range.low,
                high=price_range.high,
            )
            for price_range in PRICE_RANGES
        ]
        in_stock = FacetValue("1", _("Chỉ hàng còn bán"), raw.in_stock, filters.in_stock)
    return {
        "category": categories,
        "ocop_stars": stars,
        "province": provinces,
        "stall": stalls,
        "price": prices,
        "in_stock": in_stock,
    }


def star_label(level):
    return _("5 sao OCOP") if level == 5 else _("Từ %(stars)s sao OCOP") % {"stars": level}


def vnd(amount):
    """150000 → "150.000 ₫", the way Vietnamese write prices."""
    return f"{amount:,}".replace(",", ".") + " ₫"


def price_label(price_range):
    if price_range.low is None:
        return _("Dưới %(price)s") % {"price": vnd(price_range.high + 1)}
    if price_range.high is None:
        return _("Từ %(price)s") % {"price": vnd(price_range.low)}
    return f"{vnd(price_range.low)} – {vnd(price_range.high + 1)}"
