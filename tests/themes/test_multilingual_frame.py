"""Every public page tells browsers and search engines its language and where its other-language versions are."""

import re

import pytest
from django.utils import translation

from tests.factories import ProductFactory


@pytest.fixture
def product(db):
    return ProductFactory(title_vi="Gạo ST25 Hòa Tú, túi 5 kg", title_en="Hoa Tu ST25 rice, 5 kg bag")


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize("language", ["vi", "en", "zh-hans"])
def test_product_page_lists_its_other_language_addresses(client, product, language):
    with translation.override(language):
        url = product.get_absolute_url()
    html = client.get(url).content.decode()
    links = alternates(html)
    with translation.override("en"):
        english = product.get_absolute_url()
    assert links["en"] == f"http://testserver{english}"
    assert links["vi"].startswith("http://testserver/vi/catalogue/")
    assert links["zh-hans"].startswith("http://testserver/zh-hans/catalogue/")
    assert links["x-default"] == links["vi"]


def test_home_page_has_hreflang_alternates(client, db):
    links = alternates(client.get("/en/").content.decode())
    assert links == {
        "vi": "http://testserver/vi/",
        "en": "http://testserver/en/",
        "zh-hans": "http://testserver/zh-hans/",
        "x-default": "http://testserver/vi/",
    }


def test_sitemap_lists_every_language_of_pages_products_and_stalls(client, product, settings):
    settings.SITE_URL = "https://chohtx.vn"
    from django.core.management import call_command

    call_command("seed_reference_data", verbosity=0)
    xml = client.get("/sitemap.xml").content.decode()
    for language in ("vi", "en", "zh-hans"):
        assert f"<loc>https://chohtx.vn/{language}/</loc>" in xml
        with translation.override(language):
            assert f"<loc>https://chohtx.vn{product.get_absolute_url()}</loc>" in xml
            assert f"<loc>https://chohtx.vn{product.storefront.get_absolute_url()}</loc>" in xml


def test_sitemap_leaves_out_products_of_closed_stalls(client, product):
    product.storefront.status = "suspended"
    product.storefront.save()
    assert "ST25" not in client.get("/sitemap.xml").content.decode()
    with translation.override("vi"):
        assert product.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
