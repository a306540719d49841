"""A person deletes their account from the account area: the password asked again, a POST; what names them is erased
or anonymised, the orders stay (for the stalls' accounts) without their name, e-mail, phone or address, reviews
stay anonymous, every session ends and an e-mail says it was done. An only owner of an open stall is refused."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.customer.account_deletion import ERASED_NAME
from shop.fulfilment.models import BuyerContact
from storefronts.models import Membership
from tests.factories import MembershipFactory, StorefrontFactory
from tests.shop.personal_data.conftest import PASSWORD, deliver, signed_in

User = get_user_model()
UserAddress = get_model("address", "UserAddress")
ProductReview = get_model("reviews", "ProductReview")

DELETE_URL = reverse("customer:profile-delete")


def delete_account(browser, password=PASSWORD, capture=None):
    if capture is None:
        return browser.post(DELETE_URL, {"password": password})
    with capture(execute=True):
        return browser.post(DELETE_URL, {"password": password})


def test_a_wrong_password_is_refused_in_vietnamese_and_changes_nothing(lans_browser, lan):
    response = delete_account(lans_browser, password="khong-phai")

    assert response.status_code == 400
    assert "Mật khẩu không đúng." in response.content.decode()
    lan.refresh_from_db()
    assert lan.is_active and lan.email == "lan@example.vn"


def test_opening_the_deletion_page_deletes_nothing_and_posting_needs_the_csrf_token(lan, django_assert_max_num_queries):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(lan)

    with django_assert_max_num_queries(15):
        page = browser.get(DELETE_URL)
    forged = browser.post(DELETE_URL, {"password": PASSWORD})

    assert page.status_code == 200 and 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert forged.status_code == 403
    lan.refresh_from_db()
    assert lan.is_active


def test_the_deleted_user_cannot_log_in_and_their_other_sessions_end(lans_browser, lan, client):
    phone = signed_in(lan)

    response = delete_account(lans_browser)

    assert response.status_code == 302
    login = client.post(
        "/vi/accounts/login/", {"login-username": "lan@example.vn", "login-password": PASSWORD, "login_submit": "1"}
    )
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    assert phone.get(reverse("customer:profile-view")).status_code == 302  # sent to log in again
    lan.refresh_from_db()
    assert not lan.is_active and lan.email == "" and not lan.has_usable_password()
    assert "Lan" not in (lan.first_name + lan.last_name + lan.username)


def test_an_anonymised_order_still_shows_its_totals_in_the_stalls_order_desk(
    lans_browser, lans_order, honey_owner, django_capture_on_commit_callbacks
):
    part = lans_order.stall_orders.get()
    deliver(part, honey_owner)

    delete_account(lans_browser, capture=django_capture_on_commit_callbacks)

    desk = signed_in(honey_owner).get(reverse("fulfilment-seller:detail", kwargs={"pk": part.pk})).content.decode()
    assert lans_order.number in desk
    for label, amount in (("Tiền hàng", part.items_total), ("Phí giao hàng", part.shipping_charge)):
        assert re.search(rf"{label}: {amount:,}\s₫".replace(",", r"\."), desk)
    assert ERASED_NAME in desk
    for personal in ("Nguyễn Thị Lan", "12 Hàng Bạc", "0912345678", "lan@example.vn"):
        assert personal not in desk
    assert not BuyerContact.objects.filter(order=lans_order).exclude(email="", phone="").exists()


def test_reviews_stay_anonymous_and_the_address_book_is_emptied(lans_browser, lan, lans_review, lans_address):
    delete_account(lans_browser)

    review = ProductReview.objects.get(pk=lans_review.pk)
    assert review.title == "Mật ong thơm" and review.score == 5
    assert review.user.get_full_name() == "" and review.name == "" and review.email == ""
    assert not UserAddress.objects.filter(pk=lans_address.pk).exists()


def test_the_person_is_told_by_email_in_their_language(lan, django_capture_on_commit_callbacks):
    MembershipFactory(user=lan, role=Membership.Role.MEMBER, language="en")

    delete_account(signed_in(lan), capture=django_capture_on_commit_callbacks)

    (notice,) = mail.outbox
    assert notice.to == ["lan@example.vn"]
    assert notice.subject == "Your Chợ HTX account has been deleted"


def test_the_only_owner_of_a_cooperative_with_an_open_stall_is_told_to_hand_over_first(db):
    stall = StorefrontFactory(cooperative__name="HTX Mật ong U Minh")
    owner = MembershipFactory(cooperative=stall.cooperative).user
    browser = signed_in(owner)

    page = browser.get(reverse("customer:personal-data")).content.decode()
    response = delete_account(browser)

    assert response.status_code == 409
    message = "Bạn là chủ nhiệm duy nhất của HTX Mật ong U Minh, đang có gian hàng hoạt động."
    assert message in page and message in response.content.decode()
    assert 'id="delete_account_form"' not in response.content.decode()
    assert f'href="{DELETE_URL}"' not in page
    owner.refresh_from_db()
    assert owner.is_active and Membership.objects.filter(user=owner).exists()


def test_an_owner_beside_another_owner_may_leave_and_the_cooperative_keeps_its_stall(db):
    stall = StorefrontFactory()
    leaving = MembershipFactory(cooperative=stall.cooperative).user
    staying = MembershipFactory(cooperative=stall.cooperative).user

    response = delete_account(signed_in(leaving))

    assert response.status_code == 302
    assert list(Membership.objects.filter(cooperative=stall.cooperative).values_list("user", flat=True)) == [staying.pk]


def test_an_order_still_on_its_way_holds_the_deletion_back(lans_browser, lan, lans_order):
    response = delete_account(lans_browser)

    assert response.status_code == 409
    assert "Bạn còn đơn hàng chưa giao xong." in response.content.decode()
    lan.refresh_from_db()
    assert lan.is_active
