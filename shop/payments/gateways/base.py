"""The one interface every payment method implements.

Checkout asks a gateway to ``start`` a payment for an order's Payment row and sends the buyer where it says (a
provider's page, or our page that shows a card form or a transfer QR). The provider tells us the outcome twice, and
both paths end in the same service functions (shop.payments.services), which are safe to call more than once: the
buyer's ``handle_return`` and the provider's signed ``handle_webhook`` (an IPN for VNPay). ``refund`` gives back
the whole payment or one stall's share; ``status`` asks the provider what it knows now (used by reconciliation).

Adding a method means one subclass here and its dotted path in settings.PAYMENT_GATEWAYS.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse

from shop.payments.error_codes import PaymentErrorCode
from shop.service_errors import ServiceError


class GatewayError(ServiceError):
    """The provider refused or could not be reached; ``message`` is safe to show the buyer."""

    code = PaymentErrorCode.GATEWAY_UNAVAILABLE


class InvalidNotification(Exception):
    """A webhook / IPN / return whose signature, timestamp or content does not check out: answered with 400."""


@dataclass
class PaymentStart:
    """Where the buyer goes next: a provider URL to redirect to, or a client secret for our card page."""

    redirect_url: str = ""
    client_secret: str = ""


@dataclass
class ProviderStatus:
    """What the provider says of a payment: its status (a Payment.Status value), amount and reference."""

    status: str
    amount: int
    reference: str
    order_number: str = ""


class PaymentGateway:
    code = ""
    name = ""
    description = ""
    # Offline methods (cash on delivery, bank transfer) leave the order placed but unpaid until someone records
    # the money; online ones wait for the provider.
    online = True
    # Methods that need someone at the door in Vietnam (cash on delivery) are refused for an address abroad.
    domestic_only = False

    @classmethod
    def is_configured(cls):
        return True

    @property
    def timeout_minutes(self):
        """How long an order waits for this method's payment before reconciliation gives it up."""
        return settings.PAYMENT_TIMEOUT_MINUTES

    def start(self, payment, request):
        """Begin paying ``payment`` (a pending Payment); return a PaymentStart."""
        raise NotImplementedError

    def page_context(self):
        """Extra context for our own payment page (templates/payments/<code>.html)."""
        return {}

    def page_content_security(self):
        """Sources our payment page needs beyond the site's Content-Security-Policy (shop/content_security.py)."""
        return None

    def handle_return(self, request):
        """The buyer is back from the provider: verify what they bring and return the Payment it concerns."""
        raise InvalidNotification("this method has no return step")

    def handle_webhook(self, request):
        """A provider's server-to-server notice; return the HttpResponse the provider expects."""
        return HttpResponse(status=404)

    def refund(self, payment, amount, key):
        """Give ``amount`` đồng of ``payment`` back; ``key`` is the same for a retry of the same refund, so a
        provider that supports idempotency keys refunds once. Return the provider's refund reference."""
        raise NotImplementedError

    def status(self, payment):
        """Ask the provider about ``payment``; return a ProviderStatus (or None when it cannot be asked)."""
        return None

    def unmatched_payments(self):
        """Succeeded provider payments as ProviderStatus rows, for reconciliation; offline methods have none."""
        return []
