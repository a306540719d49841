from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    """The site's base templates and static files, and the Wagtail pages that frame the shop."""

    name = "themes"
    verbose_name = _("Giao diện và nội dung")
