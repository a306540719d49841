"""Union staff open /dashboard/ and read the marketplace at a glance: stalls by status and province, orders and
sales by month and province, the stalls that sold most, OCOP stars and certificates about to expire, over a date
range, each table downloadable as CSV or XLSX."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from shop.fulfilment.models import StallOrder
from storefronts.models import Province, Storefront
from tests.factories import (
    CooperativeFactory,
    MembershipFactory,
    OcopCertificateFactory,
    OrderFactory,
    ProductFactory,
    ShippingPolicyFactory,
    StorefrontFactory,
    UserFactory,
    VerifiedOcopCertificateFactory,
)

URL = reverse("dashboard:index")


def place_order(*lines, days_ago=0):
    """A buyer's cash-on-delivery order of (product, quantity) lines, placed ``days_ago`` days ago."""
    return OrderFactory(lines=list(lines), date_placed=timezone.now() - timedelta(days=days_ago) if days_ago else None)


def export_url(table, file_format, query=""):
    return reverse("dashboard:overview-export", kwargs={"table": table, "file_format": file_format}) + query


def stall_in(province_slug, name, **fields):
    cooperative = CooperativeFactory(province=Province.objects.get(slug=province_slug))
    stall = StorefrontFactory(cooperative=cooperative, name=name, **fields)
    ShippingPolicyFactory(storefront=stall)
    return stall


@pytest.fixture
def coffee(db):
    return ProductFactory(
        storefront=stall_in("lam-dong", "Cà phê Cầu Đất"), title="Cà phê Arabica", stock__price=120_000
    )


@pytest.fixture
def honey(db):
    return ProductFactory(storefront=stall_in("ca-mau", "Mật ong U Minh"), title="Mật ong tràm", stock__price=185_000)


@pytest.fixture
def staff_client(client, union_staff):
    client.force_login(union_staff)
    return client


def table_rows(html, key):
    """The rows of one of the page's tables as lists of cell texts."""
    table = re.search(rf'<table[^>]*id="table-{key}".*?</table>', html, re.S).group(0)
    body = table.split("<tbody>")[1]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).replace("\xa0", " ").strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def month_text(moment):
    local = timezone.localtime(moment)
    return f"{local.month:02d}/{local.year}"


# --- Who may open it -------------------------------------------------------------------------------------------------


def test_union_staff_open_the_overview(staff_client):
    response = staff_client.get(URL)

    assert response.status_code == 200
    assert "Tổng quan Chợ HTX" in response.content.decode()


def test_a_stall_member_is_refused_the_overview(client, coffee):
    client.force_login(MembershipFactory(cooperative=coffee.storefront.cooperative).user)

    assert client.get(URL).status_code == 403
    assert client.get(export_url("months", "csv")).status_code == 403


def test_a_buyer_is_refused_the_overview(client, db):
    client.force_login(UserFactory())

    assert client.get(URL).status_code == 403
    assert client.get(export_url("provinces", "xlsx")).status_code == 403


def test_a_visitor_is_sent_to_the_dashboard_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('dashboard:login')}?next={URL}"
    assert client.get(export_url("months", "csv"))["Location"].startswith(reverse("dashboard:login"))


# --- Stalls -------------------------------------------------------------------------------------------------------


def test_staff_see_stalls_by_status_and_on_the_province_map(staff_client, coffee, honey):
    # given two approved stalls (Lâm Đồng, Cà Mau) and one waiting for review in Hà Nội
    stall_in("hanoi", "Trà Shan tuyết", status=Storefront.Status.SUBMITTED, partner=None)

    # when staff open the overview
    html = staff_client.get(URL).content.decode()

    # then the statuses are counted, and each province's tile and row say how many approved stalls it has
    statuses = dict(table_rows(html, "stalls-by-status"))
    assert statuses["Đã duyệt"] == "2" and statuses["Đã gửi, chờ duyệt"] == "1" and statuses["Bản nháp"] == "0"
    provinces = {row[0]: row[1:3] for row in table_rows(html, "provinces")}
    assert len(provinces) == 34
    assert provinces["Lâm Đồng"] == ["1", "1"] and provinces["Thành phố Hà Nội"] == ["0", "1"]
    assert "<title>Lâm Đồng: 1 gian hàng đã duyệt</title>" in html
    assert html.count('rx="3"') == 34  # one tile per province


