from django.apps import AppConfig


class ShopConfig(AppConfig):
    """The project itself: health checks and the demo data command live here."""

    name = "shop"
    verbose_name = "Chợ HTX"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from shop.cache import stall_changed
        from storefronts.models import Storefront

        # A stall's status decides whether its pages exist: cached pages must not outlive a change of it.
        post_save.connect(stall_changed, sender=Storefront, dispatch_uid="page-cache-stall-saved")
        post_delete.connect(stall_changed, sender=Storefront, dispatch_uid="page-cache-stall-deleted")
