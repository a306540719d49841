"""Products and their credentials, in a real browser: a member of an approved stall lists a product with photos and a
variant, declares its OCOP certificate, union staff verify it, the member prints traceability stamps; a buyer scans a
stamp with their phone."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from catalog.models import Product
from ocop import serials, stamps
from ocop.models import OcopCertificate, Stamp
from tests.conftest import make_union_staff
from tests.e2e.conftest import DESKTOP, open_context
from tests.e2e.helpers import log_in, log_in_to_dashboard, photo, scanned_document
from tests.factories import (
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
    ShippingPolicyFactory,
    StorefrontFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff_desktop(request, browser, live_server):
    """Union staff at their own desktop, beside the member's browser: each person keeps their own session."""
    return open_context(request, browser, live_server, **DESKTOP)


def test_member_lists_a_product_with_photos_and_a_variant_gets_ocop_verified_and_prints_stamps(
    desktop, staff_desktop, tmp_path
):
    stall = StorefrontFactory(name="Mật ong tràm U Minh")
    ShippingPolicyFactory(storefront=stall)
    MembershipFactory(cooperative=stall.cooperative, user__email="owner@ongmat.example.vn")
    CategoryFactory(name="Mật ong")
    reviewer = make_union_staff(email="canbo@lienminhhtx.example.vn")

    member = desktop.new_page()
    member.goto("/vi/my-stall/products/")
    log_in(member, "owner@ongmat.example.vn")
    member.get_by_role("link", name="Thêm sản phẩm").click()
    member.get_by_label("Tên sản phẩm", exact=True).fill("Mật ong rừng tràm")
    member.get_by_label("Danh mục").select_option(label="Mật ong")
    member.get_by_label("Mô tả sản phẩm").first.fill("Mật ong khai thác tự nhiên từ rừng tràm U Minh Hạ.")
    member.get_by_label("Giá bán (đồng)").fill("185.000")
    member.get_by_label("Số lượng tồn kho").fill("20")
    member.get_by_label("Đơn vị / quy cách").fill("Hũ 500 ml")
    member.get_by_label("Thêm ảnh").set_input_files(
        [photo(tmp_path, "hu-mat-ong.jpg", "darkorange"), photo(tmp_path, "nhan-hu.png", "gold")]
    )
    member.get_by_role("button", name="Lưu nháp").click()
    expect(member.get_by_text("Đã lưu “Mật ong rừng tràm”.")).to_be_visible()
    expect(member.get_by_role("img", name="Ảnh 1")).to_be_visible()
    expect(member.get_by_role("img", name="Ảnh 2")).to_be_visible()

    member.get_by_role("link", name="Thêm biến thể (khối lượng, quy cách khác)").click()
    expect(member.get_by_label("Tên của loại đang bán")).to_have_value("Hũ 500 ml")
    member.get_by_label("Tên biến thể").fill("Hũ 250 ml")
    member.get_by_label("Giá bán (đồng)").fill("95000")
    member.get_by_label("Số lượng tồn kho").fill("30")
    member.get_by_role("button", name="Thêm biến thể").click()
    expect(member.get_by_text("Đã thêm biến thể “Hũ 250 ml”.")).to_be_visible()
    variants = member.locator("#variants")
    expect(variants.get_by_role("row", name="Hũ 500 ml")).to_contain_text("185.000")
    expect(variants.get_by_role("row", name="Hũ 250 ml")).to_contain_text("95.000")
    member.get_by_role("button", name="Xem trước").click()
    member.get_by_role("button", name="Bày bán").click()
    expect(member.get_by_text("“Mật ong rừng tràm” đã được bày bán.")).to_be_visible()

    member.goto("/vi/my-stall/ocop/")
    member.get_by_role("link", name="Khai báo giấy chứng nhận").click()
    member.get_by_label("Mật ong rừng tràm").check()
    member.get_by_label("Số sao").select_option(label="4 sao")
    member.get_by_label("Điểm").fill("68")  # a 3-star score, mistyped
    member.get_by_label("Số giấy chứng nhận").fill("OCOP-CM-2025-0117")
    member.get_by_label("Số quyết định").fill("1234/QĐ-UBND")
    member.get_by_label("Ngày quyết định").fill(day(-65))
    member.get_by_label("Ủy ban nhân dân cấp tỉnh").check()
    member.get_by_label("Tỉnh / thành phố công nhận").select_option(label="Cà Mau")
    member.get_by_label("Ngày cấp").fill(day(-60))
    member.get_by_label("Bản quét giấy chứng nhận").set_input_files(scanned_document(tmp_path, "ocop.pdf"))
    member.get_by_role("button", name="Gửi để xác minh").click()
    expect(member.get_by_label("Điểm")).to_have_accessible_description(re.compile("phải đạt từ 70 đến 89 điểm"))
    expect(member.get_by_text("Đã nhận bản quét “ocop.pdf”")).to_be_visible()  # no need to choose the file again
    expect(member.get_by_label("Ngày cấp")).to_have_value(day(-60))
    member.get_by_label("Điểm").fill("78")
    member.get_by_role("button", name="Gửi để xác minh").click()
    expect(member.get_by_role("heading", name="Trạng thái")).to_contain_text("Chờ xác minh")

    staff = staff_desktop.new_page()
    staff.goto("/dashboard/ocop/")
    log_in_to_dashboard(staff, reviewer.email)
    staff.get_by_role("link", name="OCOP-CM-2025-0117").click()
    staff.get_by_role("button", name="Xác minh giấy chứng nhận").click()
    expect(staff.get_by_text("Đã xác minh giấy chứng nhận số OCOP-CM-2025-0117")).to_be_visible()
    assert [message.subject for message in mail.outbox if message.to == ["owner@ongmat.example.vn"]] == [
        "[Chợ HTX] Giấy chứng nhận OCOP OCOP-CM-2025-0117: Đã xác minh"
    ]
    member.reload()
    expect(member.get_by_role("heading", name="Trạng thái")).to_contain_text("Đã xác minh")

    member.goto("/vi/my-stall/batches/")
    member.get_by_role("link", name="Thêm lô sản xuất").click()
    member.get_by_label("Sản phẩm").select_option(label="Mật ong rừng tràm")
    member.get_by_label("Mã lô").fill("L2025-031")
    member.get_by_label("Ngày sản xuất").fill(day(-20))
    member.get_by_label("Hạn sử dụng đến").fill(day(700))
    member.get_by_label("Số lượng").fill("50")
    member.get_by_label("Vùng nguyên liệu / nông trại").fill("Rừng tràm U Minh Hạ, xã Khánh An")
    member.get_by_role("button", name="Lưu lô sản xuất").click()
    member.get_by_label("Số tem cần tạo").fill("45")
    member.get_by_role("button", name="Tạo tem").click()
    expect(member.get_by_text("Đã tạo 45 tem mới cho lô L2025-031.")).to_be_visible()
    sheet = member.get_by_role("link", name="Trang 2 (tem 41–45)")
    printed = member.request.get(sheet.get_attribute("href"))
    assert printed.ok and printed.headers["content-type"] == "image/png" and printed.body().startswith(b"\x89PNG")

    product = Product.objects.get(title_vi="Mật ong rừng tràm")
    assert product.is_public and product.images.count() == 2 and product.children.count() == 2
    assert OcopCertificate.objects.get(certificate_number="OCOP-CM-2025-0117").status == "verified"
    assert Stamp.objects.filter(batch__product=product, batch__lot_code="L2025-031").count() == 45


