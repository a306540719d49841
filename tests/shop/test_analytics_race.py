"""The first shoppers to open a new product do so at the same moment (a stall has just shared its link): every one of
them gets the page, and every view is counted. Oscar's view counter created the product's first record without a
savepoint, so the second shopper's insert failed on the duplicate key and left the request's transaction broken: a
server error instead of the page (PostgreSQL)."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from tests.factories import ProductFactory
from tests.shop.checkout.test_concurrency import race

ProductRecord = get_model("analytics", "ProductRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_shoppers_opening_a_new_product_at_once_all_get_its_page_and_are_all_counted():
    products = [ProductFactory(title=f"Bánh pía Sóc Trăng số {number}") for number in range(5)]
    statuses = []
    for product in products:  # the race is a matter of timing: give it several chances
        url = product.get_absolute_url()
        statuses += race(6, lambda _i, url=url: Client().get(url).status_code)

    assert statuses == [200] * 30
    assert [ProductRecord.objects.get(product=product).num_views for product in products] == [6] * 5
