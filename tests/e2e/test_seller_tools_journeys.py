"""The stall's own tools on a small phone (360 × 740): a member sets the shipping fees, buyers read them on the
product page, and after a sale the member reads it in the figures, drawn without any script."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_context
from tests.e2e.helpers import log_in
from tests.factories import MembershipFactory, OrderFactory, ProductFactory, StorefrontFactory

pytestmark = pytest.mark.django_db(transaction=True)

SMALL_PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def small_phone(request, browser, live_server):
    return open_context(request, browser, live_server, **SMALL_PHONE)


def test_member_sets_shipping_on_a_phone_and_reads_a_sale_in_the_figures(small_phone):
    stall = StorefrontFactory(name="Cà phê Cầu Đất")
    MembershipFactory(cooperative=stall.cooperative, user__email="chu@caphe.example.vn")
    coffee = ProductFactory(storefront=stall, title="Cà phê Arabica Cầu Đất", stock__price=120_000, stock=40)

    member = small_phone.new_page()
    member.goto("/vi/my-stall/shipping/")
    log_in(member, "chu@caphe.example.vn")
    expect(member.locator("#shipping-not-saved")).to_be_visible()
    member.get_by_label("Phí giao trong miền (đồng)").fill("22.000")
    member.get_by_label("Phí giao liên miền (đồng)").fill("35000")
    member.get_by_label("Miễn phí giao cho đơn lớn").check()
    member.get_by_label("Miễn phí giao khi tiền hàng từ (đồng)").fill("500.000")
    member.get_by_role("button", name="Lưu").click()
    expect(member.get_by_text("Đã lưu cách giao hàng của gian hàng.")).to_be_visible()
    expect(member.locator("#shipping-summary")).to_contain_text("Giao từ Lâm Đồng · phí từ 22.000")

    buyer = small_phone.new_page()
    buyer.goto(coffee.get_absolute_url())
    expect(buyer.locator("#product-shipping")).to_contain_text("phí từ 22.000")
    expect(buyer.locator("#product-shipping")).to_contain_text("miễn phí giao cho đơn từ 500.000")

    OrderFactory(lines=[(coffee, 3)])
    member.goto("/vi/my-stall/figures/?days=7")
    expect(member.locator("#total-revenue")).to_contain_text("360.000")
    expect(member.locator("#total-units")).to_have_text("3")
    expect(member.locator("svg").first).to_be_visible()
    assert member.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
