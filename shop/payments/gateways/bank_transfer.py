"""Bank transfer by VietQR to the marketplace's account (settings.BANK_TRANSFER_*).

The buyer scans the QR (or types the account, amount and content by hand) in their banking app; the order waits for
the money like any online payment. No bank tells us it arrived, so a person does: union staff holding
``payments.confirm_transfer``, or a member of a stall in the order, presses "money received"
(shop.payments.dashboard_views), which ends in services.record_success like every other gateway.

Refunds cannot be sent from here: ``refund`` returns an empty reference, so the Refund row is written and the
payment counts as refunded, and the row (listed on the staff transfers page) is the to-do for staff who send the
money back from the bank by hand. Raising instead would block a stall's cancellation, or the recording of money
that arrived after its order was cancelled, until someone had paid it back.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shop.payments import vietqr
from shop.payments.gateways.base import PaymentGateway, PaymentStart


@dataclass
class Transfer:
    """What the buyer's banking app needs, as the page shows it."""

    bin_code: str
    bank_name: str
    account: str
    account_name: str
    amount: int
    content: str

    @property
    def payload(self):
        return vietqr.payload(self.bin_code, self.account, self.amount, self.content)


def transfer_for(payment):
    return Transfer(
        bin_code=settings.BANK_TRANSFER_BIN,
        bank_name=vietqr.BANKS.get(settings.BANK_TRANSFER_BIN, ""),
        account=settings.BANK_TRANSFER_ACCOUNT,
        account_name=settings.BANK_TRANSFER_ACCOUNT_NAME,
        amount=payment.amount,
        content=vietqr.transfer_content(payment.order_number),
    )


class BankTransfer(PaymentGateway):
    code = "bank_transfer"
    name = gettext_lazy("Chuyển khoản ngân hàng (VietQR)")
    description = gettext_lazy(
        "Quét mã VietQR bằng ứng dụng ngân hàng; gian hàng chuẩn bị hàng khi đã xác nhận nhận được tiền."
    )
    online = True

    transfer = None

    @classmethod
    def is_configured(cls):
        return bool(settings.BANK_TRANSFER_BIN and settings.BANK_TRANSFER_ACCOUNT)

    @property
    def timeout_minutes(self):
        # A transfer is made from a banking app, maybe the next morning, and confirmed by a person.
        return settings.BANK_TRANSFER_TIMEOUT_HOURS * 60

    def start(self, payment, request):
        # Nothing to ask anyone: remember the transfer for page_context (each request gets its own gateway).
        self.transfer = transfer_for(payment)
        return PaymentStart()

    def page_context(self):
        if self.transfer is None:
            return {}
        return {
            "transfer": self.transfer,
            "qr_svg": vietqr.svg(self.transfer.payload, title=_("Mã VietQR để chuyển khoản")),
            "payment_timeout_minutes": self.timeout_minutes,
        }

    def refund(self, payment, amount, key):
        # Sent back by hand by staff; see the module docstring.
        return ""
