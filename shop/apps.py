from django.apps import AppConfig


class ShopConfig(AppConfig):
    """The project itself: health checks and the demo data command live here."""

    name = "shop"
    verbose_name = "Chợ HTX"
