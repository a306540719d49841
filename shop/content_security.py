"""The Content-Security-Policy and Permissions-Policy headers of every response (issue 18, item 7).

Two policies, chosen by the address:

- **The site** (every page a shopper or a member sees): scripts only from our own origin or inline with this
  response's nonce (``<script nonce="{{ request.csp_nonce }}">``, django-csp makes one per response when a template
  asks for it); styles from our origin plus inline ``style=""`` attributes and ``<style>`` elements (a stall's theme
  is a few hundred bytes of ``<style>``, and Stripe's card field sets inline styles on its frame); images from our
  origin, ``data:`` (the stylesheet's small icons) and wherever uploaded media are served from (MEDIA_URL, the S3
  endpoint or custom domain, CSP_MEDIA_ORIGINS); no plugin, no ``<base>`` elsewhere, no framing at all;
  forms post to us, or to VNPay (placing an order redirects there, and browsers hold that redirect to form-action).
- **The staff tools** (CSP_STAFF_PREFIXES: Wagtail's /cms/, Oscar's /dashboard/, Django's /admin/): their vendors'
  templates carry inline scripts and styles with no nonce, so inline code is allowed there; every other limit of the
  site's policy still holds (no script from another origin, no plugin), and only our own pages may frame them
  (Wagtail's preview).

Stripe.js is allowed only on the page that shows the card field: that view adds the gateway's ``page_content_security()``
to the response (``response._csp_update``, as django-csp's ``csp_update`` decorator does).

The anonymous page cache (shop/cache.py) keeps a page without its nonce and writes a fresh one into each copy it
serves, so this middleware sits before the cache in MIDDLEWARE and gives each response its own nonce in the header.
"""

from urllib.parse import urlsplit

from csp.constants import HEADER, NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware
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
    if getattr(settings, "AWS_PRIVATE_BUCKET_NAME", ""):  # a complaint photo redirects to a link signed there
        endpoint = getattr(settings, "AWS_S3_ENDPOINT_URL", None)
        candidates.append(endpoint or f"https://{settings.AWS_PRIVATE_BUCKET_NAME}.s3.amazonaws.com")
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
        "frame-ancestors": [NONE],  # as X-Frame-Options: DENY, which browsers ignore beside this directive
    }


def staff_directives():
    """The site's policy with inline scripts allowed (no nonce: a nonce would switch 'unsafe-inline' off)."""
    directives = site_directives()
    directives["script-src"] = [SELF, UNSAFE_INLINE]
    directives["frame-ancestors"] = [SELF]  # Wagtail shows a page's preview in a frame of its editor
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


def policy_header(directives, nonce=None):
    """The header's value: each directive and its sources, NONCE as this response's nonce (left out without one)."""
    parts = []
    for name, sources in directives.items():
        written = [
            f"'nonce-{nonce}'" if source is NONCE else source for source in sources if source is not NONCE or nonce
        ]
        parts.append(" ".join([name, *dict.fromkeys(written)]))
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware for the per-response nonce (``request.csp_nonce``), writing the policy built from the
    settings above, and the Permissions-Policy header.

    A view adds sources with ``response._csp_update`` ({directive: [sources]}), as django-csp's ``csp_update``
    decorator does. django-csp's own header writing copies its whole configuration twice per response through
    ``dataclasses.asdict``: four times the cost of this whole middleware (0.46 against 0.10 ms per response, measured
    on a busy two-core machine).
    """

    def process_response(self, request, response):
        if settings.DEBUG and response.status_code in (404, 500):
            return response  # Django's technical error pages carry inline scripts and styles
        if HEADER not in response:
            directives = staff_directives() if is_staff_tool(request.path_info) else site_directives()
            for name, sources in (getattr(response, "_csp_update", None) or {}).items():
                directives[name] = [*directives.get(name, ()), *sources]
            response[HEADER] = policy_header(directives, getattr(request, "_csp_nonce", None))
        if getattr(request, "_csp_nonce", None) is None:
            # As django-csp: a template asking for a nonce after the header is written fails loudly.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        response.headers.setdefault(PERMISSIONS_POLICY_HEADER, settings.PERMISSIONS_POLICY)
        return response
