"""What a shopper sees when something goes wrong (DEBUG off): an address that leads nowhere, a page they may not see, a
form sent after its session ended, a server failure. Each is a page of the site in the shopper's language, with a way
on, never Django's bare English "Not Found"."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults

from storefronts.models import Membership
from tests.factories import DraftStorefrontFactory, MembershipFactory, ProductFactory


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


def test_an_unknown_address_is_a_404_page_of_the_site_with_search_and_a_way_to_every_product(client, db, production):
    response = client.get("/vi/khong-co-trang-nay/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang này" in page
    assert 'role="search"' in page  # the site's header, with its search box
    assert 'href="/vi/catalogue/"' in page and "Xem tất cả sản phẩm" in page


def test_the_404_page_speaks_the_language_of_the_address(client, db, production):
    english = client.get("/en/no-such-page/").content.decode()
    chinese = client.get("/zh-hans/no-such-page/").content.decode()

    assert "This page could not be found" in english and "Không tìm thấy" not in english
    assert "找不到此页面" in chinese


def test_a_product_no_longer_sold_leads_to_the_404_page(client, db, production):
    product = ProductFactory(title="Trà shan tuyết cổ thụ", is_public=False)

    response = client.get(product.get_absolute_url())

    assert response.status_code == 404
    assert "Không tìm thấy trang này" in response.content.decode()


def test_a_form_sent_after_its_session_ended_explains_what_to_do_in_vietnamese(db, production):
    browser = Client(enforce_csrf_checks=True)
    product = ProductFactory()

    response = browser.post(f"/vi/basket/add/{product.pk}/", {"quantity": 1})

    page = response.content.decode()
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in page
    assert "tải lại trang" in page


def test_a_member_opening_a_page_for_owners_only_gets_a_403_page_of_the_site(client, db, production):
    stall = DraftStorefrontFactory()
    member = MembershipFactory(cooperative=stall.cooperative, role=Membership.Role.MEMBER).user
    client.force_login(member)

    response = client.get(reverse("storefronts:members"))

    assert response.status_code == 403
    assert "Bạn không có quyền xem trang này" in response.content.decode()


def test_a_server_failure_page_stands_alone_and_reassures_the_shopper(db, production):
    with translation.override("vi"):
        response = defaults.server_error(RequestFactory().get("/vi/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert "Chợ đang gặp sự cố" in page
    assert "giỏ hàng của bạn vẫn còn nguyên" in page


def test_the_standalone_pages_say_which_language_they_are_in(db, production):
    with translation.override("en"):
        response = defaults.server_error(RequestFactory().get("/en/"))

    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "The market has run into a problem" in page
