"""Values worth computing once a minute rather than on every request: the number of products of a category, the
category menu, a search's facets, the products a home page section picks.

Each is kept in Django's cache for a number of seconds the settings give (CATALOGUE_COUNT_CACHE_SECONDS: 60 in
production, 0 in development and tests). At 0 the value is computed every time and the cache is not touched at all,
so a developer or a test sees every change at once. (shop/cache.py is another thing: the whole-page cache of
anonymous visitors.)
"""

from django.core.cache import cache

MISSING = object()  # what the cache answers for a key it does not hold (a kept value may itself be None or 0)


def kept(key, seconds, compute):
    """compute()'s value, kept under ``key`` for ``seconds``: computed once per miss, and every time when seconds is
    0 or less."""
    if seconds <= 0:
        return compute()
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = compute()
        cache.set(key, value, seconds)
    return value
