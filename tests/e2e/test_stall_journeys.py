"""A cooperative opens its stall, in a real browser: a member signs up and applies through the guided steps, leaving
and coming back halfway; union staff ask for changes, the member fixes them, staff approve. E-mails reach the
cooperative's owner in the language they use."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from storefronts import workflow
from storefronts.models import Membership, Storefront
from tests.conftest import make_union_staff
from tests.e2e.conftest import DESKTOP, open_context
from tests.e2e.helpers import log_in, log_in_to_dashboard, scanned_document, sign_up
from tests.factories import DraftStorefrontFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff_desktop(request, browser, live_server):
    """Union staff at their own desktop, beside the member's browser: each person keeps their own session."""
    return open_context(request, browser, live_server, **DESKTOP)


def test_member_signs_up_applies_for_a_stall_in_steps_resumes_the_draft_and_submits(desktop, tmp_path):
    page = desktop.new_page()
    page.goto("/vi/my-stall/")
    sign_up(page, "chunhiem@htx-xuanhuong.vn")
    expect(page.get_by_text("Cảm ơn bạn đã đăng ký")).to_be_visible()
    page.get_by_role("link", name="Bắt đầu đăng ký").click()
    expect(page.get_by_role("heading", name="Thông tin hợp tác xã")).to_be_visible()
    page.get_by_label("Tên hợp tác xã").fill("Hợp tác xã Nông nghiệp Xuân Hương")
    page.get_by_label("Tên viết tắt").fill("HTX Xuân Hương")
    page.get_by_label("Mã số HTX / mã số thuế").fill("5800123456")
    page.get_by_label("Loại hình").select_option(label="Hợp tác xã nông nghiệp")
    page.get_by_label("Tỉnh / thành phố").select_option(label="Lâm Đồng")
    page.get_by_label("Năm thành lập").fill("2012")
    page.get_by_label("Số thành viên").fill("48")
    page.get_by_label("Giới thiệu hợp tác xã").fill("Trồng rau và hoa theo tiêu chuẩn VietGAP ở Đà Lạt.")
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    expect(page.get_by_role("heading", name="Địa chỉ và liên hệ")).to_be_visible()
    page.get_by_label("Xã / phường / đặc khu").fill("Phường Xuân Hương – Đà Lạt")
    page.get_by_label("Địa chỉ (thôn, ấp, số nhà, đường)").fill("Thôn Trường Xuân")
    page.get_by_label("Điện thoại").fill("0912 345 678")
    page.get_by_label("Thư điện tử").fill("lienhe@htx-xuanhuong.vn")
    page.get_by_role("button", name="Lưu, để sau làm tiếp").click()
    expect(page.get_by_text("Đã lưu bản nháp")).to_be_visible()

    # The member leaves (signs out, the browser forgets everything) and comes back another day.
    desktop.clear_cookies()
    page.goto("/vi/my-stall/")
    log_in(page, "chunhiem@htx-xuanhuong.vn")
    expect(page.get_by_role("heading", name="Trạng thái hồ sơ")).to_contain_text("Bản nháp")
    page.get_by_role("link", name="Sửa – Địa chỉ và liên hệ").click()
    expect(page.get_by_label("Xã / phường / đặc khu")).to_have_value("Phường Xuân Hương – Đà Lạt")
    expect(page.get_by_label("Điện thoại")).to_have_value("0912345678")
    expect(page.get_by_label("Thư điện tử")).to_have_value("lienhe@htx-xuanhuong.vn")
    page.get_by_role("link", name="1. Thông tin hợp tác xã").click()
    expect(page.get_by_label("Tên hợp tác xã")).to_have_value("Hợp tác xã Nông nghiệp Xuân Hương")
    expect(page.get_by_label("Tỉnh / thành phố").locator("option:checked")).to_have_text("Lâm Đồng")
    page.get_by_role("link", name="3. Gian hàng").click()

    page.get_by_label("Tên gian hàng", exact=True).fill("Rau hoa Xuân Hương")
    page.get_by_label("Khẩu hiệu").first.fill("Rau sạch Đà Lạt, hái buổi sáng")
    page.get_by_role("textbox", name="Đường dẫn").fill("")  # made from the stall's name
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    expect(page.get_by_role("heading", name="Giấy tờ")).to_be_visible()
    page.get_by_label("Giấy chứng nhận đăng ký hợp tác xã").set_input_files(scanned_document(tmp_path))
    page.get_by_role("button", name="Lưu và xem lại hồ sơ").click()

    expect(page.get_by_text("Giấy chứng nhận đã tải lên")).to_be_visible()
    page.get_by_role("button", name="Gửi hồ sơ để duyệt").click()
    expect(page.get_by_text("Đã gửi hồ sơ.")).to_be_visible()
    expect(page.get_by_role("heading", name="Trạng thái hồ sơ")).to_contain_text("Đã gửi, chờ duyệt")

    stall = Storefront.objects.get(cooperative__registration_number="5800123456")
    assert (stall.status, stall.slug, stall.name_vi) == ("submitted", "rau-hoa-xuan-huong", "Rau hoa Xuân Hương")
    assert stall.cooperative.registration_certificate.read().startswith(b"%PDF-")
    assert Membership.objects.get(cooperative=stall.cooperative).language == "vi"
    submitted = [message for message in mail.outbox if message.to == ["chunhiem@htx-xuanhuong.vn"]][-1]
    assert submitted.subject == "[Chợ HTX] Gian hàng “Rau hoa Xuân Hương”: Đã gửi, chờ duyệt"


