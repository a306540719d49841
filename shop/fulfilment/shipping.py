"""Shipping per stall: a basket split into one parcel per stall, each priced by that stall's policy.

The buyer chooses delivery or pickup for every stall; the order's shipping charge is the sum of the parcels'. Oscar
sees the sum as one shipping method (``StallShipping``), so its order totals and templates keep working.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from shop.fulfilment.models import ShippingPolicy, StallOrder


@dataclass
class Parcel:
    """One stall's lines in a basket and what shipping them costs."""

    storefront: object
    lines: list
    items_total: int
    policy: ShippingPolicy
    shipping: str = StallOrder.Shipping.DELIVERY
    delivery_rate: int | None = None
    errors: list = field(default_factory=list)

    @property
    def options(self):
        """The ways this parcel can reach the buyer, as (value, label) pairs."""
        choices = []
        if self.delivery_rate is not None:
            choices.append((StallOrder.Shipping.DELIVERY, StallOrder.Shipping.DELIVERY.label))
        if self.policy.allows_pickup:
            choices.append((StallOrder.Shipping.PICKUP, StallOrder.Shipping.PICKUP.label))
        return choices

    @property
    def is_free(self):
        return self.policy.free_over is not None and self.items_total >= self.policy.free_over

    @property
    def charge(self):
        if self.shipping == StallOrder.Shipping.PICKUP or self.is_free:
            return 0
        return self.delivery_rate or 0

    @property
    def total(self):
        return self.items_total + self.charge


def policy_for(storefront):
    """The stall's policy, or the default one (not saved) for a stall that never set its own."""
    try:
        return storefront.shipping_policy
    except ShippingPolicy.DoesNotExist:
        return ShippingPolicy(storefront=storefront)


def lines_of(basket):
    """The basket's (cached) lines, each with its product's stall, shipping policy, province and stock records
    (shop.basket.models.Basket.all_lines): a fixed number of queries, however many lines."""
    return list(basket.all_lines())


def split_basket(basket):
    """The basket's lines grouped by stall, in the order the stalls first appear, as Parcels without a destination."""
    groups = {}
    for line in lines_of(basket):
        product = line.product.parent if line.product.is_child else line.product
        storefront = product.storefront
        groups.setdefault(storefront.pk, (storefront, []))[1].append(line)
    parcels = []
    for storefront, lines in groups.values():
        items_total = sum(int(line.line_price_incl_tax) for line in lines)
        parcels.append(
            Parcel(storefront=storefront, lines=lines, items_total=items_total, policy=policy_for(storefront))
        )
    return parcels


def quote(basket, province=None, abroad=False, choices=None):
    """Parcels priced for a destination, with the buyer's choice per stall (``choices``: {storefront pk: value}).

    A parcel whose chosen option is not offered gets an error instead of a silent substitute.
    """
    choices = choices or {}
    parcels = split_basket(basket)
    for parcel in parcels:
        parcel.delivery_rate = parcel.policy.delivery_rate(province, abroad)
        offered = [value for value, _label in parcel.options]
        wanted = choices.get(parcel.storefront.pk) or (offered[0] if offered else StallOrder.Shipping.DELIVERY)
        parcel.shipping = wanted
        if not offered or (wanted == StallOrder.Shipping.DELIVERY and parcel.delivery_rate is None):
            parcel.errors.append(_("Gian hàng này không giao hàng tới địa chỉ của bạn."))
        elif wanted not in offered:
            parcel.errors.append(_("Cách nhận hàng này không có ở gian hàng này."))
    return parcels


class StallShipping(Base):
    """The order's shipping as Oscar sees it: the sum of every stall's parcel."""

    code = "stall-shipping"
    name = _("Giao hàng theo từng gian hàng")
    is_tax_known = True

    def __init__(self, parcels):
        self.parcels = parcels

    def calculate(self, basket):
        charge = Decimal(sum(parcel.charge for parcel in self.parcels))
        return prices.Price(currency=basket.currency, excl_tax=charge, incl_tax=charge)
