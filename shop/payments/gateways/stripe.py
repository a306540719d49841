"""Card payments through Stripe PaymentIntents, in VND (a zero-decimal currency: amounts are whole đồng).

The intent is created server-side with an idempotency key derived from the order number, so a retried or repeated
start never makes a second intent (and never charges twice); the card is typed into Stripe.js on our payment page,
never sent to us. The outcome arrives by the buyer's return and by the signed webhook; both ask Stripe, or trust only
a verified event, and end in shop.payments.services.
"""

import json
import time

import stripe
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shop import content_security
from shop.payments import services
from shop.payments.gateways.base import (
    GatewayError,
    InvalidNotification,
    PaymentGateway,
    PaymentStart,
    ProviderStatus,
)
from shop.payments.models import Payment

STATUS_OF_INTENT = {
    "succeeded": Payment.Status.SUCCEEDED,
    "canceled": Payment.Status.CANCELLED,
}


MAX_AMOUNT = 2**63 - 1  # what Payment.amount (a big integer column) holds


def intent_key(order_number):
    return f"chohtx-order-{order_number}-intent"


def order_number_of(intent):
    """The order number our checkout put in the intent's metadata; "" for an intent made elsewhere.

    The pinned stripe library's StripeObject is not a dict (``.get`` raises AttributeError), hence ``to_dict``.
    """
    metadata = intent.to_dict().get("metadata") or {}
    return metadata.get("order_number", "")


def verified_event(body, header):
    """The event in a webhook's ``body``, once its signature, its age and its shape check out.

    The stripe library checks the signature and refuses a timestamp older than the tolerance, but takes one from
    the future and builds an "event" from any JSON (``[]`` or ``{"id": 1}`` fail later with AttributeError). An
    event signed more than the tolerance ahead of our clock, or one without the fields we read, is refused here
    with InvalidNotification (400), before anything is recorded.
    """
    tolerance = settings.STRIPE_WEBHOOK_TOLERANCE
    try:
        stripe.WebhookSignature.verify_header(body, header, settings.STRIPE_WEBHOOK_SECRET, tolerance)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise InvalidNotification(str(error)) from error
    if tolerance and signed_at(header) > time.time() + tolerance:
        raise InvalidNotification("timestamp is in the future beyond the tolerance")
    try:
        data = json.loads(body)
    except ValueError as error:
        raise InvalidNotification("body is not JSON") from error
    problem = what_is_wrong_with(data)
    if problem:
        raise InvalidNotification(f"malformed event: {problem}")
    return stripe.Event.construct_from(data, settings.STRIPE_SECRET_KEY)


def signed_at(header):
    """The ``t=`` of a Stripe-Signature header that verify_header accepted, read the way it reads it (the first)."""
    items = [item.split("=", 2) for item in header.split(",")]
    return int(next(item[1] for item in items if item[0] == "t"))


def is_text(value, max_length):
    return isinstance(value, str) and 0 < len(value) <= max_length


def what_is_wrong_with(event):
    """Why ``event`` (parsed JSON) is not an event we can handle; "" when it is one."""
    if not isinstance(event, dict):
        return "not an object"
    if not is_text(event.get("id"), 255) or not is_text(event.get("type"), 128):
        return "no id or type"
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        return "no data.object"
    if not event["type"].startswith("payment_intent."):
        return ""
    intent = data["object"]
    amount = intent.get("amount")
    if not is_text(intent.get("id"), 255) or isinstance(amount, bool) or not isinstance(amount, int):
        return "payment intent without id or amount"
    if not 0 <= amount <= MAX_AMOUNT:
        return "amount out of range"
    metadata = intent.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return "metadata is not an object"
    order_number = (metadata or {}).get("order_number", "")
    if not isinstance(order_number, str) or len(order_number) > 128:
        return "order number is not text of at most 128 characters"
    return ""


