"""The index follows the catalogue: changes reach search once their transaction commits (the Celery task runs eagerly
here, as in the embedded default), a suspended stall's products leave search at once, certificates change stars, and
`manage.py search_index rebuild` builds a fresh index."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from catalog.search import signals
from catalog.search.backends import database
from catalog.search.queries import Filters, SearchQuery
from catalog.search.service import search_products, suggest_products
from ocop import workflow as ocop_workflow
from storefronts import workflow
from storefronts.models import Storefront
from tests.factories import OcopCertificateFactory, ProductFactory

pytestmark = pytest.mark.usefixtures("writable_index")  # every test here changes the index


def found(text="", language="vi", **filters):
    results = search_products(SearchQuery(text=text, language=language, filters=Filters(**filters)))
    return [hit.record["title"]["vi"] for hit in results.hits], results.count


def test_a_new_product_is_found_once_its_transaction_commits(backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        ProductFactory(title="Mắm tép chưng thịt Gò Công")

    assert "Mắm tép chưng thịt Gò Công" not in found("mam tep")[0]  # not committed yet: not in search

    for callback in callbacks:
        callback()

    assert found("mam tep")[0][0] == "Mắm tép chưng thịt Gò Công"


def test_a_typo_of_a_word_new_to_the_catalogue_is_forgiven_once_the_product_is_in_search(
    backend, django_capture_on_commit_callbacks
):
    assert found("nuoc mam phu quok")[1] > 0  # a typo search: the database backend keeps its vocabulary now

    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(title="Măng cụt Lái Thiêu")

    assert "Măng cụt Lái Thiêu" in found("thieo")[0]


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_while_another_request_reads_the_typo_vocabulary_a_search_answers_without_waiting_for_it(backend):
    cache.add(database.VOCABULARY_BUILDING_KEY, True, 60)  # another worker is reading every entry

    meanwhile = search_products(SearchQuery(text="nuoc mam phu quok", language="vi"))
    cache.delete(database.VOCABULARY_BUILDING_KEY)
    corrected = search_products(SearchQuery(text="nuoc mam phu quok", language="vi"))

    assert meanwhile.partial and meanwhile.count > 0  # "quok" is not read as "quoc": products with the other words
    assert not corrected.partial
    assert all("Phú Quốc" in hit.record["title"]["vi"] for hit in corrected.hits)


def test_suspending_a_stall_takes_its_products_out_of_search_and_reinstating_brings_them_back(
    backend, union_staff, django_capture_on_commit_callbacks
):
    stall = Storefront.objects.get(slug="ong-mat-u-minh")
    assert found("mat ong rung u minh")[1] >= 3

    with django_capture_on_commit_callbacks(execute=True):
        workflow.suspend_storefront(stall, union_staff, "Hồ sơ an toàn thực phẩm hết hạn.")

    assert not any("U Minh" in title for title in found("mat ong rung u minh")[0])
    assert found(stall="ong-mat-u-minh")[1] == 0
    assert suggest_products("mat ong rung", "vi") == []

    with django_capture_on_commit_callbacks(execute=True):
        workflow.reinstate_storefront(stall, union_staff)

    assert found(stall="ong-mat-u-minh")[1] == 11


def test_a_stall_suspension_removes_its_products_even_before_the_reindexing_task(
    backend, union_staff, django_capture_on_commit_callbacks
):
    stall = Storefront.objects.get(slug="ong-mat-u-minh")
    with django_capture_on_commit_callbacks() as callbacks:
        workflow.suspend_storefront(stall, union_staff, "Tạm ngừng để kiểm tra.")

    removal = [callback for callback in callbacks if getattr(callback, "func", None) is signals.remove_stall_now]
    removal[0]()  # the first thing done on commit, without any worker

    assert found(stall="ong-mat-u-minh")[1] == 0


def test_a_stall_suspended_and_reinstated_in_one_transaction_stays_in_search(
    backend, union_staff, django_capture_on_commit_callbacks
):
    """The demo loader creates each stall as a draft and approves it in one transaction: its products must stay found
    (the removal queued by the draft ran after the reindexing and emptied every stall but the first)."""
    stall = Storefront.objects.get(slug="ong-mat-u-minh")

    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(title="Mắm tép chưng thịt Gò Công")  # another change first, already waiting for the commit
        workflow.suspend_storefront(stall, union_staff, "Hồ sơ an toàn thực phẩm hết hạn.")
        workflow.reinstate_storefront(stall, union_staff)

    assert found(stall="ong-mat-u-minh")[1] == 11
    assert found("mam tep")[0][0] == "Mắm tép chưng thịt Gò Công"


def test_hiding_a_product_takes_it_out_of_search(backend, demo, django_capture_on_commit_callbacks):
    product = demo.product("BTL-SASUNG-100")
    with django_capture_on_commit_callbacks(execute=True):
        product.is_public = False
        product.save()

    assert "Sá sùng khô Quan Lạn, túi 100 g" not in found("sa sung")[0]


def test_a_new_title_and_price_are_searchable_after_the_edit(backend, demo, django_capture_on_commit_callbacks):
    product = demo.product("HUE-MEXUNG-250")
    with django_capture_on_commit_callbacks(execute=True):
        product.title = "Kẹo mè xửng Thuận Hóa"
        product.save()
        record = product.stockrecords.get()
        record.price = Decimal("52000")
        record.save()

    results = search_products(SearchQuery(text="keo thuan hoa"))
    assert results.hits[0].record["title"]["vi"] == "Kẹo mè xửng Thuận Hóa"
    assert results.hits[0].record["price"] == 52000


def test_selling_out_takes_a_product_out_of_in_stock_results(backend, demo, django_capture_on_commit_callbacks):
    product = demo.product("UMH-MO-1L")
    assert "Mật ong rừng U Minh gác kèo, chai 1 lít" in found("mat ong rung", in_stock=True)[0]

    with django_capture_on_commit_callbacks(execute=True):
        record = product.stockrecords.get()
        record.num_in_stock = 0
        record.save()

    assert "Mật ong rừng U Minh gác kèo, chai 1 lít" not in found("mat ong rung", in_stock=True)[0]
    assert "Mật ong rừng U Minh gác kèo, chai 1 lít" in found("mat ong rung")[0]


def test_an_order_that_leaves_stock_writes_nothing_to_search_and_the_last_unit_sold_does(
    backend, demo, django_capture_on_commit_callbacks
):
    """Checkout allocates stock on every order: only a sale that changes what search shows (the last unit) rewrites
    the product's entry, so busy products do not queue an index write per order."""
    title = "Mật ong rừng U Minh gác kèo, chai 1 lít"
    product = demo.product("UMH-MO-1L")
    with django_capture_on_commit_callbacks(execute=True):
        product.stockrecords.update(num_in_stock=2, num_allocated=0)
        record = product.stockrecords.get()
        record.save()

    with django_capture_on_commit_callbacks(execute=True) as first_sale:
        product.stockrecords.get().allocate(1)

    assert first_sale == []
    assert title in found("mat ong rung", in_stock=True)[0]

    with django_capture_on_commit_callbacks(execute=True) as last_sale:
        product.stockrecords.get().allocate(1)

    assert len(last_sale) >= 1
    assert title not in found("mat ong rung", in_stock=True)[0]


