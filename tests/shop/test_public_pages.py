"""The main pages answer in Vietnamese, English and Chinese, each under its own language prefix."""

import pytest
from django.utils import translation

from tests.factories import ProductFactory

LANGUAGES = ["vi", "en", "zh-hans"]


@pytest.fixture
def product(db):
    product = ProductFactory(title_vi="Mật ong rừng U Minh hũ 500 ml", title_en="U Minh forest honey, 500 ml jar")
    return product


def test_the_bare_root_sends_visitors_to_the_vietnamese_site(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/vi/"


def test_an_english_browser_is_sent_to_the_english_site(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_lists_the_newest_products(client, product, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()
    expected = "U Minh forest honey, 500 ml jar" if language == "en" else "Mật ong rừng U Minh hũ 500 ml"
    assert expected in response.content.decode()


def test_home_page_is_in_vietnamese_by_default_and_english_under_en(client, product):
    assert "Sản phẩm mới" in client.get("/vi/").content.decode()
    english = client.get("/en/").content.decode()
    assert "New products" in english
    assert "Sản phẩm mới" not in english


@pytest.mark.parametrize("language", LANGUAGES)
def test_category_page_lists_its_products(client, product, language):
    category = product.categories.get()
    with translation.override(language):
        url = category.get_absolute_url()
    assert url.startswith(f"/{language}/")
    response = client.get(url)
    assert response.status_code == 200
    assert product.upc  # the product is in the category page through its title
    assert "Mật ong rừng U Minh" in response.content.decode() or "U Minh forest honey" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "price", "other_grouping"),
    [("vi", "185.000", "185,000"), ("en", "185,000", "185.000"), ("zh-hans", "185,000", "185.000")],
)
def test_product_page_shows_the_price_in_dong(client, product, language, price, other_grouping):
    """Vietnamese groups thousands with a dot, English and Chinese with a comma."""
    with translation.override(language):
        url = product.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    assert price in response.content.decode()
    assert other_grouping not in response.content.decode()
    assert "₫" in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_basket_page_answers(client, db, language):
    response = client.get(f"/{language}/basket/")
    assert response.status_code == 200


LOGIN_WORDS = {"vi": "Đăng nhập", "en": "Sign in", "zh-hans": "登录"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_cms_login_page_answers_in_the_browsers_language(client, db, language):
    response = client.get("/cms/login/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert LOGIN_WORDS[language] in response.content.decode()
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_dashboard_login_page_answers_in_the_browsers_language(client, db, language):
    response = client.get("/dashboard/login/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


def test_products_of_a_stall_that_is_not_approved_are_not_shown(client, product):
    product.storefront.status = "suspended"
    product.storefront.save()
    assert "Mật ong rừng U Minh" not in client.get("/vi/").content.decode()
    with translation.override("vi"):
        assert client.get(product.get_absolute_url()).status_code == 404
