from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FulfilmentConfig(AppConfig):
    """Checkout across stalls: shipping per stall, placing the order, and each stall's share of it."""

    name = "shop.fulfilment"
    label = "fulfilment"
    verbose_name = _("Đơn hàng theo gian hàng")
    default_auto_field = "django.db.models.BigAutoField"
