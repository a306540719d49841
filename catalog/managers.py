"""Which products a shopper may see: public ones sold by a stall that is approved (and so not suspended); and what a
list of products needs loaded up front so that each card costs no query of its own."""

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Coalesce
from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet
from oscar.core.loading import get_model

APPROVED = "approved"  # storefronts.models.Storefront.Status.APPROVED, without importing a model at load time


class ProductQuerySet(OscarProductQuerySet):
    def public(self):
        """Public products of approved stalls; a variant counts as its parent's stall's (its own may be unset)."""
        return super().public().filter(Q(storefront__status=APPROVED) | Q(parent__storefront__status=APPROVED))

    def browsable(self):
        return super().browsable().filter(storefront__status=APPROVED)

    def in_category(self, category):
        """Products filed under ``category`` or one of its subcategories, each once (no DISTINCT needed).

        The subcategories are looked up first (one small query) and passed as ids: given ``category_id IN (...)``,
        PostgreSQL knows from its statistics how many products a small category holds and fetches them through the
        category index. Joined on the path prefix instead, it guessed twenty times too many and walked the whole
        catalogue newest first to fill a page (72 ms instead of 4 ms for a category of 189 products at 100,000)."""
        ProductCategory = get_model("catalogue", "ProductCategory")
        subtree = list(category.get_descendants_and_self().values_list("pk", flat=True))
        filed = ProductCategory.objects.filter(product=OuterRef("pk"), category_id__in=subtree)
        return self.filter(Exists(filed))

    def with_lowest_price(self):
        """``lowest_price``: the cheapest price of the product, or of its public variants for a parent product.

        Sorting a category by price computes it for every product of the category: the variants are looked up for
        parent products only (half the work for a list of mostly standalone products)."""
        StockRecord = get_model("partner", "StockRecord")
        priced = StockRecord.objects.filter(price__isnull=False)
        own = priced.filter(product=OuterRef("pk"))
        variants = priced.filter(product__parent=OuterRef("pk"), product__is_public=True)
        lowest = Case(When(structure="parent", then=Coalesce(cheapest(own), cheapest(variants))), default=cheapest(own))
        return self.annotate(lowest_price=lowest)

    def for_cards(self, with_certificates=True):
        """What a product card needs (stall, province, price, stock, first image) in a fixed number of queries:
        the products, their stock records, their pictures, and for parent products their public variants with
        the variants' stock records (see catalog/templatetags/product_cards.py, which reads only these)."""
        from ocop.queries import with_valid_certificates  # ocop's models depend on the catalogue's

        cards = self.select_related("storefront__cooperative__province", "product_class").prefetch_related(
            "stockrecords", "images", public_variants_prefetch()
        )
        # The OCOP stars: one query for the whole page (or none here, when the caller fetches them with others).
        return with_valid_certificates(cards) if with_certificates else cards


def public_variants_prefetch(with_attributes=False):
    """A parent product's public variants, with their stock records, where Oscar's get_public_children() looks.
    ``with_attributes`` also loads each variant's attribute values (Oscar's add-to-basket form describes each
    variant by them); the parent's own go through attribute_values_prefetch()."""
    Product = get_model("catalogue", "Product")
    variants = Product.objects.filter(is_public=True).order_by("pk").prefetch_related("stockrecords")
    if with_attributes:
        variants = variants.prefetch_related(attribute_values_prefetch("_prefetched_attribute_values"))
    return Prefetch("children", queryset=variants, to_attr="_prefetched_public_children")


def attribute_values_prefetch(to_attr):
    """Attribute values where Oscar's Product.get_attribute_values() looks for them: ``_prefetched_attribute_values``
    on any product, and ``_prefetched_parent_attribute_values`` on a parent, for its variants."""
    ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
    values = ProductAttributeValue.objects.select_related("attribute", "value_option")
    return Prefetch("attribute_values", queryset=values, to_attr=to_attr)


def cheapest(stockrecords):
    return Subquery(stockrecords.order_by("price").values("price")[:1])
