"""Buyers pressing "Đặt hàng" at the same instant, each request in its own thread and database connection, through the
whole request cycle (middleware, ATOMIC_REQUESTS, the review view): on the embedded default (a SQLite file, which
the suite's test database is) as on PostgreSQL, nobody gets a 500. The loser of the last unit is told it has just sold
out (409); one basket submitted ten times makes one order; buyers of different products all get theirs.

On SQLite this holds because every transaction begins IMMEDIATE (shop/settings.py): a request waits for the write
lock at its start, under the busy timeout, instead of reading first and failing with "database is locked" when its
deferred transaction tries to become a writer while another request writes.
"""

import copy

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductFactory
from tests.shop.checkout.conftest import add_to_basket, fill_in_checkout, race, stock_of

pytestmark = pytest.mark.django_db(transaction=True)

Order = get_model("order", "Order")

SOLD_OUT = "Rất tiếc, sản phẩm sau vừa hết hàng hoặc không còn đủ số lượng: Mật ong hoa cà phê."


@pytest.fixture(autouse=True)
def database_shared_like_in_production():
    """The race must run on a database every connection shares, as the site's own file or server is."""
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db(), "the SQLite test database must be a file (tests/conftest.py)"


def buyer_at_review(*products):
    """A browser whose basket holds the products and whose checkout form is filled in: "Đặt hàng" is next."""
    browser = Client(raise_request_exception=False)  # a crash is a 500 the buyer sees, counted by the test
    for product in products:
        add_to_basket(browser, product)
    response = fill_in_checkout(browser, {product.storefront for product in products})
    assert response.status_code == 302, response.content.decode()[:2000]
    return browser


def place_order(browser):
    return browser.post(reverse("fulfilment:review"))


def order_page(order):
    return reverse("fulfilment:order", kwargs={"number": order.number})


def test_thirty_buyers_of_the_last_jar_one_gets_it_and_the_others_are_told_it_just_sold_out(honey_stall):
    jar = ProductFactory(title="Mật ong hoa cà phê", storefront=honey_stall, stock=1)
    buyers = [buyer_at_review(jar) for _ in range(30)]

    responses = race(30, lambda i: place_order(buyers[i]))

    statuses = sorted(getattr(response, "status_code", response) for response in responses)
    assert statuses == [302] + [409] * 29, statuses
    order = Order.objects.get()
    assert [response.url for response in responses if response.status_code == 302] == [order_page(order)]
    for response in responses:
        if response.status_code == 409:
            assert SOLD_OUT in response.content.decode()
    assert stock_of(jar) == (1, 1)


def test_ten_submissions_of_one_basket_at_once_make_one_order(honey):
    first_tab = buyer_at_review(honey)
    tabs = [first_tab]
    for _ in range(9):
        tab = Client(raise_request_exception=False)
        tab.cookies = copy.deepcopy(first_tab.cookies)
        tabs.append(tab)

    responses = race(10, lambda i: place_order(tabs[i]))

    order = Order.objects.get()
    destinations = {
        (getattr(response, "status_code", response), getattr(response, "url", "")) for response in responses
    }
    # A submission that waited for the first is shown that order; one that arrives after the basket was closed finds
    # it empty and goes back to the checkout. None makes a second order and none fails.
    assert destinations <= {(302, order_page(order)), (302, reverse("fulfilment:checkout"))}, destinations
    assert (302, order_page(order)) in destinations
    assert stock_of(honey) == (10, 1)


def test_eight_buyers_of_eight_different_products_at_once_all_get_their_order(honey_stall):
    products = [ProductFactory(storefront=honey_stall, stock=3) for _ in range(8)]
    buyers = [buyer_at_review(product) for product in products]

    responses = race(8, lambda i: place_order(buyers[i]))

    statuses = [getattr(response, "status_code", response) for response in responses]
    assert statuses == [302] * 8, statuses
    assert Order.objects.count() == 8
    assert [stock_of(product) for product in products] == [(3, 1)] * 8
