from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StorefrontsConfig(AppConfig):
    name = "storefronts"
    verbose_name = _("Hợp tác xã và gian hàng")
