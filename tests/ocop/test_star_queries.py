"""Stars come only from valid certificates: verified and not past their expiry."""

import datetime

import pytest
from django.utils import timezone

from ocop import queries
from tests.factories import ProductFactory, VerifiedOcopCertificateFactory


@pytest.fixture
def products(db):
    honey, tea, rice, fish_sauce = (ProductFactory() for _ in range(4))
    VerifiedOcopCertificateFactory.of(honey, stars=4)
    VerifiedOcopCertificateFactory.of(tea, stars=5)
    VerifiedOcopCertificateFactory.of(rice, stars=5, status="revoked")
    # verified, but its date has passed: the daily job has not run yet
    VerifiedOcopCertificateFactory.of(
        fish_sauce, stars=4, expiry_date=timezone.localdate() - datetime.timedelta(days=1)
    )
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
    VerifiedOcopCertificateFactory.of(honey, stars=4)
    url = honey.storefront.get_absolute_url()
    everything = client.get(url).content.decode()
    assert "Mật ong rừng bốn sao" in everything and "Mật ong thường" in everything
    four = client.get(url, {"stars": "4"}).content.decode()
    assert "Mật ong rừng bốn sao" in four and "Mật ong thường" not in four
    assert "Không có sản phẩm nào đạt mức sao OCOP này." in client.get(url, {"stars": "5"}).content.decode()
    assert client.get(url, {"stars": "<script>"}).status_code == 200  # unknown values mean no filter
    assert plain.title_vi in client.get(url, {"stars": "<script>"}).content.decode()
