from django.apps import AppConfig


class ShopConfig(AppConfig):
    """The project itself: health checks and the demo data command live here."""

    name = "shop"
    verbose_name = "Chợ HTX"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from oscar.core.loading import get_model

        from shop.cache import pages_changed
        from storefronts.models import Storefront

        # A stall's status decides whether its pages exist, and a product's text, pictures or visibility what they
        # show: cached pages must not outlive a change of either, in any process sharing the cache.
        for model in (Storefront, get_model("catalogue", "Product"), get_model("catalogue", "ProductImage")):
            name = model._meta.label_lower
            post_save.connect(pages_changed, sender=model, dispatch_uid=f"page-cache-{name}-saved")
            post_delete.connect(pages_changed, sender=model, dispatch_uid=f"page-cache-{name}-deleted")
