"""Cash on delivery: the order is placed unpaid; each stall records the cash when it delivers."""

from django.utils.translation import gettext_lazy as _

from shop.payments.gateways.base import PaymentGateway, PaymentStart


class CashOnDelivery(PaymentGateway):
    code = "cod"
    name = _("Thanh toán khi nhận hàng (COD)")
    description = _("Trả tiền mặt cho người giao hàng của từng gian hàng khi nhận hàng.")
    online = False
    domestic_only = True  # the stalls' carriers collect cash in Vietnam only

    def start(self, payment, request):
        return PaymentStart()

    def refund(self, payment, amount, key):
        # Nothing was taken online; the cash not yet collected is simply not collected.
        return ""
