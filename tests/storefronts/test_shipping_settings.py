"""A member sets the stall's shipping at /my-stall/shipping/: fees within its region and to the others, abroad or
not, free shipping over an amount, pickup, days to hand over. Buyers read what the stall chose on its stall page and
its product pages; nothing is charged that the stall did not save."""

import pytest
from django.urls import reverse

from shop.fulfilment.models import ShippingPolicy
from tests.factories import MembershipFactory, ProductFactory, ShippingPolicyFactory, StorefrontFactory

URL = reverse("storefronts:shipping-settings")


@pytest.fixture
def stall(db):
    """An approved stall of a cooperative in Lâm Đồng (the Centre), with no shipping settings saved yet."""
    return StorefrontFactory(name="Cà phê Cầu Đất")


@pytest.fixture
def member(client, stall):
    user = MembershipFactory(cooperative=stall.cooperative).user
    client.force_login(user)
    return user


def text(response):
    """The page as a reader sees it (money is written with a no-break space before the currency sign)."""
    return response.content.decode().replace("\xa0", " ")


def settings_form(**changes):
    data = {
        "rate_in_region": "22.000",
        "rate_other_regions": "35.000 đ",
        "free_shipping": "on",
        "free_over": "500.000",
        "allows_pickup": "on",
        "handover_days": "2",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_stall_that_saved_nothing_sees_suggested_fees_and_is_told_they_do_not_apply(client, member, stall):
    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Gian hàng chưa lưu cách giao hàng" in page
    assert 'value="25.000"' in page
    assert "Hợp tác xã ở Lâm Đồng (miền Trung)" in page
    assert not ShippingPolicy.objects.exists()


def test_member_saves_the_stalls_shipping_settings(client, member, stall):
    response = client.post(URL, settings_form())

    assert response.status_code == 302
    policy = ShippingPolicy.objects.get(storefront=stall)
    assert (policy.rate_in_region, policy.rate_other_regions, policy.rate_abroad) == (22_000, 35_000, None)
    assert (policy.free_over, policy.allows_pickup, policy.handover_days) == (500_000, True, 2)
    page = text(client.get(URL))
    assert "Đã lưu cách giao hàng của gian hàng." in page
    assert "Giao từ Lâm Đồng · phí từ 22.000 ₫ · miễn phí giao cho đơn từ 500.000 ₫" in page


def test_saving_again_changes_the_same_policy_and_can_open_delivery_abroad(client, member, stall):
    ShippingPolicyFactory(storefront=stall)

    client.post(URL, settings_form(delivers_abroad="on", rate_abroad="350.000", free_shipping=None, allows_pickup=None))

    policy = ShippingPolicy.objects.get(storefront=stall)
    assert (policy.rate_abroad, policy.free_over, policy.allows_pickup) == (350_000, None, False)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rate_in_region": "hai mươi nghìn"}, "Hãy nhập số tiền bằng đồng, ví dụ 25000 hoặc 25.000."),
        ({"rate_other_regions": "35000,5"}, "Số tiền tính bằng đồng chẵn, không có phần lẻ."),
        ({"rate_in_region": ""}, "Hãy nhập số tiền (0 nếu miễn phí)."),
        ({"delivers_abroad": "on", "rate_abroad": ""}, "Hãy nhập phí giao ra nước ngoài, hoặc bỏ chọn"),
        ({"free_over": ""}, "Hãy nhập mức tiền hàng được miễn phí giao"),
        ({"handover_days": "45"}, "Số ngày chuẩn bị hàng tối đa là 30."),
        ({"rate_in_region": "-5000"}, "Số tiền không được âm."),
    ],
)
def test_bad_input_is_explained_and_keeps_what_was_typed(client, member, stall, changes, message):
    response = client.post(URL, settings_form(**changes))

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="500.000"' in page or "free_over" in changes
    assert not ShippingPolicy.objects.exists()


def test_the_stall_page_and_product_pages_say_how_the_stall_ships(client, stall):
    ShippingPolicyFactory(storefront=stall, rate_in_region=25_000, rate_other_regions=40_000, rate_abroad=None)
    product = ProductFactory(storefront=stall)

    stall_page = text(client.get(stall.get_absolute_url()))
    product_page = text(client.get(product.get_absolute_url()))

    line = "Giao từ Lâm Đồng · phí từ 25.000 ₫ · không giao ra nước ngoài"
    assert line in stall_page
    assert line in product_page


def test_the_line_is_in_the_buyers_language(client, stall):
    ShippingPolicyFactory(storefront=stall, rate_abroad=350_000, handover_days=1)
    product = ProductFactory(storefront=stall)

    page = text(client.get(product.get_absolute_url().replace("/vi/", "/en/", 1)))

    assert "Ships from Lam Dong · fees from ₫25,000 · abroad ₫350,000" in page
    assert "hands over to the carrier within 1 day" in page


def test_a_visitor_is_sent_to_log_in_and_someone_without_a_stall_is_pointed_to_the_application(client, db):
    assert client.get(URL).status_code == 302
    client.force_login(MembershipFactory().user)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Đăng ký gian hàng" in response.content.decode()
    assert client.post(URL, settings_form()).status_code == 403
    assert not ShippingPolicy.objects.exists()


def test_the_shipping_screen_costs_a_fixed_number_of_queries(client, member, stall, django_assert_max_num_queries):
    ShippingPolicyFactory(storefront=stall)
    ProductFactory.create_batch(3, storefront=stall)

    # the session, the user, the basket and permissions of every page (13), then the membership and the policy
    with django_assert_max_num_queries(15):
        response = client.get(URL)

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("/en/", ["Shipping fees within Vietnam", "Deliver abroad", "The cooperative is in Lam Dong (the Centre)."]),
        ("/zh-hans/", ["越南境内运费", "配送至海外", "备货天数"]),
    ],
)
def test_the_shipping_screen_speaks_the_members_language(client, member, prefix, words):
    page = text(client.get(URL.replace("/vi/", prefix, 1)))

    for word in words:
        assert word in page
