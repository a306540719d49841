"""An editor publishes news and guides in the CMS without opening the "Quảng bá" tab: the address comes from the
Vietnamese title, "đ" as "d" and without accents, as product addresses are made."""

import pytest
from wagtail.test.utils.form_data import querydict_from_html

from tests.factories import UserFactory
from tests.themes.test_content_pages import add_news, texts
from themes.models import GuideIndexPage, GuidePage, NewsIndexPage, NewsPage
from themes.staff import ensure_content_editors_group


@pytest.fixture
def editor(client, db):
    user = UserFactory(email="bientap@lienminhhtx.example.vn")
    user.groups.add(ensure_content_editors_group())
    client.force_login(user)
    return user


def publish_new_page(client, model_name, parent, **fields):
    """Opens the CMS's form for a new page, fills in ``fields`` (never the slug) and presses "Publish"."""
    url = f"/cms/pages/add/themes/{model_name}/{parent.pk}/"
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    assert data.get("slug", "") == ""
    data.update(fields)
    data["action-publish"] = "publish"
    return client.post(url, data)


def test_publishing_a_news_item_makes_its_address_from_the_vietnamese_title(client, editor):
    # given an editor on the form of a new news item
    index = NewsIndexPage.objects.get()

    # when they give only a title and a date, and publish
    response = publish_new_page(client, "newspage", index, title="Đồng Tháp đón hội chợ OCOP", date="2026-10-01")

    # then the item is live at an address made from its title
    assert response.status_code == 302
    news = NewsPage.objects.live().get()
    assert news.slug == "dong-thap-don-hoi-cho-ocop"
    assert client.get("/vi/tin-tuc/dong-thap-don-hoi-cho-ocop/").status_code == 200


def test_publishing_a_guide_makes_its_address_from_the_vietnamese_title(client, editor):
    index = GuideIndexPage.objects.get()

    response = publish_new_page(
        client, "guidepage", index, title="Đăng ký gian hàng cho hợp tác xã", **{"steps-count": "0"}
    )

    assert response.status_code == 302
    assert GuidePage.objects.live().get().slug == "dang-ky-gian-hang-cho-hop-tac-xa"


def test_a_second_news_item_with_the_same_title_gets_a_numbered_address(client, editor):
    add_news(texts("Hội chợ OCOP"), slug="hoi-cho-ocop")

    response = publish_new_page(
        client, "newspage", NewsIndexPage.objects.get(), title="Hội chợ OCOP", date="2026-10-02"
    )

    assert response.status_code == 302
    assert NewsPage.objects.order_by("pk").last().slug == "hoi-cho-ocop-2"


def test_an_address_typed_with_accents_is_written_without_them(client, editor):
    index = NewsIndexPage.objects.get()

    response = publish_new_page(
        client, "newspage", index, title="Tin mới", slug="đắk-lắk-mùa-cà-phê", date="2026-10-03"
    )

    assert response.status_code == 302
    assert NewsPage.objects.get().slug == "dak-lak-mua-ca-phe"


def test_editing_a_published_news_item_keeps_its_address(client, editor):
    news = add_news(texts("Chợ HTX mở cửa"), slug="cho-htx-mo-cua")
    data = querydict_from_html(client.get(f"/cms/pages/{news.pk}/edit/").content.decode(), form_id="page-edit-form")
    data["title"] = "Chợ HTX mở cửa đón mọi hợp tác xã"
    data["action-publish"] = "publish"

    assert client.post(f"/cms/pages/{news.pk}/edit/", data).status_code == 302

    assert NewsPage.objects.get(pk=news.pk).slug == "cho-htx-mo-cua"
