"""Content editors of the alliance write news and guides in the CMS, and cannot reach the shop's back office."""

import pytest
from wagtail.test.utils.form_data import querydict_from_html

from tests.conftest import make_union_staff
from tests.factories import UserFactory
from tests.themes.test_content_pages import add_news, texts
from themes.models import GuideIndexPage, HomePage, NewsIndexPage, NewsPage
from themes.staff import CONTENT_EDITORS_GROUP, ensure_content_editors_group


@pytest.fixture
def news(db):
    return add_news(
        texts("Chợ HTX mở cửa cho mọi hợp tác xã", "Chợ HTX opens to every cooperative", "合作社市场向所有合作社开放"),
        intro=texts("Mở gian hàng miễn phí.", "Open a stall for free.", "免费开设摊位。"),
        body=texts("<p>Hồ sơ được duyệt trong ba ngày.</p>", "<p>Applications are reviewed in three days.</p>"),
        slug="cho-htx-mo-cua",
    )


@pytest.fixture
def editor(db):
    """A content editor: in the group, not staff, no other permission."""
    user = UserFactory(email="bientap@lienminhhtx.example.vn")
    user.groups.add(ensure_content_editors_group())
    return user


def edit_form(client, page):
    """The page's edit form in the CMS, as the browser would submit it unchanged."""
    response = client.get(f"/cms/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def test_a_content_editor_corrects_and_publishes_a_news_item_in_each_language(client, editor, news):
    client.force_login(editor)
    data = edit_form(client, news)
    data["title"] = "Chợ HTX mở cửa cho mọi hợp tác xã trên cả nước"
    data["display_title_en"] = "Chợ HTX opens to cooperatives nationwide"
    data["intro_zh_hans"] = "全国合作社均可免费开设摊位。"
    data["action-publish"] = "publish"
    response = client.post(f"/cms/pages/{news.pk}/edit/", data)
    assert response.status_code == 302

    news = NewsPage.objects.get(pk=news.pk)
    assert news.live and not news.has_unpublished_changes
    assert (news.title, news.display_title_vi) == ("Chợ HTX mở cửa cho mọi hợp tác xã trên cả nước",) * 2
    assert news.display_title_en == "Chợ HTX opens to cooperatives nationwide"
    assert news.display_title_zh_hans == "合作社市场向所有合作社开放"  # untouched
    assert news.intro_zh_hans == "全国合作社均可免费开设摊位。"
    assert "Chợ HTX opens to cooperatives nationwide" in client.get("/en/tin-tuc/cho-htx-mo-cua/").content.decode()


def test_a_content_editor_sees_the_languages_side_by_side(client, editor, news):
    client.force_login(editor)
    html = client.get(f"/cms/pages/{news.pk}/edit/").content.decode()
    for field in ("title", "display_title_en", "display_title_zh_hans", "intro_vi", "intro_en", "body_zh_hans"):
        assert f'name="{field}"' in html
    for heading in ("Tiếng Việt", "English", "简体中文"):
        assert heading in html


def test_a_content_editor_adds_a_news_item(client, editor):
    client.force_login(editor)
    index = NewsIndexPage.objects.get()
    response = client.get(f"/cms/pages/add/themes/newspage/{index.pk}/")
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update({"title": "Hội chợ OCOP tháng Mười", "slug": "hoi-cho-ocop", "date": "2026-10-01"})
    data["action-publish"] = "publish"
    assert client.post(f"/cms/pages/add/themes/newspage/{index.pk}/", data).status_code == 302
    assert NewsPage.objects.live().get(slug="hoi-cho-ocop").title == "Hội chợ OCOP tháng Mười"


def test_a_content_editor_opens_the_home_page_and_guide_editors(client, editor):
    client.force_login(editor)
    home = HomePage.objects.get()
    response = client.get(f"/cms/pages/{home.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for section in ("hero", "featured_stalls", "ocop_products", "category_tiles", "latest_news"):
        assert f"&quot;{section}&quot;" in html  # the sections an editor can add
    assert client.get(f"/cms/pages/{GuideIndexPage.objects.get().pk}/edit/").status_code == 200


@pytest.mark.parametrize("url", ["/dashboard/", "/dashboard/catalogue/", "/dashboard/orders/"])
def test_a_content_editor_is_refused_the_shops_dashboard(client, editor, url):
    """Oscar's dashboard answers a signed-in user without its permission with 403."""
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 403


def test_a_content_editor_is_sent_to_the_admin_login(client, editor):
    """Django's admin sends a signed-in user who is not admin staff to its own login page."""
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_a_content_editor_cannot_edit_pages_outside_the_site(client, editor):
    client.force_login(editor)
    root = HomePage.objects.get().get_parent()
    response = client.get(f"/cms/pages/{root.pk}/edit/")
    assert response.status_code == 302  # Wagtail sends an editor without the permission back to the CMS home
    assert response["Location"] == "/cms/"


def test_a_shopper_cannot_open_the_cms(client, db):
    client.force_login(UserFactory())
    response = client.get("/cms/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_union_staff_join_the_content_editors_to_edit_content(client, news):
    staff = make_union_staff()
    client.force_login(staff)
    refused = client.get(f"/cms/pages/{news.pk}/edit/")
    assert (refused.status_code, refused["Location"]) == (302, "/cms/")  # back to the CMS home, not the editor
    staff.groups.add(ensure_content_editors_group())
    assert client.get(f"/cms/pages/{news.pk}/edit/").status_code == 200


def test_the_content_editors_group_is_created_once(db):
    ensure_content_editors_group()
    group = ensure_content_editors_group()
    assert group.name == CONTENT_EDITORS_GROUP
    assert group.page_permissions.count() == 3
    assert not group.permissions.exclude(content_type__app_label="wagtailadmin").exists()


def test_a_content_editor_arranges_the_home_page_sections(client, editor):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from tests.factories import StorefrontFactory

    stall = StorefrontFactory(name_vi="Gian hàng Mật ong U Minh")
    StorefrontFactory(name_vi="Gian hàng không được chọn")
    client.force_login(editor)
    home = HomePage.objects.get()
    data = nested_form_data(
        {
            "title": "Chợ HTX",
            "slug": "home",
            "body": streamfield(
                [
                    (
                        "featured_stalls",
                        {
                            "heading": {"vi": "Gian hàng của tháng", "en": "Stalls of the month", "zh_hans": ""},
                            "stalls": {"count": 1, "0": {"value": stall.slug, "deleted": "", "order": 0, "id": ""}},
                            "count": 6,
                        },
                    )
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/cms/pages/{home.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    html = client.get("/en/").content.decode()
    assert "Stalls of the month" in html and "Gian hàng Mật ong U Minh" in html
    assert "Gian hàng không được chọn" not in html


def test_an_editor_using_the_cms_in_english_changes_only_what_they_typed(client, editor, news):
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(editor)
    UserProfile.objects.filter(user=editor).update(preferred_language="en")
    client.force_login(editor)
    response = client.get(f"/cms/pages/{news.pk}/edit/")
    assert '<html lang="en"' in response.content.decode()
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["intro_en"] = "Open a stall free of charge."
    data["action-publish"] = "publish"
    assert client.post(f"/cms/pages/{news.pk}/edit/", data).status_code == 302
    news = NewsPage.objects.get(pk=news.pk)
    assert (news.display_title_vi, news.display_title_en) == (
        "Chợ HTX mở cửa cho mọi hợp tác xã",
        "Chợ HTX opens to every cooperative",
    )
    assert (news.intro_vi, news.intro_en) == ("Mở gian hàng miễn phí.", "Open a stall free of charge.")
    assert "Applications are reviewed in three days." in news.body_en
