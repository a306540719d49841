"""Checkout pages cost a fixed number of queries: a basket from three stalls with three lines each takes no more than a
one-line basket, give or take one query per extra stall.

Measured (SQLite, warm caches): checkout form 13, review 15, order page 8, the same for 1 line and for 9 lines in 3
stalls. Before the basket's lines were loaded together, the form and the review grew by three queries per line (the
product's stall, its stock records and its product class); before they came joined with their stalls, shipping
policies and provinces in one query (shop.basket.models.Basket.all_lines), the pages cost 20, 21 and 11.
"""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductFactory, StorefrontFactory
from tests.shop.checkout.conftest import add_to_basket, check_out, fill_in_checkout

Order = get_model("order", "Order")

FORM_QUERIES = 15
REVIEW_QUERIES = 17
ORDER_PAGE_QUERIES = 10
PER_EXTRA_STALL = 1


def shopper_with(stalls, lines_per_stall):
    """A browser whose basket holds ``lines_per_stall`` products from each of ``stalls`` new stalls."""
    browser = Client()
    storefronts = [StorefrontFactory() for _ in range(stalls)]
    for storefront in storefronts:
        for _ in range(lines_per_stall):
            add_to_basket(browser, ProductFactory(storefront=storefront))
    return browser, storefronts


@pytest.fixture
def small(db):
    return shopper_with(stalls=1, lines_per_stall=1)


@pytest.fixture
def large(db):
    return shopper_with(stalls=3, lines_per_stall=3)


def count_queries(django_assert_max_num_queries, bound, browser, url):
    with django_assert_max_num_queries(bound) as captured:
        response = browser.get(url)
    assert response.status_code == 200
    return len(captured)


def assert_flat(django_assert_max_num_queries, bound, small, large, url_of):
    """The page costs at most ``bound`` queries for both baskets, and the large one no more than one per extra stall."""
    (small_browser, small_stalls), (large_browser, large_stalls) = small, large
    small_browser.get(url_of(small_browser))  # warm the process-wide caches (sites, content types)

    one_line = count_queries(django_assert_max_num_queries, bound, small_browser, url_of(small_browser))
    nine_lines = count_queries(django_assert_max_num_queries, bound, large_browser, url_of(large_browser))

    assert nine_lines <= one_line + PER_EXTRA_STALL * (len(large_stalls) - len(small_stalls))


def test_the_checkout_form_costs_as_many_queries_for_nine_lines_as_for_one(django_assert_max_num_queries, small, large):
    assert_flat(
        django_assert_max_num_queries, FORM_QUERIES, small, large, lambda browser: reverse("fulfilment:checkout")
    )


def test_the_review_page_costs_as_many_queries_for_nine_lines_as_for_one(django_assert_max_num_queries, small, large):
    for browser, storefronts in (small, large):
        assert fill_in_checkout(browser, storefronts).status_code == 302

    assert_flat(
        django_assert_max_num_queries, REVIEW_QUERIES, small, large, lambda browser: reverse("fulfilment:review")
    )


def test_the_order_page_costs_as_many_queries_for_nine_lines_as_for_one(django_assert_max_num_queries, small, large):
    numbers = {}
    for browser, storefronts in (small, large):
        check_out(browser, storefronts)
        numbers[browser] = Order.objects.latest("pk").number
    assert Order.objects.get(number=numbers[large[0]]).lines.count() == 9

    assert_flat(
        django_assert_max_num_queries,
        ORDER_PAGE_QUERIES,
        small,
        large,
        lambda browser: reverse("fulfilment:order", kwargs={"number": numbers[browser]}),
    )
