"""A stall member's day at the order desk, on a phone: from the stall home to a new order, its packing slip, shipping it
and delivering it while collecting the cash."""

import re

import pytest
from django.test import Client
from oscar.core.loading import get_model
from playwright.sync_api import expect

from shop.fulfilment.models import StallOrder
from storefronts.models import Province
from tests.e2e.helpers import log_in, script_errors
from tests.factories import CooperativeFactory, MembershipFactory, ProductFactory, StorefrontFactory
from tests.shop.checkout.conftest import add_to_basket, check_out

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def honey_order():
    """A honey stall in Cà Mau with its member, and Lan's cash-on-delivery order of two jars (placed beforehand
    through the real checkout forms)."""
    stall = StorefrontFactory(
        cooperative=CooperativeFactory(province=Province.objects.get(slug="ca-mau")),
        name="Mật ong U Minh",
        slug="mat-ong-u-minh",
    )
    honey = ProductFactory(title_vi="Mật ong rừng U Minh", storefront=stall, stock__price=185_000, stock=10)
    MembershipFactory(cooperative=stall.cooperative, user__email="chu.mat.ong@example.vn")
    buyer = Client()
    add_to_basket(buyer, honey, 2)
    check_out(buyer, [stall], method="cod")
    return Order.objects.get()


def test_member_takes_a_new_order_from_the_stall_home_to_delivery_on_her_phone(phone, honey_order):
    part = StallOrder.objects.get(order=honey_order)
    to_collect = f"{part.total:,}".replace(",", ".")
    page = phone.new_page()
    errors = script_errors(page)

    page.goto("/vi/my-stall/")
    log_in(page, "chu.mat.ong@example.vn")
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()
    page.locator("#task-confirm").get_by_role("link", name=re.compile("Đơn mới cần xác nhận")).click()

    expect(page.get_by_role("heading", name="Đơn hàng của gian hàng")).to_be_visible()
    row = page.locator(f"#stall-order-{part.pk}")
    expect(row).to_contain_text("2 × Mật ong rừng U Minh")
    expect(row).to_contain_text("12 Hàng Bạc")
    expect(row).to_contain_text(f"Thu khi giao: {to_collect}")
    row.get_by_role("link", name=honey_order.number).click()

    page.locator("#confirm").click()
    expect(page.locator("#stall-order-status")).to_have_text("Đã xác nhận")

    with phone.expect_page() as opened:
        page.locator("#print-slip").click()
    slip = opened.value
    expect(slip.get_by_role("heading", name=f"Phiếu đóng gói – đơn {honey_order.number}")).to_be_visible()
    expect(slip.get_by_role("cell", name="Mật ong rừng U Minh")).to_be_visible()
    expect(slip.locator("article")).to_contain_text("Nguyễn Thị Lan")
    expect(slip.locator("[data-amount]")).to_have_text(f"Thu khi giao: {to_collect} ₫")
    slip.close()

    page.get_by_label("Mã vận đơn").fill("GHN-8421-CM")
    page.locator("#ship").click()
    expect(page.locator("#stall-order-status")).to_have_text("Đang giao")
    expect(page.locator("#cash-to-collect")).to_contain_text(to_collect)
    page.get_by_label("Đã thu tiền mặt của người mua").check()
    page.locator("#deliver").click()
    expect(page.locator("#stall-order-status")).to_have_text("Đã giao")

    page.goto("/vi/my-stall/")
    page.locator("#tool-figures a, a#tool-figures").first.click()
    expect(page.locator("#total-orders")).to_have_text("1")
    expect(page.locator("#total-units")).to_have_text("2")
    expect(page.locator("#top-products")).to_contain_text("Mật ong rừng U Minh")
    part.refresh_from_db()
    assert part.cash_collected_at is not None
    assert errors == []
