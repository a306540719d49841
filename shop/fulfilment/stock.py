"""Stock checked and allocated under row locks, so that two buyers never get the same last unit.

``lock_and_check`` runs inside the order's transaction: it locks the basket's stock rows (FOR NO KEY UPDATE) in id
order (every checkout takes the locks in the same order, so two checkouts cannot deadlock) and refuses the whole
basket when any line wants more than is free. Oscar's OrderCreator then allocates; the database constraint on StockRecord
(num_allocated <= num_in_stock) refuses anything that slipped past.
"""

from collections import defaultdict

from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.fulfilment.errors import CheckoutError, FulfilmentErrorCode
from shop.locking import lock_rows

StockRecord = get_model("partner", "StockRecord")


class OutOfStock(CheckoutError):
    """Some lines want more than is free; ``titles`` names their products for the buyer."""

    code = FulfilmentErrorCode.OUT_OF_STOCK

    def __init__(self, titles):
        self.titles = titles
        names = ", ".join(titles)
        message = (
            _("Rất tiếc, sản phẩm sau vừa hết hàng hoặc không còn đủ số lượng: %(products)s.") % {"products": names}
            if titles
            else _("Rất tiếc, một sản phẩm trong giỏ vừa hết hàng.")
        )
        super().__init__(message)


def tracks_stock(line):
    return line.product.get_product_class().track_stock


def lock_and_check(basket):
    wanted = defaultdict(int)
    titles = {}
    for line in basket.all_lines():
        if line.stockrecord_id and tracks_stock(line):
            wanted[line.stockrecord_id] += line.quantity
            titles[line.stockrecord_id] = line.product.get_title()
    # NO KEY: other checkouts wait for these rows, but a basket line or order line that merely refers to one (its
    # foreign key check takes a KEY SHARE lock at commit) does not; a plain FOR UPDATE deadlocks an add-to-basket
    # that has already updated Oscar's product counters against a checkout about to update them.
    locked = lock_rows(StockRecord.objects.filter(pk__in=wanted), no_key=True)
    short = [
        titles[record.pk]
        for record in locked
        if record.num_in_stock is not None and record.net_stock_level < wanted[record.pk]
    ]
    if short:
        raise OutOfStock(short)


def release(lines):
    """Give the allocations of these (cancelled) order lines back to stock."""
    for line in lines:
        if line.stockrecord_id and line.product and line.product.get_product_class().track_stock:
            line.stockrecord.cancel_allocation(line.quantity)


def consume(lines):
    """The lines have left the cooperative: their allocation becomes a fall in stock on hand."""
    for line in lines:
        if line.stockrecord_id and line.product and line.product.get_product_class().track_stock:
            line.stockrecord.consume_allocation(line.quantity)
