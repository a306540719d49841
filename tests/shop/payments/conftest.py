"""Payments against real (fake) providers over loopback HTTP; nothing of ours is mocked.

Stripe: localstripe (PyPI), a stateful fake Stripe API, is started once per test session (once per xdist worker) on a
free loopback port and emptied before each test, so no test sees another's intents. If it cannot start, every test
that needs it fails with the reason; none is skipped. Webhooks are signed the way Stripe signs them
(``t=<timestamp>,v1=<HMAC-SHA256 of "<timestamp>.<body>">`` with the endpoint's secret) and checked by our code with
the real ``stripe`` library.

The two stalls, their products and owners are the checkout tests' fixtures (tests/shop/checkout/conftest.py).
"""

import contextlib
import hashlib
import hmac
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest
import stripe
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments.models import Payment

# The checkout tests' fixtures, imported so that pytest finds them here too (hence the noqa F401 / F811).
from tests.shop.checkout.conftest import (  # noqa: F401
    add_to_basket,
    check_out,
    honey,
    honey_owner,
    honey_stall,
    tea,
    tea_owner,
    tea_stall,
)

Order = get_model("order", "Order")

STRIPE_SECRET_KEY = "sk_test_chohtx_localstripe"
STRIPE_PUBLISHABLE_KEY = "pk_test_chohtx_localstripe"
STRIPE_WEBHOOK_SECRET = "whsec_test_chohtx_localstripe"
# Stripe's test cards. localstripe 1.15.10 declines 4000000000000002 only when it is attached to a customer, not when
# an intent is confirmed with it; 4000000000000341 ("attaches, then every charge is declined") is its card that fails
# at confirmation, as 4000000000000002 does on the real Stripe.
CARD_OK = "4242424242424242"
CARD_DECLINED = "4000000000000341"

LOCALSTRIPE_START_SECONDS = 20


# --- localstripe, the fake Stripe API ------------------------------------------------------------------------------


def free_loopback_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url):
    try:
        with urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@pytest.fixture(scope="session")
