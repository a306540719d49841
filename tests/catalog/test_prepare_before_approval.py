"""A stall whose application is with the union staff prepares its shelf: it saves draft products (never listed, never
buyable, never found by search) and publishes them once approved; the publish button says why it must wait."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from storefronts import workflow
from storefronts.models import Storefront
from tests.conftest import make_union_staff
from tests.factories import CategoryFactory, DraftStorefrontFactory, MembershipFactory, ShippingPolicyFactory

Product = get_model("catalogue", "Product")

CREATE = reverse("catalog-seller:create")


def picture():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buffer, "JPEG")
    return SimpleUploadedFile("mat-ong.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def stall_in_review(db):
    """A stall whose owner submitted the application; staff have not decided yet."""
    stall = DraftStorefrontFactory(name="Mật ong U Minh")
    owner = MembershipFactory(cooperative=stall.cooperative).user
    workflow.submit_application(stall, owner)
    ShippingPolicyFactory(storefront=stall)
    stall.refresh_from_db()
    stall.owner = owner
    return stall


@pytest.fixture
def category(db):
    return CategoryFactory(name="Mật ong")


def draft_data(category):
    return {"title": "Mật ong rừng tràm", "category": category.pk, "price": "185.000", "stock": "20"}


def test_a_stall_in_review_saves_a_draft_product_with_its_price_and_stock(client, stall_in_review, category):
    client.force_login(stall_in_review.owner)

    response = client.post(CREATE, {**draft_data(category), "images": [picture()]})

    product = Product.objects.get()
    assert response["Location"] == reverse("catalog-seller:update", kwargs={"pk": product.pk})
    assert product.storefront == stall_in_review and product.is_public is False
    record = product.stockrecords.get()
    assert (int(record.price), record.num_in_stock) == (185000, 20)
    stall_in_review.refresh_from_db()
    assert stall_in_review.status == Storefront.Status.SUBMITTED


def test_the_product_list_of_a_stall_in_review_says_drafts_go_on_sale_after_approval(client, stall_in_review):
    client.force_login(stall_in_review.owner)

    response = client.get(reverse("catalog-seller:list"))

    assert response.status_code == 200
    assert "bày bán được ngay khi gian hàng được duyệt" in response.content.decode()


def test_publishing_before_approval_is_refused_with_the_reason(client, stall_in_review, category):
    client.force_login(stall_in_review.owner)
    client.post(CREATE, {**draft_data(category), "images": [picture()]})
    product = Product.objects.get()

    preview = client.get(reverse("catalog-seller:preview", kwargs={"pk": product.pk})).content.decode()
    response = client.post(reverse("catalog-seller:publish", kwargs={"pk": product.pk}), follow=True)

    assert "Gian hàng đang chờ cán bộ Liên minh HTX duyệt" in preview
    assert "Chưa bày bán được: Gian hàng đang chờ cán bộ Liên minh HTX duyệt" in response.content.decode()
    product.refresh_from_db()
    assert product.is_public is False


def test_a_prepared_product_is_never_listed_shown_searched_or_bought_before_approval(client, stall_in_review, category):
    owner_client = client.__class__()
    owner_client.force_login(stall_in_review.owner)
    owner_client.post(CREATE, {**draft_data(category), "images": [picture()]})
    product = Product.objects.get()

    assert client.get(product.get_absolute_url()).status_code == 404
    assert product not in Product.objects.browsable()
    assert "Mật ong rừng tràm" not in client.get(reverse("search:search"), {"q": "mat ong rung tram"}).content.decode()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 0


def test_after_approval_the_prepared_draft_is_published_and_bought(client, stall_in_review, category):
    client.force_login(stall_in_review.owner)
    client.post(CREATE, {**draft_data(category), "images": [picture()]})
    product = Product.objects.get()
    workflow.approve_storefront(stall_in_review, make_union_staff())

    client.post(reverse("catalog-seller:publish", kwargs={"pk": product.pk}))

    product.refresh_from_db()
    assert product.is_public is True
    stall_in_review.refresh_from_db()
    assert product.stockrecords.get().partner_id == stall_in_review.partner_id
    shopper = client.__class__()
    assert shopper.get(product.get_absolute_url()).status_code == 200


def test_a_stall_still_in_draft_cannot_prepare_products(client, db, category):
    stall = DraftStorefrontFactory()
    client.force_login(MembershipFactory(cooperative=stall.cooperative).user)

    response = client.post(CREATE, draft_data(category))

    assert response.status_code == 403
    assert "chuẩn bị sản phẩm ở dạng nháp trong lúc chờ duyệt" in response.content.decode()
    assert not Product.objects.exists()


def test_a_stall_without_shipping_settings_is_told_to_save_them_before_publishing(client, db, category):
    stall = DraftStorefrontFactory()
    owner = MembershipFactory(cooperative=stall.cooperative).user
    workflow.submit_application(stall, owner)
    workflow.approve_storefront(stall, make_union_staff())
    client.force_login(owner)
    client.post(CREATE, {**draft_data(category), "images": [picture()]})
    product = Product.objects.get()

    response = client.post(reverse("catalog-seller:publish", kwargs={"pk": product.pk}), follow=True)

    assert "Gian hàng chưa lưu cách giao hàng" in response.content.decode()
    product.refresh_from_db()
    assert product.is_public is False


def test_a_stall_in_review_imports_its_shelf_from_a_spreadsheet_as_drafts(
    client, stall_in_review, category, django_capture_on_commit_callbacks
):
    client.force_login(stall_in_review.owner)
    rows = "ten_san_pham,danh_muc,gia,ton_kho\r\nMật ong rừng tràm,Mật ong,185000,20\r\nMật ong hoa cà phê,Mật ong,150000,8\r\n"
    spreadsheet = SimpleUploadedFile("san-pham.csv", ("\ufeff" + rows).encode("utf-8"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("catalog-seller:import"), {"file": spreadsheet})

    products = Product.objects.filter(storefront=stall_in_review).order_by("title")
    assert [(product.title, product.is_public) for product in products] == [
        ("Mật ong hoa cà phê", False),
        ("Mật ong rừng tràm", False),
    ]
    stall_in_review.refresh_from_db()
    assert {record.partner_id for product in products for record in product.stockrecords.all()} == {
        stall_in_review.partner_id
    }
