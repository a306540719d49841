"""A fixed-window request limit per client, counted in Django's cache (locmem in development, Redis in production).

Stamp serials are unguessable only as long as nobody can try millions of them: the verification pages let one client
make a few dozen checks per window, which a buyer never reaches and a serial-guessing script hits at once.

The client is the address the connection came from (REMOTE_ADDR). Behind reverse proxies, set TRUSTED_PROXY_COUNT
to how many of them append to X-Forwarded-For: the client is then the address the outermost trusted proxy saw.
Without it the header is ignored, since anyone can write anything in it.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """Who is asking: REMOTE_ADDR, or the address the trusted proxies recorded in X-Forwarded-For."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the window ends


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` requests per client in each window of ``window`` seconds (windows start at fixed times)."""

    scope: str
    limit: int
    window: int

    def key(self, request, now):
        return f"ratelimit:{self.scope}:{client_address(request)}:{int(now // self.window)}"

    def retry_after(self, now):
        return max(1, self.window - int(now % self.window))

    def hit(self, request, now=None):
        """Count one request of this client and say whether it may go ahead."""
        now = time.time() if now is None else now
        key = self.key(request, now)
        cache.add(key, 0, timeout=self.window + 60)
        try:
            count = cache.incr(key)
        except ValueError:  # the key vanished (evicted, expired) between add() and incr()
            cache.set(key, 1, timeout=self.window + 60)
            count = 1
        return Decision(allowed=count <= self.limit, retry_after=self.retry_after(now))

    def peek(self, request, now=None):
        """Whether this client may go ahead, without counting the request."""
        now = time.time() if now is None else now
        count = cache.get(self.key(request, now), 0)
        return Decision(allowed=count < self.limit, retry_after=self.retry_after(now))


STAMP_CHECKS = RateLimit(scope="stamp-check", limit=30, window=10 * 60)
