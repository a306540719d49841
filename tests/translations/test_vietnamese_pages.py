"""A crawl of the key pages in Vietnamese finds no English left over from Oscar, Wagtail or Django."""

import pytest
from django.utils import translation

from tests.conftest import make_union_staff
from tests.factories import MembershipFactory, ProductFactory
from tests.translations.crawl import untranslated_english


@pytest.fixture
def catalogue(db):
    product = ProductFactory(title_vi="Chè Shan tuyết Hoàng Su Phì, hộp 200 g")
    MembershipFactory(cooperative=product.storefront.cooperative)
    return product


def public_pages(product):
    with translation.override("vi"):
        return [
            "/vi/",
            "/vi/catalogue/",
            product.categories.get().get_absolute_url(),
            product.get_absolute_url(),
            "/vi/stalls/",
            product.storefront.get_absolute_url(),
            "/vi/basket/",
            "/vi/accounts/login/",
            "/vi/search/?q=che",
        ]


def test_public_pages_have_no_untranslated_english(client, catalogue):
    for url in public_pages(catalogue):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 200, url
        assert untranslated_english(response.content.decode()) == [], url


def test_member_and_staff_pages_have_no_untranslated_english(client, catalogue):
    member = catalogue.storefront.cooperative.memberships.get().user
    client.force_login(member)
    for url in ["/vi/my-stall/", "/dashboard/"]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi", follow=True)
        assert untranslated_english(response.content.decode()) == [], url
    client.force_login(make_union_staff())
    for url in ["/dashboard/", "/dashboard/stalls/", "/cms/login/"]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi", follow=True)
        assert untranslated_english(response.content.decode()) == [], url
