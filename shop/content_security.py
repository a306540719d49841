"""The Content-Security-Policy and Permissions-Policy headers of every response (issue 18, item 7).

Two policies, chosen by the address:

- **The site** (every page a shopper or a member sees): scripts only from our own origin or inline with this
  response's nonce (``<script nonce="{{ request.csp_nonce }}">``, django-csp makes one per response when a template
  asks for it); styles from our origin plus inline ``style=""`` attributes and ``<style>`` elements (a stall's theme
  is a few hundred bytes of ``<style>``, and Stripe's card field sets inline styles on its frame); images from our
  origin, ``data:`` (the stylesheet's small icons) and wherever uploaded media are served from (MEDIA_URL, the S3
  endpoint or custom domain, CSP_MEDIA_ORIGINS); no plugin, no ``<base>`` elsewhere, no framing by other sites;
  forms post to us, or to VNPay (placing an order redirects there, and browsers hold that redirect to form-action).
- **The staff tools** (CSP_STAFF_PREFIXES: Wagtail's /cms/, Oscar's /dashboard/, Django's /admin/): their vendors'
  templates carry inline scripts and styles with no nonce, so inline code is allowed there; every other limit of the
  site's policy still holds (no script from another origin, no plugin, no framing by other sites).

Stripe.js is allowed only on the page that shows the card field: that view adds ``StripeCard.content_security``
to the response (``response._csp_update``, as django-csp's ``csp_update`` decorator does).

The anonymous page cache (shop/cache.py) keeps a page without its nonce and writes a fresh one into each copy it
serves, so this middleware sits before the cache in MIDDLEWARE and gives each response its own nonce in the header.
"""

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

PERMISSIONS_POLICY_HEADER = "Permissions-Policy"


def origin_of(url):
    """``https://host[:port]`` of an absolute address, None for a relative one."""
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def media_origins():
    """Where uploaded pictures come from when they are not on the site's own origin."""
    candidates = [settings.MEDIA_URL, *settings.CSP_MEDIA_ORIGINS]
    if getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        domain = getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None)
        endpoint = getattr(settings, "AWS_S3_ENDPOINT_URL", None)
        candidates += [f"https://{domain}" if domain else None, endpoint]
        if not (domain or endpoint):
            candidates.append(f"https://{settings.AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
    return [origin for origin in map(origin_of, candidates) if origin]


def site_directives():
    forms_go_to = [SELF, *filter(None, [origin_of(settings.VNPAY_PAYMENT_URL)])]
    return {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *media_origins()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": forms_go_to,
        "frame-ancestors": [SELF],
    }


def staff_directives():
    """The site's policy with inline scripts allowed (no nonce: a nonce would switch 'unsafe-inline' off)."""
    directives = site_directives()
    directives["script-src"] = [SELF, UNSAFE_INLINE]
    # Wagtail previews a chosen picture from a blob: URL before it is uploaded.
    directives["img-src"] = [*directives["img-src"], "blob:"]
    return directives


def stripe_directives():
    """What Stripe.js needs (https://docs.stripe.com/security/guide#content-security-policy), to add to the site's."""
    stripe_js = origin_of(settings.STRIPE_JS_URL)
    return {
        "script-src": [stripe_js, "https://*.js.stripe.com"],
        "frame-src": [stripe_js, "https://*.js.stripe.com", "https://hooks.stripe.com"],
        "connect-src": [stripe_js, "https://api.stripe.com"],
    }


def is_staff_tool(path):
    return path.startswith(tuple(settings.CSP_STAFF_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy built from the settings above, and the Permissions-Policy header."""

    def get_policy_parts(self, request, response, report_only=False):
        if report_only:
            return PolicyParts()  # no report-only policy: the config stays None, so no header
        parts = super().get_policy_parts(request, response)
        if parts.config is None:
            directives = staff_directives() if is_staff_tool(request.path_info) else site_directives()
            parts.config = default_config(directives)
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault(PERMISSIONS_POLICY_HEADER, settings.PERMISSIONS_POLICY)
        return response
