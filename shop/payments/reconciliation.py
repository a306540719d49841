"""Bringing our records and the providers' into agreement; run by ``manage.py reconcile_payments`` (and Celery beat).

1. Every succeeded payment a provider reports is matched to our Payment: one still pending (its webhook lost) is
   marked paid; money that matches no order (the order was never written, or was cancelled) is refunded.
2. Online payments still pending after settings.PAYMENT_TIMEOUT_MINUTES are asked about once more; those the provider
   has not taken are given up: the order is cancelled and its stock released.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from shop.fulfilment import services as fulfilment
from shop.payments import services
from shop.payments.gateways import available_gateways
from shop.payments.models import Payment


@dataclass
class Report:
    marked_paid: list = field(default_factory=list)
    refunded: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)


def reconcile():
    report = Report()
    for gateway in available_gateways():
        for reported in gateway.unmatched_payments():
            match_or_refund(gateway, reported, report)
    cancel_stale_orders(report)
    return report


def match_or_refund(gateway, reported, report):
    payment = Payment.objects.filter(method=gateway.code, reference=reported.reference).first()
    if payment is None:
        payment = Payment.objects.filter(method=gateway.code, order_number=reported.order_number, reference="").first()
        if payment is not None:
            Payment.objects.filter(pk=payment.pk).update(reference=reported.reference)
    if payment is None:
        payment = Payment.objects.create(
            order=None,
            order_number=reported.order_number,
            method=gateway.code,
            reference=reported.reference,
            amount=reported.amount,
        )
    if payment.status in (Payment.Status.PENDING, Payment.Status.FAILED, Payment.Status.CANCELLED):
        changed = services.record_success(payment, reported.amount, reported.reference)
        payment.refresh_from_db()
        # Money for an order already given up is refunded by record_success: staff read it as refunded, not paid.
        if changed and payment.order_id is not None:
            paid = payment.status == Payment.Status.SUCCEEDED
            (report.marked_paid if paid else report.refunded).append(payment.order_number)
    orderless = payment.order_id is None
    if (
        payment.status == Payment.Status.SUCCEEDED
        and orderless
        and services.refund(payment, payment.refundable, reason="no order matches this payment")
    ):
        report.refunded.append(payment.order_number or payment.reference)


def cancel_stale_orders(report):
    gateways = {gateway.code: gateway for gateway in available_gateways()}
    waiting = Payment.objects.filter(
        status__in=[Payment.Status.PENDING, Payment.Status.FAILED],
        order__status=fulfilment.OrderStatus.AWAITING_PAYMENT,
        created_at__lt=timezone.now() - timedelta(minutes=settings.PAYMENT_TIMEOUT_MINUTES),
    ).select_related("order")
    for payment in waiting:
        gateway = gateways.get(payment.method)
        timeout = gateway.timeout_minutes if gateway else settings.PAYMENT_TIMEOUT_MINUTES
        if payment.created_at >= timezone.now() - timedelta(minutes=timeout):
            continue
        reported = gateway.status(payment) if gateway else None
        if reported is not None and reported.status == Payment.Status.SUCCEEDED:
            services.record_success(payment, reported.amount, reported.reference)
            report.marked_paid.append(payment.order_number)
            continue
        if fulfilment.cancel_unpaid(payment.order, reason="payment not received in time"):
            # Unless the money came in meanwhile (then record_success refunded it, and the payment says so).
            Payment.objects.filter(pk=payment.pk, status__in=[Payment.Status.PENDING, Payment.Status.FAILED]).update(
                status=Payment.Status.CANCELLED
            )
            report.cancelled.append(payment.order_number)
