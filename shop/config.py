"""Oscar's URL configuration, adjusted for a site whose home page belongs to Wagtail.

Oscar's own ``Shop`` config redirects "" to the catalogue and mounts the dashboard beside the shop. Here the shop's
public URLs sit under a language prefix while the dashboard stays at /dashboard/, and "home" is Wagtail's root page.
"""

from django.urls import path
from oscar.config import Shop


class ChoShop(Shop):
    def get_urls(self):
        from wagtail.views import serve as wagtail_serve

        # Oscar's checkout is replaced by shop.fulfilment's (mounted in shop/urls.py), never served beside it.
        urls = [url for url in super().get_urls() if str(url.pattern) not in ("", "dashboard/", "checkout/")]
        return [path("", wagtail_serve, {"path": ""}, name="home"), *urls]