def localstripe_url(tmp_path_factory):
    """The address of a localstripe server started for this session; stopped when the session ends."""
    port = free_loopback_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("localstripe") / "localstripe.log"
    with open(log_path, "w") as log:
        try:
            server = subprocess.Popen(
                [sys.executable, "-m", "localstripe", "--port", str(port), "--from-scratch"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        except OSError as error:
            pytest.fail(f"localstripe could not start ({error}); it is pinned in requirements.txt", pytrace=False)
    try:
        deadline = time.monotonic() + LOCALSTRIPE_START_SECONDS
        while not answers(url):
            if server.poll() is not None:
                pytest.fail(
                    f"localstripe exited (code {server.returncode}) before answering on {url}; its output:\n"
                    f"{log_path.read_text()}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"localstripe did not answer on {url} within {LOCALSTRIPE_START_SECONDS} s; its output:\n"
                    f"{log_path.read_text()}",
                    pytrace=False,
                )
            time.sleep(0.05)  # waiting for a process to open its port, not for the code under test
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


class LocalStripe:
    """What a test does on Stripe's side: read intents and refunds, and pay the way Stripe.js would."""

    def __init__(self, url):
        self.url = url
        self.client = stripe.StripeClient(STRIPE_SECRET_KEY, base_addresses={"api": url}, max_network_retries=0)

    def flush(self):
        request = urllib.request.Request(f"{self.url}/_config/data", method="DELETE")
        with urllib.request.urlopen(request, timeout=5):
            pass

    def intent(self, intent_id):
        return self.client.v1.payment_intents.retrieve(intent_id)

    def intents(self):
        return list(self.client.v1.payment_intents.list(params={"limit": 100}).auto_paging_iter())

    def pay(self, intent_id, card=CARD_OK):
        """What Stripe.js's confirmCardPayment does with the card typed on our page; returns the intent after it.

        localstripe cannot confirm with a payment method in the same call, so the card's PaymentMethod is set on the
        intent first and the intent confirmed after.
        """
        method = self.client.v1.payment_methods.create(
            params={"type": "card", "card": {"number": card, "exp_month": 12, "exp_year": 2030, "cvc": "123"}}
        )
        self.client.v1.payment_intents.update(intent_id, params={"payment_method": method.id})
        with contextlib.suppress(stripe.CardError):  # Stripe.js shows the decline on the page; the intent keeps it
            self.client.v1.payment_intents.confirm(intent_id)
        return self.intent(intent_id)

    def paid_intent(self, amount, order_number):
        """Money taken outside our checkout (e.g. the order's transaction was lost after Stripe charged)."""
        return self.client.v1.payment_intents.create(
            params={
                "amount": amount,
                "currency": "vnd",
                "payment_method": "pm_card_visa",
                "confirm": True,
                "metadata": {"order_number": order_number},
            }
        )

    def refunds(self, intent_id):
        if self.intent(intent_id).latest_charge is None:
            return []  # localstripe answers 500 where Stripe lists no refunds for an intent never charged
        return list(self.client.v1.refunds.list(params={"payment_intent": intent_id}).auto_paging_iter())

    def event(self, intent_id, kind):
        """The event localstripe itself wrote when the intent changed (what it would post to a webhook)."""
        events = self.client.v1.events.list(params={"type": kind, "limit": 100}).auto_paging_iter()
        matching = [event for event in events if event.data.object.id == intent_id]
        assert len(matching) == 1, f"localstripe wrote {len(matching)} {kind} events for {intent_id}"
        return matching[0].to_dict()


@pytest.fixture
def localstripe(localstripe_url, settings):
    """Our Stripe settings pointed at an empty localstripe; the card method is offered at checkout."""
    settings.STRIPE_SECRET_KEY = STRIPE_SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = STRIPE_PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"  # localstripe's stand-in for Stripe.js
    server = LocalStripe(localstripe_url)
    server.flush()
    return server


# --- Stripe's webhook signatures ------------------------------------------------------------------------------------


def stripe_signature(body, secret=STRIPE_WEBHOOK_SECRET, timestamp=None):
    """The Stripe-Signature header Stripe sends with ``body`` (bytes): ``t=<unix time>,v1=<hex HMAC-SHA256>``."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post_stripe_event(client, event, *, signature=None, body=None):
    """Post ``event`` (a dict) to our Stripe webhook, signed with the test secret unless ``signature`` is given
    (``""`` sends no header); ``body`` replaces the bytes sent after signing."""
    payload = json.dumps(event).encode()
    headers = {}
    if signature is None:
        signature = stripe_signature(payload)
    if signature:
        headers["HTTP_STRIPE_SIGNATURE"] = signature
    return client.post(
        reverse("payments-webhooks:webhook", kwargs={"code": "stripe"}),
        data=payload if body is None else body,
        content_type="application/json",
        **headers,
    )


def intent_event(intent, kind, event_id):
    """A Stripe event of ``kind`` about ``intent`` (as localstripe reports it now), e.g. to replay out of order."""
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": intent.to_dict()},
    }


# --- A buyer's card order ----------------------------------------------------------------------------------------


@dataclass
class CardOrder:
    order: object
    pay_page: object  # the response to the pay page, where Stripe.js takes the card
    intent_id: str
    client_secret: str

    @property
    def payment(self):
        return Payment.objects.get(order=self.order)

    def refresh(self):
        self.order.refresh_from_db()
        return self


def return_from_stripe(client, intent_id, client_secret):
    """Stripe.js sends the buyer back to our return URL after confirming the card."""
    return client.get(
        reverse("payments:return", kwargs={"code": "stripe"}),
        {"payment_intent": intent_id, "payment_intent_client_secret": client_secret},
    )


def new_order_recipients():
    """Who was told of a new order to prepare (the stall owners, each in their language)."""
    return sorted(
        address
        for message in mail.outbox
        if message.subject.startswith(("Đơn hàng mới", "New order"))
        for address in message.to
    )


@pytest.fixture
def card_order(client, honey, tea, honey_owner, tea_owner, localstripe, django_capture_on_commit_callbacks):  # noqa: F811
    """A buyer ordered 2 honey (Cà Mau) and 1 tea (Lào Cai) to Hà Nội, chose card payment and reached the pay page.

    Total: 2 × 185 000 + 240 000 + shipping 40 000 + 25 000 = 675 000 đ.
    """
    add_to_basket(client, honey, 2)
    add_to_basket(client, tea)
    with django_capture_on_commit_callbacks(execute=True):
        placed = check_out(client, [honey.storefront, tea.storefront], method="stripe")
    order = Order.objects.get()
    assert placed.status_code == 302
    assert placed.url == reverse("payments:pay", kwargs={"number": order.number})
    pay_page = client.get(placed.url)
    assert pay_page.status_code == 200, pay_page.content.decode()[:2000]
    payment = Payment.objects.get(order=order)
    return CardOrder(order, pay_page, payment.reference, pay_page.context["start"].client_secret)


@pytest.fixture
def paid_card_order(client, card_order, localstripe, django_capture_on_commit_callbacks):
    """The card order above, paid: Stripe took the card and the buyer came back to us."""
    localstripe.pay(card_order.intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        response = return_from_stripe(client, card_order.intent_id, card_order.client_secret)
    assert response.status_code == 302
    assert card_order.refresh().order.status == "placed"
    return card_order
