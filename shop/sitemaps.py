"""One sitemap for the shop and the Wagtail pages, every address in each language with its alternates."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from oscar.core.loading import get_model
from wagtail.models import Page

from storefronts.models import Storefront


class MultilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    @property
    def protocol(self):
        """Absolute addresses use the public site's scheme (the domain comes from the sites framework)."""
        return urlsplit(settings.SITE_URL).scheme or "https"


class PageSitemap(MultilingualSitemap):
    def items(self):
        return Page.objects.live().public().filter(depth__gte=2).specific().order_by("path")

    def location(self, page):
        _site_id, _root_url, path = page.get_url_parts()
        return path

    def lastmod(self, page):
        return page.last_published_at


class CategorySitemap(MultilingualSitemap):
    def items(self):
        return get_model("catalogue", "Category").objects.filter(is_public=True).order_by("path")


class ProductSitemap(MultilingualSitemap):
    limit = 5000

    def items(self):
        return get_model("catalogue", "Product").objects.browsable().order_by("pk")

    def lastmod(self, product):
        return product.date_updated


class StorefrontSitemap(MultilingualSitemap):
    def items(self):
        return Storefront.objects.public().order_by("pk")

    def lastmod(self, storefront):
        return storefront.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "products": ProductSitemap,
    "stalls": StorefrontSitemap,
}
