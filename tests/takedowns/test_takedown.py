"""Staff take a reported listing down: in that one request it leaves every page and every open basket, the stall is
told why by e-mail and on its seller centre; the stall fixes it and asks for review; staff restore it or keep it down.
Every step is logged with who, when and why."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.products import services as catalog_products
from shop.cache import HIT_HEADER
from shop.takedowns import workflow
from shop.takedowns.models import Takedown
from storefronts.models import Storefront
from tests.factories import MembershipFactory, ProductFactory, ReportFactory, ShippingPolicyFactory
from tests.takedowns.conftest import basket_with, decide_url, detail_url, member_url

Line = get_model("basket", "Line")
REASON = "Sở Công Thương xác định là hàng giả nhãn hiệu."


@pytest.fixture
def taken_down(reported, union_staff):
    workflow.take_down(reported, union_staff, REASON)
    reported.refresh_from_db()
    return reported


def test_staff_take_a_product_down_and_it_leaves_every_page_at_once(
    client, union_staff, reported, product, stall, django_capture_on_commit_callbacks
):
    category = product.get_categories()[0]
    assert client.get(product.get_absolute_url()).status_code == 200
    client.force_login(union_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(reported, "take-down"), {"reason": REASON})

    assert response.status_code == 302
    client.logout()
    assert client.get(product.get_absolute_url()).status_code == 404
    for listing in (stall.get_absolute_url(), category.get_absolute_url(), reverse("catalogue:index")):
        assert "Mật ong rừng tràm 500 ml" not in client.get(listing).content.decode()
    reported.refresh_from_db()
    assert reported.status == "taken_down"
    change = reported.changes.first()
    assert (change.actor, change.to_status, change.reason) == (union_staff, "taken_down", REASON)


def test_takedown_removes_the_product_from_open_baskets_and_the_buyer_is_told_once(
    client, union_staff, reported, product, buyer, stall
):
    other = ProductFactory(storefront=stall, title="Sáp ong nguyên chất")
    basket = basket_with(buyer, product, other)

    workflow.take_down(reported, union_staff, REASON)

    assert list(Line.objects.filter(basket=basket).values_list("product__title", flat=True)) == ["Sáp ong nguyên chất"]
    client.force_login(buyer)
    page = client.get(reverse("basket:summary")).content.decode()
    assert "“Mật ong rừng tràm 500 ml” đã bị gỡ khỏi chợ" in page
    assert "đã bị gỡ khỏi chợ" not in client.get(reverse("basket:summary")).content.decode()


def test_the_basket_notice_is_looked_for_on_the_basket_page_only(client, buyer, product):
    client.force_login(buyer)

    with CaptureQueriesContext(connection) as product_page:
        client.get(product.get_absolute_url())
    with CaptureQueriesContext(connection) as basket_page:
        client.get(reverse("basket:summary"))

    assert not any("takedowns_removedbasketline" in query["sql"] for query in product_page.captured_queries)
    assert any("takedowns_removedbasketline" in query["sql"] for query in basket_page.captured_queries)


def test_stall_owners_are_told_why_by_email_in_their_own_language(
    union_staff, reported, owner, stall, django_capture_on_commit_callbacks
):
    english = MembershipFactory(cooperative=stall.cooperative, language="en", user__email="owner-en@htx.vn").user
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.take_down(reported, union_staff, REASON)

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {owner.email, english.email}
    assert REASON in by_recipient[owner.email].body
    assert "đã gỡ “Mật ong rừng tràm 500 ml”" in by_recipient[owner.email].body
    assert member_url(reported) in by_recipient[owner.email].body
    assert "Taken down" in by_recipient[english.email].subject


def test_the_stall_sees_the_takedown_on_its_seller_centre(client, taken_down, owner):
    client.force_login(owner)

    page = client.get(reverse("storefronts:application")).content.decode()

    assert 'id="task-takedowns"' in page
    assert reverse("takedowns:member-list") in page


def test_the_stall_cannot_put_a_taken_down_product_back_on_sale(taken_down, product, stall):
    ShippingPolicyFactory(storefront=stall)

    with pytest.raises(ValidationError) as refused:
        catalog_products.publish_product(product)

    assert "đã bị cán bộ Liên minh HTX gỡ xuống" in refused.value.messages[0]
    product.refresh_from_db()
    assert not product.is_public


def test_the_stall_fixes_the_product_asks_for_review_and_staff_restore_it(
    client, taken_down, owner, union_staff, product, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    page = client.get(member_url(taken_down)).content.decode()
    assert REASON in page and "Hàng giả, hàng nhái" in page

    response = client.post(member_url(taken_down), {"note": "Đã đổi nhãn theo mẫu đăng ký của hợp tác xã."})

    assert response.status_code == 302
    taken_down.refresh_from_db()
    assert taken_down.status == "review_requested"
    assert taken_down.changes.first().actor == owner

    client.force_login(union_staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(taken_down, "restore"))

    product.refresh_from_db()
    assert product.is_public
    client.logout()
    assert client.get(product.get_absolute_url()).status_code == 200
    assert "đã được khôi phục" in mail.outbox[0].body


def test_staff_keep_a_listing_down_with_a_reason_and_the_stall_may_ask_again(taken_down, owner, union_staff, product):
    workflow.ask_for_review(taken_down, owner, "Đã sửa nhãn.")

    workflow.keep_down(taken_down, union_staff, "Nhãn mới vẫn dùng nhãn hiệu của hãng khác.")

    assert taken_down.status == "kept_down"
    assert not Takedown.objects.get(pk=taken_down.pk).product.is_public
    workflow.ask_for_review(taken_down, owner, "Đã bỏ hẳn nhãn hiệu đó.")
    assert taken_down.status == "review_requested"


def test_a_request_for_review_without_a_note_is_refused_in_vietnamese(client, taken_down, owner):
    client.force_login(owner)

    response = client.post(member_url(taken_down), {"note": "  "})

    assert response.status_code == 400
    assert "Vui lòng ghi rõ gian hàng đã sửa những gì" in response.content.decode()


def test_taking_down_needs_a_reason_and_the_listing_stays(client, union_staff, reported, product):
    client.force_login(union_staff)

    response = client.post(decide_url(reported, "take-down"), {"reason": ""})

    assert response.status_code == 400
    product.refresh_from_db()
    assert product.is_public


def test_staff_dismiss_a_report_and_the_product_stays_on_sale(union_staff, reported, product):
    mail.outbox.clear()

    workflow.dismiss_report(reported, union_staff, "Nhãn đúng mẫu đã công bố.")

    product.refresh_from_db()
    assert product.is_public and reported.status == "dismissed"
    assert mail.outbox == []  # the stall never hears of a report staff found groundless


def test_a_report_after_a_dismissal_opens_a_new_case(union_staff, reported, product):
    workflow.dismiss_report(reported, union_staff, "Không vi phạm.")

    report = workflow.file_report(product=product, reason="banned", note="Có chất cấm.")

    assert report.takedown != reported and report.takedown.status == "open"


def test_taking_down_a_whole_stall_suspends_it_and_restoring_reinstates_it(client, union_staff, stall, product):
    case = workflow.file_report(storefront=stall, reason="banned", note="Bán động vật hoang dã.").takedown

    workflow.take_down(case, union_staff, "Kinh doanh hàng cấm.")

    stall.refresh_from_db()
    assert stall.status == Storefront.Status.SUSPENDED
    assert client.get(product.get_absolute_url()).status_code == 404
    assert client.get(stall.get_absolute_url()).status_code == 404

    workflow.restore(case, union_staff)

    stall.refresh_from_db()
    assert stall.status == Storefront.Status.APPROVED
    assert client.get(product.get_absolute_url()).status_code == 200


def test_recording_an_authority_request_starts_the_clock_from_its_receipt(client, union_staff, reported):
    received = timezone.localtime() - timedelta(hours=30)
    client.force_login(union_staff)

    response = client.post(
        reverse("takedown-review:authority", kwargs={"pk": reported.pk}),
        {
            "authority-authority": "Sở Công Thương tỉnh Cà Mau",
            "authority-document_number": "123/SCT-QLTM",
            "authority-received_at": received.strftime("%Y-%m-%dT%H:%M"),
        },
    )

    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.authority_requests.get().recorded_by == union_staff
    assert abs(reported.clock_started_at - received) < timedelta(minutes=1)
    page = client.get(detail_url(reported)).content.decode()
    assert "123/SCT-QLTM" in page and "Quá hạn từ" in page


def test_an_authority_request_with_a_mistake_is_refused_and_keeps_what_was_typed(client, union_staff, reported):
    client.force_login(union_staff)

    response = client.post(
        reverse("takedown-review:authority", kwargs={"pk": reported.pk}),
        {
            "authority-authority": "Sở Công Thương tỉnh Cà Mau",
            "authority-document_number": "",
            "authority-received_at": "hôm qua",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Vui lòng ghi số văn bản." in page and "Thời điểm chưa đúng" in page
    assert "Sở Công Thương tỉnh Cà Mau" in page


def test_queue_shows_the_time_left_for_a_fresh_report_and_overdue_for_an_old_one(
    client, union_staff, reported, stall, django_assert_max_num_queries
):
    old = ReportFactory(takedown__product=ProductFactory(storefront=stall, title="Trà shan tuyết")).takedown
    Takedown.objects.filter(pk=old.pk).update(clock_started_at=timezone.now() - timedelta(hours=26))
    client.force_login(union_staff)

    with django_assert_max_num_queries(12):
        page = client.get(reverse("takedown-review:queue")).content.decode()

    assert page.index("Trà shan tuyết") < page.index("Mật ong rừng tràm 500 ml")  # the most urgent first
    assert "Quá hạn từ" in page and "Còn 23" in page


def test_case_page_costs_a_fixed_number_of_queries(client, union_staff, reported, django_assert_max_num_queries):
    ReportFactory.create_batch(3, takedown=reported)
    client.force_login(union_staff)

    with django_assert_max_num_queries(14):
        response = client.get(detail_url(reported))

    assert response.status_code == 200


def test_report_notes_are_escaped_on_the_staff_page(client, union_staff, reported):
    ReportFactory(takedown=reported, note="<script>alert(1)</script>")
    client.force_login(union_staff)

    page = client.get(detail_url(reported)).content.decode()

    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_staff_open_a_case_from_an_authority_letter_by_pasting_the_products_address(client, union_staff, product):
    received = timezone.localtime() - timedelta(hours=2)
    client.force_login(union_staff)

    response = client.post(
        reverse("takedown-review:new"),
        {
            "case-listing_address": f"https://chohtx.vn/en{product.get_absolute_url()[3:]}",
            "case-authority": "Cục Quản lý và Phát triển thị trường trong nước",
            "case-document_number": "45/QLTT-TMĐT",
            "case-received_at": received.strftime("%Y-%m-%dT%H:%M"),
        },
    )

    case = Takedown.objects.get()
    assert response.status_code == 302 and response.url == detail_url(case)
    assert (case.kind, case.product, case.status) == ("product", product, "open")
    assert case.authority_requests.get().document_number == "45/QLTT-TMĐT"
    assert abs(case.clock_started_at - received) < timedelta(minutes=1)
    assert "Còn 21 giờ" in client.get(reverse("takedown-review:queue")).content.decode()


def test_an_address_that_is_no_listing_is_refused_and_the_letter_typed_is_kept(client, union_staff):
    client.force_login(union_staff)

    response = client.post(
        reverse("takedown-review:new"),
        {
            "case-listing_address": "https://chohtx.vn/vi/khong-co-trang-nay/",
            "case-authority": "Sở Công Thương tỉnh Cà Mau",
            "case-document_number": "12/SCT",
            "case-received_at": "2026-12-01T08:00",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Không nhận ra địa chỉ này" in page and "Sở Công Thương tỉnh Cà Mau" in page
    assert not Takedown.objects.exists()


def test_a_takedown_makes_every_kept_anonymous_page_stale_at_once(
    settings, union_staff, reported, product, stall, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 60
    for url in (product.get_absolute_url(), stall.get_absolute_url()):
        Client().get(url)
        assert Client().get(url)[HIT_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        workflow.take_down(reported, union_staff, REASON)

    assert Client().get(product.get_absolute_url()).status_code == 404
    assert "Mật ong rừng tràm 500 ml" not in Client().get(stall.get_absolute_url()).content.decode()


def test_a_product_deleted_after_its_report_can_still_be_decided(union_staff, reported, product):
    Takedown.objects.filter(pk=reported.pk).update(product=None)
    reported.refresh_from_db()

    workflow.take_down(reported, union_staff, REASON)

    assert reported.status == "taken_down"


def test_the_stalls_case_page_costs_a_fixed_number_of_queries(client, taken_down, owner, django_assert_max_num_queries):
    ReportFactory.create_batch(3, takedown=taken_down)
    client.force_login(owner)

    with django_assert_max_num_queries(16):  # 12 once the buyer's basket exists; the first visit creates it
        response = client.get(member_url(taken_down))

    assert response.status_code == 200
