"""The product page's breadcrumb and reviews, as catalog/product_page.py loads them: the category trail from the kept
category tree, in the shopper's language, and reviews looked for only once the product has a rating."""

import pytest
from django.core.cache import cache

from tests.catalog.test_consumer_pages import review, url_of
from tests.factories import CategoryFactory, ProductFactory


def breadcrumb(html):
    return html.split('<ol class="breadcrumb">')[1].split("</ol>")[0]


@pytest.fixture
def honey_in_food(db):
    food = CategoryFactory(name="Thực phẩm", name_en="Food", slug="thuc-pham")
    honey = food.add_child(name="Mật ong", name_en="Honey", slug="mat-ong")
    return ProductFactory(title="Mật ong rừng U Minh", title_en="U Minh forest honey", category=honey), food, honey


@pytest.fixture
def tree_kept(settings):
    settings.CATALOGUE_COUNT_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_the_breadcrumb_leads_from_the_top_category_down_to_the_product(client, honey_in_food):
    # given honey filed under Food > Honey
    product, food, honey = honey_in_food

    # when a shopper opens its page
    trail = breadcrumb(client.get(url_of(product)).content.decode())

    # then the breadcrumb links each category, top first, where the category pages are, and ends with the product
    assert trail.index(f'<a href="{url_of(food)}">Thực phẩm</a>') < trail.index(
        f'<a href="{url_of(honey)}">Mật ong</a>'
    )
    assert trail.rstrip().endswith('aria-current="page">Mật ong rừng U Minh</li>')


def test_the_breadcrumb_speaks_the_shoppers_language_with_the_tree_kept(client, honey_in_food, tree_kept):
    # given the category tree already kept for Vietnamese shoppers
    product, food, honey = honey_in_food
    client.get(url_of(product))

    # when an English-speaking shopper opens the page
    trail = breadcrumb(client.get(url_of(product, "en")).content.decode())

    # then the breadcrumb names and links the categories in English
    assert f'<a href="{url_of(food, "en")}">Food</a>' in trail
    assert f'<a href="{url_of(honey, "en")}">Honey</a>' in trail
    assert "Thực phẩm" not in trail


def test_a_product_outside_any_browsable_category_has_only_home_in_its_breadcrumb(client, honey_in_food):
    # given honey whose category was hidden from shoppers
    product, food, honey = honey_in_food
    food.__class__.objects.filter(pk=honey.pk).update(is_public=False)

    # when a shopper opens its page, then the breadcrumb leads home only
    trail = breadcrumb(client.get(url_of(product)).content.decode())
    assert "Mật ong</a>" not in trail and "Thực phẩm" not in trail


def test_an_approved_review_shows_on_the_page_at_once(client, honey_in_food):
    # given a product without reviews, already seen once
    product = honey_in_food[0]
    assert "Sản phẩm chưa có đánh giá nào." in client.get(url_of(product)).content.decode()

    # when a buyer's review is approved
    review(product, 4, "Mật đặc, thơm")

    # then the next shopper sees it with the product's rating
    html = client.get(url_of(product)).content.decode()
    assert "Mật đặc, thơm" in html
    assert "★ 4,0 / 5 · 1 đánh giá" in html


def test_an_option_of_the_products_class_is_asked_for_on_its_page(client, db):
    # given a class of goods whose buyers may leave a message for the stall
    from oscar.core.loading import get_model

    Option = get_model("catalogue", "Option")
    gift = ProductFactory(title="Hộp quà Tết")
    message = Option.objects.create(name="Lời nhắn trên thiệp", code="loi-nhan", type=Option.TEXT, required=False)
    gift.product_class.options.add(message)

    # when a shopper opens the product's page, then the add-to-basket form asks for the message
    html = client.get(url_of(gift)).content.decode()
    assert "Lời nhắn trên thiệp" in html
    assert 'name="loi-nhan"' in html
