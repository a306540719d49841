"""Buyers read country names in their own language: the names are stored once, in Vietnamese."""

from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.fulfilment.models import ShippingPolicy
from tests.shop.checkout.conftest import IN_TOKYO, add_to_basket, fill_in_checkout

Order = get_model("order", "Order")


def test_the_english_checkout_lists_countries_in_english(client, honey):
    add_to_basket(client, honey)

    page = client.get("/en/checkout/").content.decode()

    assert '<option value="US">United States</option>' in page
    assert '<option value="CN">China</option>' in page
    assert "Hoa Kỳ" not in page and "Trung Quốc" not in page


def test_an_order_abroad_names_its_country_in_the_language_of_the_page(client, honey, bank_account):
    ShippingPolicy.objects.create(storefront=honey.storefront, rate_abroad=350_000)
    add_to_basket(client, honey)
    fill_in_checkout(client, [honey.storefront], **IN_TOKYO)

    review = client.get(reverse("fulfilment:review").replace("/vi/", "/en/")).content.decode()
    client.post(reverse("fulfilment:review"))
    order = Order.objects.get()
    with translation.override("zh-hans"):
        order_page = client.get(reverse("fulfilment:order", kwargs={"number": order.number})).content.decode()

    assert order.shipping_address.country_id == "JP"
    assert "(Japan)" in review and "Nhật Bản" not in review
    assert "(日本)" in order_page
