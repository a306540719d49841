"""Each stall handles its own part of a shared order under /my-stall/orders/: confirm, ship, deliver or cancel, and the
buyer sees every stall's step on their order page and in their e-mail."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.fulfilment.models import StallOrder, StallOrderEvent
from shop.payments.models import Payment
from tests.factories import UserFactory
from tests.shop.checkout.conftest import add_to_basket, check_out, stock_of

Order = get_model("order", "Order")


@pytest.fixture
def buyer(client, honey, tea, django_capture_on_commit_callbacks):
    """A guest who ordered 2 jars of honey (delivered) and 1 tea (picked up), cash on delivery; their browser."""
    add_to_basket(client, honey, 2)
    add_to_basket(client, tea)
    with django_capture_on_commit_callbacks(execute=True):
        check_out(client, [honey.storefront], **{f"shipping_{tea.storefront.pk}": "pickup"})
    mail.outbox.clear()
    return client


@pytest.fixture
def order(buyer):
    return Order.objects.get()


@pytest.fixture
def honey_part(order, honey):
    return order.stall_orders.get(storefront=honey.storefront)


@pytest.fixture
def tea_part(order, tea):
    return order.stall_orders.get(storefront=tea.storefront)


def signed_in(user, **kwargs):
    browser = Client(**kwargs)
    browser.force_login(user)
    return browser


@pytest.fixture
def honey_seller(honey_owner):
    return signed_in(honey_owner)


@pytest.fixture
def tea_seller(tea_owner):
    return signed_in(tea_owner)


def act(browser, stall_order, action, data=None, capture=None):
    url = reverse("fulfilment-seller:action", kwargs={"pk": stall_order.pk, "action": action})
    if capture is None:
        return browser.post(url, data or {})
    with capture(execute=True):
        return browser.post(url, data or {})


def status_of(stall_order):
    return StallOrder.objects.get(pk=stall_order.pk).status


def section(page, storefront):
    """The buyer's order page's part about one stall."""
    match = re.search(rf'<section[^>]*id="stall-order-{storefront.slug}".*?</section>', page, re.S)
    assert match, storefront.slug
    return match.group(0)


def order_page(buyer, order):
    return buyer.get(reverse("fulfilment:order", kwargs={"number": order.number})).content.decode()


def test_each_stall_lists_and_opens_only_its_own_lines_of_a_shared_order(
    honey_seller, tea_seller, order, honey_part, tea_part
):
    honey_list = honey_seller.get(reverse("fulfilment-seller:list")).content.decode()
    honey_detail = honey_seller.get(reverse("fulfilment-seller:detail", kwargs={"pk": honey_part.pk})).content.decode()
    tea_detail = tea_seller.get(reverse("fulfilment-seller:detail", kwargs={"pk": tea_part.pk})).content.decode()

    assert order.number in honey_list
    assert reverse("fulfilment-seller:detail", kwargs={"pk": honey_part.pk}) in honey_list
    assert reverse("fulfilment-seller:detail", kwargs={"pk": tea_part.pk}) not in honey_list
    assert "Mật ong rừng U Minh" in honey_detail and "Trà Shan tuyết cổ thụ" not in honey_detail
    assert "Trà Shan tuyết cổ thụ" in tea_detail and "Mật ong rừng U Minh" not in tea_detail


def test_a_stall_cannot_open_or_act_on_another_stalls_part(honey_seller, tea_part, tea):
    detail = honey_seller.get(reverse("fulfilment-seller:detail", kwargs={"pk": tea_part.pk}))
    actions = [
        act(honey_seller, tea_part, "confirm"),
        act(honey_seller, tea_part, "ship", {"tracking_number": "X1"}),
        act(honey_seller, tea_part, "cancel", {"reason": "Hết hàng"}),
    ]

    assert detail.status_code == 404
    assert [response.status_code for response in actions] == [404, 404, 404]
    assert status_of(tea_part) == StallOrder.Status.PENDING
    assert not StallOrderEvent.objects.exists()
    assert stock_of(tea) == (5, 1)
    assert not mail.outbox


def test_the_buyer_sees_a_status_per_stall_and_the_tracking_number_once_a_stall_ships(
    buyer, order, honey_seller, honey_part, honey, tea, django_capture_on_commit_callbacks
):
    before = order_page(buyer, order)
    act(honey_seller, honey_part, "confirm")

    response = act(
        honey_seller, honey_part, "ship", {"tracking_number": " VN123456789 "}, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert "Chờ xác nhận" in section(before, honey.storefront)
    after = order_page(buyer, order)
    assert "Đang giao" in section(after, honey.storefront)
    assert "VN123456789" in section(after, honey.storefront)
    assert "Chờ xác nhận" in section(after, tea.storefront)
    [email] = mail.outbox
    assert email.to == ["lan@example.vn"]
    assert "Đang giao" in email.subject and "VN123456789" in email.body


def test_shipping_a_delivery_without_a_tracking_number_is_refused(honey_seller, honey_part, honey):
    act(honey_seller, honey_part, "confirm")

    response = act(honey_seller, honey_part, "ship", {"tracking_number": "  "})

    assert response.status_code == 409
    assert "Vui lòng nhập mã vận đơn để người mua theo dõi." in response.content.decode()
    assert status_of(honey_part) == StallOrder.Status.CONFIRMED
    assert stock_of(honey) == (10, 2)


def test_a_pickup_is_handed_over_without_a_tracking_number(tea_seller, tea_part, tea):
    act(tea_seller, tea_part, "confirm")

    response = act(tea_seller, tea_part, "ship", {"tracking_number": ""})

    assert response.status_code == 302
    assert status_of(tea_part) == StallOrder.Status.SHIPPED
    assert stock_of(tea) == (4, 0)


def test_shipping_takes_the_goods_out_of_stock(honey_seller, honey_part, honey, tea):
    assert stock_of(honey) == (10, 2)
    act(honey_seller, honey_part, "confirm")

    act(honey_seller, honey_part, "ship", {"tracking_number": "VN123456789"})

    assert stock_of(honey) == (8, 0)
    assert stock_of(tea) == (5, 1)


def test_cancelling_without_a_reason_is_refused(honey_seller, honey_part, honey):
    response = act(honey_seller, honey_part, "cancel", {"reason": ""})

    assert response.status_code == 400
    assert "Trường này là bắt buộc." in response.content.decode()
    assert status_of(honey_part) == StallOrder.Status.PENDING
    assert stock_of(honey) == (10, 2)


def test_cancelling_with_a_reason_frees_the_stock_and_tells_the_buyer_in_their_language(
    buyer, order, tea_seller, tea_part, tea, honey, django_capture_on_commit_callbacks
):
    # The tea stall's owner works in English; the buyer checked out in Vietnamese.
    with django_capture_on_commit_callbacks(execute=True):
        response = tea_seller.post(
            reverse("fulfilment-seller:action", kwargs={"pk": tea_part.pk, "action": "cancel"}).replace("/vi/", "/en/"),
            {"reason": "Vườn chè bị sương muối, hết hàng"},
        )

    assert response.status_code == 302
    assert response.url.startswith("/en/")
    assert status_of(tea_part) == StallOrder.Status.CANCELLED
    assert stock_of(tea) == (5, 0)
    assert stock_of(honey) == (10, 2)
    [email] = mail.outbox
    assert email.to == ["lan@example.vn"]
    assert "Đã hủy" in email.subject
    assert "Lý do hủy: Vườn chè bị sương muối, hết hàng" in email.body
    with translation.override("vi"):
        assert settings.SITE_URL + reverse("fulfilment:order", kwargs={"number": order.number}) in email.body
    assert "Vườn chè bị sương muối, hết hàng" in section(order_page(buyer, order), tea.storefront)


def test_a_buyer_who_shopped_in_english_is_sent_the_english_order_page(
    honey, honey_seller, django_capture_on_commit_callbacks
):
    browser = Client()
    add_to_basket(browser, honey)
    with translation.override("en"):
        check_out(browser, [honey.storefront])
    part = StallOrder.objects.get()

    act(honey_seller, part, "cancel", {"reason": "Hết hàng"}, django_capture_on_commit_callbacks)

    [email] = mail.outbox
    with translation.override("en"):
        english_page = reverse("fulfilment:order", kwargs={"number": part.order.number})
    assert english_page.startswith("/en/")
    assert settings.SITE_URL + english_page in email.body


def test_delivering_an_order_not_yet_confirmed_is_refused_with_a_message(honey_seller, honey_part):
    response = act(honey_seller, honey_part, "deliver", {"cash_collected": "on"})

    assert response.status_code == 409
    assert "Không thể chuyển đơn từ “Chờ xác nhận” sang “Đã giao”." in response.content.decode()
    assert status_of(honey_part) == StallOrder.Status.PENDING
    assert StallOrder.objects.get(pk=honey_part.pk).cash_collected_at is None


def test_cash_on_delivery_is_paid_and_the_order_completed_once_every_stall_delivered_and_collected(
    buyer, order, honey_seller, tea_seller, honey_part, tea_part
):
    act(honey_seller, honey_part, "confirm")
    act(honey_seller, honey_part, "ship", {"tracking_number": "VN123456789"})
    act(tea_seller, tea_part, "confirm")
    act(tea_seller, tea_part, "ship")

    act(honey_seller, honey_part, "deliver", {"cash_collected": "on"})
    half_way = Payment.objects.get(order=order)
    act(tea_seller, tea_part, "deliver", {"cash_collected": "on"})

    assert half_way.status == Payment.Status.PENDING
    payment = Payment.objects.get(order=order)
    assert payment.status == Payment.Status.SUCCEEDED
    assert payment.amount == int(order.total_incl_tax)
    assert Order.objects.get(pk=order.pk).status == "completed"
    page = order_page(buyer, order)
    assert '<strong id="order-status">Hoàn tất</strong>' in page
    assert '<span id="payment-status">Đã thanh toán</span>' in page


def test_only_members_of_an_approved_stall_reach_the_stall_orders(db):
    url = reverse("fulfilment-seller:list")

    anonymous = Client().get(url)
    consumer = signed_in(UserFactory()).get(url)

    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("customer:login"))
    assert consumer.status_code == 403


def test_a_stall_action_posted_without_a_csrf_token_is_refused(honey_owner, honey_part):
    browser = signed_in(honey_owner, enforce_csrf_checks=True)

    response = act(browser, honey_part, "confirm")

    assert response.status_code == 403
    assert status_of(honey_part) == StallOrder.Status.PENDING
