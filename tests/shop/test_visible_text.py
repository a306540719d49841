"""Invisible and direction-control text (issue 18, item 8): a title or a name without a visible letter or digit is
refused in the typist's language with what they typed kept; direction overrides and invisible edges never reach a
page."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from catalog.imports import ProductImport
from shop.fulfilment.models import StallOrder
from shop.visible_text import clean_user_text, has_letter_or_digit
from storefronts.models import Cooperative, Storefront
from tests.catalog.test_seller_products import CREATE, form_data, honey_category, member, stall  # noqa: F401
from tests.catalog.test_spreadsheet_import import categories, product_row, upload, xlsx_file  # noqa: F401
from tests.factories import MembershipFactory, ProductFactory, StorefrontFactory, UserFactory
from tests.shop.checkout.conftest import add_to_basket, check_out, checkout_form, fill_in_checkout
from tests.storefronts.test_application import contact_step, cooperative_step, stall_step, step_url

Product = get_model("catalogue", "Product")
ProductReview = get_model("reviews", "ProductReview")
ShippingAddress = get_model("order", "ShippingAddress")

INVISIBLE_TITLE = "\u202e\ufeff😀\u200b"  # the title issue 18 found accepted
REFUSED = "Hãy nhập ít nhất một chữ cái hoặc chữ số; biểu tượng cảm xúc và ký tự ẩn không được tính."


def page_text(response):
    return html.unescape(response.content.decode())


# --- The rules -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\u202eMật ong\u202c", "Mật ong"),
        ("Trà \u2066Shan\u2069 tuyết", "Trà Shan tuyết"),
        ("\ufeff\u200b Mật ong \u200b\u200f", "Mật ong"),
        ("Mật\u200bong", "Mật\u200bong"),  # inside the text a zero-width character stays (joiners hold emoji)
        ("Hũ 👨\u200d🌾", "Hũ 👨\u200d🌾"),
        ("", ""),
    ],
)
def test_direction_controls_go_everywhere_and_invisible_characters_at_the_edges(typed, kept):
    assert clean_user_text(typed) == kept


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        ("😀", False),
        ("🍯 ✨", False),
        ("\u200b", False),
        ("—", False),
        ("Mật ong 🍯", True),
        ("500", True),
        ("蜂蜜", True),
    ],
)
def test_a_name_needs_a_letter_or_a_digit_of_any_script(text, readable):
    assert has_letter_or_digit(text) is readable


# --- Products: the seller's form and the spreadsheet import ----------------------------------------------------------


def test_member_cannot_save_a_product_titled_only_with_invisible_characters_and_an_emoji(
    client,
    member,  # noqa: F811 (the fixtures imported above)
    honey_category,  # noqa: F811
):
    response = client.post(CREATE, form_data(honey_category, title=INVISIBLE_TITLE))

    assert response.status_code == 400
    page = page_text(response)
    assert REFUSED in page
    assert f'value="{INVISIBLE_TITLE}"' in page  # what was typed is still in the box
    assert "Mật ong khai thác từ rừng tràm." in page
    assert not Product.objects.exists()


def test_member_cannot_save_a_product_titled_with_zero_width_spaces_only(client, member, honey_category):  # noqa: F811
    response = client.post(CREATE, form_data(honey_category, title="\u200b\u200b\ufeff"))

    assert response.status_code == 400
    assert "Hãy nhập tên sản phẩm." in page_text(response)
    assert not Product.objects.exists()


def test_direction_overrides_never_reach_a_saved_product(client, member, honey_category):  # noqa: F811
    client.post(
        CREATE,
        form_data(
            honey_category,
            title="\u200bMật ong \u202egnoM U\u202c\u200b",
            description="Mật ong \u2067rừng tràm\u2069.",
            title_en="\u202eU Minh honey",
        ),
    )

    product = Product.objects.get()
    assert product.title_vi == "Mật ong gnoM U"
    assert product.title_en == "U Minh honey"
    assert "\u2067" not in product.description_vi and "rừng tràm" in product.description_vi


def test_a_variant_named_with_an_emoji_only_is_refused(client, member, honey_category):  # noqa: F811
    client.post(CREATE, form_data(honey_category))
    product = Product.objects.get()

    response = client.post(
        reverse("catalog-seller:variant-create", kwargs={"pk": product.pk}),
        {"current_name": "Hũ 500 ml", "name": "🍯\u200b", "price": "99000", "stock": "5"},
    )

    assert response.status_code == 400
    assert REFUSED in page_text(response)
    assert product.children.count() == 0


def test_a_spreadsheet_row_titled_with_an_emoji_only_is_refused_with_the_reason(
    client,
    member,  # noqa: F811
    categories,  # noqa: F811
    upload,  # noqa: F811
):
    upload(xlsx_file([product_row(1), product_row(2, ten_san_pham=INVISIBLE_TITLE)]))

    product_import = ProductImport.objects.get()
    assert product_import.status == ProductImport.Status.FAILED
    [error] = product_import.errors
    assert (error["row"], error["column"], error["message"]) == (3, "ten_san_pham", REFUSED)
    assert not Product.objects.exists()


def test_a_spreadsheet_title_loses_its_direction_overrides(client, member, categories, upload):  # noqa: F811
    upload(xlsx_file([product_row(1, ten_san_pham="\u202eMật ong U Minh\u202c", mo_ta="\u2066Ngon\u2069")]))

    product = Product.objects.get()
    assert product.title_vi == "Mật ong U Minh"
    assert "\u2066" not in product.description_vi


# --- Cooperatives and stalls -------------------------------------------------------------------------------------------


@pytest.fixture
def applicant(client, db):
    user = UserFactory(email="chunhiem@xuanhuong.example.vn")
    client.force_login(user)
    return user


def test_a_cooperative_named_with_emoji_only_is_refused_and_the_form_keeps_what_was_typed(client, applicant):
    response = client.post(step_url("cooperative"), cooperative_step(name="🌾🌾", short_name="🌾"))

    assert response.status_code == 400
    page = page_text(response)
    assert page.count(REFUSED) == 2
    assert 'value="🌾🌾"' in page
    assert "Trồng rau và hoa theo tiêu chuẩn VietGAP." in page
    assert not Cooperative.objects.exists()


def test_a_stall_name_without_a_letter_is_refused_and_overrides_are_dropped_from_its_texts(client, applicant):
    client.post(step_url("cooperative"), cooperative_step())

    refused = client.post(step_url("stall"), stall_step(name_vi="\u202e🥬"))
    client.post(step_url("stall"), stall_step(name_vi="\u202eRau sạch Đà Lạt\u202c", tagline_vi="\u2067Rau VietGAP"))

    assert refused.status_code == 400 and REFUSED in page_text(refused)
    saved = Storefront.objects.get()
    assert saved.name_vi == "Rau sạch Đà Lạt"
    assert saved.tagline_vi == "Rau VietGAP"


# --- The buyer: checkout and reviews ----------------------------------------------------------------------------------


@pytest.fixture
def honey(db):
    return ProductFactory(title="Mật ong rừng U Minh")


def test_a_buyer_named_with_emoji_only_is_asked_for_a_name_and_keeps_the_address_typed(client, honey):
    add_to_basket(client, honey)

    response = fill_in_checkout(client, [honey.storefront], name="🙂\u200b")

    assert response.status_code == 400
    page = page_text(response)
    assert REFUSED in page
    assert 'value="12 Hàng Bạc"' in page
    assert not StallOrder.objects.exists()


def test_the_buyers_name_and_address_reach_the_stall_without_direction_overrides(client, honey):
    add_to_basket(client, honey)

    check_out(client, [honey.storefront], name="\u202eNguyễn Thị Lan\u202c", street="\u200b12 \u2066Hàng Bạc\u2069")

    address = ShippingAddress.objects.get()
    assert (address.first_name + address.last_name).replace(" ", "") == "NguyễnThịLan"
    assert "\u202e" not in address.summary and "\u2066" not in address.summary
    assert "12 Hàng Bạc" in address.summary


def test_a_review_titled_with_emoji_only_is_refused(client, honey):
    client.force_login(UserFactory())
    add = reverse("catalogue:reviews-add", kwargs={"product_slug": honey.slug, "product_pk": honey.pk})

    response = client.post(add, {"title": "👍👍\u200b", "score": 5, "body": "\u202eNgon lắm"})

    assert response.status_code == 200
    page = page_text(response)
    assert REFUSED in page
    assert "\u202eNgon lắm" in page  # the review typed is still there
    assert not ProductReview.objects.exists()


# --- Translations exchanged as PO files -------------------------------------------------------------------------------


def test_a_translated_title_of_emoji_only_is_refused_and_overrides_are_dropped_from_the_others(client, db):
    storefront = StorefrontFactory(name_vi="Mật ong U Minh", tagline_vi="Mật ong rừng nguyên chất")
    product = ProductFactory(storefront=storefront, title_vi="Mật ong rừng, hũ 500 ml")
    client.force_login(MembershipFactory(cooperative=storefront.cooperative).user)
    exported = client.get("/vi/my-stall/translations/export/", {"language": "en", "only_missing": "on"})
    po = exported.content.decode()
    emoji_title = po.replace(
        'msgid "Mật ong rừng, hũ 500 ml"\nmsgstr ""', 'msgid "Mật ong rừng, hũ 500 ml"\nmsgstr "🍯"'
    )
    overridden = po.replace('msgid "Mật ong U Minh"\nmsgstr ""', 'msgid "Mật ong U Minh"\nmsgstr "\u202eU Minh honey"')

    refused = client.post("/vi/my-stall/translations/import/", {"language": "en", "file": po_file(emoji_title)})
    accepted = client.post("/vi/my-stall/translations/import/", {"language": "en", "file": po_file(overridden)})

    assert refused.status_code == 400
    assert f"Mục “product:{product.pk}:title”: {REFUSED}" in page_text(refused)
    assert accepted.status_code == 302
    storefront.refresh_from_db()
    product.refresh_from_db()
    assert storefront.name_en == "U Minh honey"
    assert not product.title_en


def po_file(text):
    return SimpleUploadedFile("dich.po", text.encode("utf-8"), content_type="text/plain")


def test_a_buyer_abroad_is_told_in_english_and_in_chinese(client, honey):
    add_to_basket(client, honey)

    for language, told in (
        ("en", "Enter at least one letter or digit; emoji and invisible characters do not count."),
        ("zh-hans", "请至少输入一个字母或数字；表情符号和不可见字符不计在内。"),
    ):
        with translation.override(language):
            response = client.post(reverse("fulfilment:checkout"), checkout_form([honey.storefront], name="🙂"))

        assert response.status_code == 400
        assert told in page_text(response)


def test_the_cooperatives_address_shown_to_buyers_loses_its_direction_overrides(client, applicant):
    client.post(step_url("cooperative"), cooperative_step())

    client.post(step_url("contact"), contact_step(street_address="\u202e12 Trần Hưng Đạo\u202c\u200b"))

    assert Cooperative.objects.get().street_address == "12 Trần Hưng Đạo"
