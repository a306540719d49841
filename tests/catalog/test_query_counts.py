"""Product lists and product pages cost a fixed, small number of queries however many products, pictures, variants
and reviews there are (the layout's own queries included)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalog.test_consumer_pages import add_picture, make_parent, review, url_of
from tests.factories import CategoryFactory, ProductFactory, StorefrontFactory

LIST_BUDGET = 15
PRODUCT_PAGE_BUDGET = 20


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

    with django_assert_max_num_queries(PRODUCT_PAGE_BUDGET):
        response = client.get(url)
    html = response.content.decode()
    assert html.count('name="child_id"') == 1
    assert html.count("Thơm ngon") == 1
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
