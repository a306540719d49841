"""The whole order's status moves only along the declared pipeline, through Oscar's Order.set_status: each change is
recorded (OrderStatusChange) and announced (order_status_changed), and a change the pipeline does not allow is
refused with its code."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from oscar.apps.order.signals import order_status_changed
from oscar.core.loading import get_model

from shop.fulfilment import services
from shop.fulfilment.models import StallOrder
from shop.fulfilment.order_status import OrderStatus, change_order_status
from shop.payments.models import Payment
from tests.factories import UserFactory
from tests.shop.checkout.conftest import add_to_basket, check_out

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def announced():
    """The order status changes announced through order_status_changed, as (order number, old, new)."""
    heard = []

    def receiver(sender, order, old_status, new_status, **kwargs):
        heard.append((order.number, old_status, new_status))

    order_status_changed.connect(receiver)
    yield heard
    order_status_changed.disconnect(receiver)


@pytest.fixture
def transfer_order(client, honey, tea, honey_owner, tea_owner, bank_account, django_capture_on_commit_callbacks):
    """A signed-in buyer ordered honey and tea and chose bank transfer: the order awaits its money."""
    client.force_login(UserFactory())
    add_to_basket(client, honey)
    add_to_basket(client, tea)
    with django_capture_on_commit_callbacks(execute=True):
        check_out(client, [honey.storefront, tea.storefront], method="bank_transfer")
    return Order.objects.get()


def seller(user):
    browser = Client()
    browser.force_login(user)
    return browser


def act(browser, stall_order, action, data=None):
    response = browser.post(
        reverse("fulfilment-seller:action", kwargs={"pk": stall_order.pk, "action": action}), data or {}
    )
    assert response.status_code == 302, response.content.decode()[:500]


def hand_over(browser, stall_order):
    """The stall confirms, ships and delivers its part."""
    act(browser, stall_order, "confirm")
    act(browser, stall_order, "ship", {"tracking_number": "VN123456789"})
    act(browser, stall_order, "deliver")


def recorded_changes(order):
    return list(OrderStatusChange.objects.filter(order=order).order_by("pk").values_list("old_status", "new_status"))


def test_an_order_paid_by_transfer_and_delivered_by_every_stall_records_each_status_change_in_order(
    transfer_order, honey, tea, honey_owner, tea_owner, announced, django_capture_on_commit_callbacks
):
    # given an order awaiting its bank transfer
    honey_seller, tea_seller = seller(honey_owner), seller(tea_owner)
    honey_part = transfer_order.stall_orders.get(storefront=honey.storefront)
    tea_part = transfer_order.stall_orders.get(storefront=tea.storefront)

    # when the honey stall sees the money arrive, and both stalls hand their parts over
    with django_capture_on_commit_callbacks(execute=True):
        honey_seller.post(reverse("fulfilment-seller:transfer-received", kwargs={"pk": honey_part.pk}))
    hand_over(honey_seller, honey_part)
    hand_over(tea_seller, tea_part)

    # then the order went awaiting payment → placed → completed, recorded and announced in that order
    assert Order.objects.get(pk=transfer_order.pk).status == OrderStatus.COMPLETED
    steps = [
        (OrderStatus.AWAITING_PAYMENT, OrderStatus.PLACED),
        (OrderStatus.PLACED, OrderStatus.COMPLETED),
    ]
    assert recorded_changes(transfer_order) == steps
    assert announced == [(transfer_order.number, *step) for step in steps]


def test_an_order_whose_every_stall_cancelled_its_part_is_cancelled_with_the_change_recorded(
    transfer_order, honey, tea, honey_owner, tea_owner, announced
):
    # given an order awaiting its bank transfer
    parts = {part.storefront_id: part for part in transfer_order.stall_orders.all()}

    # when both stalls cancel their parts
    act(seller(honey_owner), parts[honey.storefront.pk], "cancel", {"reason": "Hết mật ong rừng"})
    first = Order.objects.get(pk=transfer_order.pk).status
    act(seller(tea_owner), parts[tea.storefront.pk], "cancel", {"reason": "Hết chè"})

    # then the order is cancelled once the last part is
    assert first == OrderStatus.AWAITING_PAYMENT
    assert Order.objects.get(pk=transfer_order.pk).status == OrderStatus.CANCELLED
    assert recorded_changes(transfer_order) == [(OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED)]
    assert announced == [(transfer_order.number, OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED)]


def test_money_arriving_for_an_order_already_given_up_is_refunded_and_the_order_stays_cancelled(
    transfer_order, announced
):
    # given an order whose transfer never came in time
    assert services.cancel_unpaid(transfer_order, reason="payment not received in time")
    payment = Payment.objects.get(order=transfer_order)

    # when the money arrives after all
    services.payments.record_success(payment, payment.amount, "late-transfer")

    # then
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert Order.objects.get(pk=transfer_order.pk).status == OrderStatus.CANCELLED
    assert recorded_changes(transfer_order) == [(OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED)]
    assert StallOrder.objects.filter(order=transfer_order, status=StallOrder.Status.CANCELLED).count() == 2


def test_a_completed_order_cannot_be_moved_back_to_placed(transfer_order, announced):
    # given a completed order
    change_order_status(transfer_order, OrderStatus.PLACED)
    change_order_status(transfer_order, OrderStatus.COMPLETED)
    announced.clear()

    # when / then
    with pytest.raises(services.TransitionError) as refused:
        change_order_status(transfer_order, OrderStatus.PLACED)

    assert refused.value.code == services.FulfilmentErrorCode.ILLEGAL_ORDER_STATUS
    assert refused.value.message == "Không thể chuyển đơn từ “Hoàn tất” sang “Đã đặt hàng”."
    assert Order.objects.get(pk=transfer_order.pk).status == OrderStatus.COMPLETED
    assert len(recorded_changes(transfer_order)) == 2
    assert announced == []


def test_an_order_awaiting_payment_cannot_be_completed_before_it_is_paid(transfer_order):
    with pytest.raises(services.TransitionError) as refused:
        change_order_status(transfer_order, OrderStatus.COMPLETED)

    assert refused.value.code == services.FulfilmentErrorCode.ILLEGAL_ORDER_STATUS
    assert Order.objects.get(pk=transfer_order.pk).status == OrderStatus.AWAITING_PAYMENT


def test_the_pipeline_declares_every_order_status_and_nothing_else():
    assert set(settings.OSCAR_ORDER_STATUS_PIPELINE) == set(OrderStatus.LABELS)
    assert set(Order.all_statuses()) == set(OrderStatus.LABELS)
    assert settings.OSCAR_INITIAL_ORDER_STATUS in settings.OSCAR_ORDER_STATUS_PIPELINE


def imported_modules(path):
    """(module, inside a function?) for every import in the file."""
    tree = ast.parse((ROOT / path).read_text())
    found = []
    for node in ast.walk(tree):
        nested = node not in tree.body
        if isinstance(node, ast.ImportFrom):
            found += [(f"{node.module}.{alias.name}", nested) for alias in node.names] + [(node.module, nested)]
        elif isinstance(node, ast.Import):
            found += [(alias.name, nested) for alias in node.names]
    return found


def test_payments_services_do_not_import_the_order_services():
    modules = {module for module, _nested in imported_modules("shop/payments/services.py")}

    assert "shop.fulfilment.services" not in modules


def test_the_order_services_import_nothing_inside_their_functions():
    assert [module for module, nested in imported_modules("shop/fulfilment/services.py") if nested] == []
