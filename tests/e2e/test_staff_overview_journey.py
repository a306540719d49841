"""A union staff member reads the overview on a phone (360 × 740): the page never scrolls sideways as a whole; the
wide tables scroll inside their own box, and the charts and the province map shrink to the screen."""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_union_staff
from tests.e2e.helpers import log_in_to_dashboard, script_errors
from tests.factories import OrderFactory, ProductFactory, VerifiedOcopCertificateFactory
from tests.shop.test_staff_overview import stall_in

pytestmark = pytest.mark.django_db(transaction=True)

SMALL_PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def small_phone(request, browser, live_server):
    from tests.e2e.conftest import open_context

    return open_context(request, browser, live_server, **SMALL_PHONE)


def test_staff_read_the_overview_on_a_phone(small_phone):
    # given sales in two provinces, a certificate about to expire, and a staff member on a small phone
    for province, name in (("lam-dong", "Cà phê Cầu Đất"), ("ca-mau", "Mật ong rừng tràm U Minh")):
        product = ProductFactory(storefront=stall_in(province, name), stock__price=185_000)
        VerifiedOcopCertificateFactory(storefront=product.storefront, products=[product])
        OrderFactory(lines=[(product, 2)])
    staff = make_union_staff(email="canbo@lienminhhtx.example.vn")
    page = small_phone.new_page()
    errors = script_errors(page)

    # when they sign in to the dashboard
    page.goto("/dashboard/")
    log_in_to_dashboard(page, staff.email)

    # then the overview fits the screen's width; tables scroll within their box; charts are no wider than the screen
    expect(page.get_by_role("heading", name="Tổng quan Chợ HTX")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    provinces = page.locator("#table-provinces").locator("xpath=..")
    assert provinces.evaluate("box => box.scrollWidth > box.clientWidth")
    for svg in page.locator("svg[viewBox]").all():
        box = svg.bounding_box()
        assert box is None or box["x"] + box["width"] <= 360
    expect(page.locator("#table-top-stalls")).to_contain_text("Mật ong rừng tràm U Minh")
    assert errors == []
