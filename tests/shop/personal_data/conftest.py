"""A buyer with an account, an address book, a review and an order from the honey stall, placed through the real
checkout; the checkout's stalls and products come from tests/shop/checkout/conftest.py."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductReviewFactory, UserFactory
from tests.shop.checkout import conftest as checkout
from tests.shop.checkout.conftest import add_to_basket, check_out

# The checkout's honey stall, its product and its owner, as fixtures here too.
honey_stall, honey, honey_owner = checkout.honey_stall, checkout.honey, checkout.honey_owner

Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def lan(db):
    return UserFactory(email="lan@example.vn", first_name="Lan", last_name="Nguyễn Thị")


@pytest.fixture
def lans_browser(lan):
    return signed_in(lan)


@pytest.fixture
def lans_order(lans_browser, honey, django_capture_on_commit_callbacks):
    """Lan's cash-on-delivery order of one jar of honey, delivered to 12 Hàng Bạc."""
    add_to_basket(lans_browser, honey)
    with django_capture_on_commit_callbacks(execute=True):
        check_out(lans_browser, [honey.storefront], name="Nguyễn Thị Lan", email="lan@example.vn")
    return Order.objects.get(user__email="lan@example.vn")


@pytest.fixture
def lans_address(lan):
    return UserAddress.objects.create(
        user=lan,
        first_name="",
        last_name="Nguyễn Thị Lan",
        line1="12 Hàng Bạc",
        line4="Hà Nội",
        country=Country.objects.get(iso_3166_1_a2="VN"),
        phone_number="+84912345678",
    )


@pytest.fixture
def lans_review(lan, honey):
    return ProductReviewFactory(product=honey, user=lan, title="Mật ong thơm", body="Con tôi rất thích.")


def deliver(stall_order, owner):
    """The stall confirms, ships and delivers its part (cash collected) through its order desk."""
    desk = signed_in(owner)
    for action, data in (
        ("confirm", {}),
        ("ship", {"tracking_number": "GHN-1"}),
        ("deliver", {"cash_collected": "on"}),
    ):
        response = desk.post(reverse("fulfilment-seller:action", kwargs={"pk": stall_order.pk, "action": action}), data)
        assert response.status_code == 302, response.content.decode()[:500]
