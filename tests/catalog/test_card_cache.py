"""Product cards are kept in the cache under everything they show: a shopper never sees a stale price, stock, title
or stall name, whichever list the card appears in."""

import pytest
from django.core.cache import cache

from tests.catalog.test_consumer_pages import add_picture, url_of
from tests.catalog.test_query_counts import fill
from tests.factories import CategoryFactory, ProductFactory


def cards(html):
    """The product cards of a page, from the first to the last."""
    return html[html.index('<article class="card') : html.rindex("</article>")]


@pytest.fixture
def cards_cached(settings):
    settings.PRODUCT_CARD_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_cached_card_is_the_card_rendered_anew(client, db, settings, cards_cached):
    category = CategoryFactory()
    fill(category, 5)
    url = url_of(category)

    kept = cards(client.get(url).content.decode())
    assert kept.count("<article") == 5
    assert cards(client.get(url).content.decode()) == kept

    settings.PRODUCT_CARD_CACHE_SECONDS = 0
    assert cards(client.get(url).content.decode()) == kept


@pytest.mark.parametrize(
    ("change", "shown"),
    [({"price": 120000}, "120.000"), ({"num_in_stock": 0}, "Hết hàng")],
    ids=["a_new_price", "sold_out"],
)
def test_a_new_price_or_stock_shows_at_once(client, db, cards_cached, change, shown):
    category = CategoryFactory()
    product = ProductFactory(category=category)
    add_picture(product)
    url = url_of(category)
    assert shown not in client.get(url).content.decode()

    product.stockrecords.update(**change)

    assert shown in client.get(url).content.decode()


def test_a_renamed_stall_and_product_show_at_once(client, db, cards_cached):
    category = CategoryFactory()
    product = ProductFactory(category=category)
    add_picture(product)
    url = url_of(category)
    client.get(url)

    product.storefront.__class__.objects.filter(pk=product.storefront_id).update(name_vi="Gian Hàng Đổi Tên")
    product.__class__.objects.filter(pk=product.pk).update(title_vi="Mật ong đổi tên")

    html = client.get(url).content.decode()
    assert "Gian Hàng Đổi Tên" in html
    assert "Mật ong đổi tên" in html


def test_each_language_keeps_its_own_card(client, db, cards_cached):
    category = CategoryFactory()
    product = ProductFactory(category=category)
    add_picture(product)
    product.__class__.objects.filter(pk=product.pk).update(title_en="Forest honey")
    client.get(url_of(category))

    with_english = client.get(url_of(category, "en")).content.decode()

    assert "Forest honey" in with_english
    assert "/en/catalogue/" in with_english
