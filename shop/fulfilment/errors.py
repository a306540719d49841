"""What checkout and the order services refuse: a code for the program beside the message for the buyer or stall."""

from enum import StrEnum

from shop.service_errors import ServiceError


class FulfilmentErrorCode(StrEnum):
    # Checkout (CheckoutError; the view answers 409 for OUT_OF_STOCK, 400 for the rest)
    BASKET_CLOSED = "basket_closed"  # the basket was already ordered or frozen
    BASKET_EMPTY = "basket_empty"
    NOT_PURCHASABLE = "not_purchasable"  # a product went off sale or over its per-order limit
    NOT_SHIPPABLE = "not_shippable"  # a stall cannot ship to the address in the way chosen
    OUT_OF_STOCK = "out_of_stock"  # a line wants more than is free
    # A stall's part of an order, and the whole order (TransitionError)
    ILLEGAL_STEP = "illegal_step"  # the stall order's status does not allow the step
    ILLEGAL_ORDER_STATUS = "illegal_order_status"  # the order status pipeline does not allow the change
    NOT_PAID = "not_paid"  # confirming an order whose online payment has not arrived
    TRACKING_REQUIRED = "tracking_required"  # shipping a delivery without a tracking number
    CASH_NOT_COLLECTED = "cash_not_collected"  # delivering cash on delivery without saying the cash was collected
    REASON_REQUIRED = "reason_required"  # cancelling without telling the buyer why
    REFUND_FAILED = "refund_failed"  # the buyer's money could not go back, so nothing was cancelled


class CheckoutError(ServiceError):
    """Something the buyer must fix before the order can be placed; nothing was written."""


class TransitionError(ServiceError):
    """A status change that is not allowed now; nothing changed."""
