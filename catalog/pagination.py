"""A paginator that counts a product list once a minute instead of on every request.

Counting the products of a big category is the costliest query of its page (26,000 products: 60-80 ms on
PostgreSQL, and it grows with the catalogue), while the number itself changes little from one visitor to the next. The
count is kept in the cache for CATALOGUE_COUNT_CACHE_SECONDS (60 s in production, 0 in development and tests), keyed by
what the view says the list is (``count_key``: the category and the filters, not the sort, which changes no count), or
failing that by the list's SQL and parameters (compiling the SQL of a list of product cards costs 5-10 ms of CPU). A stale count only moves the "number of
products" line and the last page by a few products; a page past the end still shows the last one.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

KEY_PREFIX = "catalog:count"


class CachedCountPaginator(Paginator):
    def __init__(self, *args, count_key=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        seconds = settings.CATALOGUE_COUNT_CACHE_SECONDS
        query = getattr(self.object_list, "query", None)
        if seconds <= 0 or query is None:
            return super().count
        if self.count_key is None:
            sql, params = query.sql_with_params()
            self.count_key = repr((sql, params))
        key = f"{KEY_PREFIX}:{hashlib.sha256(self.count_key.encode()).hexdigest()}"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, seconds)
        return count