def tile_fill(html, title):
    return re.search(rf"<title>{title}</title>\s*<rect [^>]*fill=\"(#[0-9a-f]{{6}})\"", html).group(1)


def test_the_map_shades_provinces_by_their_approved_stalls(staff_client, coffee, honey):
    # given two approved stalls in Lâm Đồng, one in Cà Mau, a suspended one in Huế
    stall_in("lam-dong", "Rau Đà Lạt")
    stall_in("hue", "Mè xửng Huế", status=Storefront.Status.SUSPENDED)

    html = staff_client.get(URL).content.decode()

    # then Lâm Đồng is darkest, Cà Mau lighter, Huế and Hà Nội grey, and the legend says what each colour counts
    lam_dong = tile_fill(html, "Lâm Đồng: 2 gian hàng đã duyệt")
    ca_mau = tile_fill(html, "Cà Mau: 1 gian hàng đã duyệt")
    assert tile_fill(html, "Thành phố Huế: 0 gian hàng đã duyệt") == tile_fill(
        html, "Thành phố Hà Nội: 0 gian hàng đã duyệt"
    )
    assert len({lam_dong, ca_mau, tile_fill(html, "Thành phố Huế: 0 gian hàng đã duyệt")}) == 3
    legend = re.findall(
        r'<li class="list-inline-item"><svg [^>]*><rect [^>]*fill="(#[0-9a-f]{6})"/></svg> (\S+)</li>', html
    )
    assert legend[1:] == [(ca_mau, "1"), (lam_dong, "2")]


# --- Orders and sales ---------------------------------------------------------------------------------------------


def test_orders_and_sales_count_each_stalls_goods_by_month_and_province(staff_client, coffee, honey):
    # given an order with both stalls' goods, a coffee order, a cancelled honey part, and an order 13 months old
    both = place_order((coffee, 2), (honey, 1))
    place_order((coffee, 1))
    cancelled = place_order((honey, 3))
    StallOrder.objects.filter(order=cancelled).update(status=StallOrder.Status.CANCELLED)
    place_order((coffee, 5), days_ago=400)

    # when staff open the overview (the last twelve months)
    html = staff_client.get(URL).content.decode()

    # then this month counts two orders and the goods sold, without shipping, the cancelled part or the old order
    months = table_rows(html, "months")
    assert len(months) == 12
    assert months[-1] == [month_text(both.date_placed), "2", "545.000 ₫"]
    assert sum(int(row[1]) for row in months) == 2
    provinces = {row[0]: row[3:] for row in table_rows(html, "provinces")}
    assert provinces["Lâm Đồng"] == ["2", "360.000 ₫"]
    assert provinces["Cà Mau"] == ["1", "185.000 ₫"]
    assert 'id="total-orders">2<' in html


def test_the_stalls_that_sold_most_come_first(staff_client, coffee, honey):
    place_order((honey, 1))
    place_order((coffee, 3))

    html = staff_client.get(URL).content.decode()

    assert table_rows(html, "top-stalls") == [
        ["Cà phê Cầu Đất", "Lâm Đồng", "1", "360.000 ₫"],
        ["Mật ong U Minh", "Cà Mau", "1", "185.000 ₫"],
    ]


def test_a_date_range_shows_only_the_orders_placed_in_it(staff_client, coffee):
    old = place_order((coffee, 5), days_ago=400)
    old.refresh_from_db()
    place_order((coffee, 1))
    day = timezone.localtime(old.date_placed).date()

    html = staff_client.get(URL, {"start": day.isoformat(), "end": day.isoformat()}).content.decode()

    assert table_rows(html, "months") == [[month_text(old.date_placed), "1", "600.000 ₫"]]
    assert f'value="{day.isoformat()}"' in html


# --- OCOP ---------------------------------------------------------------------------------------------------------


