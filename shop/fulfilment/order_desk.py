"""A stall's order desk under /<lang>/my-stall/orders/: its own parts of buyers' orders, filtered, with each part's
items, the buyer's address and the cash to collect, ready for packing slips, address labels and spreadsheets.

Everything here starts from ``stall_orders(storefront)``: another stall's part, or another stall's lines of a shared
order, never enters a page, a print-out or a file. Lists fetch their rows in a fixed number of queries.
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.fulfilment.models import StallOrder

Line = get_model("order", "Line")

CASH_ON_DELIVERY = "cod"


def stall_orders(storefront):
    """The stall's own parts, with what a row of the desk shows fetched alongside (its lines only)."""
    return (
        StallOrder.objects.filter(storefront=storefront)
        .select_related(
            "order__shipping_address__country", "order__buyer_contact", "order__marketplace_payment", "storefront"
        )
        .prefetch_related(
            Prefetch(
                "order__lines",
                queryset=Line.objects.filter(partner_id=storefront.partner_id).order_by("pk"),
                to_attr="stall_lines",
            )
        )
    )


def filtered(queryset, filters):
    """Narrow the desk to a status, cash on delivery only, and the days the orders were placed (both included)."""
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("payment") == CASH_ON_DELIVERY:
        queryset = queryset.filter(order__marketplace_payment__method=CASH_ON_DELIVERY)
    if filters.get("placed_from"):
        queryset = queryset.filter(order__date_placed__date__gte=filters["placed_from"])
    if filters.get("placed_to"):
        queryset = queryset.filter(order__date_placed__date__lte=filters["placed_to"])
    return queryset.order_by("-order__date_placed", "-pk")


@dataclass(frozen=True)
class Parcel:
    """One stall order as the desk, a packing slip and a label show it."""

    stall_order: StallOrder
    lines: list
    address: object
    contact: object
    cash_to_collect: int | None

    @property
    def order(self):
        return self.stall_order.order

    @property
    def recipient(self):
        return self.address.last_name if self.address else ""

    @property
    def address_text(self):
        """The delivery address on one line, as a carrier reads it."""
        if self.address is None:
            return ""
        parts = [self.address.line1, self.address.line2, self.address.line4, self.address.state, self.address.postcode]
        country = self.address.country.printable_name if self.address.country_id else ""
        # The province is both the town line and the state of a Vietnamese address: name it once.
        return ", ".join(dict.fromkeys(part for part in [*parts, country] if part))


def related_or_none(instance, name):
    """A reverse one-to-one that may be missing (an order without a recorded payment or buyer contact)."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def parcel(stall_order):
    """The row for one stall order fetched through ``stall_orders`` (or any stall order, one query more)."""
    order = stall_order.order
    lines = getattr(order, "stall_lines", None)
    if lines is None:
        lines = list(stall_order.lines().order_by("pk"))
    payment = related_or_none(order, "marketplace_payment")
    cash_on_delivery = payment is not None and payment.method == CASH_ON_DELIVERY
    collect = stall_order.total if cash_on_delivery and stall_order.status != StallOrder.Status.CANCELLED else None
    return Parcel(stall_order, lines, order.shipping_address, related_or_none(order, "buyer_contact"), collect)


# --- The spreadsheet ------------------------------------------------------------------------------------------------

EXPORT_HEADER = [
    _("Mã đơn"),
    _("Ngày đặt"),
    _("Trạng thái"),
    _("Cách nhận hàng"),
    _("Mã vận đơn"),
    _("Người nhận"),
    _("Số điện thoại"),
    _("Địa chỉ"),
    _("Ghi chú của người mua"),
    _("Sản phẩm"),
    _("Mã hàng (SKU)"),
    _("Số lượng"),
    _("Thành tiền (đ)"),
    _("Tiền hàng của đơn (đ)"),
    _("Phí giao hàng (đ)"),
    _("Thu khi giao (đ)"),
]


def export_header():
    return [str(title) for title in EXPORT_HEADER]


def export_rows(parcels):
    """One row per line the stall sells; the order's own figures repeat on each of its rows."""
    for each in parcels:
        stall_order = each.stall_order
        common = [
            each.order.number,
            each.order.date_placed.strftime("%Y-%m-%d %H:%M"),
            str(stall_order.get_status_display()),
            str(stall_order.get_shipping_display()),
            stall_order.tracking_number,
            each.recipient,
            each.contact.phone if each.contact else "",
            each.address_text,
            each.contact.note if each.contact else "",
        ]
        totals = [stall_order.items_total, stall_order.shipping_charge, each.cash_to_collect or 0]
        for line in each.lines or [None]:
            if line is None:
                yield [*common, "", "", 0, 0, *totals]
            else:
                yield [*common, line.title, line.partner_sku, line.quantity, int(line.line_price_incl_tax), *totals]
