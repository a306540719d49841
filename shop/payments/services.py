"""What happens to money, one function each; every gateway's return, webhook and IPN path ends here.

Each function locks the Payment row and is safe to call again with the same news: a provider that repeats an event,
or tells us of success after we already heard it from the buyer's return, changes nothing the second time. Success
never goes back to pending or failed, whatever order the events arrive in.
"""

import logging

from django.db import transaction
from django.utils import timezone

from shop.fulfilment.order_status import OrderStatus, order_paid
from shop.locking import lock_one
from shop.payments.error_codes import PaymentErrorCode
from shop.payments.gateways import all_gateways
from shop.payments.models import Payment, ProviderEvent, Refund
from shop.service_errors import ServiceError

logger = logging.getLogger(__name__)


class AmountMismatch(ServiceError):
    """The provider reports a different amount than the order's: never marked paid, left for staff to look at. Its
    message is for staff and logs (the provider's webhook gets a 400, the buyer the order page as it was)."""

    code = PaymentErrorCode.AMOUNT_MISMATCH

    def __init__(self, payment_pk):
        super().__init__(f"payment {payment_pk}: the provider reports another amount than the order's")
        self.payment_pk = payment_pk


def gateway_for(payment):
    return next(gateway for gateway in all_gateways() if gateway.code == payment.method)


def create_payment(order, gateway):
    return Payment.objects.create(
        order=order, order_number=order.number, method=gateway.code, amount=int(order.total_incl_tax)
    )


def first_time(provider, event_id, kind, created_at=None):
    """Record a provider event; False when it was already recorded (a repeat to ignore)."""
    _event, created = ProviderEvent.objects.get_or_create(
        provider=provider, event_id=event_id, defaults={"kind": kind, "created_by_provider_at": created_at}
    )
    return created


def record_success(payment, amount, reference=""):
    """The provider took ``amount`` đồng for this payment. Returns True if this call changed anything."""
    with transaction.atomic():
        payment = lock_one(Payment, payment.pk)
        if payment.status in (Payment.Status.SUCCEEDED, Payment.Status.REFUNDED):
            return False
        if int(amount) != payment.amount:
            logger.error("Payment %s: provider reports %s, order expects %s", payment.pk, amount, payment.amount)
            raise AmountMismatch(payment.pk)
        payment.status = Payment.Status.SUCCEEDED
        payment.reference = reference or payment.reference
        payment.paid_at = timezone.now()
        payment.save(update_fields=["status", "reference", "paid_at", "updated_at"])
        if payment.order is None:
            return True
        order = payment.order
        # Decided under the order's lock (order_paid re-reads it): the order is either paid now, or was given up
        # (its stock released), whichever came first, and then the money goes back.
        if not order_paid(order) and order.status == OrderStatus.CANCELLED:
            refund(payment, payment.refundable, reason="payment arrived after the order was cancelled")
    return True


def record_failure(payment, reference=""):
    """The provider refused the payment; the buyer may try again. Ignored once the payment has succeeded."""
    with transaction.atomic():
        payment = lock_one(Payment, payment.pk)
        if payment.status != Payment.Status.PENDING:
            return False
        payment.status = Payment.Status.FAILED
        payment.reference = reference or payment.reference
        payment.save(update_fields=["status", "reference", "updated_at"])
    return True


def restart(payment):
    """A failed payment the buyer tries again."""
    Payment.objects.filter(pk=payment.pk, status=Payment.Status.FAILED).update(status=Payment.Status.PENDING)
    payment.refresh_from_db()
    return payment


def refund(payment, amount, stall_order=None, reason=""):
    """Give back ``amount`` đồng (at most what is left) through the payment's gateway; returns the Refund or None."""
    with transaction.atomic():
        payment = lock_one(Payment, payment.pk)
        amount = min(int(amount), payment.refundable)
        if amount <= 0:
            return None
        if stall_order is not None and payment.refunds.filter(stall_order=stall_order).exists():
            return None
        reference = gateway_for(payment).refund(payment, amount, key=refund_key(payment, stall_order))
        record = Refund.objects.create(
            payment=payment, stall_order=stall_order, amount=amount, reference=reference or "", reason=reason
        )
        payment.amount_refunded += amount
        if payment.amount_refunded == payment.amount:
            payment.status = Payment.Status.REFUNDED
        payment.save(update_fields=["amount_refunded", "status", "updated_at"])
    return record


def refund_key(payment, stall_order):
    """An idempotency key per refund, so that a retried refund request never pays back twice."""
    return f"chohtx-refund-{payment.order_number}-{stall_order.pk if stall_order else 'all'}"


def refund_stall_order(stall_order, reason):
    """A stall cancelled its part of a paid order: refund that part (its goods and its shipping)."""
    payment = Payment.objects.filter(order=stall_order.order).first()
    if payment is None or payment.status != Payment.Status.SUCCEEDED:
        return None
    return refund(payment, stall_order.total, stall_order=stall_order, reason=reason)


def is_cash_on_delivery(order):
    return Payment.objects.filter(order=order, method="cod").exists()


def cash_collected(order):
    """Cash on delivery: once every stall that delivered has collected, the order counts as paid."""
    payment = Payment.objects.filter(order=order, method="cod", status=Payment.Status.PENDING).first()
    if payment is None:
        return False
    stall_orders = list(order.stall_orders.all())
    if any(so.is_open for so in stall_orders):
        return False
    delivered = [so for so in stall_orders if so.status == so.Status.DELIVERED]
    if not delivered or any(so.cash_collected_at is None for so in delivered):
        return False
    Payment.objects.filter(pk=payment.pk).update(
        status=Payment.Status.SUCCEEDED, amount=sum(so.total for so in delivered), paid_at=timezone.now()
    )
    return True
