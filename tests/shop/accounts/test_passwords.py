"""A new account's password must be long, uncommon, not only digits and not like the address (Django's four
validators), and says so in the visitor's language, keeping what they typed."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password

from shop.demo.loader import DEMO_ACCOUNTS

User = get_user_model()


def sign_up(client, email, password, language="vi"):
    data = {
        "registration-email": email,
        "registration-password1": password,
        "registration-password2": password,
        "registration-accept_privacy": "on",
        "registration_submit": "1",
    }
    return client.post(f"/{language}/accounts/login/", data)


@pytest.mark.parametrize(
    "password, complaint",
    [
        ("123456", "Mật khẩu này quá ngắn"),
        ("password123", "Mật khẩu này quá phổ biến"),
        ("20261204987", "Mật khẩu này hoàn toàn là số"),
        ("minhnguyen77", "Mật khẩu quá giống với"),
    ],
)
def test_a_weak_password_is_refused_with_a_vietnamese_reason(client, db, password, complaint):
    response = sign_up(client, "minhnguyen77@example.vn", password)

    assert response.status_code == 200
    page = response.content.decode()
    assert complaint in page
    assert 'value="minhnguyen77@example.vn"' in page  # what was typed is kept
    assert not User.objects.filter(email="minhnguyen77@example.vn").exists()


def test_the_reason_is_given_in_english_on_the_english_site(client, db):
    response = sign_up(client, "minh@example.vn", "123456", language="en")

    assert "This password is too short" in response.content.decode()


def test_a_strong_password_is_accepted(client, db):
    response = sign_up(client, "minh@example.vn", "mat-khau-rat-manh-2026")

    assert response.status_code == 302
    assert User.objects.filter(email="minh@example.vn").exists()


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.role)
def test_the_demo_accounts_passwords_pass_the_rules(account):
    user = User(username=account.email.split("@")[0], email=account.email)

    validate_password(account.password, user)  # raises with the reasons when one fails