def test_staff_see_ocop_products_by_stars_and_certificates_about_to_expire(staff_client, coffee, honey):
    today = timezone.localdate()
    verified = VerifiedOcopCertificateFactory
    verified(storefront=coffee.storefront, stars=4, products=[coffee], expiry_date=today + timedelta(20))
    verified(storefront=honey.storefront, stars=5, products=[honey], expiry_date=today + timedelta(75))
    verified(storefront=honey.storefront, stars=3, products=[], expiry_date=today + timedelta(400))
    verified(storefront=honey.storefront, stars=5, products=[], expiry_date=today - timedelta(1))  # expired
    OcopCertificateFactory(storefront=honey.storefront, stars=5, products=[])  # declared, not verified yet

    html = staff_client.get(URL).content.decode()

    assert table_rows(html, "ocop-stars") == [["3 sao", "0", "1"], ["4 sao", "1", "1"], ["5 sao", "1", "1"]]
    assert table_rows(html, "ocop-expiring") == [
        ["trong 30 ngày tới", "1"],
        ["trong 60 ngày tới", "1"],
        ["trong 90 ngày tới", "2"],
    ]
    soonest = table_rows(html, "ocop-expiring-list")
    assert [row[0] for row in soonest] == ["Cà phê Cầu Đất", "Mật ong U Minh"]
    assert soonest[0][3:] == [(today + timedelta(20)).strftime("%d/%m/%Y"), "20"]


# --- Bad dates ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "31/02/2026", "end": "2026-03-01"}, "“Từ ngày” không phải một ngày hợp lệ"),
        ({"start": "2026-05-01", "end": "hôm qua"}, "“Đến ngày” không phải một ngày hợp lệ"),
        ({"start": "2026-05-01", "end": "2026-04-01"}, "“Từ ngày” phải trước hoặc bằng “Đến ngày”."),
        ({"start": "2001-01-01", "end": "2026-04-01"}, "Khoảng thời gian dài nhất là 60 tháng."),
        ({"start": "9999-12-01", "end": "9999-12-31"}, "Hãy chọn ngày từ năm 2000 đến năm 2099."),
    ],
)
def test_bad_dates_get_a_clear_message_and_keep_what_was_typed(staff_client, query, message):
    response = staff_client.get(URL, query)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "12 tháng gần nhất" in html  # the figures shown instead
    assert len(table_rows(html, "months")) == 12
    for typed in query.values():
        assert f'value="{typed}"' in html


def test_an_export_with_bad_dates_is_refused_with_the_reason(staff_client):
    response = staff_client.get(export_url("months", "csv", "?start=2026-05-01&end=2026-04-01"))

    assert response.status_code == 400
    assert "“Từ ngày” phải trước hoặc bằng “Đến ngày”." in response.content.decode()


def test_an_unknown_table_or_format_is_not_found(staff_client):
    assert staff_client.get(export_url("passwords", "csv")).status_code == 404
    assert staff_client.get(export_url("months", "pdf")).status_code == 404


# --- Downloads ----------------------------------------------------------------------------------------------------


def test_downloads_neutralise_names_a_spreadsheet_would_run_as_formulas(staff_client, db):
    product = ProductFactory(storefront=stall_in("hue", '=HYPERLINK("http://evil.example","Bấm")'), stock__price=50_000)
    place_order((product, 2))

    response = staff_client.get(export_url("top-stalls", "csv"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="tong-quan-top-stalls-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Gian hàng", "Tỉnh / thành phố", "Số đơn", "Doanh thu (đồng)"]
    assert rows[1] == ['\'=HYPERLINK("http://evil.example","Bấm")', "Thành phố Huế", "1", "100000"]
    workbook = load_workbook(io.BytesIO(staff_client.get(export_url("top-stalls", "xlsx")).content))
    cell = workbook.active["A2"]
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://evil.example","Bấm")', "s")


def test_each_table_downloads_as_an_excel_workbook(staff_client, coffee):
    place_order((coffee, 1))

    response = staff_client.get(export_url("provinces", "xlsx"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 34
    assert rows["Lâm Đồng"] == (1, 1, 1, 120_000)


# --- Queries ------------------------------------------------------------------------------------------------------


def page_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_overview_asks_the_database_the_same_number_of_times_for_more_stalls_and_orders(
    staff_client, coffee, honey, django_assert_max_num_queries
):
    # given one order, then many more stalls, orders and certificates
    place_order((coffee, 1))
    with django_assert_max_num_queries(16):
        small = page_queries(staff_client)
    for province in ("hanoi", "hue", "an-giang", "dak-lak"):
        product = ProductFactory(storefront=stall_in(province, f"Gian hàng {province}"), stock__price=90_000)
        VerifiedOcopCertificateFactory(storefront=product.storefront, products=[product])
        place_order((product, 2), (coffee, 1))
        place_order((product, 1), days_ago=40)

    # when the page is opened again, then it asks the same number of queries
    assert page_queries(staff_client) == small
