"""manage.py load_demo builds a believable marketplace once, and running it again changes nothing."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils.html import escape
from oscar.core.loading import get_model

from ocop.models import OcopCertificate
from shop.uploads.thumbnails import thumbnail_path
from storefronts.models import Cooperative, Membership, Storefront

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def snapshot():
    """Everything a visitor could notice about the demo data, including when each product was last changed."""
    return {
        "products": sorted(
            Product.objects.values_list("upc", "title_vi", "title_en", "storefront__slug", "date_updated")
        ),
        "stock": sorted(StockRecord.objects.values_list("partner_sku", "price", "num_in_stock")),
        "images": sorted(get_model("catalogue", "ProductImage").objects.values_list("original", flat=True)),
        "categories": sorted(Category.objects.values_list("path", "slug", "name_vi")),
        "stalls": sorted(Storefront.objects.values_list("slug", "status", "partner_id")),
        "users": sorted(get_user_model().objects.values_list("email", "password", "is_staff")),
        "memberships": sorted(Membership.objects.values_list("user__email", "cooperative_id", "role")),
        "certificates": sorted(
            OcopCertificate.objects.values_list("certificate_number", "stars", "status", "expiry_date", "products__upc")
        ),
    }


@pytest.fixture
def demo(db):
    output = StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def test_demo_builds_a_believable_marketplace(demo, client):
    """One load, every promise of the demo (loading it draws 137 pictures, so the checks share it)."""
    check_cooperatives_across_the_country()
    check_catalogue_has_the_six_ocop_groups_and_priced_products_with_pictures()
    check_products_are_translated()
    check_pictures_show_what_each_product_is()
    check_the_honey_cooperative_sells_bee_products_not_dried_fish()
    check_one_account_per_role_printed(demo)
    check_home_page_shows_products(client)
    check_ocop_certificates_are_verified_and_shown(client)
    check_accounts_sign_in_with_their_email(client)


def test_running_the_demo_twice_changes_nothing(demo):
    before = snapshot()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert snapshot() == before
    assert "nothing changed" in output.getvalue()


def check_cooperatives_across_the_country():
    approved = Storefront.objects.filter(status=Storefront.Status.APPROVED)
    assert approved.count() >= 12
    assert len({stall.cooperative.province_id for stall in approved}) == approved.count()
    assert Cooperative.objects.count() > approved.count()  # some applications still wait for union staff


def check_catalogue_has_the_six_ocop_groups_and_priced_products_with_pictures():
    groups = list(Category.get_root_nodes().values_list("name_vi", flat=True))
    assert len(groups) == 6
    assert groups[0] == "Thực phẩm"
    products = Product.objects.browsable()
    assert products.count() >= 120
    assert not products.filter(images=None).exists()
    picture = get_model("catalogue", "ProductImage").objects.first()
    assert default_storage.exists(thumbnail_path(picture.original.name, 320))  # WebP thumbnails made once
    assert not products.filter(categories=None).exists()
    prices = StockRecord.objects.values_list("price", flat=True)
    assert all(price > 0 and price == int(price) for price in prices)  # whole đồng
    assert StockRecord.objects.filter(num_in_stock=0).exists()  # a believable shop has sold-out goods


def check_products_are_translated():
    honey = Product.objects.filter(title_vi__icontains="mật ong").first()
    assert honey is not None
    assert honey.title_en and honey.title_en != honey.title_vi
    assert honey.title_zh_hans


def emblem(upc):
    """The drawing above a demo picture's title, where it shows what the product is."""
    from PIL import Image

    with Image.open(Product.objects.get(upc=upc).primary_image().original) as picture:
        return picture.convert("RGB").crop((150, 120, 650, 540)).tobytes()


def check_pictures_show_what_each_product_is():
    """Not one drawing for every product: within one stall (one colour) dried squid, fish sauce and a medicinal root
    look different, while two sizes of the same squid share their drawing."""
    squid, squid_1kg = emblem("BTL-MUCKHO-500"), emblem("BTL-MUCKHO-1KG")
    fish_sauce = emblem("BTL-MAMCR-500")
    assert squid == squid_1kg
    assert squid != fish_sauce
    assert len({squid, fish_sauce, emblem("BTL-BAKICH-500")}) == 3


