"""Products running low: what a stall's home lists so that the member restocks before buyers find "hết hàng".

A product on sale runs low when the units left to sell (in stock minus those bought and not yet shipped) are at most
its own threshold, or ``settings.LOW_STOCK_THRESHOLD`` when the member left it empty. A variant uses its parent's
threshold (the member sets it once, on the product's form). Drafts are left out: nobody can buy them yet.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")

LISTED = 20  # the stall home lists the lowest ones first, at most this many


def threshold_of(product):
    """The threshold that applies to ``product`` (a variant: its parent's)."""
    owner = product.parent if product.is_child else product
    if owner.low_stock_threshold is not None:
        return owner.low_stock_threshold
    return settings.LOW_STOCK_THRESHOLD


@dataclass(frozen=True)
class LowStock:
    """One product (or variant) on sale with few units left."""

    product: object
    units_left: int
    threshold: int

    @property
    def main_product(self):
        """The product the member's list and form show (a variant's parent)."""
        return self.product.parent if self.product.is_child else self.product


def low_stock_products(storefront, limit=LISTED):
    """The stall's products on sale running low, fewest units left first, in one query."""
    if storefront is None or storefront.partner_id is None:
        return []
    records = (
        StockRecord.objects.filter(partner_id=storefront.partner_id, product__is_public=True)
        .select_related("product__parent")
        .annotate(
            units_left=Coalesce(F("num_in_stock"), Value(0)) - Coalesce(F("num_allocated"), Value(0)),
            threshold=Coalesce(
                F("product__low_stock_threshold"),
                F("product__parent__low_stock_threshold"),
                Value(settings.LOW_STOCK_THRESHOLD),
            ),
        )
        .filter(units_left__lte=F("threshold"))
        .order_by("units_left", "product_id")[:limit]
    )
    return [LowStock(record.product, record.units_left, record.threshold) for record in records]