def test_verifying_and_revoking_a_certificate_changes_the_products_stars(
    backend, demo, union_staff, django_capture_on_commit_callbacks
):
    product = demo.product("LBA-ATISO-TL20")
    with django_capture_on_commit_callbacks(execute=True):
        certificate = OcopCertificateFactory(
            storefront=product.storefront, products=[product], stars=4, issue_date=date(2025, 6, 1)
        )
    assert "Trà atiso Đà Lạt túi lọc, hộp 20 túi" not in found(ocop_stars=4)[0]

    with django_capture_on_commit_callbacks(execute=True):
        ocop_workflow.verify_certificate(certificate, union_staff)

    assert "Trà atiso Đà Lạt túi lọc, hộp 20 túi" in found(ocop_stars=4)[0]

    with django_capture_on_commit_callbacks(execute=True):
        ocop_workflow.revoke_certificate(certificate, union_staff, "Sản phẩm không còn đạt tiêu chuẩn.")

    assert "Trà atiso Đà Lạt túi lọc, hộp 20 túi" not in found(ocop_stars=3)[0]


def test_renaming_a_stall_is_searchable(backend, django_capture_on_commit_callbacks):
    stall = Storefront.objects.get(slug="sen-thap-muoi")
    with django_capture_on_commit_callbacks(execute=True):
        stall.name = "Hương sen Đồng Tháp Mười"
        stall.save()

    assert found("huong sen", stall="sen-thap-muoi")[1] == 10


def test_rebuild_builds_a_new_index_with_a_progress_bar_and_search_answers_the_same(backend, demo, settings):
    before = found("mat ong")
    output = StringIO()

    call_command("search_index", "rebuild", stdout=output)

    assert f"] {len(demo.product_ids)}/{len(demo.product_ids)} (100%)" in output.getvalue()
    assert f"Indexed {len(demo.product_ids)} of {len(demo.product_ids)} products" in output.getvalue()
    assert found("mat ong") == before
    if backend == "elasticsearch":
        from catalog.search.backends.elasticsearch import ElasticsearchBackend

        es = ElasticsearchBackend()
        behind_alias = list(es.client.indices.get_alias(name=es.alias))
        assert len(behind_alias) == 1
        assert list(es.client.indices.get(index=f"{es.alias}-*")) == behind_alias


def test_a_product_hidden_behind_the_indexes_back_is_never_shown(backend, demo):
    product = demo.product("BTL-SASUNG-100")
    type(product).objects.filter(pk=product.pk).update(is_public=False)  # no signal: the index still has it

    results = search_products(SearchQuery(text="sa sung kho quan lan"))

    assert product.pk not in [hit.id for hit in results.hits]
