"""A buyer pays a two-stall order by card (our pay page, Stripe.js confirming with localstripe, the return to us)
and gets a stall's share back through Stripe when that stall cancels its part."""

import pytest
from django.core import mail
from django.urls import reverse

from shop.fulfilment.services import TransitionError, cancel_stall_order
from shop.payments.models import Payment, Refund
from shop.payments.services import refund_stall_order
from tests.shop.payments.conftest import (
    CARD_DECLINED,
    STRIPE_PUBLISHABLE_KEY,
    new_order_recipients,
    post_stripe_event,
    return_from_stripe,
)

ORDER_TOTAL = 2 * 185_000 + 240_000 + 40_000 + 25_000


def test_card_order_leads_to_the_stripe_form_with_an_intent_for_the_order_total_in_whole_dong(card_order, localstripe):
    page = card_order.pay_page.content.decode()
    assert 'id="card-form"' in page
    assert f'data-key="{STRIPE_PUBLISHABLE_KEY}"' in page
    assert f'data-secret="{card_order.client_secret}"' in page
    assert f'<script src="{localstripe.url}/js.stripe.com/v3/"></script>' in page

    intent = localstripe.intent(card_order.intent_id)
    assert intent.currency == "vnd"
    assert intent.amount == ORDER_TOTAL == int(card_order.order.total_incl_tax)  # zero-decimal: no × 100
    assert intent.metadata["order_number"] == card_order.order.number
    assert card_order.order.status == "awaiting-payment"
    assert card_order.payment.status == Payment.Status.PENDING


def test_opening_the_pay_page_again_reuses_the_same_intent(client, card_order, localstripe):
    again = client.get(reverse("payments:pay", kwargs={"number": card_order.order.number}))

    assert again.status_code == 200
    assert again.context["start"].client_secret == card_order.client_secret
    assert card_order.payment.reference == card_order.intent_id
    assert [intent.id for intent in localstripe.intents()] == [card_order.intent_id]


