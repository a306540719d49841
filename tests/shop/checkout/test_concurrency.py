"""Many buyers at the same instant, each in their own thread and database connection, on PostgreSQL's row locks: the
last jar goes to exactly one of them, one basket makes one order however often it is submitted, and two baskets that
hold the same products in opposite order never deadlock."""

import copy

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from shop.fulfilment import services
from shop.fulfilment.models import StallOrder
from shop.payments.gateways import get_gateway
from shop.payments.models import Payment
from storefronts.models import Province
from tests.factories import ProductFactory
from tests.shop.checkout.conftest import add_to_basket, fill_in_checkout, race, set_stock, stock_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")


def basket_holding(*products):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product, 1)
    return basket


def details(n=0):
    return services.CheckoutDetails(
        name=f"Người mua {n}",
        email=f"nguoi.mua.{n}@example.vn",
        phone="0912345678",
        province_id=Province.objects.get(slug="hanoi").pk,
        commune="Phường Hoàn Kiếm",
        street=f"{n} Hàng Bạc",
        method="cod",
    )


def place(basket, n=0):
    return services.place_order(basket.pk, None, details(n), get_gateway("cod"))


def test_fifty_buyers_race_for_the_last_jar_and_exactly_one_gets_it(honey_stall):
    jar = ProductFactory(title="Mật ong hoa cà phê", storefront=honey_stall, stock=1)
    baskets = [basket_holding(jar) for _ in range(50)]

    outcomes = race(50, lambda i: place(baskets[i], i))

    winners = [outcome for outcome in outcomes if isinstance(outcome, tuple)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, services.OutOfStock)]
    assert len(winners) == 1, outcomes
    assert len(refused) == 49, [outcome for outcome in outcomes if not isinstance(outcome, tuple)]
    assert {error.message for error in refused} == {
        "Rất tiếc, sản phẩm sau vừa hết hàng hoặc không còn đủ số lượng: Mật ong hoa cà phê."
    }
    assert Order.objects.count() == 1
    assert StallOrder.objects.count() == 1
    assert Payment.objects.count() == 1
    assert stock_of(jar) == (1, 1)
    assert Basket.objects.filter(status=Basket.OPEN).count() == 49


def test_ten_submissions_of_one_basket_make_one_order_one_payment_and_one_email(honey, honey_owner):
    basket = basket_holding(honey)

    outcomes = race(10, lambda i: place(basket))

    assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes
    order = Order.objects.get()
    assert {placed.pk for placed, _created in outcomes} == {order.pk}
    assert [created for _order, created in outcomes].count(True) == 1
    assert Payment.objects.filter(order=order).count() == 1
    assert stock_of(honey) == (10, 1)
    to_buyer = [email for email in mail.outbox if email.to == ["nguoi.mua.0@example.vn"]]
    assert len(to_buyer) == 1
    assert order.number in to_buyer[0].subject
    assert len([email for email in mail.outbox if email.to == [honey_owner.email]]) == 1


def test_ten_clicks_on_place_order_in_one_browser_make_one_order(honey, honey_owner):
    browser = Client()
    add_to_basket(browser, honey, 2)
    assert fill_in_checkout(browser, [honey.storefront]).status_code == 302
    review_url = reverse("fulfilment:review")
    tabs = []
    for _ in range(10):
        tab = Client()
        tab.cookies = copy.deepcopy(browser.cookies)
        tabs.append(tab)

    responses = race(10, lambda i: tabs[i].post(review_url))

    order = Order.objects.get()
    order_url = reverse("fulfilment:order", kwargs={"number": order.number})
    assert all(not isinstance(response, Exception) for response in responses), responses
    # A click that arrives while the first is placing waits for it and is shown that order; one that arrives after
    # the basket was closed finds an empty basket and is sent back to the checkout. None makes a second order.
    destinations = [(response.status_code, response.url) for response in responses]
    assert set(destinations) <= {(302, order_url), (302, reverse("fulfilment:checkout"))}, destinations
    assert (302, order_url) in destinations
    assert Payment.objects.filter(order=order).count() == 1
    assert stock_of(honey) == (10, 2)
    assert len([email for email in mail.outbox if email.to == ["lan@example.vn"]]) == 1
    assert browser.get(order_url).status_code == 200


def test_baskets_holding_two_products_in_opposite_order_never_deadlock(honey, tea):
    # Ten units of each; twenty buyers, half with honey then tea in their basket, half with tea then honey.
    set_stock(tea, 10)
    baskets = [basket_holding(honey, tea) if i % 2 else basket_holding(tea, honey) for i in range(20)]

    outcomes = race(20, lambda i: place(baskets[i], i))

    unexpected = [o for o in outcomes if not isinstance(o, tuple | services.OutOfStock)]
    assert not unexpected, unexpected  # no deadlock, no integrity error, nothing else
    placed = [o for o in outcomes if isinstance(o, tuple)]
    assert len(placed) == 10
    assert Order.objects.count() == 10
    assert stock_of(honey) == (10, 10)
    assert stock_of(tea) == (10, 10)
