"""Anonymous visitors get category, product and stall pages from the cache; anyone with something personal (a
session, a basket, messages) gets them fresh; each language has its own copy; a suspended stall vanishes at once."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from shop.cache import HIT_HEADER
from storefronts import workflow
from tests.catalog.test_consumer_pages import url_of
from tests.factories import CategoryFactory, ProductFactory, UserFactory

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def honey(db):
    return ProductFactory(title="Mật ong rừng U Minh", category=CategoryFactory(name="Mật ong"))


def test_an_anonymous_visitor_gets_the_kept_page_without_a_query(client, honey, django_assert_num_queries):
    first = client.get(url_of(honey))
    assert first[HIT_HEADER] == "miss"

    with django_assert_num_queries(0):
        again = Client().get(url_of(honey))
    assert again.status_code == 200
    assert again[HIT_HEADER] == "hit"
    assert "Mật ong rừng U Minh" in again.content.decode()


def test_category_stall_and_home_pages_are_kept_too(client, honey):
    for url in (url_of(honey.categories.first()), url_of(honey.storefront), "/vi/"):
        assert client.get(url)[HIT_HEADER] == "miss", url
        assert Client().get(url)[HIT_HEADER] == "hit", url


def test_a_kept_page_gives_each_visitor_a_csrf_token_that_works(honey):
    Client().get(url_of(honey))
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url_of(honey))
    assert page[HIT_HEADER] == "hit"
    tokens = TOKEN.findall(page.content.decode())
    assert tokens, "the add-to-basket form carries a token"

    added = visitor.post(
        f"/vi/basket/add/{honey.pk}/", {"quantity": 1, "csrfmiddlewaretoken": tokens[0]}, HTTP_REFERER="/vi/"
    )
    assert added.status_code == 302
    assert visitor.get("/vi/basket/").context["basket"].num_items == 1


def test_a_signed_in_user_gets_a_fresh_page(client, honey):
    Client().get(url_of(honey))
    client.force_login(UserFactory())
    response = client.get(url_of(honey))
    assert HIT_HEADER not in response
    assert response.context["product"] == honey


def test_a_visitor_with_a_basket_gets_a_fresh_page(client, honey):
    client.post(f"/vi/basket/add/{honey.pk}/", {"quantity": 1}, HTTP_REFERER="/vi/")
    assert "oscar_open_basket" in client.cookies
    Client().get(url_of(honey))

    response = client.get(url_of(honey))
    assert HIT_HEADER not in response


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page_showing_it(client, honey):
    client.post(f"/vi/basket/add/{honey.pk}/", {"quantity": 1}, HTTP_REFERER="/vi/")  # "added to your basket"
    client.cookies.pop("oscar_open_basket")
    assert "messages" in client.cookies
    Client().get(url_of(honey))

    response = client.get(url_of(honey))
    assert HIT_HEADER not in response
    assert len(response.context["messages"]) > 0


def test_each_language_has_its_own_copy(honey):
    honey.title_en = "U Minh wild honey"
    honey.save()
    assert Client().get(url_of(honey, "vi"))[HIT_HEADER] == "miss"

    english = Client().get(url_of(honey, "en"))
    assert english[HIT_HEADER] == "miss"
    assert "U Minh wild honey" in english.content.decode()
    again = Client().get(url_of(honey, "en"))
    assert again[HIT_HEADER] == "hit"
    assert again["Content-Language"] == "en"
    assert "U Minh wild honey" in again.content.decode()
    assert "Mật ong rừng U Minh" in Client().get(url_of(honey, "vi")).content.decode()


def test_a_suspended_stalls_pages_disappear_at_once(honey, union_staff, django_capture_on_commit_callbacks):
    stall = honey.storefront
    for url in (url_of(honey), url_of(stall)):
        Client().get(url)
        assert Client().get(url)[HIT_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        workflow.suspend_storefront(stall, union_staff, "Hồ sơ cần kiểm tra lại")

    assert Client().get(url_of(honey)).status_code == 404
    assert Client().get(url_of(stall)).status_code == 404


def test_an_edited_product_shows_its_new_words_on_the_next_visit(honey, django_capture_on_commit_callbacks):
    Client().get(url_of(honey))
    assert Client().get(url_of(honey))[HIT_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        honey.title = "Mật ong rừng U Minh Hạ, mùa 2026"
        honey.save()

    again = Client().get(url_of(honey))
    assert again[HIT_HEADER] == "miss"
    assert "Mật ong rừng U Minh Hạ, mùa 2026" in again.content.decode()


def test_search_and_checkout_are_never_kept(honey):
    for url in ("/vi/search/?q=mat+ong", "/vi/basket/"):
        Client().get(url)
        assert HIT_HEADER not in Client().get(url), url


def test_the_page_cache_can_be_switched_off(settings, honey):
    settings.PAGE_CACHE_SECONDS = 0
    Client().get(url_of(honey))
    assert HIT_HEADER not in Client().get(url_of(honey))
