"""Price and availability policy: Oscar's default, except that a product of a stall that is not approved (still
in review, rejected or suspended) cannot be bought — on its page, when added to a basket, and at checkout."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy


class StallClosed(availability.Unavailable):
    code = "stall-closed"
    message = _("Gian hàng đang tạm ngừng bán")

    def is_purchase_permitted(self, quantity):
        return False, _("Gian hàng của sản phẩm này đang tạm ngừng bán, nên chưa thể đặt mua.")


def seller_is_open(product):
    stall = product.parent.storefront if product.is_child else product.storefront
    return stall is not None and stall.is_public


class OpenStallsOnly:
    def availability_policy(self, product, stockrecord):
        if not seller_is_open(product):
            return StallClosed()
        return super().availability_policy(product, stockrecord)

    def parent_availability_policy(self, product, children_stock):
        if not seller_is_open(product):
            return StallClosed()
        return super().parent_availability_policy(product, children_stock)


class Default(OpenStallsOnly, strategy.Default):
    """First stock record, no tax (prices in VND include VAT), and only open stalls sell."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
