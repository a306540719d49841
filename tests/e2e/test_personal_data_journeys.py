"""A buyer's personal data in a real browser on a phone: finding the privacy policy from the footer, downloading
their data from the account area, then deleting the account and finding they can no longer sign in."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.e2e.helpers import PASSWORD, log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_buyer_reads_the_policy_downloads_their_data_and_deletes_the_account(phone):
    UserFactory(email="lan@example.vn")
    page = phone.new_page()
    page.goto("/vi/")
    page.locator("#legal-links").get_by_role("link", name="Chính sách bảo vệ dữ liệu cá nhân").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chính sách bảo vệ dữ liệu cá nhân")

    page.goto("/vi/accounts/personal-data/")
    log_in(page, "lan@example.vn")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    page.get_by_role("link", name="Xóa tài khoản…").click()
    page.get_by_label("Mật khẩu hiện tại").fill(PASSWORD)
    page.get_by_role("button", name="Xóa vĩnh viễn tài khoản của tôi").click()

    assert data["account"]["email"] == "lan@example.vn"
    expect(page.get_by_text("Tài khoản của bạn đã được xóa.")).to_be_visible()
    page.goto("/vi/accounts/login/")
    form = page.locator("#login_form")
    form.get_by_label("Địa chỉ email").fill("lan@example.vn")
    form.get_by_label("Mật khẩu").fill(PASSWORD)
    form.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile("/vi/accounts/login/"))
    assert not get_user_model().objects.filter(email="lan@example.vn").exists()
