"""The home page's sections, the news and the guides, as visitors read them in Vietnamese, English and Chinese."""

import re
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from storefronts.models import Storefront, StorefrontTransition
from tests.factories import (
    CategoryFactory,
    ProductFactory,
    StorefrontFactory,
    VerifiedOcopCertificateFactory,
)
from themes.home import default_home_body, ensure_home_page
from themes.models import GuideIndexPage, GuidePage, HomePage, NewsIndexPage, NewsPage

LANGUAGES = ["vi", "en", "zh-hans"]


def texts(vi, en="", zh_hans=""):
    return {"vi": vi, "en": en, "zh_hans": zh_hans}


def add_news(title, intro=None, body=None, day=date(2026, 3, 8), slug=None):
    """A published news item; ``title``, ``intro`` and ``body`` are {"vi": ..., "en": ..., "zh_hans": ...}."""
    intro = intro or {}
    body = body or {}
    return NewsIndexPage.objects.get().add_child(
        instance=NewsPage(
            title=title["vi"],
            slug=slug or f"tin-{NewsPage.objects.count() + 1}",
            date=day,
            display_title_en=title.get("en", ""),
            display_title_zh_hans=title.get("zh_hans", ""),
            **{f"intro_{box}": text for box, text in intro.items()},
            **{f"body_{box}": text for box, text in body.items()},
        )
    )


def add_guide(title, steps, intro=None, slug="cach-mo-gian-hang"):
    """A published guide; each step is (title texts, text texts)."""
    intro = intro or {}
    return GuideIndexPage.objects.get().add_child(
        instance=GuidePage(
            title=title["vi"],
            slug=slug,
            display_title_en=title.get("en", ""),
            display_title_zh_hans=title.get("zh_hans", ""),
            steps=[
                {"type": "step", "value": {"title": step_title, "text": step_text, "image": None}}
                for step_title, step_text in steps
            ],
            **{f"intro_{box}": text for box, text in intro.items()},
        )
    )


def page_html(client, page, language):
    with translation.override(language):
        url = page.get_url()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def section(html, heading):
    """The HTML of the home page's section whose heading is ``heading``."""
    match = re.search(
        rf"<section[^>]*>\s*(?:<div[^>]*>\s*)?<h2[^>]*>{re.escape(heading)}</h2>.*?</section>", html, re.S
    )
    assert match, f"no section {heading!r}"
    return match.group(0)


def set_home_body(body):
    home = HomePage.objects.get()
    home.body = body
    home.save()
    return home


@pytest.fixture
def news(db):
    return add_news(
        texts("Chợ HTX mở cửa cho mọi hợp tác xã", "Chợ HTX opens to every cooperative", "合作社市场向所有合作社开放"),
        intro=texts("Mở gian hàng miễn phí.", "Open a stall for free.", "免费开设摊位。"),
        body=texts("<p>Hồ sơ được duyệt trong ba ngày.</p>", "<p>Applications are reviewed in three days.</p>"),
        slug="cho-htx-mo-cua",
    )


@pytest.fixture
def guide(db):
    return add_guide(
        texts("Cách mở gian hàng", "How to open a stall", "如何开设摊位"),
        steps=[
            (texts("Tạo tài khoản", "Create an account", "注册账户"), texts("<p>Đăng ký bằng thư điện tử.</p>")),
            (texts("Gửi hồ sơ", "Apply"), texts("<p>Bấm Gửi hồ sơ để duyệt.</p>", "<p>Press Submit.</p>")),
        ],
        intro=texts("Bốn bước để bán hàng.", "Four steps to sell."),
    )


# --- The home page ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "opening"),
    [
        ("vi", "Sản phẩm của hợp tác xã, từ nơi làm ra đến tận nhà bạn"),
        ("en", "Cooperative products, from where they are made to your door"),
        ("zh-hans", "合作社产品，从产地直达您家"),
    ],
)
def test_a_new_home_page_opens_with_the_marketplaces_words_in_each_language(client, db, language, opening):
    html = client.get(f"/{language}/").content.decode()
    assert re.search(rf"<h1[^>]*>{opening}</h1>", html)


def test_a_new_home_page_has_every_section(db):
    kinds = [block["type"] for block in default_home_body()]
    assert kinds == ["hero", "category_tiles", "ocop_products", "featured_stalls", "new_products", "latest_news"]
    assert [block.block_type for block in HomePage.objects.get().body] == kinds


def test_an_edited_home_page_is_left_as_the_editors_made_it(db):
    home = set_home_body([{"type": "new_products", "value": {"heading": texts(""), "count": 4}}])
    home.save_revision().publish()
    ensure_home_page()
    assert [block.block_type for block in HomePage.objects.get().body] == ["new_products"]


