"""A consumer's journeys, in a real browser on a phone: search without accents, filter by OCOP stars, switch language,
buy from two stalls in one basket (cash on delivery, then by card through localstripe), and follow each stall's part
of the order while the stalls' members confirm and ship it from their desktops."""

import re

import pytest
from django.test import Client
from oscar.core.loading import get_model
from playwright.sync_api import expect

from ocop.models import OcopCertificate
from shop.payments.models import Payment
from storefronts.models import Province
from tests.e2e.conftest import DESKTOP, open_context
from tests.e2e.helpers import log_in, script_errors
from tests.factories import (
    CooperativeFactory,
    MembershipFactory,
    ProductFactory,
    StorefrontFactory,
    UserFactory,
    VerifiedOcopCertificateFactory,
)
from tests.shop.checkout.conftest import add_to_basket, check_out
from tests.shop.payments.conftest import localstripe, localstripe_url  # noqa: F401 (fixtures used below)

Order = get_model("order", "Order")

CARD_3D_SECURE = "4000002760003184"  # a Stripe test card that asks for 3-D Secure (localstripe too)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def market():
    """Two stalls in different regions: honey from Cà Mau (4 OCOP stars, and a 3-star one), tea from Lào Cai."""
    honey_stall = StorefrontFactory(
        cooperative=CooperativeFactory(province=Province.objects.get(slug="ca-mau")),
        name="Mật ong U Minh",
        slug="mat-ong-u-minh",
    )
    tea_stall = StorefrontFactory(
        cooperative=CooperativeFactory(province=Province.objects.get(slug="lao-cai")),
        name="Chè Shan tuyết Sa Pa",
        slug="che-shan-tuyet-sa-pa",
    )
    honey = ProductFactory(
        title_vi="Mật ong rừng U Minh",
        title_en="U Minh forest honey",
        title_zh_hans="乌明森林蜂蜜",
        storefront=honey_stall,
        stock__price=185_000,
        stock=10,
    )
    coffee_honey = ProductFactory(title_vi="Mật ong hoa cà phê", storefront=honey_stall, stock__price=150_000)
    tea = ProductFactory(
        title_vi="Trà Shan tuyết cổ thụ",
        title_en="Ancient Shan tuyet tea",
        title_zh_hans="古树雪山茶",
        storefront=tea_stall,
        stock__price=240_000,
        stock=5,
    )
    VerifiedOcopCertificateFactory.of(honey, stars=4)
    VerifiedOcopCertificateFactory.of(coffee_honey, stars=3)
    VerifiedOcopCertificateFactory.of(tea, stars=5)
    assert OcopCertificate.objects.filter(status="verified").count() == 3
    MembershipFactory(cooperative=honey_stall.cooperative, user__email="chu.mat.ong@example.vn")
    MembershipFactory(cooperative=tea_stall.cooperative, user__email="chu.tra@example.vn")
    return honey, tea


LANGUAGE_LABEL = {"vi": "Ngôn ngữ", "en": "Language", "zh-hans": "语言"}


def switch_language(page, code):
    """The language switcher at the top of every page (folded behind its menu button on a phone)."""
    switcher = page.locator("#language_selector")
    if not switcher.is_visible():
        page.locator("#top_page .navbar-toggler").click()
    switcher.get_by_label(LANGUAGE_LABEL[page.locator("html").get_attribute("lang")]).select_option(code)
    switcher.get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def search(page, text):
    box = page.locator("#search-q")
    box.fill(text)
    box.press("Enter")


def search_from_menu(page, text):
    """The search box in the site's menu, folded behind the menu button on a phone."""
    page.get_by_role("button", name="Mở / đóng menu").click()
    box = page.get_by_role("textbox", name="Tìm kiếm")
    box.fill(text)
    box.press("Enter")


