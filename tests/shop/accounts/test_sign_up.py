"""Signing up answers the same for a new and a known address; only the mailbox learns which it was."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase

from tests.factories import MembershipFactory, UserFactory

User = get_user_model()
STRONG = "mat-khau-rat-manh-2026"


def sign_up(client, email, password=STRONG, next_url=""):
    """The form beside the login form, as the login page a visitor was sent to fills it (``next`` hidden in it)."""
    data = {
        "registration-email": email,
        "registration-password1": password,
        "registration-password2": password,
        "registration-redirect_url": next_url,
        "registration-accept_privacy": "on",
        "registration_submit": "1",
    }
    # E-mails leave once the request's transaction commits: inside the test's transaction, when the request ends.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/vi/accounts/login/", data)


def link_in(message):
    return re.search(r"http://\S+", message.body).group(0).replace("http://127.0.0.1:8000", "")


@pytest.fixture
def known(db):
    return UserFactory(email="lan@example.vn")


def test_a_new_and_a_known_address_get_the_same_answer(client, known):
    new = sign_up(client, "minh@example.vn")
    again = sign_up(client, "LAN@example.vn")

    assert new.status_code == again.status_code == 302
    assert new["Location"] == again["Location"] == "/vi/accounts/register/sent/"
    page = client.get(new["Location"]).content.decode()
    assert "Kiểm tra hộp thư của bạn" in page
    assert "already exists" not in page and "đã tồn tại" not in page


def test_the_other_sign_up_page_answers_the_same_too(client, known):
    data = {"email": known.email, "password1": STRONG, "password2": STRONG, "accept_privacy": "on"}

    response = client.post("/vi/accounts/register/", data)

    assert response["Location"] == "/vi/accounts/register/sent/"


def test_the_owner_of_a_known_address_is_told_someone_tried_and_nothing_changes(client, known):
    password_before = known.password

    sign_up(client, "lan@example.vn")

    (message,) = mail.outbox
    assert message.to == ["lan@example.vn"]
    assert "có người đăng ký bằng địa chỉ e-mail của bạn" in message.subject
    assert "http://127.0.0.1:8000/vi/accounts/login/" in message.body
    assert "http://127.0.0.1:8000/vi/password-reset/" in message.body
    known.refresh_from_db()
    assert known.password == password_before
    assert User.objects.filter(email__iexact="lan@example.vn").count() == 1
    assert "_auth_user_id" not in client.session


def test_a_stall_owner_is_told_in_their_stalls_language(client, db):
    owner = MembershipFactory(user__email="chu@htx.example.vn", language="en").user

    sign_up(client, owner.email)

    (message,) = mail.outbox
    assert "someone signed up with your e-mail address" in message.subject


def test_a_new_address_gets_an_inactive_account_and_an_activation_link(client, db):
    sign_up(client, "minh@example.vn")

    account = User.objects.get(email="minh@example.vn")
    assert not account.is_active
    assert "_auth_user_id" not in client.session
    (message,) = mail.outbox
    assert message.to == ["minh@example.vn"]
    assert "/vi/accounts/activate/" in message.body


def test_the_activation_link_asks_first_then_opens_the_account_and_signs_in(client, db):
    sign_up(client, "minh@example.vn", next_url="/vi/my-stall/")
    link = link_in(mail.outbox[0])

    shown = client.get(link)
    still_inactive = User.objects.get(email="minh@example.vn").is_active
    response = client.post(link)

    assert shown.status_code == 200 and not still_inactive
    assert response.status_code == 302
    assert response["Location"] == "/vi/my-stall/"
    assert User.objects.get(email="minh@example.vn").is_active
    assert "_auth_user_id" in client.session
    assert "Cảm ơn bạn đã đăng ký" in client.get("/vi/my-stall/", follow=True).content.decode()


def test_an_activation_link_works_only_once(client, db):
    sign_up(client, "minh@example.vn")
    link = link_in(mail.outbox[0])
    client.post(link)
    client.logout()

    response = client.get(link)

    assert response.status_code == 400
    assert "Liên kết này không còn dùng được" in response.content.decode()


def test_a_forged_activation_link_opens_nothing(client, db):
    sign_up(client, "minh@example.vn")
    link = link_in(mail.outbox[0])
    forged = link.rsplit("/", 2)[0] + "/abc-123/"

    response = client.post(forged)

    assert response.status_code == 400
    assert not User.objects.get(email="minh@example.vn").is_active


def test_signing_up_again_before_activating_sends_a_new_link_and_the_old_one_stops_working(client, db):
    sign_up(client, "minh@example.vn", password="mat-khau-cu-2026")
    old_link = link_in(mail.outbox[0])

    sign_up(client, "minh@example.vn", password=STRONG)

    assert User.objects.filter(email="minh@example.vn").count() == 1
    assert client.get(old_link).status_code == 400
    client.post(link_in(mail.outbox[1]))
    assert User.objects.get(email="minh@example.vn").check_password(STRONG)


def test_an_account_cannot_sign_in_before_it_is_activated(client, db):
    sign_up(client, "minh@example.vn")

    response = client.post(
        "/vi/accounts/login/",
        {"login-username": "minh@example.vn", "login-password": STRONG, "login_submit": "1"},
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_activation_link_never_sends_the_buyer_to_another_site(client, db):
    sign_up(client, "minh@example.vn", next_url="https://evil.example.com/")
    link = link_in(mail.outbox[0])

    response = client.post(link)

    assert "evil.example.com" not in response["Location"]


def test_the_sign_up_pages_take_few_queries(client, known, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):  # 10, and the privacy policy's version and the consent recorded
        sign_up(client, "minh@example.vn")
    with django_assert_max_num_queries(10):
        sign_up(client, known.email)
    with django_assert_max_num_queries(4):
        client.get("/vi/accounts/register/sent/")
    with django_assert_max_num_queries(5):
        client.get(link_in(mail.outbox[0]))
