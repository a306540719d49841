"""The marketplace's one price and availability policy: what a product costs and whether it can be bought now.

Everything that shows or charges a price asks this module, never the stock records directly: Oscar's basket and
checkout through the strategy below (``Selector``), the product page and the product cards through ``offer_for``,
and the search index's records through ``offer_for`` as well. The rules:

- a product is sold from its stock record with a price (a stall's product has one; were there several, the
  cheapest); a parent product is sold through its public variants, and shown "from" the cheapest of them;
- it can be had while the record's net stock (on hand minus allocated) is above zero, or always when its product
  class does not track stock;
- only a product of an open stall (approved, not suspended) can be bought: on its page, when added to a basket and
  at checkout. Lists never show the others, so their offers need not ask.

Lists load the stock records with the products (ProductQuerySet.for_cards, the search records' queryset); the
helpers here read only the relations' loaded rows when they are there, so fifty cards cost no more queries than ten.
``prefetch_offers`` loads them, in a fixed number of queries, for a list that came without them. Prices are VND,
taxes included, so no tax is added.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, prices, strategy

NO_TAX = Decimal("0.00")


@dataclass(frozen=True)
class Offer:
    """What a shopper can pay for a product: its lowest and highest price in VND, and whether it can be had now."""

    low_price: Decimal | None
    high_price: Decimal | None
    in_stock: bool

    @property
    def has_price(self):
        return self.low_price is not None

    @property
    def price_varies(self):
        return self.has_price and self.low_price != self.high_price


# --- The rules ------------------------------------------------------------------------------------------------------


def seller_is_open(product):
    """Whether the product's stall sells now (a variant is sold by its parent's stall)."""
    stall = product.parent.storefront if product.is_child else product.storefront
    return stall is not None and stall.is_public


def tracks_stock(product):
    """Whether the product (a variant: its parent) can run out; a product without a class is counted as goods."""
    product_class = product.get_product_class()
    return product_class is None or product_class.track_stock


def has_stock(record):
    """Whether some of the record's stock is neither sold nor promised to a basket at checkout."""
    return record.net_stock_level > 0


def record_sells(record, stock_tracked):
    return not stock_tracked or has_stock(record)


def sold_through(product):
    """The products whose stock records sell ``product``: its public variants for a parent, itself otherwise."""
    return list(product.get_public_children()) if product.is_parent else [product]


def priced_records(products):
    return [record for product in products for record in product.stockrecords.all() if record.price is not None]


def cheapest(records):
    """The record a buyer buys from: the cheapest with a price, or the first when none has one."""
    priced = [record for record in records if record.price is not None]
    if priced:
        return min(priced, key=lambda record: record.price)
    return records[0] if records else None


def offer_for(product):
    """The Offer of a product from its stock records or, for a parent product, from its public variants'."""
    records = priced_records(sold_through(product))
    stock_tracked = tracks_stock(product)
    prices_found = [record.price for record in records]
    return Offer(
        low_price=min(prices_found, default=None),
        high_price=max(prices_found, default=None),
        in_stock=any(record_sells(record, stock_tracked) for record in records),
    )


def prefetch_offers(products):
    """Loads, in a fixed number of queries, what ``offer_for`` reads of each product that came without it: its class,
    its stock records and, for a parent, its public variants with theirs. What was loaded already is not asked
    again."""
    from catalog.managers import public_variants_prefetch  # the catalogue's models load after the partner app's

    products = list(products)
    prefetch_related_objects(products, "product_class", "stockrecords")
    parents = [product for product in products if product.is_parent]
    missing = [parent for parent in parents if not hasattr(parent, "_prefetched_public_children")]
    prefetch_related_objects(missing, public_variants_prefetch())
    return products


# --- Oscar's strategy, for the basket and checkout ------------------------------------------------------------------


class StallClosed(availability.Unavailable):
    code = "stall-closed"
    message = _("Gian hàng đang tạm ngừng bán")

    def is_purchase_permitted(self, quantity):
        return False, _("Gian hàng của sản phẩm này đang tạm ngừng bán, nên chưa thể đặt mua.")


def fixed_price(record):
    if record is None or record.price is None:
        return prices.Unavailable()
    return prices.FixedPrice(currency=record.price_currency, excl_tax=record.price, tax=NO_TAX)


class Default(strategy.Structured):
    """The rules above as Oscar's basket asks for them: a stock record, its price (taxes included) and whether that
    many can be bought."""

    def select_stockrecord(self, product):
        return cheapest(list(product.stockrecords.all()))

    def pricing_policy(self, product, stockrecord):
        return fixed_price(stockrecord)

    def parent_pricing_policy(self, product, children_stock):
        return fixed_price(cheapest([record for _child, record in children_stock if record is not None]))

    def availability_policy(self, product, stockrecord):
        if not seller_is_open(product):
            return StallClosed()
        if stockrecord is None:
            return availability.Unavailable()
        if not tracks_stock(product):
            return availability.Available()
        return availability.StockRequired(stockrecord.net_stock_level)

    def parent_availability_policy(self, product, children_stock):
        if not seller_is_open(product):
            return StallClosed()
        stock_tracked = tracks_stock(product)
        if any(record is not None and record_sells(record, stock_tracked) for _child, record in children_stock):
            return availability.Available()
        return availability.Unavailable()


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
