"""The member's product form: Vietnamese first, English and Chinese in their own tabs, all optional."""

from django.utils import translation

from tests.catalog.test_seller_products import (  # noqa: F401 (fixtures)
    CREATE,
    create_product,
    honey_category,
    member,
    stall,
    url,
)


def test_product_form_has_english_and_chinese_tabs_after_the_vietnamese(client, member):  # noqa: F811
    html = client.get(CREATE).content.decode()
    assert (
        html.index('name="title"') < html.index('<summary lang="en">English</summary>') < html.index('name="title_en"')
    )
    assert '<summary lang="zh-hans">简体中文</summary>' in html


def test_translations_typed_in_the_tabs_show_to_english_buyers(client, member, honey_category):  # noqa: F811
    product = create_product(
        client,
        honey_category,
        title_en="U Minh melaleuca forest honey",
        description_en="Wild honey <from> the forest.",
    )
    assert product.title_en == "U Minh melaleuca forest honey"
    assert product.description_en == "<p>Wild honey &lt;from&gt; the forest.</p>"
    edit = client.get(url("update", product)).content.decode()
    assert 'value="U Minh melaleuca forest honey"' in edit  # the tab keeps what was typed
    assert '<details class="border rounded p-2 mb-2" open>' in edit
    with translation.override("en"):
        assert product.title == "U Minh melaleuca forest honey"
