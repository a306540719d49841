"""Guessing passwords stops after AXES_FAILURE_LIMIT failures, on every sign-in form, per account and per client
address (django-axes; client address by the stamp lookup's rule)."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from tests.factories import UserFactory

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's

# Each sign-in form: where it is, what its fields are called, and what the user types as their name.
FORMS = {
    "shop": ("/vi/accounts/login/", "login-username", "login-password", "email", {"login_submit": "1"}),
    "dashboard": ("/dashboard/login/", "username", "password", "email", {}),
    "cms": ("/cms/login/", "username", "password", "username", {}),
    "admin": ("/admin/login/", "username", "password", "username", {}),
}


@pytest.fixture
def staff_member(db):
    return UserFactory(email="canbo@lienminhhtx.example.vn", is_staff=True, is_superuser=True)


def sign_in(client, form, user, password, address="203.0.113.7"):
    url, name_field, password_field, typed, extra = FORMS[form]
    data = {name_field: getattr(user, typed), password_field: password, **extra}
    return client.post(url, data, REMOTE_ADDR=address)


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, form, user, times, address="203.0.113.7"):
    for _ in range(times):
        sign_in(client, form, user, "sai-mat-khau", address)


@pytest.mark.parametrize("form", FORMS)
def test_the_right_password_is_refused_after_too_many_wrong_ones(client, staff_member, settings, form):
    fail(client, form, staff_member, settings.AXES_FAILURE_LIMIT)

    response = sign_in(client, form, staff_member, PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)
    assert "Đã nhập sai mật khẩu quá nhiều lần" in response.content.decode()


@pytest.mark.parametrize("form", FORMS)
def test_a_few_wrong_passwords_do_not_stop_the_right_one(client, staff_member, settings, form):
    fail(client, form, staff_member, settings.AXES_FAILURE_LIMIT - 1)

    response = sign_in(client, form, staff_member, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_failures_on_different_forms_add_up_for_one_account(client, staff_member, settings):
    half = settings.AXES_FAILURE_LIMIT // 2
    fail(client, "shop", staff_member, half, address="203.0.113.7")
    fail(client, "admin", staff_member, settings.AXES_FAILURE_LIMIT - half, address="198.51.100.20")

    response = sign_in(client, "shop", staff_member, PASSWORD, address="192.0.2.55")

    assert response.status_code == 429


def test_a_locked_account_stays_locked_from_another_address(client, staff_member, settings):
    fail(client, "shop", staff_member, settings.AXES_FAILURE_LIMIT, address="203.0.113.7")

    response = sign_in(client, "shop", staff_member, PASSWORD, address="198.51.100.20")

    assert response.status_code == 429


def test_an_address_that_guessed_too_often_is_refused_for_every_account(client, db, settings):
    # given one address trying a different account each time (no account reaches the limit)
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "shop", UserFactory(email=f"khach{number}@example.vn"), "sai-mat-khau", "203.0.113.7")
    buyer = UserFactory(email="lan@example.vn")

    # when a real buyer signs in from that address, then from another one
    refused = sign_in(client, "shop", buyer, PASSWORD, address="203.0.113.7")
    accepted = sign_in(client, "shop", buyer, PASSWORD, address="198.51.100.20")

    assert refused.status_code == 429
    assert accepted.status_code == 302
    assert signed_in(client)


def test_behind_a_trusted_proxy_the_forwarded_client_address_is_the_one_locked(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    url, name_field, password_field, _, extra = FORMS["shop"]
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            url,
            {name_field: f"khach{number}@example.vn", password_field: "sai-mat-khau", **extra},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7",
        )
    buyer = UserFactory(email="lan@example.vn")
    data = {name_field: buyer.email, password_field: PASSWORD, **extra}

    refused = client.post(url, data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    accepted = client.post(url, data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.20")

    assert refused.status_code == 429
    assert accepted.status_code == 302


def test_the_lockout_page_speaks_the_visitors_language(client, staff_member, settings):
    fail(client, "dashboard", staff_member, settings.AXES_FAILURE_LIMIT)

    response = client.post(
        "/dashboard/login/",
        {"username": staff_member.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()


def test_staff_unlock_an_account_with_the_management_command(client, staff_member, settings):
    fail(client, "shop", staff_member, settings.AXES_FAILURE_LIMIT)

    call_command("axes_reset_username", staff_member.username, verbosity=0)

    response = sign_in(client, "shop", staff_member, PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert signed_in(client)


def test_staff_unlock_an_account_by_deleting_its_attempts_in_the_admin(client, staff_member, settings):
    fail(client, "shop", staff_member, settings.AXES_FAILURE_LIMIT)
    admin = UserFactory(is_staff=True, is_superuser=True)
    attempts = AccessAttempt.objects.filter(username=staff_member.username)
    client.force_login(admin)

    client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [a.pk for a in attempts], "post": "yes"},
    )
    client.logout()

    assert not AccessAttempt.objects.exists()
    assert sign_in(client, "shop", staff_member, PASSWORD).status_code == 302


def test_typed_passwords_are_never_stored_with_the_attempts(client, staff_member):
    sign_in(client, "shop", staff_member, "mat-khau-go-nham-123")
    sign_in(client, "cms", staff_member, "mat-khau-go-nham-456")

    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "mat-khau-go-nham" not in stored


def test_a_failed_sign_in_and_the_lockout_page_take_a_bounded_number_of_queries(
    client, staff_member, settings, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        sign_in(client, "shop", staff_member, "sai-mat-khau")
    fail(client, "shop", staff_member, settings.AXES_FAILURE_LIMIT)

    with django_assert_max_num_queries(14):
        response = sign_in(client, "shop", staff_member, PASSWORD)

    assert response.status_code == 429
