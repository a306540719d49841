"""A checkout holding a product's stock lock does not hold up shoppers who merely put that product in their basket:
the lock (FOR NO KEY UPDATE) lets a basket line's foreign key check through, so an add-to-basket that has already
updated Oscar's product counters can never deadlock against a checkout about to update them (found under load by
bench/perf)."""

import threading

import pytest
from django.db import connection, connections, transaction
from oscar.core.loading import get_class, get_model

from shop.fulfilment import stock

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")


def basket_holding(product):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, 1)
    return basket


def test_a_shopper_adds_a_product_to_their_basket_while_a_checkout_holds_its_stock(honey):
    buyer_basket = basket_holding(honey)
    locked, done = threading.Event(), threading.Event()

    def checkout_holding_the_stock():
        try:
            with transaction.atomic():
                buyer_basket.strategy = Selector().strategy()
                stock.lock_and_check(buyer_basket)
                locked.set()
                done.wait(timeout=30)
        finally:
            connections.close_all()

    checkout = threading.Thread(target=checkout_holding_the_stock)
    checkout.start()
    try:
        assert locked.wait(timeout=30)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")  # waiting for the checkout would fail here
            shopper_basket = basket_holding(honey)
    finally:
        done.set()
        checkout.join(timeout=30)
    assert shopper_basket.all_lines()[0].stockrecord == honey.stockrecords.get()
