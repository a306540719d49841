"""Members write the stall in Vietnamese first; English and Chinese sit in their own tabs of the same form."""

from django.utils import translation

from storefronts import workflow
from tests.storefronts.test_application import applicant, complete_draft, stall_step, step_url  # noqa: F401 (fixtures)


def test_stall_step_shows_english_and_chinese_tabs_after_the_vietnamese_fields(client, complete_draft):  # noqa: F811
    html = client.get(step_url("stall")).content.decode()
    assert html.index('name="name_vi"') < html.index('<summary lang="en">English</summary>')
    assert html.index('<summary lang="en">English</summary>') < html.index('name="name_en"')
    assert '<summary lang="zh-hans">简体中文</summary>' in html


def test_translations_typed_in_the_tabs_reach_the_english_stall_page(client, applicant, complete_draft, union_staff):  # noqa: F811
    client.post(step_url("stall"), stall_step(name_en="U Minh Forest Honey", tagline_en="Pure melaleuca honey"))
    storefront = applicant.memberships.get().cooperative.storefront
    assert storefront.name_en == "U Minh Forest Honey"
    workflow.submit_application(storefront, applicant)
    workflow.approve_storefront(storefront, union_staff)
    with translation.override("en"):
        html = client.get(storefront.get_absolute_url()).content.decode()
    assert "U Minh Forest Honey" in html
    assert "Pure melaleuca honey" in html