def test_home_shows_the_ocop_products_with_enough_stars_best_first(client, db):
    four = ProductFactory(title_vi="Mật ong rừng U Minh bốn sao")
    five = ProductFactory(title_vi="Nước mắm Phú Quốc năm sao")
    three = ProductFactory(title_vi="Chè Shan tuyết ba sao")
    plain = ProductFactory(title_vi="Gạo chưa chứng nhận")
    VerifiedOcopCertificateFactory.of(four, stars=4)
    VerifiedOcopCertificateFactory.of(five, stars=5)
    VerifiedOcopCertificateFactory.of(three, stars=3)
    ocop = section(client.get("/vi/").content.decode(), "Sản phẩm OCOP nổi bật")
    assert ocop.index(five.title_vi) < ocop.index(four.title_vi)
    assert three.title_vi not in ocop and plain.title_vi not in ocop
    assert 'href="/vi/search/?ocop_stars=4"' in ocop


def test_home_hides_the_ocop_section_while_no_product_has_enough_stars(client, db):
    ProductFactory(title_vi="Gạo chưa chứng nhận")
    assert "Sản phẩm OCOP nổi bật" not in client.get("/vi/").content.decode()


def test_home_shows_the_newest_products(client, db):
    older = ProductFactory(title_vi="Mật ong cũ")
    newer = ProductFactory(title_vi="Mật ong mới về")
    new = section(client.get("/vi/").content.decode(), "Sản phẩm mới")
    assert new.index(newer.title_vi) < new.index(older.title_vi)


def test_a_kept_home_section_drops_a_product_taken_off_sale_and_shows_its_new_price_at_once(client, db, settings):
    from django.core.cache import cache

    settings.CATALOGUE_COUNT_CACHE_SECONDS = 60  # which products a section shows is kept a minute, as in production
    cache.clear()
    hidden = ProductFactory(title_vi="Mật ong sắp ngừng bán")
    repriced = ProductFactory(title_vi="Mật ong đổi giá")
    assert hidden.title_vi in section(client.get("/vi/").content.decode(), "Sản phẩm mới")

    hidden.__class__.objects.filter(pk=hidden.pk).update(is_public=False)
    repriced.stockrecords.update(price=99000)

    new = section(client.get("/vi/").content.decode(), "Sản phẩm mới")
    assert hidden.title_vi not in new
    assert repriced.title_vi in new and "99.000" in new
    cache.clear()


def test_home_features_the_most_recently_approved_stalls_when_none_is_chosen(client, db):
    for name, approved_on in [("Gian hàng duyệt sau", (2026, 5, 2)), ("Gian hàng duyệt trước", (2026, 2, 1))]:
        stall = StorefrontFactory(name_vi=name)
        approval = StorefrontTransition.objects.create(
            storefront=stall, from_status=Storefront.Status.SUBMITTED, to_status=Storefront.Status.APPROVED
        )
        StorefrontTransition.objects.filter(pk=approval.pk).update(
            created_at=timezone.make_aware(datetime(*approved_on))
        )
    suspended = StorefrontFactory(name_vi="Gian hàng đang tạm ngừng", status=Storefront.Status.SUSPENDED)
    featured = section(client.get("/vi/").content.decode(), "Gian hàng tiêu biểu")
    assert featured.index("Gian hàng duyệt sau") < featured.index("Gian hàng duyệt trước")
    assert suspended.name_vi not in featured


def test_home_features_the_chosen_stalls_in_the_chosen_order_and_leaves_out_closed_ones(client, db):
    first = StorefrontFactory(name_vi="Gian hàng Mật ong U Minh", name_en="U Minh Honey")
    second = StorefrontFactory(name_vi="Gian hàng Chè Hà Giang")
    closed = StorefrontFactory(name_vi="Gian hàng đã đóng")
    StorefrontFactory(name_vi="Gian hàng không được chọn")
    set_home_body(
        [
            {
                "type": "featured_stalls",
                "value": {
                    "heading": texts("Gian hàng của tháng", "Stalls of the month"),
                    "stalls": [second.slug, closed.slug, first.slug],
                    "count": 6,
                },
            }
        ]
    )
    closed.status = Storefront.Status.SUSPENDED
    closed.save()
    html = client.get("/en/").content.decode()
    featured = section(html, "Stalls of the month")
    assert featured.index("Gian hàng Chè Hà Giang") < featured.index("U Minh Honey")
    assert 'lang="vi">Gian hàng Chè Hà Giang<' in featured  # no English name: the Vietnamese one, marked
    assert "Gian hàng đã đóng" not in html and "Gian hàng không được chọn" not in html


