"""Price, stock and picture of a product, read only from what was loaded with it (ProductQuerySet.for_cards or the
product page's queryset), so a list of 50 cards costs no more queries than a list of 10.

Oscar's pricing strategy would ask the database again for each variant of a parent product; these helpers follow the
same rules (a price from the stock records, in stock while the net stock level is above zero, or always when the
product class does not track stock) without a query.
"""

from dataclasses import dataclass
from decimal import Decimal

from django import template

register = template.Library()


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


def offer_for(product):
    """The Offer of a product from its prefetched stock records, or for a parent product from its public variants'."""
    sellers = product.get_public_children() if product.is_parent else [product]
    product_class = product.get_product_class()
    tracks_stock = product_class is None or product_class.track_stock
    records = [record for seller in sellers for record in seller.stockrecords.all() if record.price is not None]
    prices = [record.price for record in records]
    return Offer(
        low_price=min(prices, default=None),
        high_price=max(prices, default=None),
        in_stock=any(not tracks_stock or record.net_stock_level > 0 for record in records),
    )


def ordered_images(product):
    """The product's prefetched pictures, first by display order (ties: the older picture first)."""
    return sorted(product.images.all(), key=lambda image: (image.display_order, image.pk))


@register.simple_tag
def card_offer(product):
    return offer_for(product)


@register.simple_tag
def card_image(product):
    """The product's first picture, or None."""
    images = ordered_images(product)
    return images[0] if images else None


@register.filter
def thumbnail_url(image, width):
    """The URL of one of the picture's square WebP thumbnails (160, 320 or 640 pixels wide)."""
    return image.thumbnail_url(int(width))
