"""Shoppers browse products as light cards, sort and page through categories, and read a product's page: its
pictures, its price per variant, its label, its stall and its approved reviews."""

import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image

from storefronts.models import Province
from tests.factories import CategoryFactory, ProductFactory, StorefrontFactory, UserFactory

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProductReview = get_model("reviews", "ProductReview")
StockRecord = get_model("partner", "StockRecord")


# --- helpers shared with test_query_counts.py and test_json_ld.py --------------------------------------------------


def png_bytes(color="orange"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buffer, format="PNG")
    return buffer.getvalue()


def add_picture(product, display_order=0, color="orange"):
    return ProductImage.objects.create(
        product=product, original=ContentFile(png_bytes(color), name="anh.png"), display_order=display_order
    )


def make_parent(variants, **fields):
    """A parent product (no stock of its own) with one public variant per (title, price, stock)."""
    parent = ProductFactory(structure=Product.PARENT, **fields)
    parent.stockrecords.all().delete()
    for number, (title, price, stock) in enumerate(variants):
        child = Product.objects.create(
            structure=Product.CHILD, parent=parent, title=title, upc=f"{parent.upc}-{number}", is_public=True
        )
        StockRecord.objects.create(
            product=child,
            partner=parent.storefront.partner,
            partner_sku=child.upc,
            price_currency="VND",
            price=Decimal(price),
            num_in_stock=stock,
        )
    return parent


def review(product, score, title, status=ProductReview.APPROVED, user=None):
    return ProductReview.objects.create(
        product=product,
        user=user or UserFactory(),
        score=score,
        title=title,
        body="Ngon, đóng gói cẩn thận.",
        status=status,
    )


def url_of(thing, language="vi"):
    with translation.override(language):
        return thing.get_absolute_url()


def card_of(html, title):
    """The markup of the product card whose title is ``title``."""
    cards = [card for card in html.split('<article class="card') if f">{title}</a>" in card]
    assert len(cards) == 1, f"expected one card titled {title!r}"
    return cards[0]


def titles_on(response):
    return [product.title for product in response.context["products"]]


# --- product cards ------------------------------------------------------------------------------------------------


def test_card_shows_price_in_dong_unit_stall_province_and_a_webp_picture(client, db):
    honey = ProductFactory(title="Mật ong rừng U Minh", unit="Hũ 500 ml")
    picture = add_picture(honey)
    category = honey.categories.get()

    card = card_of(client.get(url_of(category)).content.decode(), "Mật ong rừng U Minh")

    assert "185.000\xa0₫" in card
    assert "Hũ 500 ml" in card
    assert f'href="{url_of(honey.storefront)}"' in card
    assert honey.storefront.name in card
    assert "Lâm Đồng" in card
    assert f'src="{picture.thumbnail_url(320)}"' in card
    assert f'srcset="{picture.srcset()}"' in card
    assert ".webp 160w" in card and ".webp 640w" in card
    assert 'sizes="' in card
    assert 'width="320" height="320"' in card
    assert 'alt="Mật ong rừng U Minh"' in card
    assert "Hết hàng" not in card
    assert "Thêm vào giỏ" not in card and "basket" not in card


def test_card_of_a_product_out_of_stock_says_sold_out(client, db):
    ProductFactory(title="Mật ong bạc hà", stock=0)
    card = card_of(client.get("/vi/catalogue/").content.decode(), "Mật ong bạc hà")
    assert "Hết hàng" in card


def test_card_shows_the_average_rating_once_the_product_has_approved_reviews(client, db):
    rated = ProductFactory(title="Gạo ST25")
    review(rated, 5, "Tuyệt vời")
    review(rated, 4, "Ngon")
    ProductFactory(title="Gạo lứt")
    html = client.get("/vi/catalogue/").content.decode()
    assert "★ 4,5" in card_of(html, "Gạo ST25")
    assert "★" not in card_of(html, "Gạo lứt")


def test_card_of_a_parent_product_shows_the_lowest_variant_price(client, db):
    make_parent([("Hũ 250 ml", 95000, 5), ("Hũ 500 ml", 185000, 5)], title="Mật ong hoa cà phê")
    card = card_of(client.get("/vi/catalogue/").content.decode(), "Mật ong hoa cà phê")
    assert "Từ 95.000\xa0₫" in card
    assert "Hết hàng" not in card


