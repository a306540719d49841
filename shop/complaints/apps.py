from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "shop.complaints"
    label = "complaints"
    verbose_name = _("Khiếu nại và đổi trả")
    default_auto_field = "django.db.models.BigAutoField"
