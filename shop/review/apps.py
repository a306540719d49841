from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """Installed for its base templates (review/queue.html, review/detail.html); it has no table of its own."""

    name = "shop.review"
    label = "review"
    verbose_name = _("Duyệt hồ sơ")
