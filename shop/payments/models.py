"""What was paid, through which gateway, and which provider events we have already acted on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    """One order's payment through one gateway.

    ``order`` is empty only for money a provider reports that matches no order (found by reconciliation, then
    refunded); ``order_number`` is the reference the provider knows either way.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ thanh toán")
        SUCCEEDED = "succeeded", _("Đã thanh toán")
        FAILED = "failed", _("Thanh toán không thành công")
        CANCELLED = "cancelled", _("Đã hủy")
        REFUNDED = "refunded", _("Đã hoàn tiền")

    order = models.OneToOneField(
        "order.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="marketplace_payment"
    )
    order_number = models.CharField(_("Mã đơn hàng"), max_length=128, db_index=True)
    method = models.CharField(_("Phương thức"), max_length=32)
    reference = models.CharField(_("Mã giao dịch"), max_length=255, blank=True)
    amount = models.PositiveBigIntegerField(_("Số tiền (đ)"))
    amount_refunded = models.PositiveBigIntegerField(_("Đã hoàn (đ)"), default=0)
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    paid_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["method", "reference"], condition=~models.Q(reference=""), name="one_payment_per_reference"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_refunded__lte=models.F("amount")), name="refund_within_payment"
            ),
        ]
        verbose_name = _("Thanh toán")
        verbose_name_plural = _("Thanh toán")
        permissions = [("confirm_transfer", _("Xác nhận đã nhận tiền chuyển khoản"))]

    def __str__(self):
        return f"{self.method} {self.order_number} {self.status}"

    @property
    def refundable(self):
        return self.amount - self.amount_refunded if self.status == self.Status.SUCCEEDED else 0


class Refund(models.Model):
    """Money given back: the whole payment or one stall's share of it."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    stall_order = models.ForeignKey(
        "fulfilment.StallOrder", null=True, blank=True, on_delete=models.PROTECT, related_name="refunds"
    )
    amount = models.PositiveBigIntegerField()
    reference = models.CharField(max_length=255, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["payment", "stall_order"],
                condition=models.Q(stall_order__isnull=False),
                name="one_refund_per_stall_order",
            )
        ]

    def __str__(self):
        return f"{self.payment.order_number}: {self.amount}"


class ProviderEvent(models.Model):
    """A webhook or IPN a provider sent, stored once by its id so that a repeat changes nothing."""

    provider = models.CharField(max_length=32)
    event_id = models.CharField(max_length=255)
    kind = models.CharField(max_length=128)
    created_by_provider_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="one_event_per_provider_id")]

    def __str__(self):
        return f"{self.provider} {self.event_id}"