def test_consumer_finds_products_switches_language_and_buys_from_two_stalls_cash_then_card(
    phone,
    market,
    localstripe,  # noqa: F811 (the fixture imported above)
):
    page = phone.new_page()
    errors = script_errors(page)
    page.goto("/vi/search/")
    search(page, "mat ong")
    results = page.locator(".search-result")
    expect(results.get_by_role("link", name="Mật ong rừng U Minh")).to_be_visible()
    expect(results.get_by_role("link", name="Mật ong hoa cà phê")).to_be_visible()
    # On a phone the filters are folded above the results, which come first on the screen.
    expect(page.get_by_role("link", name="Từ 4 sao OCOP")).to_be_hidden()
    page.get_by_text("Bộ lọc và nhóm sản phẩm").click()
    page.get_by_role("link", name="Từ 4 sao OCOP").click()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("OCOP 4 sao")
    expect(page).to_have_url(re.compile(r"ocop_stars=4"))

    search(page, "tra shan")
    expect(results.get_by_role("link", name="Trà Shan tuyết cổ thụ")).to_be_visible()

    switch_language(page, "en")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=tra\+shan$"))
    expect(page.get_by_role("heading", name="Results for “tra shan”")).to_be_visible()
    expect(results.get_by_role("link", name="Ancient Shan tuyet tea")).to_be_visible()
    switch_language(page, "zh-hans")
    expect(page).to_have_url(re.compile(r"/zh-hans/search/\?q=tra\+shan$"))
    expect(page.get_by_role("heading", name="“tra shan”的搜索结果")).to_be_visible()
    expect(results.get_by_role("link", name="古树雪山茶")).to_be_visible()
    switch_language(page, "vi")
    expect(page).to_have_url(re.compile(r"/vi/search/\?q=tra\+shan$"))
    expect(results.get_by_role("link", name="Trà Shan tuyết cổ thụ")).to_be_visible()

    results.get_by_role("link", name="Trà Shan tuyết cổ thụ").click()
    page.get_by_role("button", name="Thêm vào giỏ").click()
    search_from_menu(page, "mat ong")
    results.get_by_role("link", name="Mật ong rừng U Minh").click()
    page.get_by_label("Số lượng").fill("2")
    page.get_by_role("button", name="Thêm vào giỏ").click()
    page.get_by_role("link", name=re.compile(r"^Giỏ hàng")).click()
    page.get_by_role("link", name="Tiến hành thanh toán").click()
    fill_in_checkout(page, method="Thanh toán khi nhận hàng (COD)")
    expect(page.locator("#order-total")).to_have_text("675.000\xa0₫")
    page.locator("#place-order").click()

    expect(page.get_by_role("heading", name=re.compile(r"^Đơn hàng "))).to_be_visible()
    expect(page.locator("#order-status")).to_have_text("Đã đặt hàng")
    expect(page.locator(".stall-order")).to_have_count(2)
    for stall in ("mat-ong-u-minh", "che-shan-tuyet-sa-pa"):
        expect(page.locator(f"#stall-order-{stall} .stall-status")).to_have_text("Chờ xác nhận")
    expect(page.locator("#stall-order-mat-ong-u-minh")).to_contain_text("Mật ong rừng U Minh × 2")
    expect(page.locator("#stall-order-che-shan-tuyet-sa-pa")).to_contain_text("Trà Shan tuyết cổ thụ × 1")
    order = Order.objects.get()
    assert order.total_incl_tax == 675_000 and order.stall_orders.count() == 2

    # A second order, by card. Stripe is localstripe (a fake Stripe API on loopback) and its stand-in for Stripe.js.
    # That stand-in cannot take the card typed on our page: its confirmCardPayment sends no card details and only
    # completes 3-D Secure on an intent that already asks for it. So what Stripe.js would send with the typed card
    # (the card's PaymentMethod, then the confirmation) is done through the API, with a card that requires 3-D Secure;
    # the buyer's browser then presses "Thanh toán", passes the 3-D Secure step and is sent back to us by our page's
    # script. Typing the card into Stripe's own iframe is what stays untested here.
    search_from_menu(page, "mat ong")
    results.get_by_role("link", name="Mật ong rừng U Minh").click()
    page.get_by_role("button", name="Thêm vào giỏ").click()
    search_from_menu(page, "tra shan")
    results.get_by_role("link", name="Trà Shan tuyết cổ thụ").click()
    page.get_by_role("button", name="Thêm vào giỏ").click()
    page.get_by_role("link", name=re.compile(r"^Giỏ hàng")).click()
    page.get_by_role("link", name="Tiến hành thanh toán").click()
    fill_in_checkout(page, method="Thẻ ngân hàng quốc tế (Visa, Mastercard, JCB)")
    expect(page.locator("#order-total")).to_have_text("490.000\xa0₫")
    page.locator("#place-order").click()

    expect(page.get_by_role("heading", name="Thanh toán bằng thẻ")).to_be_visible()
    card_order = Order.objects.exclude(pk=order.pk).get()
    intent_id = Payment.objects.get(order=card_order).reference
    assert localstripe.pay(intent_id, card=CARD_3D_SECURE).status == "requires_action"
    page.get_by_role("button", name="Thanh toán").click()
    page.get_by_role("button", name="Complete authentication").click()  # localstripe's 3-D Secure prompt

    expect(page).to_have_url(re.compile(f"/vi/checkout/orders/{card_order.number}/$"))
    expect(page.locator("#payment-status")).to_have_text("Đã thanh toán")
    expect(page.locator("#order-status")).to_have_text("Đã đặt hàng")
    for stall in ("mat-ong-u-minh", "che-shan-tuyet-sa-pa"):
        expect(page.locator(f"#stall-order-{stall} .stall-status")).to_have_text("Chờ xác nhận")
    assert localstripe.intent(intent_id).status == "succeeded"
    assert errors == []


