"""A complaint in real browsers: the buyer, on her phone, complains that a delivered jar of honey arrived broken (with
a photo); the stall answers from its seller centre; the buyer is not satisfied and asks the Cooperative Alliance;
union staff, at their desk, decide a refund, and the buyer reads the outcome."""

import re

import pytest
from django.core import mail
from django.test import Client
from oscar.core.loading import get_model
from playwright.sync_api import expect

from shop.complaints.models import Complaint
from shop.fulfilment import services
from shop.fulfilment.models import StallOrder
from storefronts.models import Province
from tests.conftest import make_union_staff
from tests.e2e.conftest import DESKTOP, open_context
from tests.e2e.helpers import log_in, log_in_to_dashboard, photo, script_errors
from tests.factories import CooperativeFactory, MembershipFactory, ProductFactory, StorefrontFactory, UserFactory
from tests.shop.checkout.conftest import add_to_basket, check_out

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff_desktop(request, browser, live_server):
    return open_context(request, browser, live_server, **DESKTOP)


@pytest.fixture
def delivered_honey():
    """Lan's cash-on-delivery order of two jars, placed with her account and delivered by the honey stall."""
    stall = StorefrontFactory(
        cooperative=CooperativeFactory(province=Province.objects.get(slug="ca-mau")), name="Mật ong U Minh"
    )
    honey = ProductFactory(title_vi="Mật ong rừng U Minh", storefront=stall, stock__price=185_000, stock=10)
    owner = MembershipFactory(cooperative=stall.cooperative, user__email="chu.mat.ong@example.vn").user
    buyer = Client()
    buyer.force_login(UserFactory(email="lan@example.vn"))
    add_to_basket(buyer, honey, 2)
    check_out(buyer, [stall], method="cod")
    part = StallOrder.objects.get()
    services.confirm_stall_order(part, owner)
    services.ship_stall_order(part, owner, "GHN-8421-CM")
    services.deliver_stall_order(part, owner, cash_collected=True)
    return part


def test_buyer_complains_stall_answers_buyer_escalates_and_staff_refund(
    phone, desktop, staff_desktop, delivered_honey, tmp_path
):
    order = delivered_honey.order
    reviewer = make_union_staff(email="canbo@lienminhhtx.example.vn")

    buyer = phone.new_page()
    errors = script_errors(buyer)
    buyer.goto(f"/vi/accounts/login/?next=/vi/checkout/orders/{order.number}/")
    log_in(buyer, "lan@example.vn")
    buyer.get_by_role("link", name="Khiếu nại và đổi trả").click()
    buyer.get_by_label("Hàng bị hư hỏng").check()
    buyer.get_by_label("Hoàn tiền").check()
    buyer.get_by_role("textbox", name="Mô tả").fill("Một hũ bị vỡ nắp, mật chảy ra hộp.")
    buyer.get_by_label("Ảnh chụp").set_input_files(photo(tmp_path, "hu-vo.jpg", "orange"))
    buyer.get_by_role("button", name="Gửi khiếu nại").click()
    expect(buyer.locator("#complaint-status")).to_have_text("Chờ gian hàng trả lời")
    expect(buyer.locator("#complaint-photos img")).to_have_count(1)
    complaint = Complaint.objects.get()

    member = desktop.new_page()
    member.goto("/vi/my-stall/complaints/")
    log_in(member, "chu.mat.ong@example.vn")
    member.get_by_role("link", name=re.compile(f"#{complaint.pk}")).click()
    expect(member.locator("#complaint-thread")).to_contain_text("Một hũ bị vỡ nắp")
    member.get_by_label("Tin nhắn").fill("Hàng đã được đóng gói kỹ; có lẽ vỡ khi vận chuyển.")
    member.get_by_role("button", name="Gửi câu trả lời").click()
    expect(member.locator("#complaint-status")).to_have_text("Gian hàng đã trả lời")

    buyer.reload()
    expect(buyer.locator("#complaint-thread")).to_contain_text("có lẽ vỡ khi vận chuyển")
    buyer.get_by_label("Vì sao bạn cần Liên minh HTX giải quyết?").fill("Tôi muốn được hoàn tiền hũ bị vỡ.")
    buyer.get_by_role("button", name="Nhờ Liên minh HTX giải quyết").click()
    expect(buyer.locator("#complaint-status")).to_have_text("Chờ Liên minh HTX quyết định")

    staff = staff_desktop.new_page()
    staff.goto("/dashboard/complaints/")
    log_in_to_dashboard(staff, reviewer.email)
    staff.get_by_role("link", name=f"#{complaint.pk} – {order.number}").click()
    expect(staff.locator("#complaint-thread")).to_contain_text("Tôi muốn được hoàn tiền hũ bị vỡ.")
    staff.locator("#decision-refund").get_by_label("Lý do").fill("Ảnh cho thấy hũ vỡ khi giao.")
    staff.get_by_role("button", name="Hoàn tiền cho người mua").click()
    expect(staff.get_by_text(f"Đã hoàn tiền cho khiếu nại #{complaint.pk}")).to_be_visible()

    buyer.reload()
    expect(buyer.locator("#complaint-status")).to_have_text("Đã hoàn tiền")
    expect(buyer.locator("#complaint-refund")).to_contain_text("Liên minh HTX chuyển khoản lại cho người mua")
    expect(buyer.locator("#complaint-thread")).to_contain_text("Ảnh cho thấy hũ vỡ khi giao.")
    assert any("Đã hoàn tiền" in message.subject for message in mail.outbox if message.to == ["lan@example.vn"])
    assert errors == []
