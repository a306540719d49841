"""A buyer checks out one basket holding two stalls' products: shipping per stall, one order, a status per stall."""

from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.fulfilment.models import ShippingPolicy, StallOrder
from tests.shop.checkout.conftest import add_to_basket, check_out

Order = get_model("order", "Order")


def test_buyer_orders_from_two_stalls_with_cash_on_delivery(
    client, honey, tea, honey_owner, tea_owner, django_capture_on_commit_callbacks
):
    add_to_basket(client, honey, 2)
    add_to_basket(client, tea)

    with django_capture_on_commit_callbacks(execute=True):
        response = check_out(client, [honey.storefront, tea.storefront])

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("fulfilment:order", kwargs={"number": order.number})
    # Hà Nội is in the North: the Lào Cai tea ships within its region, the Cà Mau honey across regions.
    parts = {so.storefront: so for so in order.stall_orders.all()}
    assert parts[tea.storefront].shipping_charge == 25_000
    assert parts[honey.storefront].shipping_charge == 40_000
    assert int(order.total_incl_tax) == 2 * 185_000 + 240_000 + 65_000
    assert order.status == "placed"

    page = client.get(response.url).content.decode()
    assert "Mật ong U Minh" in page and "Chè Shan tuyết Sa Pa" in page
    assert page.count("Chờ xác nhận") == 2

    subjects = sorted(message.subject for message in mail.outbox)
    assert any(str(order.number) in subject and "đã nhận đơn hàng" in subject for subject in subjects)
    assert any("New order" in subject for subject in subjects)  # the tea stall's owner reads English
    assert any("Đơn hàng mới" in subject for subject in subjects)


def test_free_shipping_over_the_stalls_threshold_and_pickup(client, honey, tea):
    ShippingPolicy.objects.create(storefront=honey.storefront, free_over=300_000)
    add_to_basket(client, honey, 2)
    add_to_basket(client, tea)

    check_out(client, [honey.storefront], **{f"shipping_{tea.storefront.pk}": "pickup"})

    parts = {so.storefront: so for so in Order.objects.get().stall_orders.all()}
    assert parts[honey.storefront].shipping_charge == 0
    assert parts[tea.storefront].shipping == StallOrder.Shipping.PICKUP
    assert parts[tea.storefront].shipping_charge == 0
