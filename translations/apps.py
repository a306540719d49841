from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Our UI strings' locale files (translations/locale, in LOCALE_PATHS) and translation tooling."""

    name = "translations"
    verbose_name = _("Bản dịch")
