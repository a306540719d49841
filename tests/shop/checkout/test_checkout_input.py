"""What a buyer types at checkout: guests, bad addresses, places a stall does not ship to, goods gone by the time they
click "Đặt hàng". Every refusal says why in Vietnamese, keeps what was typed and writes nothing."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.fulfilment.models import ShippingPolicy, StallOrder
from shop.payments.models import Payment
from storefronts.models import Province, Storefront
from tests.shop.checkout.conftest import (
    IN_TOKYO,
    add_to_basket,
    address,
    check_out,
    fill_in_checkout,
    set_stock,
    stock_of,
)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")


def ticked(page, name, value):
    """Whether the radio button ``name=value`` is ticked in the page."""
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return tag.endswith(" checked>")
    return False


def nothing_was_written():
    return (
        Order.objects.count() == 0
        and StallOrder.objects.count() == 0
        and Payment.objects.count() == 0
        and ShippingAddress.objects.count() == 0
    )


def test_guest_checks_out_and_only_their_browser_sees_the_order(client, honey):
    add_to_basket(client, honey)

    response = check_out(client, [honey.storefront])

    order = Order.objects.get()
    assert order.user is None and order.guest_email == "lan@example.vn"
    assert response.url == reverse("fulfilment:order", kwargs={"number": order.number})
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Mật ong rừng U Minh" in page.content.decode()
    assert Client().get(response.url).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phone": "12345"}, "phone", "Số điện thoại không hợp lệ."),
        ({"province": ""}, "province", "Vui lòng điền mục này cho địa chỉ ở Việt Nam."),
        ({"commune": ""}, "commune", "Vui lòng điền mục này cho địa chỉ ở Việt Nam."),
        ({**IN_TOKYO, "city": ""}, "city", "Vui lòng điền thành phố cho địa chỉ ở nước ngoài."),
    ],
    ids=["bad-phone", "no-province", "no-commune", "abroad-without-city"],
)
def test_a_bad_address_is_refused_in_vietnamese_and_everything_typed_stays(client, honey, overrides, field, message):
    add_to_basket(client, honey)

    response = fill_in_checkout(client, [honey.storefront], note="Gọi trước khi giao", **overrides)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert response.context["form"].errors[field]
    for name, typed in {**address(), **overrides}.items():
        if typed and name not in ("country", "province", "method"):
            assert f'value="{typed}"' in page, name
    assert "Gọi trước khi giao</textarea>" in page
    if overrides.get("country") == "JP":
        assert '<option value="JP" selected>' in page
    elif overrides.get("province") != "":
        assert f'<option value="{Province.objects.get(slug="hanoi").pk}" selected>' in page
    assert nothing_was_written()


def test_going_back_from_the_review_to_the_form_keeps_every_value(client, honey, tea):
    add_to_basket(client, honey)
    add_to_basket(client, tea)
    fill_in_checkout(
        client,
        [honey.storefront],
        note="Giao giờ hành chính",
        **{f"shipping_{tea.storefront.pk}": "pickup"},
    )

    page = client.get(reverse("fulfilment:checkout")).content.decode()

    for typed in ("Nguyễn Thị Lan", "lan@example.vn", "0912345678", "Phường Hoàn Kiếm", "12 Hàng Bạc"):
        assert f'value="{typed}"' in page
    assert "Giao giờ hành chính</textarea>" in page
    assert f'<option value="{Province.objects.get(slug="hanoi").pk}" selected>' in page
    assert ticked(page, f"shipping_{tea.storefront.pk}", "pickup")
    assert ticked(page, f"shipping_{honey.storefront.pk}", "delivery")
    assert ticked(page, "method", "cod")


def test_cash_on_delivery_is_refused_for_an_address_abroad_and_nothing_typed_is_lost(client, honey, bank_account):
    add_to_basket(client, honey)

    response = fill_in_checkout(client, [honey.storefront], **{**IN_TOKYO, "method": "cod"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Thanh toán khi nhận hàng chỉ dùng cho địa chỉ ở Việt Nam" in page
    assert 'value="1-2-3 Shibuya"' in page and 'value="Tokyo"' in page
    assert nothing_was_written()


def test_a_stall_that_does_not_ship_abroad_is_named_on_the_review_and_the_order_is_refused(client, honey, bank_account):
    add_to_basket(client, honey)
    assert fill_in_checkout(client, [honey.storefront], **IN_TOKYO).status_code == 302

    review = client.get(reverse("fulfilment:review"))
    placing = client.post(reverse("fulfilment:review"))

    assert review.status_code == 200
    assert "Gian hàng này không giao hàng tới địa chỉ của bạn." in review.content.decode()
    assert placing.status_code == 400
    assert "Mật ong U Minh: Gian hàng này không giao hàng tới địa chỉ của bạn." in placing.content.decode()
    assert nothing_was_written()
    assert stock_of(honey) == (10, 0)


def test_a_stall_that_ships_abroad_charges_its_rate_abroad(client, honey, bank_account):
    ShippingPolicy.objects.create(storefront=honey.storefront, rate_abroad=350_000)
    add_to_basket(client, honey)
    fill_in_checkout(client, [honey.storefront], **IN_TOKYO)

    review = client.get(reverse("fulfilment:review")).content.decode()
    response = client.post(reverse("fulfilment:review"))

    assert "350.000" in review
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.stall_orders.get().shipping_charge == 350_000
    assert int(order.total_incl_tax) == 185_000 + 350_000
    assert order.shipping_address.country_id == "JP"
    assert order.shipping_address.line4 == "Tokyo"


def test_goods_sold_out_while_the_buyer_reviews_are_refused_and_the_basket_stays(client, honey, tea):
    add_to_basket(client, honey)
    add_to_basket(client, tea)
    fill_in_checkout(client, [honey.storefront, tea.storefront])
    set_stock(tea, 0)

    response = client.post(reverse("fulfilment:review"))

    assert response.status_code == 409
    page = response.content.decode()
    assert "Rất tiếc, sản phẩm sau vừa hết hàng hoặc không còn đủ số lượng: Trà Shan tuyết cổ thụ." in page
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN
    assert basket.num_lines == 2
    assert nothing_was_written()
    assert stock_of(honey) == (10, 0)


def test_checking_out_an_empty_basket_leads_back_to_the_basket(client, db):
    checkout = client.get(reverse("fulfilment:checkout"))
    review = client.post(reverse("fulfilment:review"))

    assert checkout.status_code == 302
    assert checkout.url == reverse("basket:summary")
    assert review.status_code == 302
    assert review.url == reverse("fulfilment:checkout")
    assert "Giỏ hàng của bạn đang trống." in client.get(checkout.url).content.decode()
    assert nothing_was_written()


def test_a_product_of_a_stall_suspended_since_it_was_added_cannot_be_ordered(client, honey, tea):
    add_to_basket(client, honey)
    add_to_basket(client, tea)
    fill_in_checkout(client, [honey.storefront, tea.storefront])
    Storefront.objects.filter(pk=honey.storefront.pk).update(status=Storefront.Status.SUSPENDED)

    response = client.post(reverse("fulfilment:review"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Mật ong rừng U Minh: Gian hàng của sản phẩm này đang tạm ngừng bán, nên chưa thể đặt mua." in page
    assert Basket.objects.get().status == Basket.OPEN
    assert nothing_was_written()
    assert stock_of(honey) == (10, 0)
    assert stock_of(tea) == (5, 0)
