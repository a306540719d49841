"""Django's LocaleMiddleware, minus one surprise: a 404 under a mount without a language prefix (/dashboard/,
/cms/, /admin/...) stays a 404. Django would redirect it to /vi/<same path>, which Wagtail's catch-all page route
always "matches", turning every missing dashboard object into a redirect to another 404."""

from functools import cache

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import LocalePrefixPattern, URLResolver, get_resolver
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language


@cache
def unprefixed_mounts(urlconf):
    """The route prefixes of the root URLconf that live outside i18n_patterns, e.g. ("dashboard/", "cms/")."""
    return tuple(
        str(pattern.pattern)
        for pattern in get_resolver(urlconf).url_patterns
        if not (isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern))
    )


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        urlconf = getattr(request, "urlconf", None)
        if response.status_code == 404 and request.path_info.lstrip("/").startswith(unprefixed_mounts(urlconf)):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
