"""The anonymous page cache: the home, catalogue, category, product and stall pages, served from the cache
(Redis in production, CACHE_URL) to visitors who carry nothing personal.

Who gets a cached page: a GET or HEAD of one of PAGE_CACHE_VIEWS by a visitor without a session, a basket or
pending messages (no sessionid, oscar_open_basket or messages cookie): nobody signed in, nothing in a basket, no
notice waiting to be shown. Everyone else is served by the views as usual.

What is kept: a 200 response that sets no cookie and did not touch the session, for PAGE_CACHE_SECONDS (60 s in
production, 0 switches the cache off), keyed by the full address (scheme, host, language prefix, path and query
string), so each language has its own copy. The CSRF token of its forms (the language switcher, add to basket) is
replaced by a placeholder and each visitor gets a token of their own when the page is served; so is the nonce of its
inline scripts, each copy served getting a fresh one that the Content-Security-Policy header names
(shop/content_security.py, which sits before this middleware). Oscar's
recently-viewed cookie and its product view counter are not updated by a cached page.

How fresh it is: a change to a stall (approved, suspended, restored, closed) or to a product (its texts, pictures,
price through the product form, taken down or hidden) marks every page kept before it as stale, in every process
sharing the cache, as soon as the change commits: a suspended stall disappears at once, an edited product shows its
new words on the next visit. Stock moved by orders shows within PAGE_CACHE_SECONDS.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re

KEY_PREFIX = "page-cache"
INVALIDATED_KEY = "page-cache:invalidated-at"
# Cookies that mean the page may be personal: a session (signed in, checkout details), a basket, waiting messages.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, settings.OSCAR_BASKET_COOKIE_OPEN, "messages")
# Cookies a page may set and still be kept: the recently-viewed list only feeds Oscar's history, which no page shows.
HARMLESS_COOKIES = (settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME,)
# What Django's {% csrf_token %} prints; each visitor gets a token of their own in place of the one kept.
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
HIT_HEADER = "X-Page-Cache"
NONCE_PLACEHOLDER = b"\x00csp-nonce\x00"


class AnonymousPageCacheMiddleware:
    """Serves and keeps anonymous pages (see the module's docstring). Sits after LocaleMiddleware (the language
    prefix must be active to resolve the address) and CsrfViewMiddleware (which sets the cookie of the token given
    to the visitor), before everything that looks at the user, the basket or the messages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        started = time.time()
        key = page_key(request)
        found = cache.get_many([key, INVALIDATED_KEY])
        entry = found.get(key)
        if entry is not None and entry["started"] > found.get(INVALIDATED_KEY, 0):
            return cached_response(entry, request)
        response = self.get_response(request)
        if request.method == "GET" and is_storable(request, response):
            cache.set(key, entry_of(response, started, request), settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response


def is_cacheable_request(request):
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if any(name in request.COOKIES for name in PERSONAL_COOKIES):
        return False
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.view_name in settings.PAGE_CACHE_VIEWS


def page_key(request):
    address = request.build_absolute_uri().encode()
    return f"{KEY_PREFIX}:{hashlib.sha256(address).hexdigest()}"


def is_storable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if set(response.cookies) - set(HARMLESS_COOKIES):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", "")) if d}
    return not directives & {"private", "no-cache", "no-store"}


def entry_of(response, started, request):
    """What is kept of a response: status, headers and content with its CSRF tokens and script nonce replaced by
    placeholders, and when the request that made it started (a page begun before a stall's change is stale after
    it)."""
    content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    nonce = getattr(request, "_csp_nonce", None)  # set by django-csp once a template has asked for it
    if nonce:
        content = content.replace(f'nonce="{nonce}"'.encode(), b'nonce="' + NONCE_PLACEHOLDER + b'"')
    return {"started": started, "status": response.status_code, "headers": dict(response.items()), "content": content}


def cached_response(entry, request):
    content = entry["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    if NONCE_PLACEHOLDER in content:
        content = content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
    response = HttpResponse(content, status=entry["status"], headers=entry["headers"])
    response[HIT_HEADER] = "hit"
    return response


def invalidate_pages():
    """Every page kept so far is stale, in every process sharing the cache (from the moment this runs)."""
    cache.set(INVALIDATED_KEY, time.time(), None)


def pages_changed(sender, **kwargs):
    """A stall or a product was saved or deleted: once the change commits, no page kept before it is served again."""
    transaction.on_commit(invalidate_pages, robust=True)
