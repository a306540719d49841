"""Two checkouts that sell the same product commit at the same moment and both refresh its search entry: neither
fails, and the entry is the product's (found under load by bench/perf: "duplicate key ... catalogue_searchentry_pkey"
when both inserted it)."""

import pytest
from django.db import transaction

from catalog.search.backends.database import DatabaseBackend
from catalog.search.models import SearchEntry
from catalog.search.records import build_records
from tests.factories import ProductFactory
from tests.shop.checkout.test_concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_refreshes_of_one_search_entry_both_succeed():
    product = ProductFactory(title_vi="Mật ong rừng U Minh")
    backend = DatabaseBackend()
    failures = []
    for _round in range(5):  # the race is a matter of timing: give it several chances
        SearchEntry.objects.filter(product=product).delete()

        def refresh(_i):
            with transaction.atomic():
                return backend.index(build_records([product.pk]))

        failures += [outcome for outcome in race(4, refresh) if isinstance(outcome, Exception)]

    assert failures == []
    assert SearchEntry.objects.get(product=product).title_vi.strip() == "mat ong rung u minh"
