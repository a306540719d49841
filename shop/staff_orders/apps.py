from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffOrdersConfig(AppConfig):
    name = "shop.staff_orders"
    label = "staff_orders"
    verbose_name = _("Đơn hàng (cán bộ)")