def submitted_application(owner_email, language, certificate):
    """A complete application already sent for review (the journey above shows how it is filled in)."""
    stall = DraftStorefrontFactory(name="Mật ong tràm U Minh", slug="mat-ong-tram-u-minh")
    owner = MembershipFactory(cooperative=stall.cooperative, user__email=owner_email, language=language)
    stall.cooperative.registration_certificate.save("gcn.pdf", ContentFile(certificate.read_bytes()))
    workflow.submit_application(stall, owner.user)
    mail.outbox.clear()
    return stall


def test_staff_ask_for_changes_the_member_fixes_them_in_english_and_staff_approve(phone, staff_desktop, tmp_path):
    stall = submitted_application("owner@ongmat.example.vn", "en", scanned_document(tmp_path))
    reviewer = make_union_staff(email="canbo@lienminhhtx.example.vn")
    reason = "Xin bổ sung tên gian hàng bằng tiếng Anh cho người mua nước ngoài."

    staff = staff_desktop.new_page()
    staff.goto("/dashboard/stalls/")
    log_in_to_dashboard(staff, reviewer.email)
    expect(staff.get_by_role("heading", name="Duyệt gian hàng")).to_be_visible()
    staff.get_by_role("link", name="Mật ong tràm U Minh").click()
    request_changes = staff.locator("#decision-request-changes")
    request_changes.get_by_label("Lý do (gửi cho hợp tác xã)").fill(reason)
    request_changes.get_by_role("button", name="Yêu cầu bổ sung").click()
    expect(staff.get_by_text("Đã gửi yêu cầu bổ sung hồ sơ")).to_be_visible()
    assert [message.subject for message in mail.outbox] == ["[Chợ HTX] Stall “Mật ong tràm U Minh”: Changes requested"]
    assert reason in mail.outbox[0].body

    member = phone.new_page()
    member.goto("/en/my-stall/")
    log_in(member, "owner@ongmat.example.vn", language="en")
    expect(member.get_by_role("heading", name="Application status")).to_contain_text("Changes requested")
    expect(member.locator("#staff-reason")).to_contain_text(reason)
    member.get_by_role("link", name="Edit – Stall").click()
    english = member.locator("details", has=member.locator("summary", has_text="English"))
    english.locator("summary").click()
    english.get_by_label("Stall name").fill("U Minh melaleuca honey")
    member.get_by_role("button", name="Save and continue", exact=True).click()
    member.get_by_role("link", name="Back to the application overview").click()
    member.get_by_role("button", name="Send the application again").click()
    expect(member.get_by_text("Application sent.")).to_be_visible()
    expect(member.get_by_role("heading", name="Application status")).to_contain_text("Submitted, awaiting review")

    staff.goto("/dashboard/stalls/")
    staff.get_by_role("link", name="Mật ong tràm U Minh").click()
    expect(staff.get_by_role("cell", name="U Minh melaleuca honey")).to_be_visible()
    staff.get_by_role("button", name="Duyệt và mở gian hàng").click()
    expect(staff.get_by_text("Đã duyệt gian hàng “Mật ong tràm U Minh”")).to_be_visible()

    member.reload()
    expect(member.get_by_role("heading", name="Application status")).to_contain_text("Approved")
    stall.refresh_from_db()
    assert stall.status == Storefront.Status.APPROVED and stall.partner is not None
    assert [message.subject for message in mail.outbox] == [
        "[Chợ HTX] Stall “Mật ong tràm U Minh”: Changes requested",
        "[Chợ HTX] Stall “U Minh melaleuca honey”: Submitted, awaiting review",
        "[Chợ HTX] Stall “U Minh melaleuca honey”: Approved",
    ]
