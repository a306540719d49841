"""A takedown empties the listing everywhere in the one request that decides it: search on the database backend and
on the OpenSearch node, the stall page, the product page and open baskets, without waiting for a search worker."""

import pytest
from oscar.core.loading import get_model

from catalog.search.queries import Filters, SearchQuery
from catalog.search.service import search_products
from shop.takedowns import removal, workflow
from tests.factories import UserFactory
from tests.takedowns.conftest import basket_with, decide_url

pytestmark = pytest.mark.usefixtures("writable_index")  # every test here changes the index

Line = get_model("basket", "Line")
TITLE = "Sá sùng khô Quan Lạn, túi 100 g"


def found(text="", **filters):
    results = search_products(SearchQuery(text=text, language="vi", filters=Filters(**filters)))
    return [hit.record["title"]["vi"] for hit in results.hits]


def test_staff_take_a_product_down_and_search_stall_page_and_baskets_lose_it_in_that_request(
    backend, demo, client, union_staff, django_capture_on_commit_callbacks
):
    product = demo.product("BTL-SASUNG-100")
    basket = basket_with(UserFactory(), product)
    case = workflow.file_report(product=product, reason="wrong_origin", note="Không phải sá sùng Quan Lạn.").takedown
    assert TITLE in found("sa sung")
    client.force_login(union_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(case, "take-down"), {"reason": "Sai xuất xứ theo kết quả kiểm tra."})

    assert response.status_code == 302
    assert TITLE not in found("sa sung")
    assert TITLE not in found(stall=product.storefront.slug)
    client.logout()
    assert client.get(product.get_absolute_url()).status_code == 404
    assert TITLE not in client.get(product.storefront.get_absolute_url()).content.decode()
    assert not Line.objects.filter(basket=basket).exists()


def test_a_takedown_leaves_search_on_commit_without_the_reindexing_task(
    backend, demo, union_staff, django_capture_on_commit_callbacks
):
    product = demo.product("BTL-SASUNG-100")
    case = workflow.file_report(product=product, reason="counterfeit").takedown

    with django_capture_on_commit_callbacks() as callbacks:
        workflow.take_down(case, union_staff, "Hàng giả.")

    removals = [callback for callback in callbacks if getattr(callback, "func", None) is removal.remove_from_search_now]
    removals[0]()  # the takedown's own removal, as the commit runs it, before any worker

    assert TITLE not in found("sa sung")


def test_a_restored_product_is_found_again(backend, demo, union_staff, django_capture_on_commit_callbacks):
    product = demo.product("BTL-SASUNG-100")
    case = workflow.file_report(product=product, reason="counterfeit").takedown
    with django_capture_on_commit_callbacks(execute=True):
        workflow.take_down(case, union_staff, "Hàng giả.")

    with django_capture_on_commit_callbacks(execute=True):
        workflow.restore(case, union_staff)

    assert TITLE in found("sa sung")
