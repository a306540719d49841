"""A paginator that counts a product list once a minute instead of on every request.

Counting the products of a big category is the costliest query of its page (26,000 products: 60-80 ms on
PostgreSQL, and it grows with the catalogue), while the number itself changes little from one visitor to the next. The
count is kept in the cache for CATALOGUE_COUNT_CACHE_SECONDS (60 s in production, 0 in development and tests), keyed by
what the view says the list is (``count_key``: the category and the filters, not the sort, which changes no count). A
stale count only moves the "number of products" line and the last page by a few products; a page past the end still
shows the last one.
"""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from shop.caching import kept

KEY_PREFIX = "catalog:count"


class CachedCountPaginator(Paginator):
    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        key = f"{KEY_PREFIX}:{hashlib.sha256(self.count_key.encode()).hexdigest()}"
        return kept(key, settings.CATALOGUE_COUNT_CACHE_SECONDS, self.count_products)

    def count_products(self):
        """Paginator's own count: one COUNT query."""
        return super().count
