"""A buyer's complaint about one stall's part of an order, its photos, its thread of messages and its status log.

One complaint per stall order: the buyer, the stall and union staff continue the same thread rather than opening a
second one. Statuses change only through ``shop.complaints.workflow``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.review.models import StatusChange
from storefronts.models import private_storage


class Complaint(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Chờ gian hàng trả lời")
        ANSWERED = "answered", _("Gian hàng đã trả lời")
        ESCALATED = "escalated", _("Chờ Liên minh HTX quyết định")
        SETTLED = "settled", _("Người mua đã đồng ý với gian hàng")
        REFUNDED = "refunded", _("Đã hoàn tiền")
        RETURN_ACCEPTED = "return", _("Chấp nhận trả hàng")
        REJECTED = "rejected", _("Không được chấp nhận")

    class Reason(models.TextChoices):
        NOT_RECEIVED = "not_received", _("Chưa nhận được hàng")
        DAMAGED = "damaged", _("Hàng bị hư hỏng")
        WRONG_ITEM = "wrong_item", _("Giao sai hàng")
        NOT_AS_DESCRIBED = "not_as_described", _("Hàng không đúng mô tả")

    class Wanted(models.TextChoices):
        REFUND = "refund", _("Hoàn tiền")
        RETURN = "return", _("Trả hàng")
        REPLACEMENT = "replacement", _("Đổi hàng khác")

    stall_order = models.OneToOneField(
        "fulfilment.StallOrder", on_delete=models.PROTECT, related_name="complaint", verbose_name=_("Đơn của gian hàng")
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints"
    )
    reason = models.CharField(_("Vấn đề"), max_length=20, choices=Reason.choices)
    wanted = models.CharField(_("Mong muốn"), max_length=20, choices=Wanted.choices)
    status = models.CharField(_("Trạng thái"), max_length=20, choices=Status.choices, default=Status.OPEN)
    answer_due = models.DateTimeField(_("Hạn gian hàng trả lời"))
    refund_amount = models.PositiveBigIntegerField(_("Số tiền hoàn (đ)"), null=True, blank=True)
    refund = models.ForeignKey(
        "payments.Refund", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    refund_by_hand = models.BooleanField(_("Hoàn tiền thủ công"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["answer_due", "pk"]
        verbose_name = _("Khiếu nại")
        verbose_name_plural = _("Khiếu nại")
        permissions = [("decide_complaint", _("Giải quyết khiếu nại của người mua"))]

    def __str__(self):
        return f"#{self.pk} {self.stall_order}"

    @property
    def order(self):
        return self.stall_order.order

    @property
    def is_overdue(self):
        """The stall has not answered in time."""
        return self.status == self.Status.OPEN and self.answer_due < timezone.now()

    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES


CLOSED_STATUSES = (
    Complaint.Status.SETTLED,
    Complaint.Status.REFUNDED,
    Complaint.Status.RETURN_ACCEPTED,
    Complaint.Status.REJECTED,
)


def waiting_for_answer(storefront):
    """The stall's complaints still waiting for its answer (the seller centre's to-do list)."""
    return Complaint.objects.filter(stall_order__storefront=storefront, status=Complaint.Status.OPEN)


def photo_path(photo, filename):
    return f"complaints/{photo.complaint_id}/{filename}"


class ComplaintPhoto(models.Model):
    """A photo the buyer sent, checked and cleaned (shop.uploads.images) and kept out of public media."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=photo_path, storage=private_storage)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.image.name


class ComplaintMessage(models.Model):
    """One message of the thread: who wrote it (as which party), when, and what."""

    class Party(models.TextChoices):
        BUYER = "buyer", _("Người mua")
        STALL = "stall", _("Gian hàng")
        STAFF = "staff", _("Liên minh HTX")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    party = models.CharField(max_length=10, choices=Party.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    body = models.TextField(_("Nội dung"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.complaint_id} {self.party}"


class ComplaintStatusChange(StatusChange):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Complaint.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Complaint.Status.choices)
