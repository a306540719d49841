"""Chinese is complete for the consumer pages: a crawl in zh-hans finds no English left over from the vendors."""

from django.utils import translation

from tests.translations.crawl import untranslated_english
from tests.translations.test_vietnamese_pages import catalogue  # noqa: F401 (the fixture)


def consumer_pages(product):
    with translation.override("zh-hans"):
        return [
            "/zh-hans/",
            "/zh-hans/catalogue/",
            product.categories.get().get_absolute_url(),
            product.get_absolute_url(),
            "/zh-hans/stalls/",
            product.storefront.get_absolute_url(),
            "/zh-hans/basket/",
            "/zh-hans/accounts/login/",
            "/zh-hans/search/?q=che",
            "/zh-hans/checkout/lookup/",
        ]


def test_consumer_pages_in_chinese_have_no_untranslated_english(client, catalogue):  # noqa: F811
    found = {}
    for url in consumer_pages(catalogue):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, url
        if leftovers := untranslated_english(response.content.decode(), "zh-hans"):
            found[url] = leftovers
    assert found == {}
