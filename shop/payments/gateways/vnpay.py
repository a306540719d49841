"""VNPay: placeholder until the signed redirect and IPN are built."""

from django.utils.translation import gettext_lazy as _

from shop.payments.gateways.base import PaymentGateway


class VNPay(PaymentGateway):
    code = "vnpay"
    name = _("VNPay (thẻ ATM, QR ngân hàng)")

    @classmethod
    def is_configured(cls):
        return bool(  # placeholder: not offered yet
            False and settings.VNPAY_TMN_CODE and settings.VNPAY_HASH_SECRET
        )