def test_buyer_scans_a_stamp_genuine_at_first_then_warned_and_made_up_serials_are_refused(phone):
    cache.clear()  # stamp checks are rate limited per address; other tests checked from this one too
    product = ProductFactory(title="Mật ong rừng tràm", storefront__name="Mật ong tràm U Minh")
    batch = stamps.create_batch(
        product, lot_code="L2025-031", production_date=date.today() - timedelta(days=20), quantity=10
    )
    [serial] = stamps.generate_stamps(batch, 1)
    made_up = made_up_serial()

    page = phone.new_page()
    page.goto(f"/vi/verify/{serial}/")
    expect(page.get_by_text("Tem chính hãng – lần kiểm tra đầu tiên")).to_be_visible()
    expect(page.get_by_role("button", name="Mở / đóng menu")).to_be_visible()  # the phone's menu, named in Vietnamese
    facts = page.locator("#stamp-facts")
    expect(facts.get_by_role("row", name="Mã tem")).to_contain_text(serials.display(serial))
    expect(facts.get_by_role("row", name="Sản phẩm")).to_contain_text("Mật ong rừng tràm")
    expect(facts.get_by_role("row", name="Mã lô")).to_contain_text("L2025-031")

    page.reload()  # a second scan, as a buyer of a copied stamp would make it
    expect(page.get_by_role("alert")).to_contain_text("Tem này đã được kiểm tra 1 lần trước đây")

    for refused in (made_up, "KHONG-PHAI-TEM"):
        response = page.goto(f"/vi/verify/{refused}/")
        assert response.status == 404
        expect(page.get_by_role("alert")).to_contain_text("Mã tem không hợp lệ")

    # Typed by hand on the refusal page: lower case and dashes do not matter.
    page.get_by_label("Mã tem").fill(serials.display(serial).lower())
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.get_by_role("alert")).to_contain_text("Tem này đã được kiểm tra 2 lần trước đây")
    assert Stamp.objects.get(serial=serial).check_count == 3


def made_up_serial():
    """A serial with a correct check symbol (it passes the typo check) that no stamp carries."""
    while True:
        serial = serials.new_serial()
        if not Stamp.objects.filter(serial=serial).exists():
            return serial


def day(offset):
    """Today plus ``offset`` days, as a date field takes it (yyyy-mm-dd)."""
    return (date.today() + timedelta(days=offset)).isoformat()
