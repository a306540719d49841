"""A product page describes the product to search engines as schema.org Product data (JSON-LD): name, pictures,
maker, rating and offers in VND, and nothing a seller types can break out of the script element."""

import json
import re

import pytest
from oscar.core.loading import get_model

from tests.catalog.test_consumer_pages import add_picture, make_parent, review, url_of
from tests.factories import ProductFactory

ProductReview = get_model("reviews", "ProductReview")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def structured_data(client, product, language="vi"):
    html = client.get(url_of(product, language)).content.decode()
    scripts = JSON_LD.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_a_simple_product_has_one_offer_in_whole_dong(client, db):
    honey = ProductFactory(title="Mật ong rừng U Minh", upc="MO-500", manufacturer="Cơ sở ong Tám Nghĩa")
    data = structured_data(client, honey)
    stall = honey.storefront
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == "Mật ong rừng U Minh"
    assert data["sku"] == "MO-500"
    assert data["url"] == f"http://testserver{url_of(honey)}"
    assert data["brand"] == {"@type": "Brand", "name": stall.name}
    assert data["manufacturer"] == {"@type": "Organization", "name": "Cơ sở ong Tám Nghĩa"}
    assert data["offers"] == {
        "@type": "Offer",
        "priceCurrency": "VND",
        "price": "185000",
        "availability": "https://schema.org/InStock",
        "url": f"http://testserver{url_of(honey)}",
        "sku": "MO-500",
        "seller": {
            "@type": "Organization",
            "name": stall.cooperative.name,
            "url": f"http://testserver{url_of(stall)}",
        },
    }
    assert "aggregateRating" not in data


def test_a_product_out_of_stock_is_offered_as_out_of_stock(client, db):
    assert structured_data(client, ProductFactory(stock=0))["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_a_product_with_variants_has_an_aggregate_offer_listing_each_variant(client, db):
    parent = make_parent([("Hũ 250 ml", 95000, 3), ("Hũ 500 ml", 185000, 0)], title="Mật ong hoa nhãn")
    offers = structured_data(client, parent)["offers"]
    assert offers["@type"] == "AggregateOffer"
    assert offers["priceCurrency"] == "VND"
    assert (offers["lowPrice"], offers["highPrice"], offers["offerCount"]) == ("95000", "185000", 2)
    assert offers["availability"] == "https://schema.org/InStock"
    assert [(offer["name"], offer["price"], offer["availability"]) for offer in offers["offers"]] == [
        ("Hũ 250 ml", "95000", "https://schema.org/InStock"),
        ("Hũ 500 ml", "185000", "https://schema.org/OutOfStock"),
    ]
    assert {offer["priceCurrency"] for offer in offers["offers"]} == {"VND"}
    assert offers["offers"][0]["seller"]["name"] == parent.storefront.cooperative.name


def test_pictures_are_absolute_addresses_of_the_originals(client, db):
    honey = ProductFactory()
    pictures = [add_picture(honey, display_order=order) for order in range(2)]
    data = structured_data(client, honey)
    assert data["image"] == [f"http://testserver{picture.original.url}" for picture in pictures]


def test_a_reviewed_product_carries_its_rating(client, db):
    honey = ProductFactory()
    review(honey, 5, "Thơm")
    review(honey, 4, "Ngon")
    review(honey, 1, "Chưa duyệt", status=ProductReview.FOR_MODERATION)
    assert structured_data(client, honey)["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": "4.5",
        "reviewCount": 2,
        "bestRating": "5",
    }


def test_the_description_is_plain_text(client, db):
    honey = ProductFactory(description="<p>Mật ong <b>nguyên chất</b></p>\n\nKhông pha   đường.")
    assert structured_data(client, honey)["description"] == "Mật ong nguyên chất Không pha đường."


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_data_speaks_the_pages_language(client, db, language):
    honey = ProductFactory(title_vi="Mật ong rừng", title_en="Forest honey")
    expected = {"vi": "Mật ong rừng", "en": "Forest honey"}[language]
    assert structured_data(client, honey, language)["name"] == expected


def test_a_title_cannot_close_the_script_element(client, db):
    title = "Mật ong</script><script>alert(1)</script>"
    honey = ProductFactory(title=title, description="A & B <!-- x -->")
    html = client.get(url_of(honey)).content.decode()
    assert "<script>alert(1)" not in html
    assert "<!-- x -->" not in html
    scripts = JSON_LD.findall(html)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["name"] == title
    assert "\\u003c/script\\u003e" in scripts[0]
