"""A product can be found and bought only while its stall is approved (so not while suspended or in review)."""

import pytest
from django.utils import translation

from storefronts.models import Storefront
from tests.factories import ProductFactory

Status = Storefront.Status
CLOSED = [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.REJECTED, Status.SUSPENDED]


@pytest.fixture
def honey(db):
    return ProductFactory(title_vi="Mật ong hoa cà phê Đắk Lắk")


def close_stall(product, status=Status.SUSPENDED):
    Storefront.objects.filter(pk=product.storefront_id).update(status=status)


def url_of(product):
    with translation.override("vi"):
        return product.get_absolute_url()


def add_to_basket(client, product, quantity=1):
    return client.post(f"/vi/basket/add/{product.pk}/", {"quantity": quantity}, follow=True)


@pytest.mark.parametrize("status", CLOSED)
def test_a_closed_stalls_products_are_not_listed_nor_shown(client, honey, status):
    close_stall(honey, status)
    assert "Mật ong hoa cà phê" not in client.get("/vi/catalogue/").content.decode()
    category = honey.categories.get()
    with translation.override("vi"):
        assert "Mật ong hoa cà phê" not in client.get(category.get_absolute_url()).content.decode()
    assert client.get(url_of(honey)).status_code == 404


def test_an_open_stalls_product_goes_into_the_basket(client, honey):
    response = add_to_basket(client, honey)
    assert response.status_code == 200
    assert response.context["basket"].num_items == 1


def test_a_suspended_stalls_product_cannot_be_added_to_the_basket(client, honey):
    close_stall(honey)
    response = add_to_basket(client, honey)
    assert "Gian hàng của sản phẩm này đang tạm ngừng bán" in response.content.decode()
    assert client.get("/vi/basket/").context["basket"].num_items == 0


def test_a_line_whose_stall_closes_is_flagged_and_blocked_at_checkout(client, honey):
    add_to_basket(client, honey)
    close_stall(honey)
    basket_page = client.get("/vi/basket/").content.decode()
    assert "Gian hàng đang tạm ngừng bán" in basket_page
    response = client.get("/vi/checkout/", follow=True)
    assert response.redirect_chain[-1][0] == "/vi/basket/"
    assert "Gian hàng của sản phẩm này đang tạm ngừng bán" in response.content.decode()


def test_search_finds_an_open_stalls_product_but_not_a_closed_ones(
    client, db, union_staff, django_capture_on_commit_callbacks
):
    from storefronts import workflow

    with django_capture_on_commit_callbacks(execute=True):  # the index follows once the changes commit
        ProductFactory(title_vi="Mật ong hoa cà phê Đắk Lắk")
        other = ProductFactory(title_vi="Mật ong bạc hà Mèo Vạc")
    assert "Mèo Vạc" in client.get("/vi/search/", {"q": "Mật ong"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.suspend_storefront(other.storefront, union_staff, "Bán hàng giả")
    page = client.get("/vi/search/", {"q": "Mật ong"}).content.decode()
    assert "hoa cà phê Đắk Lắk" in page  # the words searched for are highlighted, so look at the rest
    assert "Mèo Vạc" not in page
