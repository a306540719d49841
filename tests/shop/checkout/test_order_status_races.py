"""The whole order's status decided at the same instant by two parties, each in its own thread and database
connection on PostgreSQL's row locks: the order's row lock makes them take turns, and the second sees the first."""

import pytest
from oscar.core.loading import get_class, get_model

from shop.fulfilment import services
from shop.fulfilment.models import StallOrder
from shop.fulfilment.order_status import OrderStatus
from shop.payments import services as payments
from shop.payments.gateways import get_gateway
from shop.payments.models import Payment
from storefronts.models import Province
from tests.shop.checkout.conftest import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
Selector = get_class("partner.strategy", "Selector")


def order_of(*products, method):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product, 1)
    details = services.CheckoutDetails(
        name="Nguyễn Thị Lan",
        email="lan@example.vn",
        phone="0912345678",
        province_id=Province.objects.get(slug="hanoi").pk,
        commune="Phường Hoàn Kiếm",
        street="12 Hàng Bạc",
        method=method,
    )
    order, _created = services.place_order(basket.pk, None, details, get_gateway(method))
    return order


def changes(order):
    return list(OrderStatusChange.objects.filter(order=order).values_list("old_status", "new_status"))


def test_money_arriving_while_the_unpaid_order_is_given_up_is_kept_for_a_placed_order_or_refunded(honey, bank_account):
    # given five orders awaiting their bank transfer
    orders = [order_of(honey, method="bank_transfer") for _ in range(5)]

    for order in orders:
        # when the money is recorded at the instant reconciliation gives the order up
        payment = Payment.objects.get(order=order)
        outcomes = race(
            2,
            lambda i, order=order, payment=payment: (
                payments.record_success(payment, payment.amount, f"transfer-{order.number}")
                if i == 0
                else services.cancel_unpaid(order, reason="payment not received in time")
            ),
        )

        # then the buyer either has a placed order they paid for, or a cancelled order and their money back
        assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
        order.refresh_from_db()
        payment.refresh_from_db()
        if order.status == OrderStatus.PLACED:
            assert payment.status == Payment.Status.SUCCEEDED
            assert changes(order) == [(OrderStatus.AWAITING_PAYMENT, OrderStatus.PLACED)]
        else:
            assert order.status == OrderStatus.CANCELLED
            assert payment.status == Payment.Status.REFUNDED
            assert payment.refunds.count() == 1
            assert changes(order) == [(OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED)]


def test_two_stalls_delivering_the_last_parts_at_the_same_instant_complete_the_order_once(
    honey, tea, honey_owner, tea_owner
):
    # given a cash-on-delivery order whose two parts are on their way
    order = order_of(honey, tea, method="cod")
    parts = list(order.stall_orders.all())
    for part, owner in zip(parts, [honey_owner, tea_owner], strict=True):
        services.confirm_stall_order(part, owner)
        services.ship_stall_order(part, owner, "VN123456789")

    # when both stalls deliver and collect the cash at the same instant
    owners = {honey.storefront.pk: honey_owner, tea.storefront.pk: tea_owner}
    outcomes = race(
        2, lambda i: services.deliver_stall_order(parts[i], owners[parts[i].storefront_id], cash_collected=True)
    )

    # then
    assert all(isinstance(outcome, StallOrder) for outcome in outcomes), outcomes
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    assert changes(order) == [(OrderStatus.PLACED, OrderStatus.COMPLETED)]
    assert Payment.objects.get(order=order).status == Payment.Status.SUCCEEDED
