"""Stars come only from valid certificates: verified and not past their expiry."""

import datetime

import pytest
from django.utils import timezone

from ocop import queries
from ocop.models import OcopCertificate
from tests.factories import ProductFactory


def certify(product, stars, status="verified", expires_in_days=300):
    today = timezone.localdate()
    certificate = OcopCertificate.objects.create(
        storefront=product.storefront,
        stars=stars,
        score={3: 60, 4: 80, 5: 95}[stars],
        certificate_number=f"OCOP-{product.pk}-{stars}-{status}",
        decision_number="12/QĐ-UBND",
        decision_date=today - datetime.timedelta(days=30),
        issuing_level="central" if stars == 5 else "province",
        issue_date=today - datetime.timedelta(days=30),
        expiry_date=today + datetime.timedelta(days=expires_in_days),
        status=status,
    )
    certificate.products.add(product)
    return certificate


@pytest.fixture
def products(db):
    honey, tea, rice, fish_sauce = (ProductFactory() for _ in range(4))
    certify(honey, 4)
    certify(tea, 5)
    certify(rice, 5, status="revoked")
    certify(fish_sauce, 4, expires_in_days=-1)  # verified, but its date has passed: the daily job has not run yet
    return honey, tea, rice, fish_sauce


def test_only_valid_certificates_give_stars(products, django_assert_num_queries):
    honey, tea, rice, fish_sauce = products
    Product = type(honey)
    with django_assert_num_queries(2):  # the products, then every valid certificate at once
        listed = {p.pk: p for p in queries.with_valid_certificates(Product.objects.all())}
        stars = {pk: (p.ocop_certificate().stars if p.ocop_certificate() else 0) for pk, p in listed.items()}
    assert stars == {honey.pk: 4, tea.pk: 5, rice.pk: 0, fish_sauce.pk: 0}


def test_star_filter_keeps_products_with_at_least_that_many_valid_stars(products):
    honey, tea, *_ = products
    Product = type(honey)
    assert set(queries.with_min_stars(Product.objects.all(), 4)) == {honey, tea}
    assert set(queries.with_min_stars(Product.objects.all(), 5)) == {tea}
    assert queries.parse_stars("4") == 4
    assert queries.parse_stars("9") is None
    assert queries.parse_stars("'; drop table") is None


def test_stall_page_filters_its_products_by_stars(client, db):
    honey = ProductFactory(title_vi="Mật ong rừng bốn sao")
    plain = ProductFactory(title_vi="Mật ong thường chưa chứng nhận", storefront=honey.storefront)
    certify(honey, 4)
    url = honey.storefront.get_absolute_url()
    everything = client.get(url).content.decode()
    assert "Mật ong rừng bốn sao" in everything and "Mật ong thường" in everything
    four = client.get(url, {"stars": "4"}).content.decode()
    assert "Mật ong rừng bốn sao" in four and "Mật ong thường" not in four
    assert "Không có sản phẩm nào đạt mức sao OCOP này." in client.get(url, {"stars": "5"}).content.decode()
    assert client.get(url, {"stars": "<script>"}).status_code == 200  # unknown values mean no filter
    assert plain.title_vi in client.get(url, {"stars": "<script>"}).content.decode()
