"""VNPay (payment API v2.1.0): the buyer pays on VNPay's page (ATM card, bank QR) and comes back; VNPay's IPN says so.

The redirect and every message back are signed with HMAC-SHA512 over the ``vnp_*`` parameters sorted by name, each
``key=value`` URL-encoded with ``quote_plus`` as VNPay's own samples do. The IPN (a GET to /payments/webhook/vnpay/,
whose URL is set in VNPay's merchant portal) is authoritative and answers VNPay's JSON protocol: RspCode "00" done,
"01" order not found, "02" already confirmed (also for a repeated IPN), "04" wrong amount. A missing or bad
signature changes nothing and is answered with HTTP 400 carrying RspCode "97": our rule for every provider is 400 for
an unverifiable notice, and the body still tells VNPay what went wrong. The buyer's return is verified the same way;
a verified success or failure is recorded too (both paths are idempotent), then the buyer sees their order.

vnp_TxnRef is the order number, so VNPay's "unique within a day" rule means a buyer who fails and retries the same
day may be refused by VNPay. Refunds (a separately signed JSON API) and status queries are not implemented yet:
``refund`` raises GatewayError and ``status`` returns None.
"""

import hashlib
import hmac
import logging
from datetime import timedelta
from urllib.parse import quote_plus, urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shop.payments import services
from shop.payments.gateways.base import GatewayError, InvalidNotification, PaymentGateway, PaymentStart
from shop.payments.models import Payment

logger = logging.getLogger(__name__)

VERSION = "2.1.0"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
EXPIRES_AFTER = timedelta(minutes=15)
SIGNATURE_FIELDS = ("vnp_SecureHash", "vnp_SecureHashType")
SUCCESS = "00"


def sign(params, secret):
    """HMAC-SHA512 (hex) of the sorted ``vnp_*`` parameters, signature fields left out."""
    data = "&".join(
        f"{key}={quote_plus(str(value))}"
        for key, value in sorted(params.items())
        if key.startswith("vnp_") and key not in SIGNATURE_FIELDS
    )
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def verified(params, secret):
    """The parameters as a plain dict if their signature checks out, else InvalidNotification."""
    params = dict(params.items())
    given = params.get("vnp_SecureHash", "")
    if not given or not secret or not hmac.compare_digest(given.lower(), sign(params, secret)):
        raise InvalidNotification("VNPay signature does not match")
    return params


def vnpay_time(moment):
    return moment.astimezone(VIETNAM).strftime("%Y%m%d%H%M%S")


def succeeded(params):
    return params.get("vnp_ResponseCode") == SUCCESS and params.get("vnp_TransactionStatus") == SUCCESS


def amount_of(params):
    """The amount VNPay reports, in đồng (it counts hundredths), or None when it is not a whole number of đồng."""
    try:
        hundredths = int(params.get("vnp_Amount", ""))
    except ValueError:
        return None
    return hundredths // 100 if hundredths % 100 == 0 else None


def answer(code, message, status=200):
    return JsonResponse({"RspCode": code, "Message": message}, status=status)


class VNPay(PaymentGateway):
    code = "vnpay"
    name = gettext_lazy("VNPay (thẻ ATM, QR ngân hàng)")
    description = gettext_lazy("Thanh toán trên trang của VNPay bằng thẻ ATM nội địa hoặc mã QR của ngân hàng.")

    @classmethod
    def is_configured(cls):
        return bool(settings.VNPAY_TMN_CODE and settings.VNPAY_HASH_SECRET)

    def start(self, payment, request):
        now = timezone.now()
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": settings.VNPAY_TMN_CODE,
            "vnp_Amount": payment.amount * 100,
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": payment.order_number,
            "vnp_OrderInfo": f"Thanh toan don hang {payment.order_number}",
            "vnp_OrderType": "other",
            "vnp_Locale": "vn" if translation.get_language() == "vi" else "en",
            "vnp_ReturnUrl": request.build_absolute_uri(reverse("payments:return", kwargs={"code": self.code})),
            "vnp_IpAddr": request.META.get("REMOTE_ADDR", ""),
            "vnp_CreateDate": vnpay_time(now),
            "vnp_ExpireDate": vnpay_time(now + EXPIRES_AFTER),
        }
        signature = sign(params, settings.VNPAY_HASH_SECRET)
        query = urlencode(sorted(params.items()), quote_via=quote_plus)
        return PaymentStart(redirect_url=f"{settings.VNPAY_PAYMENT_URL}?{query}&vnp_SecureHash={signature}")

    def payment_for(self, params):
        return (
            Payment.objects.filter(method=self.code, order_number=params.get("vnp_TxnRef", ""))
            .exclude(order=None)
            .select_related("order")
            .first()
        )

    def handle_return(self, request):
        params = verified(request.GET, settings.VNPAY_HASH_SECRET)
        payment = self.payment_for(params)
        if payment is None:
            raise InvalidNotification("unknown vnp_TxnRef")
        reference = params.get("vnp_TransactionNo", "")
        if succeeded(params):
            try:
                services.record_success(payment, amount_of(params) or 0, reference)
            except services.AmountMismatch as error:
                raise InvalidNotification("amount does not match the order") from error
        else:
            services.record_failure(payment)
        return payment

    def handle_webhook(self, request):
        """VNPay's IPN; see the module docstring for the answers."""
        try:
            params = verified(request.GET, settings.VNPAY_HASH_SECRET)
        except InvalidNotification:
            return answer("97", "Invalid signature", status=400)
        payment = self.payment_for(params)
        if payment is None:
            return answer("01", "Order not found")
        if amount_of(params) != payment.amount:
            return answer("04", "Invalid amount")
        if payment.status in (Payment.Status.SUCCEEDED, Payment.Status.REFUNDED):
            return answer("02", "Order already confirmed")
        event_id = f"{params['vnp_TxnRef']}:{params.get('vnp_TransactionNo', '')}"
        kind = f"ipn:{params.get('vnp_ResponseCode', '')}:{params.get('vnp_TransactionStatus', '')}"
        try:
            with transaction.atomic():
                if not services.first_time(self.code, event_id, kind):
                    return answer("02", "Order already confirmed")
                if succeeded(params):
                    services.record_success(payment, payment.amount, params.get("vnp_TransactionNo", ""))
                else:
                    services.record_failure(payment)
        except GatewayError:
            # Paid after its order was cancelled, and the refund could not be made: nothing is kept, VNPay retries.
            logger.error(
                "VNPay paid order %s after it was cancelled; refund it in VNPay's portal", payment.order_number
            )
            return answer("99", "Unknown error")
        return answer("00", "Confirm Success")

    def refund(self, payment, amount, key):
        raise GatewayError(
            _("Chưa hoàn được tiền qua VNPay tự động; cán bộ Liên minh HTX sẽ hoàn tiền qua cổng quản trị VNPay.")
        )
