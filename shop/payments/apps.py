from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Payment gateways behind one interface, the payments they record and the provider events they received."""

    name = "shop.payments"
    label = "payments"
    verbose_name = _("Thanh toán")
    default_auto_field = "django.db.models.BigAutoField"