def test_only_the_first_four_pictures_of_a_list_load_at_once(client, db):
    category = CategoryFactory()
    for _ in range(6):
        add_picture(ProductFactory(category=category))
    html = client.get(url_of(category)).content.decode()
    assert html.count('loading="lazy"') == 2


def test_stall_page_still_lists_its_products_as_cards(client, db):
    stall = StorefrontFactory()
    ProductFactory(storefront=stall, title="Trà Shan tuyết", unit="Gói 100 g")
    card = card_of(client.get(url_of(stall)).content.decode(), "Trà Shan tuyết")
    assert "185.000\xa0₫" in card and "Gói 100 g" in card


# --- sorting and pages --------------------------------------------------------------------------------------------


@pytest.fixture
def three_honeys(db):
    category = CategoryFactory()
    ProductFactory(category=category, title="Mật ong A", stock__price=300000)
    ProductFactory(category=category, title="Mật ong B", stock__price=100000)
    ProductFactory(category=category, title="Mật ong C", stock__price=200000)
    return category


def test_category_lists_the_newest_products_first(client, three_honeys):
    assert titles_on(client.get(url_of(three_honeys))) == ["Mật ong C", "Mật ong B", "Mật ong A"]


def test_category_sorts_by_price_up_and_down(client, three_honeys):
    url = url_of(three_honeys)
    assert titles_on(client.get(url, {"sort_by": "price-asc"})) == ["Mật ong B", "Mật ong C", "Mật ong A"]
    assert titles_on(client.get(url, {"sort_by": "price-desc"})) == ["Mật ong A", "Mật ong C", "Mật ong B"]


def test_price_sort_uses_the_cheapest_variant_of_a_parent_product(client, three_honeys):
    make_parent([("Hũ nhỏ", 150000, 3), ("Hũ lớn", 400000, 3)], category=three_honeys, title="Mật ong D")
    response = client.get(url_of(three_honeys), {"sort_by": "price-asc"})
    assert titles_on(response) == ["Mật ong B", "Mật ong D", "Mật ong C", "Mật ong A"]


def test_best_rated_sort_puts_unreviewed_products_last(client, three_honeys):
    review(Product.objects.get(title="Mật ong A"), 3, "Tạm được")
    review(Product.objects.get(title="Mật ong B"), 5, "Rất thơm")
    response = client.get(url_of(three_honeys), {"sort_by": "rating"})
    assert titles_on(response) == ["Mật ong B", "Mật ong A", "Mật ong C"]


def test_an_unknown_sort_falls_back_to_the_newest_first(client, three_honeys):
    response = client.get(url_of(three_honeys), {"sort_by": "cheapest'; DROP TABLE--"})
    assert response.status_code == 200
    assert titles_on(response) == ["Mật ong C", "Mật ong B", "Mật ong A"]
    assert "Lựa chọn không hợp lệ" not in response.content.decode()


def test_all_products_page_sorts_too(client, three_honeys):
    assert titles_on(client.get("/vi/catalogue/", {"sort_by": "price-asc"})) == ["Mật ong B", "Mật ong C", "Mật ong A"]


