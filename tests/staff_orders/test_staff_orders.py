"""Union staff see every order under /dashboard/orders-desk/: searchable by number, buyer, stall, province, status and
dates (a filter that makes no sense is dropped with a message, never an error page), each order whole with its stall
orders, payment, refunds and events; and they may cancel a stall's part with a reason, refunded like a stall's own
cancellation, the event naming them."""

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shop.fulfilment.models import StallOrder, StallOrderEvent
from shop.payments.models import Refund
from storefronts.models import Province
from tests.shop.checkout.conftest import add_to_basket, check_out

LIST = reverse("staff-orders:list")


def rows(response):
    return response.context["orders"]


def second_order(tea):
    """Minh, a guest, orders one tea by cash on delivery."""
    client = Client()
    add_to_basket(client, tea)
    check_out(client, [tea.storefront], method="cod", name="Trần Văn Minh", email="minh@example.vn")


def test_staff_see_every_order_newest_first(staff_client, order, tea):
    second_order(tea)

    response = staff_client.get(LIST)

    assert response.status_code == 200
    assert [each.shipping_address.last_name for each in rows(response)] == ["Trần Văn Minh", "Nguyễn Thị Lan"]
    assert "Thanh toán khi nhận hàng (COD)" in response.content.decode()


def test_staff_find_an_order_by_number_buyer_name_or_email(staff_client, order, tea):
    second_order(tea)

    by_number = rows(staff_client.get(LIST, {"q": order.number}))
    by_name = rows(staff_client.get(LIST, {"q": "văn minh"}))
    by_email = rows(staff_client.get(LIST, {"q": "LAN@example"}))

    assert [each.number for each in by_number] == [order.number]
    assert [each.shipping_address.last_name for each in by_name] == ["Trần Văn Minh"]
    assert [each.number for each in by_email] == [order.number]


def test_staff_filter_by_stall_province_status_and_dates(staff_client, order, tea, honey_stall):
    second_order(tea)
    today = timezone.localdate().isoformat()

    by_stall = rows(staff_client.get(LIST, {"stall": honey_stall.pk}))
    by_province = rows(staff_client.get(LIST, {"province": Province.objects.get(slug="ca-mau").pk}))
    delivered = rows(staff_client.get(LIST, {"status": "delivered"}))
    today_only = rows(staff_client.get(LIST, {"placed_from": today, "placed_to": today}))
    before = rows(staff_client.get(LIST, {"placed_to": "2020-01-01"}))

    assert [each.number for each in by_stall] == [order.number]
    assert [each.number for each in by_province] == [order.number]
    assert [each.number for each in delivered] == [order.number]
    assert len(today_only) == 2
    assert list(before) == []


def test_filters_that_make_no_sense_are_dropped_with_a_message(staff_client, order):
    response = staff_client.get(
        LIST, {"placed_from": "31/02/2026x", "stall": "abc", "province": "99999", "status": "lost", "page": "zz"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "“Đặt từ ngày” không phải ngày hợp lệ" in page
    assert "Không có gian hàng này" in page
    assert "Không có tỉnh/thành này" in page
    assert "Trạng thái không hợp lệ" in page
    assert [each.number for each in rows(response)] == [order.number]


def test_the_list_costs_the_same_queries_for_one_order_or_many(staff_client, order, tea, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        one = staff_client.get(LIST)
    for _ in range(3):
        second_order(tea)
    with django_assert_max_num_queries(12):
        many = staff_client.get(LIST)

    assert len(rows(one)) == 1
    assert len(rows(many)) == 4


def test_the_order_page_shows_parts_payment_and_events_with_who_made_them(
    staff_client, order, honey_owner, honey_part, django_assert_max_num_queries
):
    honey_owner.first_name, honey_owner.last_name = "Hoa", "Trần"
    honey_owner.save()

    with django_assert_max_num_queries(16):
        response = staff_client.get(reverse("staff-orders:detail", kwargs={"number": order.number}))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="stall-order-{honey_part.pk}"' in page
    assert "Hoa Trần" in page  # who confirmed, shipped and delivered
    assert "GHN-8421" in page
    assert 'id="payment-status"' in page


def test_an_order_that_does_not_exist_is_404(staff_client, db):
    assert staff_client.get(reverse("staff-orders:detail", kwargs={"number": "999999"})).status_code == 404


def test_staff_cancel_a_stall_order_with_a_reason_and_the_event_names_them(
    staff_client, staff, order, honey_part, django_capture_on_commit_callbacks
):
    tea_part = order.stall_orders.exclude(pk=honey_part.pk).get()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("staff-orders:cancel", kwargs={"number": order.number, "pk": tea_part.pk}),
            {"reason": "Gian hàng ngừng bán."},
        )

    assert response.status_code == 302
    tea_part.refresh_from_db()
    assert tea_part.status == StallOrder.Status.CANCELLED
    event = StallOrderEvent.objects.filter(stall_order=tea_part).last()
    assert (event.actor, event.note) == (staff, "Gian hàng ngừng bán.")
    assert any("Gian hàng ngừng bán." in message.body for message in mail.outbox if message.to == ["lan@example.vn"])


def test_cancelling_without_a_reason_is_refused_and_changes_nothing(staff_client, order, honey_part):
    tea_part = order.stall_orders.exclude(pk=honey_part.pk).get()

    response = staff_client.post(
        reverse("staff-orders:cancel", kwargs={"number": order.number, "pk": tea_part.pk}), {"reason": ""}
    )

    assert response.status_code == 400
    assert "Vui lòng cho người mua và gian hàng biết lý do hủy." in response.content.decode()
    tea_part.refresh_from_db()
    assert tea_part.status == StallOrder.Status.PENDING


def test_a_delivered_part_cannot_be_cancelled_and_the_reason_typed_stays(staff_client, order, honey_part):
    response = staff_client.post(
        reverse("staff-orders:cancel", kwargs={"number": order.number, "pk": honey_part.pk}), {"reason": "Thử hủy."}
    )

    assert response.status_code == 409
    assert "Không thể chuyển đơn" in response.content.decode()
    assert "Thử hủy." in response.content.decode()


def test_staff_cancel_a_card_paid_part_and_stripe_refunds_it(
    staff_client, paid_card_order, tea_stall, localstripe, django_capture_on_commit_callbacks
):
    order = paid_card_order.order
    tea_part = StallOrder.objects.get(order=order, storefront=tea_stall)

    response = staff_client.post(
        reverse("staff-orders:cancel", kwargs={"number": order.number, "pk": tea_part.pk}),
        {"reason": "Chè bị ẩm, không giao được."},
    )

    assert response.status_code == 302
    (stripe_refund,) = localstripe.refunds(paid_card_order.intent_id)
    assert stripe_refund.amount == tea_part.total
    assert Refund.objects.get().reference == stripe_refund.id
    page = staff_client.get(reverse("staff-orders:detail", kwargs={"number": order.number})).content.decode()
    assert stripe_refund.id in page


def test_the_dashboards_orders_menu_opens_our_orders_screen(staff_client, db):
    page = staff_client.get(reverse("dashboard:index")).content.decode()

    assert f'href="{LIST}"' in page  # Oscar's own orders list answers "no permission" to union staff
