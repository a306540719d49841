"""What the search index knows about a product: one plain dict per browsable product (a "record"), built from the
database in a fixed number of queries per batch. Both backends index the same records, and search results carry the
record's display part, so a results page or the JSON API needs no further query per product.
"""

from django.conf import settings
from oscar.core.loading import get_model

from catalog.managers import public_variants_prefetch
from catalog.search.text import strip_html
from ocop.queries import with_valid_certificates
from shop.partner.strategy import offer_for
from shop.uploads import thumbnails

LANGUAGES = [code for code, _name in settings.LANGUAGES]  # vi first: the source language every other falls back to
SOURCE_LANGUAGE = LANGUAGES[0]
THUMBNAIL_WIDTH = 320


def field_suffix(language):
    return language.replace("-", "_")


def translations(instance, field):
    """{"vi": ..., "en": ..., "zh-hans": ...} of a translated field, empty translations falling back to Vietnamese."""
    source = getattr(instance, f"{field}_{field_suffix(SOURCE_LANGUAGE)}", None) or getattr(instance, field, "") or ""
    values = {}
    for language in LANGUAGES:
        values[language] = getattr(instance, f"{field}_{field_suffix(language)}", None) or source
    return values


def records_queryset(product_ids=None):
    """Browsable products (public, of an approved stall, not variants) with everything a record needs prefetched."""
    Product = get_model("catalogue", "Product")
    products = Product.objects.browsable()
    if product_ids is not None:
        products = products.filter(pk__in=product_ids)
    products = products.select_related("storefront__cooperative__province", "product_class").prefetch_related(
        "stockrecords", "images", "categories", public_variants_prefetch()
    )
    return with_valid_certificates(products).order_by("pk")


class RecordBuilder:
    """Turns prefetched products into records; loads the category tree once to name every category's ancestors."""

    def __init__(self):
        Category = get_model("catalogue", "Category")
        self.categories_by_path = {category.path: category for category in Category.objects.all()}
        self.step = Category.steplen

    def build(self, product):
        storefront = product.storefront
        cooperative = storefront.cooperative
        province = cooperative.province
        price, in_stock = self.offer(product)
        certificate = product.ocop_certificate()
        categories = self.category_lines(product)
        image = min(product.images.all(), key=lambda picture: (picture.display_order, picture.pk), default=None)
        return {
            "id": product.pk,
            "slug": product.slug,
            "title": translations(product, "title"),
            "description": {
                language: strip_html(text) for language, text in translations(product, "description").items()
            },
            "categories": sorted({category.slug for category in categories}),
            "category_names": {
                language: [translations(category, "name")[language] for category in categories]
                for language in LANGUAGES
            },
            "stall": storefront.slug,
            "stall_name": translations(storefront, "name"),
            "cooperative": cooperative.name,
            "province": province.slug,
            "province_name": translations(province, "name"),
            "ocop_stars": certificate.stars if certificate else 0,
            "price": price,
            "currency": "VND",
            "in_stock": in_stock,
            "rating": product.rating,
            "created": product.date_created.isoformat(),
            "thumbnail": thumbnails.thumbnail_url(image.original.name, THUMBNAIL_WIDTH) if image else "",
        }

    def category_lines(self, product):
        """The product's categories and all their ancestors, each once, root first."""
        found = {}
        for category in product.categories.all():
            for depth in range(1, len(category.path) // self.step + 1):
                ancestor = self.categories_by_path.get(category.path[: depth * self.step])
                if ancestor is not None:
                    found[ancestor.path] = ancestor
        return [found[path] for path in sorted(found)]

    @staticmethod
    def offer(product):
        """Lowest price (VND, whole đồng) and whether any of it can be bought now, as the shop's policy says."""
        offer = offer_for(product)
        return (int(offer.low_price) if offer.has_price else None), offer.in_stock


def build_records(product_ids=None, batch_size=500):
    """Records of the browsable products among ``product_ids`` (all when None), in batches of ``batch_size``."""
    builder = RecordBuilder()
    queryset = records_queryset(product_ids)
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        for product in batch:
            yield builder.build(product)
        last_pk = batch[-1].pk


def count_records():
    return get_model("catalogue", "Product").objects.browsable().count()


def seller_text(record, language):
    """Who sells the product, in ``language``: the cooperative, its stall and its province."""
    return " ".join([record["cooperative"], record["stall_name"][language], record["province_name"][language]])
