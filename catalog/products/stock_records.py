"""A product's stock record: the one place that builds it, for the member's form and the spreadsheet import alike.

A stall is one-to-one with an Oscar partner; each product it sells (a standalone product or a variant, never a
parent) has one stock record of that partner, with its own SKU (``HTX-0000123``), a price in whole đồng (VND, none
while a draft is unpriced) and its stock.
"""

from decimal import Decimal

from django.db import transaction
from oscar.core.loading import get_model

from shop.locking import lock_one
from storefronts.models import Storefront
from storefronts.workflow import open_partner

StockRecord = get_model("partner", "StockRecord")

CURRENCY = "VND"
MAX_PRICE = 999_999_999  # đồng
MAX_STOCK = 10_000_000


def partner_of(storefront):
    """The Oscar partner a stall's stock records belong to. A stall in review gets it with its first draft product
    (approval then finds it open); the workflow opens it in one place for both."""
    if storefront.partner_id is None:
        with transaction.atomic():
            locked = lock_one(Storefront, storefront.pk)
            if locked.partner_id is None:
                open_partner(locked)
                locked.save(update_fields=["partner"])
        storefront.partner = locked.partner
    return storefront.partner


def sku_for(product):
    return f"HTX-{product.pk:07d}"


def stock_record(product):
    return product.stockrecords.first()


def build_stock_record(product, partner, price, stock, record=None):
    """``product``'s stock record at ``partner`` with ``price`` (đồng, or None) and ``stock`` (None counts as 0),
    not saved: ``record`` (the product's existing one) updated, or else a new one with the product's SKU in VND.

    It is not saved so that an import can insert many at once; ``save_stock_record`` creates or updates one.
    """
    if record is None:
        record = StockRecord(product=product, partner=partner, partner_sku=sku_for(product), price_currency=CURRENCY)
    record.price = Decimal(price) if price is not None else None
    record.num_in_stock = stock or 0
    return record


def save_stock_record(product, partner, price, stock):
    """Create or update ``product``'s stock record at ``partner`` with this price and stock; returns it."""
    existing = product.stockrecords.filter(partner=partner).first()
    record = build_stock_record(product, partner, price, stock, record=existing)
    record.save()
    return record
