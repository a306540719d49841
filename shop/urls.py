"""URLs: the public site under /vi/, /en/ and /zh-hans/; admin tools and machine endpoints without a prefix."""

import re

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.static import serve as static_serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from shop import health, metrics
from shop.sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("dashboard/stalls/", include("storefronts.review_urls")),
    path("dashboard/ocop/", include("ocop.review_urls")),
    path("dashboard/translations/", include("translations.review_urls")),
    path("dashboard/payments/", include("shop.payments.dashboard_urls")),
    path("dashboard/orders-desk/", include("shop.staff_orders.urls")),
    path("dashboard/complaints/", include("shop.complaints.review_urls")),
    path("dashboard/takedowns/", include("shop.takedowns.review_urls")),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    # The search API without a language prefix answers in the Accept-Language language.
    path("api/search/", include("catalog.search.api_urls")),
    path("payments/webhook/", include("shop.payments.webhook_urls")),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    # Our search comes before Oscar's URLs so that /<lang>/search/ (Oscar's search:search) is ours.
    path("search/", include("catalog.search.urls")),
    path("api/search/", include("catalog.search.api_urls", namespace="search-api-localized")),
    # Our checkout and payment pages replace Oscar's checkout (its URLs would follow at the same paths).
    path("checkout/pay/", include("shop.payments.urls")),
    path("checkout/", include("shop.fulfilment.urls")),
    path("checkout/", include("shop.fulfilment.oscar_urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
    path("my-stall/products/", include("catalog.seller_urls")),
    path("my-stall/orders/", include("shop.fulfilment.seller_urls")),
    path("my-stall/complaints/", include("shop.complaints.seller_urls")),
    path("complaints/", include("shop.complaints.urls")),
    path("my-stall/translations/", include("translations.urls")),
    path("", include("ocop.urls")),
    path("", include("shop.takedowns.urls")),
    path("", include("storefronts.urls")),
    # Wagtail's catch-all page server comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    # Uploaded files in development. MEDIA_ROOT is read per request, not when this module is first imported, so a
    # test (or a developer) that moves it still gets its files served.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            lambda request, path: static_serve(request, path, document_root=settings.MEDIA_ROOT),
        )
    ]