def check_the_honey_cooperative_sells_bee_products_not_dried_fish():
    honey_stall = Storefront.objects.get(slug="ong-mat-u-minh")
    assert "Ong mật" in honey_stall.cooperative.name
    sold = list(Product.objects.filter(storefront=honey_stall).values_list("title_vi", flat=True))
    assert all(re.search(r"\bong\b", title.lower()) for title in sold), sold  # "ong": bees, as in "mật ong"
    assert not Product.objects.filter(storefront=honey_stall, categories__slug="dac-san-thit-hai-san").exists()


def check_one_account_per_role_printed(demo):
    User = get_user_model()
    staff = User.objects.get(email="canbo@chohtx.example.vn")
    assert staff.is_staff and not staff.is_superuser
    member = User.objects.get(email="thanhvien@chohtx.example.vn")
    assert member.memberships.get().role == Membership.Role.OWNER
    assert not member.has_perm("partner.dashboard_access")  # members work in /my-stall/ only
    consumer = User.objects.get(email="nguoimua@chohtx.example.vn")
    assert not consumer.is_staff and not consumer.memberships.exists()
    assert consumer.check_password("nguoimua-demo-2026")
    for email in ("canbo@chohtx.example.vn", "thanhvien@chohtx.example.vn", "nguoimua@chohtx.example.vn"):
        assert email in demo


def check_home_page_shows_products(client):
    response = client.get("/vi/")
    assert response.status_code == 200
    newest = Product.objects.browsable().order_by("-date_created").first()
    assert newest.title_vi in response.content.decode()


def check_ocop_certificates_are_verified_and_shown(client):
    """Some demo products hold valid OCOP certificates of 3, 4 and 5 stars, verified by union staff: the home page's
    OCOP section shows those of 4 and 5 stars, the product list's star filter finds the 3-star ones too."""
    valid = OcopCertificate.objects.valid()
    assert {certificate.stars for certificate in valid} == {3, 4, 5}
    assert not OcopCertificate.objects.exclude(pk__in=valid).exists()
    for certificate in valid:
        decision = certificate.decisions.get()
        assert decision.to_status == "verified" and decision.actor.email == "canbo@chohtx.example.vn"
    home = client.get("/vi/").content.decode()
    section = home[home.index("Sản phẩm OCOP nổi bật") :].split("</section>")[0]
    for certificate in valid:
        for product in certificate.products.all():
            assert (escape(product.title_vi) in section) == (certificate.stars >= 4), product.title_vi
    assert "OCOP 5 sao" in section and "OCOP 4 sao" in section
    three_stars = client.get("/vi/catalogue/", {"stars": 3}).content.decode()
    coffee = valid.get(certificate_number="OCOP-DL-0087").products.get()
    assert escape(coffee.title_vi) in three_stars


def check_accounts_sign_in_with_their_email(client):
    response = client.post(
        "/dashboard/login/", {"username": "canbo@chohtx.example.vn", "password": "canbo-demo-2026"}, follow=True
    )
    assert response.context["user"].email == "canbo@chohtx.example.vn"
    assert "Gian hàng" in response.content.decode()  # union staff see the stall review queue in the menu


def test_every_demo_product_on_sale_is_found_by_search(db, client, django_capture_on_commit_callbacks):
    """The demo's stalls are created as drafts and approved in one transaction; search must still hold every product
    on sale once it commits (it held only the first stall's until the stall removal checked the stall again)."""
    from catalog.search.models import SearchEntry

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())

    on_sale = set(get_model("catalogue", "Product").objects.browsable().values_list("pk", flat=True))
    assert len(on_sale) > 100
    assert set(SearchEntry.objects.values_list("product_id", flat=True)) == on_sale
    honey = client.get("/vi/search/?q=mat+ong").content.decode()
    assert honey.count('search-result">') >= 5
