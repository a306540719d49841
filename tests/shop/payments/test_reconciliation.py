"""Staff's nightly ``manage.py reconcile_payments`` brings our orders and Stripe's payments into agreement."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.fulfilment.models import StallOrder
from shop.payments.models import Payment, Refund
from tests.shop.payments.conftest import new_order_recipients

StockRecord = get_model("partner", "StockRecord")


def reconcile_payments():
    out = StringIO()
    call_command("reconcile_payments", stdout=out)
    return out.getvalue()


def allocated(product):
    return StockRecord.objects.get(product=product).num_allocated


def older_than_the_payment_timeout(payment, settings):
    Payment.objects.filter(pk=payment.pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.PAYMENT_TIMEOUT_MINUTES + 1)
    )


def test_money_stripe_took_for_an_order_we_never_wrote_is_refunded_once(localstripe, db):
    stranger = localstripe.paid_intent(500_000, "999999")

    report = reconcile_payments()
    reconcile_payments()

    assert "0 marked paid, 1 refunded" in report
    assert "refunded: 999999" in report
    refunds = localstripe.refunds(stranger.id)
    assert [(refund.amount, refund.status) for refund in refunds] == [(500_000, "succeeded")]
    payment = Payment.objects.get(reference=stranger.id)
    assert payment.order is None
    assert payment.order_number == "999999"
    assert payment.status == Payment.Status.REFUNDED
    record = Refund.objects.get()
    assert (record.payment, record.amount, record.reference) == (payment, 500_000, refunds[0].id)


def test_order_whose_webhook_was_lost_is_marked_paid_and_the_stalls_are_told(
    card_order, localstripe, django_capture_on_commit_callbacks
):
    localstripe.pay(card_order.intent_id)  # the buyer closed the tab and Stripe's webhook never reached us

    with django_capture_on_commit_callbacks(execute=True):
        report = reconcile_payments()

    assert f"paid: {card_order.order.number}" in report
    assert card_order.refresh().order.status == "placed"
    assert card_order.payment.status == Payment.Status.SUCCEEDED
    assert new_order_recipients() == ["chu.mat.ong@example.vn", "chu.tra@example.vn"]
    assert localstripe.refunds(card_order.intent_id) == []


def test_paid_order_older_than_the_payment_timeout_is_marked_paid_not_cancelled(
    card_order, localstripe, settings, honey
):
    localstripe.pay(card_order.intent_id)
    older_than_the_payment_timeout(card_order.payment, settings)

    reconcile_payments()

    assert card_order.refresh().order.status == "placed"
    assert card_order.payment.status == Payment.Status.SUCCEEDED
    assert allocated(honey) == 2


def test_unpaid_order_older_than_the_payment_timeout_is_cancelled_and_its_stock_released(
    client, card_order, localstripe, settings, honey, tea
):
    assert (allocated(honey), allocated(tea)) == (2, 1)
    older_than_the_payment_timeout(card_order.payment, settings)

    report = reconcile_payments()

    assert f"cancelled: {card_order.order.number}" in report
    assert card_order.refresh().order.status == "cancelled"
    assert card_order.payment.status == Payment.Status.CANCELLED
    assert set(card_order.order.stall_orders.values_list("status", flat=True)) == {StallOrder.Status.CANCELLED}
    assert (allocated(honey), allocated(tea)) == (0, 0)
    assert localstripe.refunds(card_order.intent_id) == []
    page = client.get(reverse("payments:pay", kwargs={"number": card_order.order.number}), follow=True)
    assert 'id="card-form"' not in page.content.decode()  # nothing left to pay


def test_money_that_arrives_after_the_order_was_given_up_is_refunded(card_order, localstripe, settings, honey):
    older_than_the_payment_timeout(card_order.payment, settings)
    reconcile_payments()
    assert card_order.refresh().order.status == "cancelled"
    localstripe.pay(card_order.intent_id)  # the buyer's pay page was still open

    report = reconcile_payments()

    assert "0 marked paid, 1 refunded" in report
    assert f"refunded: {card_order.order.number}" in report
    refunds = localstripe.refunds(card_order.intent_id)
    assert [refund.amount for refund in refunds] == [int(card_order.order.total_incl_tax)]
    assert card_order.payment.status == Payment.Status.REFUNDED
    assert card_order.refresh().order.status == "cancelled"
    assert allocated(honey) == 0


def test_unpaid_order_within_the_payment_timeout_is_left_waiting(card_order, localstripe, honey, tea):
    report = reconcile_payments()

    assert report.startswith("0 marked paid, 0 refunded, 0 unpaid orders cancelled.")
    assert card_order.refresh().order.status == "awaiting-payment"
    assert card_order.payment.status == Payment.Status.PENDING
    assert (allocated(honey), allocated(tea)) == (2, 1)