def test_home_tiles_lead_to_the_product_groups(client, db):
    food = CategoryFactory(name_vi="Thực phẩm", name_en="Food")
    drinks = CategoryFactory(name_vi="Đồ uống")
    with translation.override("en"):
        food_url, drinks_url = food.get_absolute_url(), drinks.get_absolute_url()
    tiles = section(client.get("/en/").content.decode(), "OCOP product groups")
    assert re.search(rf'href="{food_url}"[^>]*>Food</a>', tiles)
    assert re.search(rf'href="{drinks_url}"[^>]*lang="vi">Đồ uống</a>', tiles)


def test_home_lists_the_latest_news_with_a_link_to_all_news(client, news):
    older = add_news(texts("Tin cũ hơn"), day=date(2026, 1, 2))
    set_home_body([{"type": "latest_news", "value": {"heading": texts("Tin mới", "From the alliance"), "count": 3}}])
    latest = section(client.get("/en/").content.decode(), "From the alliance")
    assert latest.index("Chợ HTX opens to every cooperative") < latest.index(older.title)
    assert f'lang="vi">{older.title}</a>' in latest
    assert 'href="/en/tin-tuc/"' in latest


def test_home_text_missing_in_the_visitors_language_is_shown_in_vietnamese_marked_as_such(client, db):
    set_home_body(
        [
            {
                "type": "hero",
                "value": {
                    "title": texts("Chợ của các hợp tác xã", "The cooperatives' market"),
                    "text": texts("Mua tận gốc."),
                    "links": [{"label": texts("Mở gian hàng"), "page": None, "shop_page": "storefronts:application"}],
                    "image": None,
                },
            }
        ]
    )
    english = client.get("/en/").content.decode()
    assert re.search(r"<h1[^>]*>The cooperatives&#x27; market</h1>", english)
    assert '<span lang="vi">Mua tận gốc.</span>' in english
    assert 'href="/en/my-stall/"><span lang="vi">Mở gian hàng</span></a>' in english
    chinese = client.get("/zh-hans/").content.decode()
    assert re.search(r'<h1[^>]*><span lang="vi">Chợ của các hợp tác xã</span></h1>', chinese)
    vietnamese = client.get("/vi/").content.decode()
    assert '<span lang="vi">' not in vietnamese  # the whole page is Vietnamese already


