"""Stars show on cards, product pages, stall pages and the category filter only while a certificate is valid."""

import pytest
from django.utils import translation

from ocop import workflow
from tests.factories import ProductFactory, VerifiedOcopCertificateFactory


@pytest.fixture
def certified(db):
    product = ProductFactory(title_vi="Mật ong hoa tràm bốn sao")
    other = ProductFactory(title_vi="Mật ong chưa có sao", storefront=product.storefront)
    certificate = VerifiedOcopCertificateFactory.of(product, stars=4)
    return product, other, certificate


def pages(product):
    with translation.override("vi"):
        return {
            "category": product.categories.get().get_absolute_url(),
            "catalogue": "/vi/catalogue/",
            "stall": product.storefront.get_absolute_url(),
            "home": "/vi/",
        }


def test_stars_show_on_cards_and_the_product_page_while_valid(client, certified):
    product, _, certificate = certified
    for name, url in pages(product).items():
        assert "Sản phẩm OCOP 4 sao" in client.get(url).content.decode(), name
    with translation.override("vi"):
        page = client.get(product.get_absolute_url()).content.decode()
    assert f"Giấy chứng nhận OCOP số {certificate.certificate_number}" in page
    assert certificate.expiry_date.strftime("%d/%m/%Y") in page


@pytest.mark.parametrize("ending", ["revoked", "expired"])
def test_revocation_or_expiry_hides_the_stars_everywhere(client, certified, union_staff, ending):
    product, _, certificate = certified
    if ending == "revoked":
        workflow.revoke_certificate(certificate, union_staff, "Sản phẩm không còn đạt tiêu chuẩn")
    else:
        type(certificate).objects.filter(pk=certificate.pk).update(expiry_date="2020-01-01")
        workflow.run_daily()
    for name, url in pages(product).items():
        assert "Sản phẩm OCOP" not in client.get(url).content.decode(), name
    with translation.override("vi"):
        assert "Giấy chứng nhận OCOP số" not in client.get(product.get_absolute_url()).content.decode()


def test_category_page_filters_by_stars(client, certified):
    product, other, _ = certified
    url = pages(product)["catalogue"]
    filtered = client.get(url, {"stars": "4"}).content.decode()
    assert "Mật ong hoa tràm bốn sao" in filtered
    assert "Mật ong chưa có sao" not in filtered
    assert "Mật ong chưa có sao" in client.get(url, {"stars": "7"}).content.decode()  # unknown: no filter
