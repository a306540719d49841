"""The whole order's status (Oscar's ``Order.status``), changed only through ``change_order_status``.

Which status may follow which is declared once, in settings.OSCAR_ORDER_STATUS_PIPELINE, so that Oscar's
``Order.set_status`` checks it, records an ``OrderStatusChange`` row and sends ``order_status_changed``.
``change_order_status`` locks the order's row and re-reads it first: two services deciding at the same instant (the
payment arriving while reconciliation gives the order up, two stalls delivering their parts) take turns, and the
second sees what the first did. Each stall's part has its own status (``StallOrder.Status``), moved in
shop.fulfilment.services.

Payments (shop.payments.services) and the order services both use this module; neither imports the other's.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from shop.fulfilment import notifications
from shop.fulfilment.errors import FulfilmentErrorCode, TransitionError
from shop.locking import lock_one

Order = get_model("order", "Order")


class OrderStatus:
    """The whole order's status (Oscar's Order.status); each stall's part has its own (StallOrder.Status)."""

    AWAITING_PAYMENT = "awaiting-payment"
    PLACED = "placed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    LABELS = {
        AWAITING_PAYMENT: gettext_lazy("Chờ thanh toán"),
        PLACED: gettext_lazy("Đã đặt hàng"),
        COMPLETED: gettext_lazy("Hoàn tất"),
        CANCELLED: gettext_lazy("Đã hủy"),
    }


def label(status):
    return OrderStatus.LABELS.get(status, status)


def change_order_status(order, new_status, only_from=None):
    """Move ``order`` to ``new_status`` through ``Order.set_status``, under the order's row lock; True if it moved.

    ``only_from``: the statuses the caller means to move the order from. An order found in another one under the
    lock was moved by someone else meanwhile: nothing changes and the answer is False, as for an order already in
    ``new_status``. A change the pipeline does not allow raises TransitionError (ILLEGAL_ORDER_STATUS).
    ``order.status`` is the status read under the lock afterwards.
    """
    with transaction.atomic():
        locked = lock_one(Order, order.pk)
        order.status = locked.status
        if locked.status == new_status or (only_from is not None and locked.status not in only_from):
            return False
        if new_status not in locked.available_statuses():
            raise TransitionError(
                _("Không thể chuyển đơn từ “%(from)s” sang “%(to)s”.")
                % {"from": label(locked.status), "to": label(new_status)},
                code=FulfilmentErrorCode.ILLEGAL_ORDER_STATUS,
            )
        locked.set_status(new_status)
    order.status = new_status
    return True


def order_paid(order):
    """The order's payment arrived: the stalls may now prepare it, and are told so once the change is committed.

    False when the order no longer awaits payment (already paid, or given up meanwhile: ``order.status`` says which).
    """
    if not change_order_status(order, OrderStatus.PLACED, only_from={OrderStatus.AWAITING_PAYMENT}):
        return False
    transaction.on_commit(lambda: notifications.stalls_have_new_order(order))
    return True
