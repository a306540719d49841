"""Each stall's share of an order, how it ships, and what the buyer told us at checkout.

An Oscar order is the buyer's one order; a StallOrder is the part of it one stall fulfils (its lines, its shipping,
its status). The buyer sees one order with a status per stall; a stall sees and changes only its own StallOrders.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.fulfilment.regions import region_of

MAX_HANDOVER_DAYS = 30


class ShippingPolicy(models.Model):
    """How a stall charges for delivery: a flat rate within its region, another to the rest of Vietnam, optionally
    abroad; free over a threshold the stall sets; pickup at the cooperative if it allows it; how many days it takes
    to hand a parcel to the carrier.

    A stall sets its own on its shipping screen (/<lang>/my-stall/shipping/) and cannot put a product on sale before
    it has saved one (catalog.products.publish_problems): the field defaults are only the suggestion that screen
    starts from, never a fee charged without the stall's say. Stalls that sold before the screen existed had those
    defaults saved as their policy (migration 0002), so what their buyers were charged is now on record and editable.
    """

    storefront = models.OneToOneField(
        "storefronts.Storefront", on_delete=models.CASCADE, related_name="shipping_policy", verbose_name=_("Gian hàng")
    )
    rate_in_region = models.PositiveIntegerField(_("Phí giao trong miền (đ)"), default=25_000)
    rate_other_regions = models.PositiveIntegerField(_("Phí giao liên miền (đ)"), default=40_000)
    rate_abroad = models.PositiveIntegerField(
        _("Phí giao ra nước ngoài (đ)"), null=True, blank=True, help_text=_("Để trống nếu không giao ra nước ngoài.")
    )
    free_over = models.PositiveIntegerField(
        _("Miễn phí giao khi đơn từ (đ)"), null=True, blank=True, help_text=_("Để trống nếu không miễn phí.")
    )
    allows_pickup = models.BooleanField(_("Cho phép nhận tại hợp tác xã"), default=True)
    handover_days = models.PositiveSmallIntegerField(
        _("Số ngày chuẩn bị hàng"),
        default=2,
        validators=[MaxValueValidator(MAX_HANDOVER_DAYS)],
        help_text=_("Số ngày từ khi xác nhận đơn tới khi giao hàng cho đơn vị vận chuyển."),
    )

    class Meta:
        verbose_name = _("Chính sách giao hàng")
        verbose_name_plural = _("Chính sách giao hàng")

    def __str__(self):
        return str(self.storefront)

    @property
    def lowest_rate(self):
        """The least a delivery within Vietnam costs (before any free-shipping threshold)."""
        return min(self.rate_in_region, self.rate_other_regions)

    @property
    def delivers_abroad(self):
        return self.rate_abroad is not None

    def delivery_rate(self, province, abroad):
        """The flat rate to a province of Vietnam (or abroad); None when the stall does not deliver there."""
        if abroad:
            return self.rate_abroad
        origin = region_of(self.storefront.cooperative.province)
        return self.rate_in_region if origin and origin == region_of(province) else self.rate_other_regions


class StallOrder(models.Model):
    """One stall's part of an order."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xác nhận")
        CONFIRMED = "confirmed", _("Đã xác nhận")
        SHIPPED = "shipped", _("Đang giao")
        DELIVERED = "delivered", _("Đã giao")
        CANCELLED = "cancelled", _("Đã hủy")

    class Shipping(models.TextChoices):
        DELIVERY = "delivery", _("Giao hàng tận nơi")
        PICKUP = "pickup", _("Nhận tại hợp tác xã")

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="stall_orders")
    storefront = models.ForeignKey(
        "storefronts.Storefront", on_delete=models.PROTECT, related_name="stall_orders", verbose_name=_("Gian hàng")
    )
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    shipping = models.CharField(_("Cách nhận hàng"), max_length=16, choices=Shipping.choices)
    shipping_charge = models.PositiveIntegerField(_("Phí giao hàng (đ)"), default=0)
    items_total = models.PositiveIntegerField(_("Tiền hàng (đ)"), default=0)
    tracking_number = models.CharField(_("Mã vận đơn"), max_length=64, blank=True)
    cancel_reason = models.TextField(_("Lý do hủy"), blank=True)
    cash_collected_at = models.DateTimeField(_("Đã thu tiền mặt lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order_id", "storefront_id"]
        constraints = [models.UniqueConstraint(fields=["order", "storefront"], name="one_stall_order_per_stall")]
        verbose_name = _("Đơn của gian hàng")
        verbose_name_plural = _("Đơn của gian hàng")

    def __str__(self):
        return f"{self.order.number} / {self.storefront}"

    @property
    def total(self):
        return self.items_total + self.shipping_charge

    @property
    def is_open(self):
        return self.status not in (self.Status.DELIVERED, self.Status.CANCELLED)

    def lines(self):
        """The order lines this stall sells (the lines' partner is the stall's Oscar partner)."""
        return self.order.lines.filter(partner_id=self.storefront.partner_id)


class StallOrderEvent(models.Model):
    """Who moved a stall's order from which status to which, when and why."""

    stall_order = models.ForeignKey(StallOrder, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=StallOrder.Status.choices)
    to_status = models.CharField(max_length=16, choices=StallOrder.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.stall_order}: {self.from_status} → {self.to_status}"


class BuyerContact(models.Model):
    """What the buyer gave at checkout besides the address: how to reach them and the language they shop in."""

    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="buyer_contact")
    email = models.EmailField(_("Thư điện tử"))
    phone = models.CharField(_("Số điện thoại"), max_length=32)
    language = models.CharField(max_length=10, default="vi")
    note = models.TextField(_("Ghi chú cho người bán"), blank=True)

    def __str__(self):
        return self.email