class StripeCard(PaymentGateway):
    code = "stripe"
    name = gettext_lazy("Thẻ ngân hàng quốc tế (Visa, Mastercard, JCB)")
    description = gettext_lazy("Thanh toán ngay bằng thẻ qua Stripe; số thẻ không đi qua máy chủ của Chợ HTX.")

    @classmethod
    def is_configured(cls):
        return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY and settings.STRIPE_WEBHOOK_SECRET)

    def client(self):
        base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else {}
        return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses=base, max_network_retries=2)

    def page_context(self):
        return {"stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY, "stripe_js_url": settings.STRIPE_JS_URL}

    def page_content_security(self):
        return content_security.stripe_directives()

    def start(self, payment, request):
        try:
            if payment.reference:
                intent = self.client().v1.payment_intents.retrieve(payment.reference)
                if intent.status == "succeeded":
                    # Paid, but neither the buyer's return nor the webhook reached us: never ask for the money again.
                    self.apply(payment, intent)
                    return PaymentStart(
                        redirect_url=reverse("fulfilment:order", kwargs={"number": payment.order_number})
                    )
                if intent.status != "canceled":
                    return PaymentStart(client_secret=intent.client_secret)
            intent = self.client().v1.payment_intents.create(
                params={
                    "amount": payment.amount,
                    "currency": "vnd",
                    "payment_method_types": ["card"],
                    "metadata": {"order_number": payment.order_number},
                },
                options={"idempotency_key": intent_key(payment.order_number)},
            )
        except stripe.StripeError as error:
            raise GatewayError(_("Cổng thanh toán thẻ đang bận, vui lòng thử lại sau ít phút.")) from error
        Payment.objects.filter(pk=payment.pk).update(reference=intent.id)
        return PaymentStart(client_secret=intent.client_secret)

    def handle_return(self, request):
        """Stripe.js sends the buyer back with the intent's id and client secret; Stripe itself says how it went."""
        intent_id = request.GET.get("payment_intent", "")
        secret = request.GET.get("payment_intent_client_secret", "")
        payment = Payment.objects.filter(method=self.code, reference=intent_id).select_related("order").first()
        if not intent_id or payment is None:
            raise InvalidNotification("unknown payment intent")
        try:
            intent = self.client().v1.payment_intents.retrieve(intent_id)
        except stripe.StripeError as error:
            raise InvalidNotification(str(error)) from error
        if intent.client_secret != secret:
            raise InvalidNotification("client secret does not match")
        self.apply(payment, intent)
        return payment

    def apply(self, payment, intent):
        if intent.status == "succeeded":
            services.record_success(payment, intent.amount, intent.id)
        elif intent.status == "requires_payment_method" and intent.last_payment_error:
            services.record_failure(payment, intent.id)

    def handle_webhook(self, request):
        event = verified_event(request.body, request.headers.get("Stripe-Signature", ""))
        if not event.type.startswith("payment_intent."):
            return HttpResponse("ignored")
        intent = event.data.object
        try:
            with transaction.atomic():
                if not services.first_time(self.code, event.id, event.type):
                    return HttpResponse("already processed")
                payment = self.payment_for(intent)
                if event.type == "payment_intent.succeeded":
                    services.record_success(payment, intent.amount, intent.id)
                elif event.type == "payment_intent.payment_failed":
                    services.record_failure(payment, intent.id)
        except services.AmountMismatch as error:
            raise InvalidNotification("amount does not match the order") from error
        return HttpResponse("ok")

    def payment_for(self, intent):
        """Our Payment for this intent; money for an order we do not have is recorded without one, for
        reconciliation to refund."""
        payment = Payment.objects.filter(method=self.code, reference=intent.id).first()
        if payment is not None:
            return payment
        order_number = order_number_of(intent)
        payment = Payment.objects.filter(method=self.code, order_number=order_number, reference="").first()
        if payment is not None:
            Payment.objects.filter(pk=payment.pk).update(reference=intent.id)
            payment.reference = intent.id
            return payment
        return Payment.objects.create(
            order=None, order_number=order_number, method=self.code, reference=intent.id, amount=intent.amount
        )

    def refund(self, payment, amount, key):
        try:
            refund = self.client().v1.refunds.create(
                params={"payment_intent": payment.reference, "amount": amount}, options={"idempotency_key": key}
            )
        except stripe.StripeError as error:
            raise GatewayError(_("Không hoàn được tiền qua Stripe, vui lòng thử lại sau.")) from error
        return refund.id

    def status(self, payment):
        if not payment.reference:
            return None
        intent = self.client().v1.payment_intents.retrieve(payment.reference)
        return self.provider_status(intent)

    def provider_status(self, intent):
        return ProviderStatus(
            status=STATUS_OF_INTENT.get(intent.status, Payment.Status.PENDING),
            amount=intent.amount,
            reference=intent.id,
            order_number=order_number_of(intent),
        )

    def unmatched_payments(self):
        intents = self.client().v1.payment_intents.list(params={"limit": 100})
        return [self.provider_status(intent) for intent in intents.auto_paging_iter() if intent.status == "succeeded"]