def test_the_home_page_costs_a_fixed_number_of_queries(client, db, news, django_assert_max_num_queries):
    for stars in (4, 5):
        VerifiedOcopCertificateFactory.of(ProductFactory(), stars=stars)
    client.get("/vi/")  # the first request of a session may set things up once
    with django_assert_max_num_queries(40) as few:
        client.get("/vi/")
    for _ in range(10):
        VerifiedOcopCertificateFactory.of(ProductFactory(), stars=4)
        StorefrontFactory()
    add_news(texts("Tin thứ hai"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/vi/")


# --- News and guides -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "intro", "body"),
    [
        ("vi", "Chợ HTX mở cửa cho mọi hợp tác xã", "Mở gian hàng miễn phí.", "<p>Hồ sơ được duyệt trong ba ngày.</p>"),
        (
            "en",
            "Chợ HTX opens to every cooperative",
            "Open a stall for free.",
            "<p>Applications are reviewed in three days.</p>",
        ),
    ],
)
def test_a_news_page_reads_in_the_visitors_language(client, news, language, title, intro, body):
    html = page_html(client, news, language)
    assert re.search(rf"<h1>{title}</h1>", html)
    assert f'<p class="lead">{intro}</p>' in html
    assert body in html
    assert f"<title>{title} | Chợ HTX</title>" in html


def test_a_news_body_missing_in_chinese_is_shown_in_vietnamese_marked_as_such(client, news):
    html = page_html(client, news, "zh-hans")
    assert "<h1>合作社市场向所有合作社开放</h1>" in html
    assert '<div lang="vi"><p>Hồ sơ được duyệt trong ba ngày.</p></div>' in html
    assert 'datetime="2026-03-08"' in html


def test_an_untranslated_news_title_is_shown_in_vietnamese_marked_as_such(client, db):
    item = add_news(texts("Hội chợ OCOP tại Hà Nội"))
    html = page_html(client, item, "en")
    assert '<h1 lang="vi">Hội chợ OCOP tại Hà Nội</h1>' in html
    assert 'aria-current="page" lang="vi">Hội chợ OCOP tại Hà Nội</li>' in html


def test_the_news_page_lists_announcements_newest_first(client, news):
    add_news(texts("Tin tháng Giêng", "January news"), day=date(2026, 1, 15))
    add_news(texts("Tin tháng Tư", "April news"), day=date(2026, 4, 1))
    html = page_html(client, NewsIndexPage.objects.get(), "en")
    assert html.index("April news") < html.index("Chợ HTX opens to every cooperative") < html.index("January news")
    assert re.search(r"<h1>News</h1>|<h1>Tin tức</h1>|<h1 lang=\"vi\">Tin tức</h1>", html)


def test_a_guide_shows_its_steps_in_order_in_the_visitors_language(client, guide):
    html = page_html(client, guide, "en")
    assert "<h1>How to open a stall</h1>" in html
    steps = re.findall(r'<h2 class="h5">(.*?)</h2>', html)
    assert steps == ["Create an account", "Apply"]
    assert "<p>Press Submit.</p>" in html
    assert '<div lang="vi"><p>Đăng ký bằng thư điện tử.</p></div>' in html


def test_a_guide_step_missing_in_chinese_is_shown_in_vietnamese_marked_as_such(client, guide):
    html = page_html(client, guide, "zh-hans")
    assert '<h2 class="h5">注册账户</h2>' in html
    assert '<h2 class="h5"><span lang="vi">Gửi hồ sơ</span></h2>' in html
    assert '<p class="lead" lang="vi">Bốn bước để bán hàng.</p>' in html


def test_the_guides_page_lists_every_guide(client, guide):
    add_guide(texts("Cách thêm chứng nhận OCOP", "How to add an OCOP certificate"), steps=[], slug="ocop")
    html = page_html(client, GuideIndexPage.objects.get(), "en")
    assert html.index("How to open a stall") < html.index("How to add an OCOP certificate")


@pytest.mark.parametrize("language", LANGUAGES)
def test_content_pages_share_the_shops_header_and_footer(client, news, language):
    html = page_html(client, news, language)
    assert 'id="language_selector"' in html  # the shop's header
    assert f'href="/{language}/stalls/"' in html
    footer = html[html.index("<footer") :]
    assert f'href="/{language}/tin-tuc/"' in footer and f'href="/{language}/huong-dan/"' in footer


def test_the_shops_pages_link_to_the_news_and_guides_in_their_footer(client, db):
    html = client.get("/en/stalls/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/en/tin-tuc/"' in footer and 'href="/en/huong-dan/"' in footer


def test_content_pages_list_their_other_language_addresses(client, news):
    html = page_html(client, news, "en")
    for language in LANGUAGES:
        assert f'hreflang="{language}" href="http://testserver/{language}/tin-tuc/cho-htx-mo-cua/"' in html


def test_content_pages_make_no_request_to_another_site(client, news, guide):
    ProductFactory()
    for page in (HomePage.objects.get(), news, NewsIndexPage.objects.get(), guide, GuideIndexPage.objects.get()):
        for language in LANGUAGES:
            html = page_html(client, page, language)
            hosts = set(re.findall(r"https?://([^/\"'\s<>]+)", html))
            assert hosts <= {"testserver"}, (page, language, hosts)


def test_the_sitemap_lists_the_news_and_guides_in_three_languages(client, news, guide, settings):
    settings.SITE_URL = "https://chohtx.vn"
    call_command("seed_reference_data", verbosity=0)
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("tin-tuc/", "tin-tuc/cho-htx-mo-cua/", "huong-dan/", "huong-dan/cach-mo-gian-hang/"):
        for language in LANGUAGES:
            assert f"<loc>https://chohtx.vn/{language}/{path}</loc>" in xml
            assert f'hreflang="{language}" href="https://chohtx.vn/{language}/{path}"' in xml


def test_a_draft_news_item_is_neither_shown_nor_in_the_sitemap(client, news):
    draft = add_news(texts("Tin chưa đăng"), slug="tin-chua-dang")
    draft.unpublish()
    assert client.get("/vi/tin-tuc/tin-chua-dang/").status_code == 404
    assert "Tin chưa đăng" not in client.get("/vi/").content.decode()
    assert "tin-chua-dang" not in client.get("/sitemap.xml").content.decode()


def test_the_demo_brings_two_news_items_and_the_two_guides_once(client, db):
    from themes.demo_content import load_demo_content

    assert load_demo_content() == 4
    assert load_demo_content() == 0
    assert set(GuidePage.objects.values_list("title", flat=True)) == {"Cách mở gian hàng", "Cách thêm chứng nhận OCOP"}
    html = page_html(client, GuidePage.objects.get(slug="cach-mo-gian-hang"), "zh-hans")
    assert "<h1>如何开设摊位</h1>" in html
    assert NewsPage.objects.live().count() == 2


def test_the_opening_picture_is_served_by_the_site_in_webp_with_its_size(client, db):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    picture = Image.objects.create(title="Ruộng lúa ST25", file=get_test_image_file(size=(960, 640)))
    set_home_body(
        [
            {
                "type": "hero",
                "value": {"title": texts("Chợ HTX"), "text": texts(""), "links": [], "image": picture.pk},
            }
        ]
    )
    html = client.get("/vi/").content.decode()
    img = re.search(r"<img[^>]*\.webp[^>]*>", html).group(0)
    assert 'width="480"' in img and 'height="320"' in img and 'alt=""' in img
    assert 'src="/media/' in img
