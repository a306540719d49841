"""A takedown case: the reports and authority requests about one listing (a product, or a whole stall), what union
staff decided and what the stall answered."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.review.models import StatusChange


@dataclass(frozen=True)
class Clock:
    overdue: bool
    hours: int
    minutes: int


# The law's time limit: violating goods removed within 24 hours of a competent authority's request.
TIME_LIMIT = timedelta(hours=24)


class Takedown(models.Model):
    """One listing under question. Reports about a listing join its active case; once the case is dismissed or the
    listing restored, a new report opens a new case."""

    class Kind(models.TextChoices):
        PRODUCT = "product", _("Sản phẩm")
        STALL = "stall", _("Cả gian hàng")

    class Status(models.TextChoices):
        OPEN = "open", _("Chờ xử lý")
        DISMISSED = "dismissed", _("Không vi phạm, đã đóng")
        TAKEN_DOWN = "taken_down", _("Đã gỡ xuống")
        REVIEW_REQUESTED = "review_requested", _("Gian hàng đã sửa, chờ xem lại")
        RESTORED = "restored", _("Đã khôi phục")
        KEPT_DOWN = "kept_down", _("Giữ nguyên việc gỡ")

    ACTIVE = (Status.OPEN, Status.TAKEN_DOWN, Status.REVIEW_REQUESTED, Status.KEPT_DOWN)
    WAITING = (Status.OPEN, Status.REVIEW_REQUESTED)  # staff have something to decide
    DOWN = (Status.TAKEN_DOWN, Status.REVIEW_REQUESTED, Status.KEPT_DOWN)  # the listing is off the market
    SEEN_BY_STALL = DOWN + (Status.RESTORED,)  # an open or dismissed case is not the stall's business

    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices)
    storefront = models.ForeignKey(
        "storefronts.Storefront", verbose_name=_("Gian hàng"), on_delete=models.CASCADE, related_name="takedowns"
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Sản phẩm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="takedowns",
    )
    listing_title = models.CharField(_("Tên sản phẩm / gian hàng"), max_length=255)
    status = models.CharField(_("Trạng thái"), max_length=20, choices=Status.choices, default=Status.OPEN)
    # The 24-hour clock runs from the earliest arrival: the first report or an authority's request, whichever came first.
    clock_started_at = models.DateTimeField(_("Tính giờ từ"), default=timezone.now, db_index=True)
    was_public = models.BooleanField(default=False)  # the product was on sale when it was taken down
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["clock_started_at", "pk"]
        verbose_name = _("Hồ sơ gỡ sản phẩm")
        verbose_name_plural = _("Hồ sơ gỡ sản phẩm")
        permissions = [("handle_takedown", _("Xử lý báo cáo vi phạm, gỡ và khôi phục sản phẩm, gian hàng"))]
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(kind="product", status__in=["open", "taken_down", "review_requested", "kept_down"]),
                name="one_active_takedown_per_product",
            ),
            models.UniqueConstraint(
                fields=["storefront"],
                condition=models.Q(kind="stall", status__in=["open", "taken_down", "review_requested", "kept_down"]),
                name="one_active_takedown_per_stall",
            ),
        ]

    def __str__(self):
        return self.listing_title

    @property
    def deadline(self):
        return self.clock_started_at + TIME_LIMIT

    @property
    def clock(self):
        """The 24-hour clock as staff read it: time left, or how long past the deadline (``overdue``)."""
        left = self.deadline - timezone.now()
        minutes = int(abs(left).total_seconds() // 60)
        return Clock(overdue=left < timedelta(0), hours=minutes // 60, minutes=minutes % 60)

    @property
    def is_down(self):
        return self.status in self.DOWN


class TakedownChange(StatusChange):
    """One step of a case: who took it, when, from which status to which, and why."""

    takedown = models.ForeignKey(Takedown, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=Takedown.Status.choices)
    to_status = models.CharField(max_length=20, choices=Takedown.Status.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("Lịch sử hồ sơ gỡ sản phẩm")
        verbose_name_plural = _("Lịch sử hồ sơ gỡ sản phẩm")


class Report(models.Model):
    """What a visitor (signed in or not) reported about a listing."""

    class Reason(models.TextChoices):
        COUNTERFEIT = "counterfeit", _("Hàng giả, hàng nhái")
        BANNED = "banned", _("Hàng cấm kinh doanh")
        FALSE_OCOP = "false_ocop", _("Gắn sao OCOP sai sự thật")
        WRONG_ORIGIN = "wrong_origin", _("Sai xuất xứ, không rõ nguồn gốc")
        OTHER = "other", _("Lý do khác")

    takedown = models.ForeignKey(Takedown, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("Lý do báo cáo"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("Mô tả"), blank=True)
    contact_email = models.EmailField(_("Thư điện tử liên hệ"), blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Báo cáo vi phạm")
        verbose_name_plural = _("Báo cáo vi phạm")

    def __str__(self):
        return f"{self.get_reason_display()}: {self.takedown}"


class AuthorityRequest(models.Model):
    """A competent authority's written request to remove the listing; the legal 24 hours run from its receipt."""

    takedown = models.ForeignKey(Takedown, on_delete=models.CASCADE, related_name="authority_requests")
    authority = models.CharField(_("Cơ quan yêu cầu"), max_length=200)
    document_number = models.CharField(_("Số văn bản"), max_length=100)
    received_at = models.DateTimeField(_("Nhận lúc"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("Yêu cầu của cơ quan có thẩm quyền")
        verbose_name_plural = _("Yêu cầu của cơ quan có thẩm quyền")

    def __str__(self):
        return f"{self.authority} – {self.document_number}"


class RemovedBasketLine(models.Model):
    """A basket line a takedown removed, kept until its buyer has been told (on their basket page)."""

    basket = models.ForeignKey("basket.Basket", on_delete=models.CASCADE, related_name="+")
    takedown = models.ForeignKey(Takedown, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.title