def fill_in_checkout(page, method):
    """The checkout form, as a buyer in Hà Nội fills it: who, where, each stall's delivery, how to pay; then review."""
    page.get_by_label("Họ và tên người nhận").fill("Nguyễn Thị Lan")
    page.get_by_label("Thư điện tử").fill("lan@example.vn")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Tỉnh / thành phố").select_option(label="Thành phố Hà Nội")
    page.get_by_label("Xã / phường").fill("Phường Hoàn Kiếm")
    page.get_by_label("Số nhà, đường, thôn / ấp").fill("12 Hàng Bạc")
    for stall in ("Mật ong U Minh", "Chè Shan tuyết Sa Pa"):
        page.get_by_role("group", name=re.compile(stall)).get_by_label("Giao hàng tận nơi").check()
    page.get_by_role("group", name="Cách thanh toán").get_by_label(method).check()
    page.get_by_role("button", name="Xem lại đơn hàng").click()
    expect(page.get_by_role("heading", name="Xem lại đơn hàng")).to_be_visible()


def test_each_stall_confirms_and_ships_its_own_part_while_the_buyer_follows_on_her_phone(
    phone, request, browser, live_server, market
):
    """The buyer's cash-on-delivery order for both stalls is placed beforehand through the real checkout forms (the
    journey above does it in the browser); she signs in on her phone to follow it."""
    honey, tea = market
    earlier = Client()
    earlier.force_login(UserFactory(email="lan@example.vn"))
    add_to_basket(earlier, honey, 2)
    add_to_basket(earlier, tea)
    check_out(earlier, [honey.storefront, tea.storefront], method="cod")
    order = Order.objects.get()

    follow = phone.new_page()
    follow.goto(f"/vi/accounts/login/?next=/vi/checkout/orders/{order.number}/")
    log_in(follow, "lan@example.vn")
    honey_part = follow.locator("#stall-order-mat-ong-u-minh")
    tea_part = follow.locator("#stall-order-che-shan-tuyet-sa-pa")
    expect(honey_part.locator(".stall-status")).to_have_text("Chờ xác nhận")
    expect(tea_part.locator(".stall-status")).to_have_text("Chờ xác nhận")

    honey_member = stall_orders_page(request, browser, live_server, "chu.mat.ong@example.vn", order)
    expect(honey_member.get_by_role("cell", name="Mật ong rừng U Minh")).to_be_visible()
    expect(honey_member.get_by_text("Trà Shan tuyết cổ thụ")).to_have_count(0)
    confirm_and_ship(honey_member, "GHN-8421-CM")

    follow.reload()
    expect(honey_part.locator(".stall-status")).to_have_text("Đang giao")
    expect(honey_part.locator(".tracking")).to_have_text("GHN-8421-CM")
    expect(tea_part.locator(".stall-status")).to_have_text("Chờ xác nhận")
    expect(tea_part.locator(".tracking")).to_have_count(0)

    tea_member = stall_orders_page(request, browser, live_server, "chu.tra@example.vn", order)
    expect(tea_member.get_by_role("cell", name="Trà Shan tuyết cổ thụ")).to_be_visible()
    expect(tea_member.get_by_text("Mật ong rừng U Minh")).to_have_count(0)
    tea_member.locator("#confirm").click()
    expect(tea_member.locator("#stall-order-status")).to_have_text("Đã xác nhận")

    follow.reload()
    expect(tea_part.locator(".stall-status")).to_have_text("Đã xác nhận")
    expect(honey_part.locator(".stall-status")).to_have_text("Đang giao")

    tea_member.get_by_label("Mã vận đơn").fill("VTP-5530-LC")
    tea_member.locator("#ship").click()
    expect(tea_member.locator("#stall-order-status")).to_have_text("Đang giao")
    follow.reload()
    expect(tea_part.locator(".tracking")).to_have_text("VTP-5530-LC")
    assert sorted(order.stall_orders.values_list("status", "tracking_number")) == [
        ("shipped", "GHN-8421-CM"),
        ("shipped", "VTP-5530-LC"),
    ]


def stall_orders_page(request, browser, live_server, email, order):
    """A stall member at their own desktop signs in, opens their stall's orders and the buyer's order in it."""
    page = open_context(request, browser, live_server, **DESKTOP).new_page()
    page.goto("/vi/my-stall/orders/")
    log_in(page, email)
    expect(page.get_by_role("heading", name="Đơn hàng của gian hàng")).to_be_visible()
    page.locator("#stall-orders").get_by_role("link", name=order.number).click()
    expect(page.locator("#stall-order-status")).to_have_text("Chờ xác nhận")
    return page


def confirm_and_ship(page, tracking_number):
    page.locator("#confirm").click()
    expect(page.locator("#stall-order-status")).to_have_text("Đã xác nhận")
    page.get_by_label("Mã vận đơn").fill(tracking_number)
    page.locator("#ship").click()
    expect(page.locator("#stall-order-status")).to_have_text("Đang giao")
