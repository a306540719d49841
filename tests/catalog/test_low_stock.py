"""Each product has a low-stock threshold (the settings' LOW_STOCK_THRESHOLD when left empty), set on the member's
product form; catalog.low_stock.low_stock_products lists a stall's products on sale that reached it."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.low_stock import low_stock_products
from tests.factories import MembershipFactory, ProductFactory, ShippingPolicyFactory, StorefrontFactory

Product = get_model("catalogue", "Product")


@pytest.fixture
def stall(db):
    stall = StorefrontFactory()
    ShippingPolicyFactory(storefront=stall)
    return stall


@pytest.fixture
def member(client, stall):
    user = MembershipFactory(cooperative=stall.cooperative).user
    client.force_login(user)
    return user


def test_the_member_sets_a_products_low_stock_threshold_on_its_form(client, member, stall):
    product = ProductFactory(storefront=stall, title="Mật ong rừng tràm")
    form_url = reverse("catalog-seller:update", kwargs={"pk": product.pk})
    assert "Báo sắp hết hàng khi còn" in client.get(form_url).content.decode()

    response = client.post(
        form_url,
        {
            "title": "Mật ong rừng tràm",
            "category": product.categories.get().pk,
            "price": "185.000",
            "stock": "20",
            "low_stock_threshold": "12",
        },
    )

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.low_stock_threshold == 12
    assert 'value="12"' in client.get(form_url).content.decode()


def test_a_threshold_that_is_not_a_whole_number_is_refused_and_nothing_typed_is_lost(client, member, stall):
    product = ProductFactory(storefront=stall, title="Mật ong rừng tràm")
    form_url = reverse("catalog-seller:update", kwargs={"pk": product.pk})

    response = client.post(
        form_url,
        {
            "title": "Mật ong đổi tên",
            "category": product.categories.get().pk,
            "price": "185.000",
            "stock": "20",
            "low_stock_threshold": "năm",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Mức báo sắp hết hàng phải là một số nguyên" in page
    assert "Mật ong đổi tên" in page
    product.refresh_from_db()
    assert product.low_stock_threshold is None


def test_products_on_sale_at_or_below_their_threshold_are_listed_fewest_first(stall, settings):
    settings.LOW_STOCK_THRESHOLD = 5
    plenty = ProductFactory(storefront=stall, stock=30)
    at_default = ProductFactory(storefront=stall, stock=5)
    own_threshold = ProductFactory(storefront=stall, stock=9)
    own_threshold.low_stock_threshold = 10
    own_threshold.save()
    nearly_out = ProductFactory(storefront=stall, stock=1)
    draft = ProductFactory(storefront=stall, stock=0, is_public=False)
    someone_elses = ProductFactory(stock=0)

    listed = low_stock_products(stall)

    assert [(row.product, row.units_left, row.threshold) for row in listed] == [
        (nearly_out, 1, 5),
        (at_default, 5, 5),
        (own_threshold, 9, 10),
    ]
    assert {plenty, draft, someone_elses}.isdisjoint(row.product for row in listed)


def test_units_bought_and_not_yet_shipped_do_not_count_as_left(stall):
    product = ProductFactory(storefront=stall, stock=8)
    record = product.stockrecords.get()
    record.num_allocated = 4
    record.save()

    assert [(row.product, row.units_left) for row in low_stock_products(stall)] == [(product, 4)]


def test_a_variant_uses_its_parents_threshold_in_one_query(stall, django_assert_num_queries):
    parent = ProductFactory(storefront=stall, structure=Product.PARENT, stock=None)
    parent.stockrecords.all().delete()
    parent.low_stock_threshold = 3
    parent.save()
    variant = ProductFactory(
        storefront=stall, parent=parent, structure=Product.CHILD, product_class=None, category=None, stock=2
    )

    with django_assert_num_queries(1):
        listed = low_stock_products(stall)

    assert [(row.product, row.threshold, row.main_product) for row in listed] == [(variant, 3, parent)]
