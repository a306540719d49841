"""A buyer's account in a real browser on a phone: signing in, guessing wrong until the form locks, logging out
with the header's button."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_buyer_logs_out_with_the_button_in_the_header(phone):
    UserFactory(email="lan@example.vn")
    page = phone.new_page()
    page.goto("/vi/accounts/login/")
    log_in(page, "lan@example.vn")

    page.goto("/vi/")
    page.locator(".navbar-toggler").click()  # the phone's menu
    page.get_by_role("button", name="Đăng xuất").click()

    expect(page.locator("#login_link")).to_be_attached()
    page.goto("/vi/accounts/")
    expect(page).to_have_url(re.compile("/vi/accounts/login/"))


def test_a_buyer_who_guessed_too_often_sees_the_lockout_page_in_vietnamese(phone, settings):
    UserFactory(email="lan@example.vn")
    page = phone.new_page()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/vi/accounts/login/")
        form = page.locator("#login_form")
        form.get_by_label("Địa chỉ email").fill("lan@example.vn")
        form.get_by_label("Mật khẩu").fill("sai-mat-khau")
        form.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", name="Tạm khóa đăng nhập")).to_be_visible()
    expect(page.get_by_role("link", name="Đặt lại mật khẩu")).to_be_visible()
