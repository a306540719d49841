"""Anyone reports a product or a stall from its page: the report opens a case for union staff (or joins the listing's
open one), robots and floods are turned away, and a mistake keeps what was typed."""

from django.urls import reverse

from shop.takedowns.models import Report, Takedown
from shop.takedowns.views.public import REPORTS
from tests.factories import ProductFactory

REPORT = {"reason": "counterfeit", "note": "Nhãn in giống hệt hàng của hãng khác.", "contact_email": ""}


def report_url(product):
    return reverse("takedowns:report-product", kwargs={"pk": product.pk})


def test_product_page_links_to_its_report_form(client, product):
    page = client.get(product.get_absolute_url())

    assert report_url(product) in page.content.decode()


def test_stall_page_links_to_its_report_form(client, stall):
    page = client.get(stall.get_absolute_url())

    assert reverse("takedowns:report-stall", kwargs={"slug": stall.slug}) in page.content.decode()


def test_anonymous_visitor_reports_a_counterfeit_product_and_staff_get_an_open_case(client, product):
    form = client.get(report_url(product))
    assert "Mật ong rừng tràm 500 ml" in form.content.decode()

    response = client.post(report_url(product), {**REPORT, "contact_email": "ai@example.vn"})

    assert response.status_code == 302
    assert client.get(response.url).content.decode().count("Cảm ơn bạn") == 1
    case = Takedown.objects.get()
    assert (case.kind, case.product, case.storefront, case.status) == ("product", product, product.storefront, "open")
    report = case.reports.get()
    assert (report.reason, report.contact_email, report.reporter) == ("counterfeit", "ai@example.vn", None)
    assert [(change.from_status, change.to_status) for change in case.changes.all()] == [("", "open")]


def test_a_second_report_joins_the_products_open_case(client, buyer, reported):
    client.force_login(buyer)

    client.post(report_url(reported.product), {**REPORT, "reason": "wrong_origin"})

    assert Takedown.objects.get() == reported
    assert list(reported.reports.values_list("reason", flat=True)) == ["counterfeit", "wrong_origin"]
    assert reported.reports.last().reporter == buyer


def test_visitor_reports_a_whole_stall(client, stall):
    client.post(reverse("takedowns:report-stall", kwargs={"slug": stall.slug}), {**REPORT, "reason": "banned"})

    case = Takedown.objects.get()
    assert (case.kind, case.storefront, case.product, case.listing_title) == ("stall", stall, None, stall.name)


def test_report_without_a_reason_is_refused_in_vietnamese_and_keeps_the_note(client, product):
    response = client.post(report_url(product), {"note": "Sản phẩm này không có tem.", "contact_email": "sai-dia-chi"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Vui lòng chọn lý do báo cáo." in page
    assert "Địa chỉ thư điện tử chưa đúng" in page
    assert "Sản phẩm này không có tem." in page
    assert not Report.objects.exists()


def test_other_reason_needs_a_description(client, product):
    response = client.post(report_url(product), {"reason": "other", "note": ""})

    assert response.status_code == 400
    assert "Với “Lý do khác”, vui lòng mô tả vi phạm." in response.content.decode()


def test_report_form_speaks_english_on_the_english_site(client, product):
    page = client.get(f"/en{report_url(product)[3:]}")

    assert "Counterfeit or imitation goods" in page.content.decode()


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client, product):
    response = client.post(report_url(product), {**REPORT, "website": "http://spam.example"})

    assert response.status_code == 302
    assert not Report.objects.exists()


def test_more_than_ten_reports_an_hour_from_one_address_are_refused_keeping_the_text(client, product):
    for _ in range(REPORTS.limit):
        client.post(report_url(product), REPORT)

    response = client.post(report_url(product), {**REPORT, "note": "Báo cáo thứ mười một."})

    assert response.status_code == 429
    assert "Báo cáo thứ mười một." in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert Report.objects.count() == REPORTS.limit


def test_a_product_not_on_the_market_cannot_be_reported(client, stall):
    draft = ProductFactory(storefront=stall, is_public=False)

    assert client.get(report_url(draft)).status_code == 404
    assert client.post(report_url(draft), REPORT).status_code == 404


def test_report_form_needs_the_csrf_token(product):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(report_url(product), REPORT)

    assert response.status_code == 403
    assert not Report.objects.exists()


def test_report_form_costs_a_fixed_number_of_queries(client, product, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(report_url(product))
