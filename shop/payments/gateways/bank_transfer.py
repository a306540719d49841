"""Bank transfer by VietQR: placeholder until the VietQR payload is built (see shop/payments/vietqr.py)."""

from django.utils.translation import gettext_lazy as _

from shop.payments.gateways.base import PaymentGateway, PaymentStart


class BankTransfer(PaymentGateway):
    code = "bank_transfer"
    name = _("Chuyển khoản ngân hàng (VietQR)")
    online = True

    @classmethod
    def is_configured(cls):
        return bool(  # placeholder: not offered yet
            False and settings.BANK_TRANSFER_BIN and settings.BANK_TRANSFER_ACCOUNT
        )

    def start(self, payment, request):
        return PaymentStart()
