from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TakedownsConfig(AppConfig):
    name = "shop.takedowns"
    label = "takedowns"
    verbose_name = _("Báo cáo vi phạm và gỡ sản phẩm")
