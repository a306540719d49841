"""Logging out and adding to a wish list change state, so they take a POST with its CSRF token; a GET (a link in an
e-mail, an image on another site) changes nothing."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from tests.factories import ProductFactory, UserFactory

WishList = get_model("wishlists", "WishList")


@pytest.fixture
def buyer(db):
    return UserFactory(email="lan@example.vn")


@pytest.fixture
def product(db):
    return ProductFactory()


def test_a_get_on_the_logout_address_asks_and_keeps_the_buyer_signed_in(client, buyer):
    client.force_login(buyer)

    response = client.get("/vi/accounts/logout/")

    assert response.status_code == 200
    assert 'id="logout_confirm_form"' in response.content.decode()
    assert "_auth_user_id" in client.session


def test_the_logout_button_signs_the_buyer_out(client, buyer):
    client.force_login(buyer)
    page = client.get("/vi/").content.decode()

    response = client.post("/vi/accounts/logout/")

    assert 'id="logout_form"' in page and 'method="post"' in page
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_logging_out_from_another_site_is_refused_without_the_csrf_token(buyer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(buyer)

    response = browser.post("/vi/accounts/logout/")

    assert response.status_code == 403
    assert "_auth_user_id" in browser.session


def test_a_get_on_the_add_to_wish_list_address_adds_nothing(client, buyer, product):
    client.force_login(buyer)

    response = client.get(f"/vi/accounts/wishlists/add/{product.pk}/")

    assert response.status_code == 405
    assert not WishList.objects.filter(owner=buyer).exists()


def test_a_post_adds_the_product_to_the_buyers_wish_list(client, buyer, product):
    client.force_login(buyer)

    client.post(f"/vi/accounts/wishlists/add/{product.pk}/")

    assert WishList.objects.get(owner=buyer).lines.filter(product=product).exists()


def test_the_logout_confirmation_takes_no_more_queries_than_a_signed_in_page(
    client, buyer, django_assert_max_num_queries
):
    client.force_login(buyer)

    with django_assert_max_num_queries(13):
        client.get("/vi/accounts/logout/")
