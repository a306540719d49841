"""A guest finds their order again from another browser with its number and the e-mail they gave at checkout."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.shop.checkout.conftest import add_to_basket, check_out

Order = get_model("order", "Order")
NOT_FOUND = "Không tìm thấy đơn hàng với mã và thư điện tử này."


@pytest.fixture
def order(client, honey):
    """A guest's order, placed as lan@example.vn."""
    add_to_basket(client, honey)
    check_out(client, [honey.storefront])
    return Order.objects.get()


def look_up(client, number, email):
    return client.post(reverse("fulfilment:lookup"), {"number": number, "email": email})


def test_the_right_number_and_email_in_any_case_show_the_order_in_another_browser(order):
    browser = Client()

    response = look_up(browser, f" {order.number} ", "LAN@Example.VN")

    order_url = reverse("fulfilment:order", kwargs={"number": order.number})
    assert response.status_code == 302
    assert response.url == order_url
    page = browser.get(order_url)
    assert page.status_code == 200
    assert "Mật ong rừng U Minh" in page.content.decode()


@pytest.mark.parametrize(
    ("number", "email"),
    [(None, "someone.else@example.vn"), ("999999", "lan@example.vn")],
    ids=["wrong-email", "unknown-number"],
)
def test_a_wrong_email_or_unknown_number_gets_the_same_message_and_no_order(order, number, email):
    browser = Client()

    response = look_up(browser, number or order.number, email)

    assert response.status_code == 400
    page = response.content.decode()
    assert NOT_FOUND in page
    assert "Mật ong rừng U Minh" not in page
    assert browser.get(reverse("fulfilment:order", kwargs={"number": order.number})).status_code == 404


def test_a_signed_in_buyers_order_opened_while_signed_out_asks_them_to_sign_in_first(honey):
    from tests.factories import UserFactory

    buyer = UserFactory(email="lan@example.vn")
    shopping = Client()
    shopping.force_login(buyer)
    add_to_basket(shopping, honey)
    check_out(shopping, [honey.storefront])
    order_url = reverse("fulfilment:order", kwargs={"number": Order.objects.get().number})

    response = Client().get(order_url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("customer:login")) and "next=" in response.url
    later = Client()
    later.force_login(buyer)
    assert "Mật ong rừng U Minh" in later.get(order_url).content.decode()
