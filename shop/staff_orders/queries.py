"""Every order as union staff see it, filtered, and one order whole; each page in a fixed number of queries."""

from django.db.models import Prefetch, Q
from oscar.core.loading import get_model

from shop.fulfilment.models import StallOrder, StallOrderEvent
from shop.payments.gateways import all_gateways
from shop.payments.models import Refund
from shop.staff_orders.forms import AWAITING_PAYMENT

Order = get_model("order", "Order")
Line = get_model("order", "Line")


def orders():
    return (
        Order.objects.select_related("user", "buyer_contact", "marketplace_payment", "shipping_address")
        .prefetch_related(
            Prefetch("stall_orders", queryset=StallOrder.objects.select_related("storefront").order_by("pk"))
        )
        .order_by("-date_placed", "-pk")
    )


def filtered(queryset, filters):
    if filters.get("q"):
        text = filters["q"].strip()
        queryset = queryset.filter(
            Q(number__icontains=text)
            | Q(guest_email__icontains=text)
            | Q(buyer_contact__email__icontains=text)
            | Q(user__email__icontains=text)
            | Q(user__first_name__icontains=text)
            | Q(user__last_name__icontains=text)
            | Q(shipping_address__last_name__icontains=text)
        )
    if filters.get("stall"):
        queryset = queryset.filter(stall_orders__storefront=filters["stall"])
    if filters.get("province"):
        in_province = StallOrder.objects.filter(storefront__cooperative__province=filters["province"])
        queryset = queryset.filter(pk__in=in_province.values("order_id"))
    status = filters.get("status")
    if status == AWAITING_PAYMENT:
        queryset = queryset.filter(status=AWAITING_PAYMENT)
    elif status:
        queryset = queryset.filter(pk__in=StallOrder.objects.filter(status=status).values("order_id"))
    if filters.get("placed_from"):
        queryset = queryset.filter(date_placed__date__gte=filters["placed_from"])
    if filters.get("placed_to"):
        queryset = queryset.filter(date_placed__date__lte=filters["placed_to"])
    return queryset


def order_whole(number):
    """One order with its stall orders (their events, who made them, their complaint), lines, payment, refunds."""
    events = StallOrderEvent.objects.select_related("actor").order_by("created_at", "pk")
    stall_orders = StallOrder.objects.select_related("storefront__cooperative__province", "complaint").prefetch_related(
        Prefetch("events", queryset=events)
    )
    return (
        Order.objects.select_related("user", "buyer_contact", "marketplace_payment", "shipping_address__country")
        .prefetch_related(
            Prefetch("stall_orders", queryset=stall_orders.order_by("pk")),
            Prefetch("lines", queryset=Line.objects.order_by("pk")),
        )
        .filter(number=number)
        .first()
    )


def method_names():
    """Each payment method's name by its code (a method no longer offered shows its code)."""
    return {gateway.code: gateway.name for gateway in all_gateways()}


def refunds_of(order):
    return list(Refund.objects.filter(payment__order=order).select_related("stall_order__storefront").order_by("pk"))
