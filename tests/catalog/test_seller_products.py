"""A cooperative member lists products at /my-stall/products/: a simple Vietnamese form saved as a draft, a preview
with a banner, publishing, variants priced and stocked separately, pictures checked by content and never lost to an
error elsewhere in the form, and nobody else's products within reach."""

import html
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from shop.uploads import held, thumbnails
from storefronts.models import Province
from tests.factories import (
    DraftStorefrontFactory,
    MembershipFactory,
    ProductFactory,
    ShippingPolicyFactory,
    StorefrontFactory,
    UserFactory,
)

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

LIST = reverse("catalog-seller:list")
CREATE = reverse("catalog-seller:create")


def url(name, product, **kwargs):
    return reverse(f"catalog-seller:{name}", kwargs={"pk": product.pk, **kwargs})


def picture(name="mat-ong.jpg", image_format="JPEG", colour="orange", size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


@pytest.fixture
def honey_category(db):
    food = Category.add_root(name="Thực phẩm", slug="thuc-pham")
    honey = food.add_child(name="Mật ong", slug="mat-ong")
    food.refresh_from_db()
    food.add_child(name="Trà", slug="tra")
    return honey


@pytest.fixture
def stall(db):
    """An approved stall that has saved its shipping settings, so it may put products on sale."""
    stall = StorefrontFactory()
    ShippingPolicyFactory(storefront=stall)
    return stall


@pytest.fixture
def member(client, stall):
    user = MembershipFactory(cooperative=stall.cooperative).user
    client.force_login(user)
    return user


def form_data(category, **changes):
    return {
        "title": "Mật ong rừng tràm U Minh Hạ",
        "category": category.pk,
        "description": "Mật ong khai thác từ rừng tràm.\n\nĐóng hũ thủy tinh.",
        "price": "185.000",
        "stock": "20",
        "unit": "Hũ 500 ml",
        "net_quantity": "500 ml",
        "origin_province": Province.objects.get(slug="ca-mau").pk,
        "origin_area": "Rừng tràm U Minh Hạ, xã Khánh An",
        "ingredients": "Mật ong nguyên chất 100%",
        "shelf_life": "24 tháng kể từ ngày sản xuất",
        "storage_instructions": "Nơi khô ráo, tránh ánh nắng",
        "manufacturer": "",
        "certifications": "VietGAP\nHữu cơ",
        **changes,
    }


def held_tokens(response):
    return re.findall(r'name="held" value="([^"]+)"', response.content.decode())


def create_product(client, category, **changes):
    response = client.post(CREATE, form_data(category, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Product.objects.latest("pk")


# --- Who gets in ------------------------------------------------------------------------------------------------------


def test_visitor_is_asked_to_log_in_first(client, db):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('customer:login')}?next={LIST}"


@pytest.mark.parametrize("path", [LIST, CREATE])
def test_member_of_a_stall_not_yet_approved_is_told_to_get_it_approved_first(client, db, path):
    storefront = DraftStorefrontFactory()
    client.force_login(MembershipFactory(cooperative=storefront.cooperative).user)
    response = client.get(path)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Gian hàng cần được gửi duyệt trước khi đăng sản phẩm" in page
    assert "Bản nháp" in page
    assert reverse("storefronts:application") in page


def test_user_without_a_stall_is_pointed_to_the_stall_application(client, db):
    client.force_login(UserFactory())
    response = client.post(CREATE, {"title": "Trà"})
    assert response.status_code == 403
    assert "Đăng ký gian hàng" in response.content.decode()
    assert not Product.objects.exists()


def test_member_of_another_stall_gets_404_on_every_product_url(client, member, honey_category):
    other = ProductFactory(storefront=StorefrontFactory(), category=honey_category)
    image = ProductImage.objects.create(product=other, original=picture())
    for path in (url("update", other), url("preview", other), url("variant-create", other)):
        assert client.get(path).status_code == 404
    for path in (url("update", other), url("variant-create", other), url("publish", other)):
        assert client.post(path, form_data(honey_category, title="Của tôi rồi", name="1 kg")).status_code == 404
    assert client.post(url("image-delete", other, image_pk=image.pk)).status_code == 404
    other.refresh_from_db()
    assert other.title_vi != "Của tôi rồi"
    assert other.images.count() == 1


def test_a_picture_id_is_looked_up_among_that_products_pictures_only(client, member, stall, honey_category):
    mine = ProductFactory(storefront=stall, category=honey_category)
    also_mine = ProductFactory(storefront=stall, category=honey_category)
    image = ProductImage.objects.create(product=also_mine, original=picture())
    assert client.post(url("image-delete", mine, image_pk=image.pk)).status_code == 404
    assert also_mine.images.count() == 1


# --- The journey ------------------------------------------------------------------------------------------------------


def test_member_creates_a_draft_previews_it_and_publishes_it(client, member, stall, honey_category):
    form_page = client.get(CREATE).content.decode()
    assert "Thực phẩm › Mật ong" in form_page
    assert "Lưu nháp" in form_page and "Xem trước" in form_page

    data = form_data(honey_category, images=[picture()])
    response = client.post(CREATE, data)
    product = Product.objects.get()
    assert response["Location"] == url("update", product)

    assert product.is_public is False
    assert product.storefront == stall
    assert product.title_vi == "Mật ong rừng tràm U Minh Hạ"
    assert product.slug == "mat-ong-rung-tram-u-minh-ha"
    assert product.product_class.slug == "hang-hoa-htx"
    assert product.product_class.requires_shipping and product.product_class.track_stock
    assert list(product.categories.all()) == [honey_category]
    assert product.origin_province.slug == "ca-mau"
    assert product.certification_list() == ["VietGAP", "Hữu cơ"]
    record = product.stockrecords.get()
    assert (record.partner, record.price, record.num_in_stock) == (stall.partner, Decimal(185000), 20)
    assert record.price_currency == "VND"
    assert record.partner_sku == f"HTX-{product.pk:07d}"
    image = product.images.get()
    assert default_storage.exists(image.original.name)
    assert default_storage.exists(thumbnails.thumbnail_path(image.original.name, 160))

    shopper = client.__class__()
    assert shopper.get(product.get_absolute_url()).status_code == 404  # a draft is nobody's business yet

    preview = client.get(url("preview", product))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Bản xem trước – sản phẩm chưa được bày bán" in page
    assert "Mật ong rừng tràm U Minh Hạ" in page
    assert "185.000" in page
    assert "Rừng tràm U Minh Hạ, xã Khánh An" in page
    assert url("publish", product) in page

    response = client.post(url("publish", product))
    assert response["Location"] == url("preview", product)
    product.refresh_from_db()
    assert product.is_public is True

    public_page = shopper.get(product.get_absolute_url())
    assert public_page.status_code == 200
    assert "Mật ong rừng tràm U Minh Hạ" in public_page.content.decode()
    assert "185.000" in public_page.content.decode()


def test_preview_button_saves_and_opens_the_preview(client, member, honey_category):
    response = client.post(CREATE, {**form_data(honey_category), "preview": "1"})
    product = Product.objects.get()
    assert response["Location"] == url("preview", product)


def test_a_draft_needs_only_its_title(client, member):
    response = client.post(CREATE, {"title": "Trà Shan tuyết cổ thụ", "save": "1"})
    assert response.status_code == 302
    product = Product.objects.get()
    assert product.is_public is False
    assert product.stockrecords.get().price is None


def test_member_edits_a_product_with_its_stored_values_in_the_form(client, member, honey_category):
    product = create_product(client, honey_category)
    page = client.get(url("update", product)).content.decode()
    assert 'value="Mật ong rừng tràm U Minh Hạ"' in page
    assert 'value="185.000"' in page
    assert "Đóng hũ thủy tinh." in page

    response = client.post(url("update", product), form_data(honey_category, price="190000", stock="7"))
    assert response["Location"] == url("update", product)
    record = StockRecord.objects.get(product=product)
    assert (record.price, record.num_in_stock) == (Decimal(190000), 7)


def test_description_is_stored_as_escaped_paragraphs_never_as_html(client, member, honey_category):
    typed = "Ngọt thanh <b>đậm</b>\n<script>alert('x')</script>\n\nĐoạn hai & hết."
    product = create_product(client, honey_category, description=typed)
    assert product.description_vi == (
        "<p>Ngọt thanh &lt;b&gt;đậm&lt;/b&gt;<br>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>\n"
        "<p>Đoạn hai &amp; hết.</p>"
    )
    page = client.get(url("preview", product)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    edit_page = client.get(url("update", product)).content.decode()
    assert html.escape("<script>alert('x')</script>") in edit_page


# --- Nothing typed or uploaded is lost --------------------------------------------------------------------------------


def test_an_error_elsewhere_keeps_what_was_typed_and_the_uploaded_picture(
    client, member, honey_category, django_capture_on_commit_callbacks
):
    data = form_data(honey_category, price="185000.5", images=[picture("hu-mat-ong.png", "PNG", "gold")])
    response = client.post(CREATE, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Giá bán tính bằng đồng chẵn" in page
    assert 'value="Mật ong rừng tràm U Minh Hạ"' in page
    assert "Rừng tràm U Minh Hạ, xã Khánh An" in page
    assert "Ảnh đã tải lên" in page
    assert "hu-mat-ong.png" in page
    assert not Product.objects.exists()
    tokens = held_tokens(response)
    assert len(tokens) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, form_data(honey_category, price="185000", held=tokens))
    assert response.status_code == 302
    assert default_storage.listdir(held.HELD_FOLDER) == ([], [])  # the holding area is cleared once saved
    product = Product.objects.get()
    image = product.images.get()
    with image.original.open("rb") as stored, Image.open(stored) as kept:
        assert kept.format == "PNG"
        assert kept.getpixel((0, 0))[:3] == (255, 215, 0)  # gold
    assert image.original.name.endswith("hu-mat-ong.png")


def test_a_held_picture_survives_a_second_failed_submission_and_can_be_dropped(client, member, honey_category):
    first = client.post(CREATE, form_data(honey_category, title="", images=[picture("mot.jpg")]))
    assert "Hãy nhập tên sản phẩm." in first.content.decode()
    second = client.post(
        CREATE, form_data(honey_category, stock="-1", held=held_tokens(first), images=[picture("hai.jpg")])
    )
    assert second.status_code == 400
    tokens = held_tokens(second)
    assert len(tokens) == 2
    client.post(CREATE, form_data(honey_category, held=tokens[1:]))  # the member unticked the first one
    assert [image.original.name.rsplit("/", 1)[-1] for image in Product.objects.get().images.all()] == ["hai.jpg"]


def test_a_forged_or_foreign_held_token_attaches_nothing(client, member, honey_category):
    other_stall = StorefrontFactory()
    foreign = held.hold_upload(other_stall, picture_content("khac.jpg"))  # another stall's held picture
    forged = foreign.token[:-3] + ("abc" if not foreign.token.endswith("abc") else "xyz")
    response = client.post(CREATE, form_data(honey_category, held=[foreign.token, forged, "../../settings.py"]))
    assert response.status_code == 302
    assert not Product.objects.get().images.exists()


def picture_content(name):
    from django.core.files.base import ContentFile

    upload = picture(name)
    return ContentFile(upload.read(), name=name)


@pytest.mark.parametrize(
    "typed,message",
    [
        ("185000.5", "Giá bán tính bằng đồng chẵn, không có phần lẻ"),
        ("185,5", "Giá bán tính bằng đồng chẵn, không có phần lẻ"),
        ("-185000", "Giá bán phải lớn hơn 0 đồng."),
        ("0", "Giá bán phải lớn hơn 0 đồng."),
        ("một trăm nghìn", "Giá bán phải là một số tiền bằng đồng"),
        ("1.2345.678", "Không đọc được giá bán “1.2345.678”"),
        ("5.000.000.000", "Giá bán tối đa là 999.999.999 đồng."),
    ],
)
def test_a_bad_price_is_refused_with_a_vietnamese_message_and_nothing_is_stored(
    client, member, honey_category, typed, message
):
    response = client.post(CREATE, form_data(honey_category, price=typed))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert f'value="{typed}"' in response.content.decode()
    assert not Product.objects.exists()
    assert not StockRecord.objects.exists()


@pytest.mark.parametrize(
    "typed,message",
    [
        ("-1", "Số lượng tồn kho không được âm."),
        ("2.5", "Số lượng tồn kho phải là số nguyên, không có phần lẻ."),
        ("nhiều", "Số lượng tồn kho phải là một số nguyên, ví dụ 20."),
    ],
)
def test_a_bad_stock_is_refused_with_a_vietnamese_message_and_nothing_is_stored(
    client, member, honey_category, typed, message
):
    response = client.post(CREATE, form_data(honey_category, stock=typed))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Product.objects.exists()


@pytest.mark.parametrize("typed", ["185.000", "185,000", "185000", "185 000 đ", "185.000₫"])
def test_prices_are_read_the_way_people_write_them(client, member, honey_category, typed):
    product = create_product(client, honey_category, price=typed)
    assert product.stockrecords.get().price == Decimal(185000)


def test_a_text_file_renamed_jpg_is_refused_and_the_good_picture_beside_it_is_kept(client, member, honey_category):
    fake = SimpleUploadedFile("anh-that.jpg", b"khong phai anh " * 100, content_type="image/jpeg")
    response = client.post(CREATE, form_data(honey_category, images=[fake, picture("tot.jpg")]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "“anh-that.jpg” không phải ảnh JPEG, PNG hay WebP" in page
    assert "tot.jpg" in page and len(held_tokens(response)) == 1
    assert not Product.objects.exists()


def test_a_product_has_at_most_five_pictures(client, member, honey_category):
    pictures = [picture(f"anh-{number}.jpg") for number in range(6)]
    response = client.post(CREATE, form_data(honey_category, images=pictures))
    assert response.status_code == 400
    assert "Mỗi sản phẩm có tối đa 5 ảnh" in response.content.decode()
    assert len(held_tokens(response)) == 6
    client.post(CREATE, form_data(honey_category, held=held_tokens(response)[:5]))
    assert Product.objects.get().images.count() == 5


# --- Publishing and pictures ------------------------------------------------------------------------------------------


def test_publishing_without_a_picture_is_refused_with_what_is_missing(client, member, honey_category):
    product = create_product(client, honey_category)
    response = client.post(url("publish", product), follow=True)
    assert "Chưa bày bán được: Chưa có ảnh nào" in response.content.decode()
    product.refresh_from_db()
    assert product.is_public is False


def test_a_draft_with_only_a_title_lists_everything_it_still_needs(client, member):
    client.post(CREATE, {"title": "Trà Shan tuyết"})
    product = Product.objects.get()
    page = client.get(url("preview", product)).content.decode()
    for missing in ("Chưa chọn danh mục.", "Chưa có giá bán.", "Chưa có ảnh nào"):
        assert missing in page
    client.post(url("publish", product))
    product.refresh_from_db()
    assert product.is_public is False


def test_member_takes_a_product_off_sale(client, member, stall, honey_category):
    product = ProductFactory(storefront=stall, category=honey_category)
    client.post(url("publish", product), {"unpublish": "1"})
    product.refresh_from_db()
    assert product.is_public is False


def test_member_deletes_a_picture_with_post_only(client, member, honey_category, django_capture_on_commit_callbacks):
    product = create_product(client, honey_category, images=[picture("mot.jpg"), picture("hai.jpg")])
    first, second = product.images.all()
    assert client.get(url("image-delete", product, image_pk=first.pk)).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("image-delete", product, image_pk=first.pk))
    assert response["Location"] == url("update", product)
    assert list(product.images.all()) == [second]
    second.refresh_from_db()
    assert second.display_order == 0  # the remaining picture is the main one now
    assert not default_storage.exists(first.original.name)
    assert not default_storage.exists(thumbnails.thumbnail_path(first.original.name, 160))


def test_the_last_picture_of_a_product_on_sale_stays(client, member, honey_category):
    product = create_product(client, honey_category, images=[picture()])
    client.post(url("publish", product))
    response = client.post(url("image-delete", product, image_pk=product.images.get().pk), follow=True)
    assert "Sản phẩm đang bày bán cần ít nhất một ảnh" in response.content.decode()
    assert product.images.count() == 1


# --- Variants ---------------------------------------------------------------------------------------------------------


def test_variants_are_priced_and_stocked_separately(client, member, stall, honey_category):
    product = create_product(client, honey_category, images=[picture()])
    client.post(url("publish", product))
    first_record = product.stockrecords.get()

    form_page = client.get(url("variant-create", product)).content.decode()
    assert 'value="Hũ 500 ml"' in form_page  # the present price moves to a variant named after the unit
    response = client.post(
        url("variant-create", product),
        {"current_name": "Hũ 500 ml", "name": "Hũ 250 ml", "price": "99.000", "stock": "5"},
    )
    assert response["Location"] == url("update", product)

    product.refresh_from_db()
    assert product.is_parent
    assert not product.stockrecords.exists()
    assert list(product.categories.all()) == [honey_category]
    big, small = product.children.order_by("pk")
    assert (big.unit, small.unit) == ("Hũ 500 ml", "Hũ 250 ml")
    assert small.title_vi == "Mật ong rừng tràm U Minh Hạ – Hũ 250 ml"
    for child in (big, small):
        assert child.storefront == stall
        assert child.product_class is None
        assert not child.categories.exists()
        assert child.is_public
        child.clean()  # Oscar's rules for a child product hold
    product.clean()  # and for a parent (no stock record)
    assert big.stockrecords.get().pk == first_record.pk  # no price was lost
    assert (big.stockrecords.get().price, big.stockrecords.get().num_in_stock) == (Decimal(185000), 20)
    assert (small.stockrecords.get().price, small.stockrecords.get().num_in_stock) == (Decimal(99000), 5)

    shopper = client.__class__()
    for child in (big, small):
        response = shopper.post(f"/vi/basket/add/{product.pk}/", {"child_id": child.pk, "quantity": 1})
        assert response.status_code == 302
    basket = shopper.get("/vi/basket/").context["basket"]
    lines = sorted((line.product.unit, line.price_excl_tax) for line in basket.all_lines())
    assert lines == [("Hũ 250 ml", Decimal(99000)), ("Hũ 500 ml", Decimal(185000))]

    assert shopper.get(product.get_absolute_url()).status_code == 200
    edit_page = client.get(url("update", product)).content.decode()
    assert "99.000" in edit_page and "Hũ 250 ml" in edit_page
    assert 'name="price"' not in edit_page  # a parent's price belongs to its variants


def test_member_edits_a_variants_price_and_stock(client, member, honey_category):
    product = create_product(client, honey_category)
    client.post(
        url("variant-create", product),
        {"current_name": "Hũ 500 ml", "name": "Hũ 250 ml", "price": "99000", "stock": "5"},
    )
    small = Product.objects.get(unit="Hũ 250 ml")
    assert 'value="99.000"' in client.get(url("update", small)).content.decode()
    response = client.post(url("update", small), {"name": "Hũ 250 ml", "price": "95.000", "stock": "0"})
    assert response["Location"] == url("update", product)
    record = small.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal(95000), 0)


def test_a_variant_name_used_twice_is_refused(client, member, honey_category):
    product = create_product(client, honey_category)
    client.post(
        url("variant-create", product),
        {"current_name": "Hũ 500 ml", "name": "Hũ 250 ml", "price": "99000", "stock": "5"},
    )
    response = client.post(url("variant-create", product), {"name": "hũ 250 ml", "price": "90000", "stock": "1"})
    assert response.status_code == 400
    assert "Sản phẩm đã có biến thể “hũ 250 ml”" in response.content.decode()
    assert product.children.count() == 2


def test_a_variant_with_a_bad_price_changes_nothing(client, member, honey_category):
    product = create_product(client, honey_category)
    response = client.post(
        url("variant-create", product),
        {"current_name": "Hũ 500 ml", "name": "Hũ 250 ml", "price": "99000,5", "stock": "5"},
    )
    assert response.status_code == 400
    assert "Giá bán tính bằng đồng chẵn" in response.content.decode()
    product.refresh_from_db()
    assert product.is_standalone
    assert product.stockrecords.get().price == Decimal(185000)


# --- The list ---------------------------------------------------------------------------------------------------------


def test_the_list_shows_drafts_and_products_on_sale_in_a_constant_number_of_queries(
    client, member, stall, honey_category, django_assert_max_num_queries
):
    def add_products(count):
        for number in range(count):
            product = ProductFactory(storefront=stall, category=honey_category, is_public=number % 2 == 0)
            ProductImage.objects.create(product=product, original=picture(f"anh-{number}.jpg"))

    add_products(2)
    draft = create_product(client, honey_category, title="Trà Shan tuyết nháp")
    client.post(
        url("variant-create", draft),
        {"current_name": "Gói 100 g", "name": "Gói 200 g", "price": "120000", "stock": "3"},
        follow=True,
    )
    with django_assert_max_num_queries(30) as few:
        page = client.get(LIST).content.decode()
    assert "Trà Shan tuyết nháp" in page and "Gói 200 g" not in page  # parents listed, not their variants
    assert "nháp" in page and "đang bán" in page
    assert "120.000" in page and "185.000" in page
    assert "/thumbs/160/" in page

    add_products(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["rows"]) == 15
    assert not StorefrontFactory().products.exists()


def test_pictures_held_for_abandoned_forms_are_purged_once_their_tokens_expire(stall):
    abandoned = held.hold_upload(stall, picture_content("bo-do.jpg"))
    assert held.purge_held_uploads() == 0  # still within the two days its token is good for
    assert held.held_upload(stall, abandoned.token) == abandoned
    assert held.purge_held_uploads(older_than=timedelta(0)) == 1
    assert held.held_upload(stall, abandoned.token) is None
    assert default_storage.listdir(held.HELD_FOLDER) == ([], [])
