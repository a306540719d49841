"""A listing reported and taken down, in a real browser: a visitor reports a product from its page on their phone,
union staff see it in their queue with the 24-hour clock and take it down; the product is gone from the stall page
and its own page, and the stall finds the reason in its seller centre and asks for review."""

import pytest
from playwright.sync_api import expect

from shop.takedowns.models import Takedown
from tests.conftest import make_union_staff
from tests.e2e.conftest import DESKTOP, open_context
from tests.e2e.helpers import log_in, log_in_to_dashboard, script_errors
from tests.factories import MembershipFactory, ProductFactory, StorefrontFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff_desktop(request, browser, live_server):
    return open_context(request, browser, live_server, **DESKTOP)


@pytest.fixture
def member_desktop(request, browser, live_server):
    return open_context(request, browser, live_server, **DESKTOP)


def test_visitor_reports_a_product_staff_take_it_down_and_it_is_gone_from_the_stall_page(
    phone, staff_desktop, member_desktop
):
    stall = StorefrontFactory(name="Mật ong tràm U Minh")
    MembershipFactory(cooperative=stall.cooperative, user__email="owner@ongmat.example.vn")
    product = ProductFactory(storefront=stall, title="Mật ong rừng tràm nhãn lạ")
    ProductFactory(storefront=stall, title="Sáp ong nguyên chất")
    make_union_staff(email="canbo@lienminhhtx.example.vn")

    visitor = phone.new_page()
    errors = script_errors(visitor)
    visitor.goto(product.get_absolute_url())
    visitor.get_by_role("link", name="Báo cáo sản phẩm vi phạm").click()
    expect(visitor.get_by_text("Bạn đang báo cáo sản phẩm “Mật ong rừng tràm nhãn lạ”")).to_be_visible()
    visitor.get_by_label("Hàng giả, hàng nhái").check()
    visitor.get_by_label("Mô tả điều bạn thấy").fill("Nhãn in giống hệt mật ong của hãng khác, giá rẻ bất thường.")
    visitor.get_by_role("button", name="Gửi báo cáo").click()
    expect(visitor.get_by_text("Cảm ơn bạn.")).to_be_visible()

    staff = staff_desktop.new_page()
    staff.goto("/dashboard/takedowns/")
    log_in_to_dashboard(staff, "canbo@lienminhhtx.example.vn")
    expect(staff.locator("#waiting-count")).to_have_text("1")
    row = staff.get_by_role("row", name="Mật ong rừng tràm nhãn lạ")
    expect(row).to_contain_text("Còn 23")
    row.get_by_role("link", name="Mật ong rừng tràm nhãn lạ").click()
    expect(staff.locator("#reports")).to_contain_text("giá rẻ bất thường")
    decision = staff.locator("#decision-take-down")
    decision.get_by_label("Lý do (gửi cho hợp tác xã)").fill("Hàng giả nhãn hiệu theo kết luận kiểm tra.")
    decision.get_by_role("button", name="Gỡ xuống ngay").click()
    expect(staff.get_by_text("Đã gỡ “Mật ong rừng tràm nhãn lạ” khỏi chợ.")).to_be_visible()

    visitor.goto(stall.get_absolute_url())
    expect(visitor.get_by_text("Sáp ong nguyên chất")).to_be_visible()
    expect(visitor.get_by_text("Mật ong rừng tràm nhãn lạ")).to_have_count(0)
    assert errors == []
    assert visitor.goto(product.get_absolute_url()).status == 404

    member = member_desktop.new_page()
    member.goto("/vi/my-stall/")
    log_in(member, "owner@ongmat.example.vn")
    member.locator("#task-takedowns").get_by_role("link").click()
    member.get_by_role("link", name="Mật ong rừng tràm nhãn lạ").click()
    expect(member.get_by_text("Hàng giả nhãn hiệu theo kết luận kiểm tra.")).to_be_visible()
    member.get_by_label("Gian hàng đã sửa những gì").fill("Đã in lại nhãn theo mẫu đã đăng ký của hợp tác xã.")
    member.get_by_role("button", name="Gửi yêu cầu xem xét lại").click()
    expect(member.get_by_text("Đã gửi yêu cầu xem xét lại.")).to_be_visible()
    assert Takedown.objects.get().status == Takedown.Status.REVIEW_REQUESTED
