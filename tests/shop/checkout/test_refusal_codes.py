"""What checkout and the stall's order steps refuse carries a code beside the message (shop.fulfilment.errors), and the
checkout page answers by the code: 409 when another buyer took the stock, 400 for what the buyer must fix."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from shop.fulfilment import services
from shop.fulfilment.errors import CheckoutError, FulfilmentErrorCode, TransitionError
from shop.payments.gateways import get_gateway
from storefronts.models import Province
from tests.shop.checkout.conftest import add_to_basket, fill_in_checkout, set_stock

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")
Code = FulfilmentErrorCode


def details():
    return services.CheckoutDetails(
        name="Nguyễn Thị Lan",
        email="lan@example.vn",
        phone="0912345678",
        province_id=Province.objects.get(slug="hanoi").pk,
        commune="Phường Hoàn Kiếm",
        street="12 Hàng Bạc",
        method="cod",
    )


def basket_holding(product, quantity=1):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    if product is not None:
        basket.add_product(product, quantity)
    return basket


def place(basket, method="cod"):
    order, _created = services.place_order(basket.pk, None, details(), get_gateway(method))
    return order


def test_an_empty_basket_is_refused_with_its_code(db):
    with pytest.raises(CheckoutError) as refused:
        place(basket_holding(None))

    assert refused.value.code == Code.BASKET_EMPTY
    assert not Order.objects.exists()


def test_a_basket_wanting_more_than_is_left_is_refused_as_out_of_stock(honey):
    set_stock(honey, 1)

    with pytest.raises(CheckoutError) as refused:
        place(basket_holding(honey, 2))

    assert refused.value.code == Code.OUT_OF_STOCK
    assert honey.get_title() in refused.value.message


def test_the_checkout_page_answers_409_when_the_stock_went_to_another_buyer_and_keeps_the_form(client, honey):
    add_to_basket(client, honey, 2)
    assert fill_in_checkout(client, [honey.storefront]).status_code == 302
    set_stock(honey, 1)

    response = client.post(reverse("fulfilment:review"))

    assert response.status_code == 409
    assert "vừa hết hàng hoặc không còn đủ số lượng" in response.content.decode()
    assert not Order.objects.exists()


@pytest.fixture
def cod_order(honey, tea):
    basket = basket_holding(honey)
    basket.add_product(tea, 1)
    return place(basket)


@pytest.fixture
def honey_part(cod_order, honey):
    return cod_order.stall_orders.get(storefront=honey.storefront)


def refusal_code(step, *args, **kwargs):
    with pytest.raises(TransitionError) as refused:
        step(*args, **kwargs)
    return refused.value.code


def test_delivering_a_part_not_yet_confirmed_is_an_illegal_step(honey_part, honey_owner):
    code = refusal_code(services.deliver_stall_order, honey_part, honey_owner, cash_collected=True)

    assert code == Code.ILLEGAL_STEP


def test_cancelling_without_a_reason_is_refused_with_its_code(honey_part, honey_owner):
    assert refusal_code(services.cancel_stall_order, honey_part, honey_owner, reason="  ") == Code.REASON_REQUIRED


def test_shipping_a_delivery_without_a_tracking_number_is_refused_with_its_code(honey_part, honey_owner):
    services.confirm_stall_order(honey_part, honey_owner)

    code = refusal_code(services.ship_stall_order, honey_part, honey_owner, "")

    assert code == Code.TRACKING_REQUIRED


def test_delivering_cash_on_delivery_without_collecting_the_cash_is_refused_with_its_code(honey_part, honey_owner):
    services.confirm_stall_order(honey_part, honey_owner)
    services.ship_stall_order(honey_part, honey_owner, "VN123456789")

    code = refusal_code(services.deliver_stall_order, honey_part, honey_owner, cash_collected=False)

    assert code == Code.CASH_NOT_COLLECTED


def test_a_stall_cannot_confirm_an_order_whose_transfer_has_not_arrived(honey, honey_owner, bank_account):
    order = place(basket_holding(honey), method="bank_transfer")

    with pytest.raises(TransitionError) as refused:
        services.confirm_stall_order(order.stall_orders.get(), honey_owner)

    assert refused.value.code == Code.NOT_PAID
    assert order.stall_orders.get().status == "pending"