def test_paid_card_marks_the_order_placed_and_tells_both_stalls(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    assert localstripe.pay(card_order.intent_id).status == "succeeded"

    with django_capture_on_commit_callbacks(execute=True):
        response = return_from_stripe(client, card_order.intent_id, card_order.client_secret)

    order = card_order.refresh().order
    assert response.status_code == 302
    assert response.url == reverse("fulfilment:order", kwargs={"number": order.number})
    assert order.status == "placed"
    payment = card_order.payment
    assert payment.status == Payment.Status.SUCCEEDED
    assert payment.paid_at is not None
    assert new_order_recipients() == ["chu.mat.ong@example.vn", "chu.tra@example.vn"]
    page = client.get(response.url).content.decode()
    assert "Đã thanh toán" in page
    assert 'id="pay-now"' not in page


def test_coming_back_twice_from_stripe_tells_the_stalls_once(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    localstripe.pay(card_order.intent_id)

    with django_capture_on_commit_callbacks(execute=True):
        return_from_stripe(client, card_order.intent_id, card_order.client_secret)
        return_from_stripe(client, card_order.intent_id, card_order.client_secret)

    assert new_order_recipients() == ["chu.mat.ong@example.vn", "chu.tra@example.vn"]


def test_buyer_who_paid_but_never_came_back_is_not_asked_to_pay_again(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    localstripe.pay(card_order.intent_id)  # the tab was closed before Stripe.js sent the buyer back

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("payments:pay", kwargs={"number": card_order.order.number}))

    assert response.status_code == 302
    assert response.url == reverse("fulfilment:order", kwargs={"number": card_order.order.number})
    assert [intent.id for intent in localstripe.intents()] == [card_order.intent_id]
    assert card_order.payment.status == Payment.Status.SUCCEEDED
    assert card_order.refresh().order.status == "placed"
    assert new_order_recipients() == ["chu.mat.ong@example.vn", "chu.tra@example.vn"]


def test_return_with_a_wrong_client_secret_is_refused_and_changes_nothing(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    localstripe.pay(card_order.intent_id)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = return_from_stripe(client, card_order.intent_id, f"{card_order.intent_id}_secret_guessed")

    assert response.status_code == 400
    assert "Không xác nhận được thanh toán" in response.content.decode()
    assert card_order.refresh().order.status == "awaiting-payment"
    assert card_order.payment.status == Payment.Status.PENDING
    assert mail.outbox == []


def test_return_for_an_intent_we_never_made_is_refused(client, card_order, localstripe):
    stranger = localstripe.paid_intent(ORDER_TOTAL, card_order.order.number)

    response = return_from_stripe(client, stranger.id, stranger.client_secret)

    assert response.status_code == 400
    assert card_order.payment.status == Payment.Status.PENDING


def test_declined_card_leaves_the_order_awaiting_payment_and_the_pay_page_offers_a_retry(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    intent = localstripe.pay(card_order.intent_id, card=CARD_DECLINED)
    assert intent.status == "requires_payment_method"
    assert intent.last_payment_error.code == "card_declined"
    mail.outbox.clear()

    # Stripe.js shows the decline on the page (no return); Stripe tells us by the webhook.
    with django_capture_on_commit_callbacks(execute=True):
        response = post_stripe_event(client, localstripe.event(card_order.intent_id, "payment_intent.payment_failed"))

    assert response.status_code == 200
    assert card_order.payment.status == Payment.Status.FAILED
    assert card_order.refresh().order.status == "awaiting-payment"
    assert mail.outbox == []
    order_page = client.get(reverse("fulfilment:order", kwargs={"number": card_order.order.number}))
    assert "Thanh toán không thành công" in order_page.content.decode()
    assert 'id="pay-now"' in order_page.content.decode()

    retry = client.get(reverse("payments:pay", kwargs={"number": card_order.order.number}))

    page = retry.content.decode()
    assert retry.status_code == 200
    assert "Lần thanh toán trước không thành công" in page
    assert 'id="card-form"' in page
    # Stripe lets the same intent be confirmed again with another card.
    assert retry.context["start"].client_secret == card_order.client_secret


# --- Refunds -----------------------------------------------------------------------------------------------------


def test_stall_cancelling_its_part_of_a_card_order_refunds_exactly_its_share(
    paid_card_order, localstripe, honey_stall, honey_owner, django_capture_on_commit_callbacks
):
    honey_part = paid_card_order.order.stall_orders.get(storefront=honey_stall)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_stall_order(honey_part, honey_owner, "Mật ong rừng đã hết mùa")

    honey_share = 2 * 185_000 + 40_000  # its goods and its shipping
    refunds = localstripe.refunds(paid_card_order.intent_id)
    assert [(refund.amount, refund.currency, refund.status) for refund in refunds] == [
        (honey_share, "vnd", "succeeded")
    ]
    record = Refund.objects.get()
    assert (record.stall_order, record.amount, record.reference) == (honey_part, honey_share, refunds[0].id)
    payment = paid_card_order.payment
    assert payment.amount_refunded == honey_share
    assert payment.status == Payment.Status.SUCCEEDED  # the tea is still paid for
    assert paid_card_order.refresh().order.status == "placed"
    assert [message.to for message in mail.outbox] == [["lan@example.vn"]]
    assert "Đã hủy" in mail.outbox[0].subject


def test_cancelling_a_stalls_part_again_does_not_refund_twice(paid_card_order, localstripe, honey_stall, honey_owner):
    honey_part = paid_card_order.order.stall_orders.get(storefront=honey_stall)
    cancel_stall_order(honey_part, honey_owner, "Mật ong rừng đã hết mùa")

    with pytest.raises(TransitionError):
        cancel_stall_order(honey_part, honey_owner, "Hủy lần nữa")
    honey_part.refresh_from_db()
    assert refund_stall_order(honey_part, "a retried refund") is None

    assert len(localstripe.refunds(paid_card_order.intent_id)) == 1
    assert Refund.objects.count() == 1
    assert paid_card_order.payment.amount_refunded == 2 * 185_000 + 40_000


def test_when_both_stalls_cancel_the_buyer_gets_the_whole_order_back(
    paid_card_order, localstripe, honey_stall, tea_stall, honey_owner, tea_owner
):
    order = paid_card_order.order
    cancel_stall_order(order.stall_orders.get(storefront=honey_stall), honey_owner, "Mật ong rừng đã hết mùa")
    cancel_stall_order(order.stall_orders.get(storefront=tea_stall), tea_owner, "Out of stock")

    refunds = localstripe.refunds(paid_card_order.intent_id)
    assert sorted(refund.amount for refund in refunds) == [240_000 + 25_000, 2 * 185_000 + 40_000]
    assert sum(refund.amount for refund in refunds) == ORDER_TOTAL
    assert paid_card_order.payment.status == Payment.Status.REFUNDED
    assert paid_card_order.refresh().order.status == "cancelled"
