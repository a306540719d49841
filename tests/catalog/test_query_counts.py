"""Product lists and product pages cost a fixed, small number of queries however many products, pictures, variants
and reviews there are (the layout's own queries included)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalog.test_consumer_pages import add_picture, make_parent, review, url_of
from tests.factories import CategoryFactory, ProductFactory, StorefrontFactory

LIST_BUDGET = 15
PRODUCT_PAGE_BUDGET = 14  # a parent with variants, pictures, reviews and related products (17 before issue 25)
PLAIN_PRODUCT_PAGE_BUDGET = 9  # a product sold as it is, not yet reviewed (14 before issue 25)


def fill(category, count):
    """``count`` products of as many stalls, each with a picture; the newest is a parent with two variants."""
    for _ in range(count - 1):
        add_picture(ProductFactory(category=category))
    add_picture(make_parent([("Hũ nhỏ", 95000, 3), ("Hũ lớn", 185000, 0)], category=category))


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_a_category_page_costs_the_same_queries_for_10_or_50_products(
    client, db, django_assert_max_num_queries, django_assert_num_queries
):
    category = CategoryFactory()
    url = url_of(category)
    fill(category, 10)
    client.get(url)  # the first request of a session may set things up once

    with django_assert_max_num_queries(LIST_BUDGET) as ten:
        response = client.get(url)
    assert len(response.context["products"]) == 10

    fill(category, 40)
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get(url)
    assert len(response.context["products"]) == 24  # a full page of the 50


def test_every_sort_of_the_catalogue_costs_the_same_queries(client, db, django_assert_max_num_queries):
    fill(CategoryFactory(), 12)
    client.get("/vi/catalogue/")
    counts = {sort: queries_for(client, f"/vi/catalogue/?sort_by={sort}") for sort in ["newest", "price-asc", "rating"]}
    assert len(set(counts.values())) == 1, counts
    assert counts["newest"] <= LIST_BUDGET


def test_a_stall_page_costs_the_same_queries_for_3_or_20_products(client, db):
    stall = StorefrontFactory()
    for _ in range(3):
        add_picture(ProductFactory(storefront=stall))
    url = url_of(stall)
    client.get(url)
    few = queries_for(client, url)
    for _ in range(17):
        add_picture(ProductFactory(storefront=stall))
    assert queries_for(client, url) == few


def test_a_full_product_page_stays_within_its_query_budget(client, db, django_assert_max_num_queries):
    stall = StorefrontFactory()
    honey = make_parent([("Hũ 250 ml", 95000, 3), ("Hũ 500 ml", 185000, 0)], storefront=stall)
    for order in range(3):
        add_picture(honey, display_order=order)
    review(honey, 5, "Thơm ngon")
    review(honey, 4, "Đóng gói kỹ")
    for _ in range(5):
        add_picture(ProductFactory(storefront=stall))
    url = url_of(honey)
    client.get(url)  # the first view creates the product's view counter (three queries more, once)

    with django_assert_max_num_queries(PRODUCT_PAGE_BUDGET):
        response = client.get(url)
    html = response.content.decode()
    assert html.count('name="child_id"') == 1
    assert html.count("Thơm ngon") == 1
    assert html.split("Sản phẩm khác của gian hàng")[1].count('<article class="card') == 4


def test_a_product_sold_as_it_is_and_not_yet_reviewed_costs_fewer_queries(client, db, django_assert_max_num_queries):
    # given a product of a stall with four more products
    stall = StorefrontFactory()
    tea = ProductFactory(storefront=stall, title="Trà Shan tuyết")
    add_picture(tea)
    for _ in range(4):
        add_picture(ProductFactory(storefront=stall))
    client.get(url_of(tea))  # the first view creates the product's view counter

    # when a shopper opens it
    with django_assert_max_num_queries(PLAIN_PRODUCT_PAGE_BUDGET):
        html = client.get(url_of(tea)).content.decode()

    # then the page is whole: its price, its add-to-basket form, no reviews yet, the stall's other products
    assert "185.000" in html and f'action="/vi/basket/add/{tea.pk}/"' in html
    assert "Sản phẩm chưa có đánh giá nào." in html
    assert html.split("Sản phẩm khác của gian hàng")[1].count('<article class="card') == 4


def test_a_product_page_costs_the_same_queries_with_2_or_6_variants_and_pictures(client, db):
    small = make_parent([(f"Loại {n}", 90000 + n, 3) for n in range(2)])
    large = make_parent([(f"Loại {n}", 90000 + n, 3) for n in range(6)], storefront=small.storefront)
    for order in range(2):
        add_picture(small, display_order=order)
    for order in range(6):
        add_picture(large, display_order=order)
    client.get(url_of(small))
    client.get(url_of(large))  # each product's first view also creates its view counter
    assert queries_for(client, url_of(small)) == queries_for(client, url_of(large))


# --- Independence from the catalogue's size and the page's size (see bench/perf for the same pages under load) -------


def other_stalls_products(count):
    """``count`` products of other stalls, in categories of their own: the rest of the catalogue."""
    for _ in range(count):
        add_picture(ProductFactory())


def test_a_stall_page_costs_the_same_queries_however_big_the_rest_of_the_catalogue(client, db):
    stall = StorefrontFactory()
    for _ in range(4):
        add_picture(ProductFactory(storefront=stall))
    url = url_of(stall)
    client.get(url)
    alone = queries_for(client, url)

    other_stalls_products(30)
    assert queries_for(client, url) == alone
    assert queries_for(client, f"{url}?stars=4") <= alone + 1  # the star filter is part of the product query


def test_a_stall_page_costs_the_same_queries_for_pages_of_5_or_30_products(client, db, monkeypatch):
    from storefronts.views import public

    stall = StorefrontFactory()
    for _ in range(31):
        add_picture(ProductFactory(storefront=stall))
    url = url_of(stall)
    monkeypatch.setattr(public, "PRODUCTS_PER_PAGE", 5)
    client.get(url)
    small = queries_for(client, url)
    assert client.get(url).content.decode().count('<article class="card') == 5

    monkeypatch.setattr(public, "PRODUCTS_PER_PAGE", 30)
    assert queries_for(client, url) == small
    assert client.get(url).content.decode().count('<article class="card') == 30


def index_everything():
    from catalog.search.backends.database import DatabaseBackend
    from catalog.search.records import build_records

    DatabaseBackend().rebuild(build_records())


def search_queries(client, url):
    index_everything()
    client.get(url)  # the first search may cache the vocabulary of typos
    return queries_for(client, url)


def test_the_search_page_and_api_cost_the_same_queries_for_3_or_40_matches(client, db, settings):
    settings.SEARCH_BACKEND = "database"
    honey = CategoryFactory(name="Mật ong")
    for _ in range(3):
        add_picture(ProductFactory(category=honey))
    page, api = "/vi/search/?q=mat+ong&ocop_stars=&sort=price_asc", "/vi/api/search/?q=mat+ong"
    few = search_queries(client, page), search_queries(client, api)
    assert len(client.get(page).context["items"]) == 3

    for _ in range(37):
        add_picture(ProductFactory(category=honey))
    other_stalls_products(10)
    assert (search_queries(client, page), search_queries(client, api)) == few
    assert len(client.get(page).context["items"]) == 24  # a full page of the 40


def test_a_search_with_every_facet_set_costs_no_more_than_a_plain_one(client, db, settings):
    settings.SEARCH_BACKEND = "database"
    product = ProductFactory(category=CategoryFactory(name="Mật ong"))
    add_picture(product)
    stall, province = product.storefront.slug, product.storefront.cooperative.province.slug
    plain = search_queries(client, "/vi/search/?q=mat+ong")
    faceted = (
        f"/vi/search/?q=mat+ong&province={province}&stall={stall}&ocop_stars=3&price_min=1000&price_max=900000"
        "&in_stock=1&sort=newest&page=1"
    )
    assert search_queries(client, faceted) <= plain


def test_a_category_counts_its_products_and_reads_its_menu_once_while_they_are_kept(client, db, settings):
    from django.core.cache import cache

    settings.CATALOGUE_COUNT_CACHE_SECONDS = 60
    cache.clear()
    category = CategoryFactory()
    fill(category, 3)
    url = url_of(category)
    first = queries_for(client, url)

    assert queries_for(client, url) == first - 2  # the count and the category menu come from the cache
    assert "Số sản phẩm: 3" in client.get(url).content.decode()
    cache.clear()


def test_the_category_menu_links_each_category_where_oscar_does(client, db):
    food = CategoryFactory(name="Thực phẩm")
    honey = food.add_child(name="Mật ong", slug="mat-ong")
    ProductFactory(category=honey)

    html = client.get(url_of(honey)).content.decode()
    menu = html.split('id="category-menu-title"')[1].split("</nav>")[0]
    for category in (food, honey):
        assert f'href="{url_of(category)}"' in menu