def test_a_page_past_the_end_shows_the_last_page(client, three_honeys, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    response = client.get(url_of(three_honeys), {"page": "99"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert titles_on(response) == ["Mật ong A"]


def test_a_page_that_is_not_a_number_shows_the_first_page(client, three_honeys, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    response = client.get(url_of(three_honeys), {"page": "hai"})
    assert response.status_code == 200
    assert titles_on(response) == ["Mật ong C", "Mật ong B"]


def test_pages_keep_the_chosen_sort_in_their_links(client, three_honeys, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    html = client.get(url_of(three_honeys), {"sort_by": "price-desc"}).content.decode()
    assert "sort_by=price-desc&amp;page=2" in html
    assert "Trang 1 / 2" in html


def test_an_empty_category_says_so_on_any_page(client, db):
    category = CategoryFactory()
    response = client.get(url_of(category), {"page": "5"})
    assert response.status_code == 200
    assert "Nhóm này chưa có sản phẩm nào đang bán." in response.content.decode()


def test_an_unknown_category_is_not_found(client, db):
    assert client.get("/vi/catalogue/category/khong-co_999999/").status_code == 404


def test_a_category_reached_through_an_old_slug_redirects_to_its_address(client, three_honeys):
    response = client.get(f"/vi/catalogue/category/ten-cu_{three_honeys.pk}/")
    assert response.status_code == 301
    assert response["Location"] == url_of(three_honeys)


def test_category_page_lists_subcategory_products_once(client, db):
    food = CategoryFactory(name="Thực phẩm")
    honey_category = food.add_child(name="Mật ong")
    honey = ProductFactory(category=honey_category, title="Mật ong rừng")
    get_model("catalogue", "ProductCategory").objects.create(product=honey, category=food)
    assert titles_on(client.get(url_of(food))) == ["Mật ong rừng"]


def test_category_list_beside_the_products_links_every_category(client, db):
    food = CategoryFactory(name="Thực phẩm")
    food.add_child(name="Mật ong")
    html = client.get(url_of(food)).content.decode()
    assert f'href="{url_of(food)}" aria-current="page"' in html
    assert ">Mật ong</a>" in html


# --- the product page ---------------------------------------------------------------------------------------------


@pytest.fixture
def labelled_honey(db):
    return ProductFactory(
        title="Mật ong rừng tràm",
        description="Mật ong khai thác tự nhiên.\n\nKhông pha đường.",
        unit="Hũ 500 ml",
        net_quantity="500 g",
        origin_province=Province.objects.get(slug="ca-mau"),
        origin_area="Rừng tràm U Minh Hạ, xã Khánh An",
        ingredients="Mật ong rừng nguyên chất 100%",
        shelf_life="24 tháng kể từ ngày sản xuất",
        storage_instructions="Nơi khô ráo, tránh ánh nắng trực tiếp",
        certifications="VietGAP\nHữu cơ",
    )


def test_product_page_shows_the_label_fields(client, labelled_honey):
    html = client.get(url_of(labelled_honey)).content.decode()
    for text in [
        "Hũ 500 ml",
        "500 g",
        "Cà Mau",
        "Rừng tràm U Minh Hạ, xã Khánh An",
        "Mật ong rừng nguyên chất 100%",
        "24 tháng kể từ ngày sản xuất",
        "Nơi khô ráo, tránh ánh nắng trực tiếp",
        labelled_honey.storefront.cooperative.name,  # no producer named: the cooperative made it
        "<li>VietGAP</li>",
        "<li>Hữu cơ</li>",
        "<p>Mật ong khai thác tự nhiên.</p>",
    ]:
        assert text in html, text


def test_product_page_shows_price_stock_and_one_add_to_basket_form(client, labelled_honey):
    html = client.get(url_of(labelled_honey)).content.decode()
    assert "185.000\xa0₫" in html
    assert "Còn hàng" in html
    assert html.count(f'action="/vi/basket/add/{labelled_honey.pk}/"') == 1


def test_product_out_of_stock_says_so_and_offers_no_basket_form(client, db):
    honey = ProductFactory(stock=0)
    html = client.get(url_of(honey)).content.decode()
    assert "Hết hàng" in html
    assert "/basket/add/" not in html


def test_product_page_shows_the_stall_card(client, labelled_honey):
    stall = labelled_honey.storefront
    html = client.get(url_of(labelled_honey)).content.decode()
    assert f'<a href="{url_of(stall)}">{stall.name}</a>' in html
    assert "Lâm Đồng" in html
    assert ">GH</span>" in html  # "Gian hàng thử nghiệm …" has no logo: its initials stand in


def test_product_page_shows_every_picture_as_webp_linking_to_the_original(client, labelled_honey):
    pictures = [
        add_picture(labelled_honey, display_order=order, color=color) for order, color in [(1, "red"), (0, "green")]
    ]
    html = client.get(url_of(labelled_honey)).content.decode()
    for picture in pictures:
        assert f'href="{picture.original.url}"' in html
        assert f'src="{picture.thumbnail_url(640)}"' in html
        assert f'srcset="{picture.srcset()}"' in html
    assert html.index(pictures[1].thumbnail_url(640)) < html.index(pictures[0].thumbnail_url(640))


def test_parent_product_page_lists_each_variant_with_its_price_stock_and_form(client, db):
    parent = make_parent([("Hũ 250 ml", 95000, 4), ("Hũ 500 ml", 185000, 0)], title="Mật ong hoa nhãn")
    small, large = parent.children.order_by("pk")
    html = client.get(url_of(parent)).content.decode()
    assert "95.000\xa0₫" in html and "185.000\xa0₫" in html
    assert html.count("Còn hàng") == 1 and html.count("Hết hàng") == 1
    assert html.count(f'action="/vi/basket/add/{parent.pk}/"') == 1  # the sold-out variant has no form
    assert f'name="child_id" value="{small.pk}"' in html
    assert f'name="child_id" value="{large.pk}"' not in html


def test_a_variant_form_puts_that_variant_in_the_basket(client, db):
    parent = make_parent([("Hũ 250 ml", 95000, 4), ("Hũ 500 ml", 185000, 4)])
    large = parent.children.order_by("pk").last()
    response = client.post(f"/vi/basket/add/{parent.pk}/", {"child_id": large.pk, "quantity": 2}, follow=True)
    basket = response.context["basket"]
    assert basket.num_items == 2
    assert basket.all_lines()[0].product == large


def test_a_variants_address_leads_to_its_parents_page(client, db):
    parent = make_parent([("Hũ 250 ml", 95000, 4)])
    child = parent.children.get()
    response = client.get(url_of(child))
    assert response.status_code == 301
    assert response["Location"] == url_of(parent)


def test_product_page_shows_only_approved_reviews_and_a_way_to_write_one(client, labelled_honey):
    review(labelled_honey, 5, "Mật ong thơm, đặc")
    review(labelled_honey, 1, "Đánh giá chờ duyệt", status=ProductReview.FOR_MODERATION)
    review(labelled_honey, 1, "Đánh giá bị từ chối", status=ProductReview.REJECTED)
    html = client.get(url_of(labelled_honey)).content.decode()
    assert "Mật ong thơm, đặc" in html
    assert "Đánh giá chờ duyệt" not in html
    assert "Đánh giá bị từ chối" not in html
    assert "Đăng nhập để viết đánh giá" in html


def test_a_review_is_signed_with_the_reviewers_name_or_as_a_customer(client, labelled_honey):
    review(labelled_honey, 5, "Có tên", user=UserFactory(first_name="An", last_name="Nguyễn"))
    review(labelled_honey, 4, "Không tên")
    html = client.get(url_of(labelled_honey)).content.decode()
    assert "An Nguyễn, ngày" in html
    assert "Khách hàng, ngày" in html


def test_a_signed_in_shopper_gets_a_link_to_write_a_review(client, labelled_honey):
    client.force_login(UserFactory())
    html = client.get(url_of(labelled_honey)).content.decode()
    assert f'href="{url_of(labelled_honey)}reviews/add/"' in html


def test_product_page_suggests_up_to_four_other_products_of_the_same_stall(client, labelled_honey):
    stall = labelled_honey.storefront
    others = [ProductFactory(storefront=stall, title=f"Sản phẩm khác {number}") for number in range(5)]
    ProductFactory(title="Sản phẩm của gian hàng khác")
    hidden = ProductFactory(storefront=stall, title="Sản phẩm nháp", is_public=False)
    html = client.get(url_of(labelled_honey)).content.decode()
    related = html.split("Sản phẩm khác của gian hàng")[1]
    assert [product.title in related for product in others] == [False, True, True, True, True]
    assert "Sản phẩm của gian hàng khác" not in related
    assert hidden.title not in related
    assert related.count('<article class="card') == 4
    assert ">Mật ong rừng tràm</a>" not in related


def test_product_page_escapes_what_the_seller_typed(client, db):
    honey = ProductFactory(description='<img src=x onerror="alert(1)">Mật ong', ingredients="<b>đường</b>")
    html = client.get(url_of(honey)).content.decode()
    assert "onerror" not in html
    assert "&lt;b&gt;đường&lt;/b&gt;" in html


def test_product_page_answers_in_english_with_the_english_title(client, db):
    honey = ProductFactory(title_vi="Mật ong rừng", title_en="Forest honey")
    html = client.get(url_of(honey, "en")).content.decode()
    assert "<h1>Forest honey</h1>" in html
    assert "₫185,000" in html  # English puts the đồng sign first, with no space, and groups with a comma
