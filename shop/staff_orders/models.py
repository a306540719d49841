"""The permission union staff act through on orders. Its own app and a proxy of StallOrder (no table) keep it off
shop.fulfilment's migrations."""

from django.utils.translation import gettext_lazy as _

from shop.fulfilment.models import StallOrder

MANAGE_PERMISSION = "staff_orders.manage_orders"


class StaffOrderAccess(StallOrder):
    class Meta:
        proxy = True
        default_permissions = ()
        permissions = [("manage_orders", _("Xem mọi đơn hàng, hủy và hoàn tiền phần đơn của gian hàng"))]
        verbose_name = _("Đơn của gian hàng")
        verbose_name_plural = _("Đơn của gian hàng")
