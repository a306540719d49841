"""Stripe tells us of a payment by a signed webhook: only a genuine, fresh event counts, and it counts once."""

import json
import time

import pytest
from django.conf import settings
from django.core import mail

from shop.payments.models import Payment, ProviderEvent
from tests.shop.payments.conftest import (
    intent_event,
    new_order_recipients,
    post_stripe_event,
    stripe_signature,
)

STALL_OWNERS = ["chu.mat.ong@example.vn", "chu.tra@example.vn"]


def stripe_events():
    return ProviderEvent.objects.filter(provider="stripe").count()


def test_signed_succeeded_event_marks_the_order_paid_and_tells_the_stalls(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    localstripe.pay(card_order.intent_id)
    event = localstripe.event(card_order.intent_id, "payment_intent.succeeded")

    with django_capture_on_commit_callbacks(execute=True):
        response = post_stripe_event(client, event)

    assert response.status_code == 200
    assert card_order.refresh().order.status == "placed"
    assert card_order.payment.status == Payment.Status.SUCCEEDED
    assert ProviderEvent.objects.get().event_id == event["id"]
    assert new_order_recipients() == STALL_OWNERS


def without_signature(event):
    return {"signature": ""}


def signed_with_another_secret(event):
    return {"signature": stripe_signature(json.dumps(event).encode(), secret="whsec_test_someone_else")}


def with_a_tampered_body(event):
    # Signed as Stripe sent it, then changed on the way: a forged event id would slip past the repeat check.
    return {
        "signature": stripe_signature(json.dumps(event).encode()),
        "body": json.dumps({**event, "id": "evt_forged"}).encode(),
    }


def signed_too_long_ago(event):
    sent_at = time.time() - settings.STRIPE_WEBHOOK_TOLERANCE - 60
    return {"signature": stripe_signature(json.dumps(event).encode(), timestamp=sent_at)}


def signed_too_far_ahead(event):
    # A replay prepared in advance, or a clock far off: the tolerance holds in both directions.
    sent_at = time.time() + settings.STRIPE_WEBHOOK_TOLERANCE + 60
    return {"signature": stripe_signature(json.dumps(event).encode(), timestamp=sent_at)}


@pytest.mark.parametrize(
    "delivery",
    [without_signature, signed_with_another_secret, with_a_tampered_body, signed_too_long_ago, signed_too_far_ahead],
)
def test_webhook_that_does_not_check_out_is_refused_and_changes_nothing(
    client, card_order, localstripe, django_capture_on_commit_callbacks, delivery
):
    localstripe.pay(card_order.intent_id)
    event = localstripe.event(card_order.intent_id, "payment_intent.succeeded")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_stripe_event(client, event, **delivery(event))

    assert response.status_code == 400
    assert card_order.refresh().order.status == "awaiting-payment"
    assert card_order.payment.status == Payment.Status.PENDING
    assert stripe_events() == 0
    assert mail.outbox == []


def test_the_same_event_delivered_five_times_changes_the_order_once(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    localstripe.pay(card_order.intent_id)
    event = localstripe.event(card_order.intent_id, "payment_intent.succeeded")

    with django_capture_on_commit_callbacks(execute=True):
        responses = [post_stripe_event(client, event) for _ in range(5)]

    assert [response.status_code for response in responses] == [200] * 5
    assert card_order.refresh().order.status == "placed"
    assert stripe_events() == 1
    assert new_order_recipients() == STALL_OWNERS  # one e-mail per stall owner, not five


def test_failure_reported_after_success_leaves_the_order_paid(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    before_paying = localstripe.intent(card_order.intent_id)
    localstripe.pay(card_order.intent_id)
    succeeded = localstripe.event(card_order.intent_id, "payment_intent.succeeded")
    # An earlier attempt's failure, delivered late (Stripe does not promise the order of events).
    late_failure = intent_event(before_paying, "payment_intent.payment_failed", "evt_late_failure")

    with django_capture_on_commit_callbacks(execute=True):
        assert post_stripe_event(client, succeeded).status_code == 200
        assert post_stripe_event(client, late_failure).status_code == 200

    assert card_order.refresh().order.status == "placed"
    assert card_order.payment.status == Payment.Status.SUCCEEDED
    assert stripe_events() == 2
    assert new_order_recipients() == STALL_OWNERS


def test_success_after_a_failed_attempt_marks_the_order_paid(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    failure = intent_event(localstripe.intent(card_order.intent_id), "payment_intent.payment_failed", "evt_failure")
    with django_capture_on_commit_callbacks(execute=True):
        post_stripe_event(client, failure)
    assert card_order.payment.status == Payment.Status.FAILED

    localstripe.pay(card_order.intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_stripe_event(client, localstripe.event(card_order.intent_id, "payment_intent.succeeded"))

    assert response.status_code == 200
    assert card_order.refresh().order.status == "placed"
    assert card_order.payment.status == Payment.Status.SUCCEEDED
    assert new_order_recipients() == STALL_OWNERS


def test_success_for_a_different_amount_than_the_order_is_refused_and_left_unpaid(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    localstripe.pay(card_order.intent_id)
    event = localstripe.event(card_order.intent_id, "payment_intent.succeeded")
    event["data"]["object"]["amount"] = 1_000

    with django_capture_on_commit_callbacks(execute=True):
        response = post_stripe_event(client, event)

    assert response.status_code == 400  # Stripe retries; staff see the mismatch in the log
    assert card_order.refresh().order.status == "awaiting-payment"
    assert card_order.payment.status == Payment.Status.PENDING
    assert stripe_events() == 0  # not taken as handled, so the retry is looked at again
    assert new_order_recipients() == []


def test_money_for_an_order_we_do_not_have_is_recorded_without_an_order(client, localstripe, db):
    stranger = localstripe.paid_intent(500_000, "999999")

    response = post_stripe_event(client, localstripe.event(stranger.id, "payment_intent.succeeded"))

    assert response.status_code == 200
    payment = Payment.objects.get()
    assert payment.order is None
    assert payment.order_number == "999999"
    assert payment.reference == stranger.id
    assert payment.amount == 500_000
    assert payment.status == Payment.Status.SUCCEEDED  # for reconciliation to refund


def test_events_about_other_things_are_acknowledged_and_ignored(client, localstripe, db):
    event = {"id": "evt_customer", "object": "event", "type": "customer.created", "data": {"object": {}}}

    response = post_stripe_event(client, event)

    assert response.status_code == 200
    assert stripe_events() == 0
    assert not Payment.objects.exists()


def test_event_signed_a_little_ahead_of_our_clock_is_accepted(
    client, card_order, localstripe, django_capture_on_commit_callbacks
):
    localstripe.pay(card_order.intent_id)
    event = localstripe.event(card_order.intent_id, "payment_intent.succeeded")
    sent_at = time.time() + 60  # Stripe's clock a minute ahead of ours

    with django_capture_on_commit_callbacks(execute=True):
        response = post_stripe_event(
            client, event, signature=stripe_signature(json.dumps(event).encode(), timestamp=sent_at)
        )

    assert response.status_code == 200
    assert card_order.refresh().order.status == "placed"


MALFORMED_EVENTS = {
    "a-list": [],
    "a-string": "payment_intent.succeeded",
    "null": None,
    "a-number-for-id": {"id": 1},
    "no-type": {"id": "evt_no_type", "object": "event", "data": {"object": {}}},
    "type-not-text": {"id": "evt_type_list", "object": "event", "type": ["payment_intent.succeeded"], "data": {}},
    "no-data": {"id": "evt_no_data", "object": "event", "type": "payment_intent.succeeded"},
    "data-not-an-object": {"id": "evt_data_list", "object": "event", "type": "payment_intent.succeeded", "data": []},
    "intent-without-amount": {
        "id": "evt_no_amount",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_no_amount", "object": "payment_intent"}},
    },
    "amount-as-text": {
        "id": "evt_text_amount",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_text_amount", "amount": "675000", "metadata": {"order_number": "100001"}}},
    },
    "amount-beyond-any-column": {
        "id": "evt_huge_amount",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_huge_amount", "amount": 10**30, "metadata": {"order_number": "999999"}}},
    },
    "metadata-not-an-object": {
        "id": "evt_metadata_list",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_metadata_list", "amount": 675000, "metadata": ["100001"]}},
    },
}


@pytest.mark.parametrize("body", MALFORMED_EVENTS.values(), ids=MALFORMED_EVENTS.keys())
def test_correctly_signed_but_malformed_event_is_refused_and_changes_nothing(
    client, card_order, localstripe, django_capture_on_commit_callbacks, body
):
    localstripe.pay(card_order.intent_id)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_stripe_event(client, body)

    assert response.status_code == 400
    assert card_order.refresh().order.status == "awaiting-payment"
    assert card_order.payment.status == Payment.Status.PENDING
    assert stripe_events() == 0
    assert not Payment.objects.exclude(order=card_order.order).exists()
    assert mail.outbox == []
