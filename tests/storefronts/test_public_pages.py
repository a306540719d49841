"""Shoppers browse the approved stalls, narrow them by province and kind, and open one stall with its products."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from storefronts.models import Cooperative, Province, Storefront
from storefronts.workflow import suspend_storefront
from tests.factories import CooperativeFactory, ProductFactory, StorefrontFactory

LIST_URL = "/vi/stalls/"

NOT_APPROVED = [
    Storefront.Status.DRAFT,
    Storefront.Status.SUBMITTED,
    Storefront.Status.CHANGES_REQUESTED,
    Storefront.Status.REJECTED,
    Storefront.Status.SUSPENDED,
]

# The smallest valid GIF, enough for an ImageField.
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@pytest.fixture(autouse=True)
def vietnamese_while_building_objects():
    """A request to /en/ leaves English active in this thread; `name=` in a factory must still mean `name_vi`."""
    with translation.override("vi"):
        yield


def stall_in(province_slug, kind=Cooperative.Kind.AGRICULTURAL, **kwargs):
    cooperative = CooperativeFactory(province=Province.objects.get(slug=province_slug), kind=kind)
    return StorefrontFactory(cooperative=cooperative, **kwargs)


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- The list of stalls ------------------------------------------------------------------------------------------


def test_stall_list_shows_approved_stalls_only(client, db):
    StorefrontFactory(name="Mật ong Bạc Liêu")
    for status in NOT_APPROVED:
        StorefrontFactory(name=f"Gian hàng ẩn {status}", status=status)

    html = page_text(client, LIST_URL)

    assert "Mật ong Bạc Liêu" in html
    assert "Gian hàng ẩn" not in html


def test_stall_card_shows_tagline_province_kind_product_count_and_initials(client, db):
    stall = stall_in(
        "ca-mau", kind=Cooperative.Kind.NON_AGRICULTURAL, name="Mật ong Bạc Liêu", tagline="Ong nuôi rừng tràm"
    )
    ProductFactory.create_batch(3, storefront=stall)
    ProductFactory(storefront=stall, is_public=False)

    html = page_text(client, LIST_URL)

    assert "Ong nuôi rừng tràm" in html
    assert "Cà Mau" in html
    assert "Hợp tác xã phi nông nghiệp" in html
    assert "Sản phẩm đang bán: 3" in html
    assert ">MO</span>" in html
    assert f'href="{stall.get_absolute_url()}"' in html


def test_stall_card_shows_the_logo_when_there_is_one(client, db):
    stall = StorefrontFactory(logo=SimpleUploadedFile("logo.gif", GIF, content_type="image/gif"))

    html = page_text(client, LIST_URL)

    assert f'src="{stall.logo.url}"' in html


def test_stall_list_filters_by_province(client, db):
    stall_in("ca-mau", name="Mật ong Bạc Liêu")
    stall_in("hanoi", name="Gốm Bát Tràng")

    html = page_text(client, f"{LIST_URL}?province=ca-mau")

    assert "Mật ong Bạc Liêu" in html
    assert "Gốm Bát Tràng" not in html


def test_stall_list_filters_by_cooperative_kind(client, db):
    stall_in("hanoi", kind=Cooperative.Kind.AGRICULTURAL, name="Rau sạch Đông Anh")
    stall_in("hanoi", kind=Cooperative.Kind.NON_AGRICULTURAL, name="Gốm Bát Tràng")

    html = page_text(client, f"{LIST_URL}?kind=non_agricultural")

    assert "Gốm Bát Tràng" in html
    assert "Rau sạch Đông Anh" not in html


def test_stall_list_filters_by_province_and_kind_together(client, db):
    stall_in("hanoi", kind=Cooperative.Kind.NON_AGRICULTURAL, name="Gốm Bát Tràng")
    stall_in("hanoi", kind=Cooperative.Kind.AGRICULTURAL, name="Rau sạch Đông Anh")
    stall_in("ca-mau", kind=Cooperative.Kind.NON_AGRICULTURAL, name="Đồ mây Cà Mau")

    html = page_text(client, f"{LIST_URL}?province=hanoi&kind=non_agricultural")

    assert "Gốm Bát Tràng" in html
    assert "Rau sạch Đông Anh" not in html
    assert "Đồ mây Cà Mau" not in html


def test_filter_with_no_matching_stall_says_so(client, db):
    stall_in("hanoi", name="Gốm Bát Tràng")

    html = page_text(client, f"{LIST_URL}?province=ca-mau")

    assert "Gốm Bát Tràng" not in html
    assert "Không có gian hàng nào khớp với bộ lọc." in html


def test_unknown_province_is_explained_and_the_list_stays_unfiltered(client, db):
    stall_in("hanoi", name="Gốm Bát Tràng")

    html = page_text(client, f"{LIST_URL}?province=atlantis")

    assert "Không tìm thấy tỉnh, thành “atlantis”." in html
    assert "Gốm Bát Tràng" in html


def test_unknown_kind_is_explained_while_the_province_filter_still_applies(client, db):
    stall_in("hanoi", name="Gốm Bát Tràng")
    stall_in("ca-mau", name="Mật ong Bạc Liêu")

    html = page_text(client, f"{LIST_URL}?province=hanoi&kind=<b>pirate</b>")

    assert "Không có loại hình hợp tác xã “&lt;b&gt;pirate&lt;/b&gt;”." in html
    assert "<b>pirate</b>" not in html
    assert "Gốm Bát Tràng" in html
    assert "Mật ong Bạc Liêu" not in html


def test_stall_list_shows_24_stalls_a_page(client, db):
    for number in range(30):
        StorefrontFactory(name=f"Gian hàng số {number:02d}")

    first = page_text(client, LIST_URL)
    second = page_text(client, f"{LIST_URL}?page=2")

    assert "Gian hàng số 23" in first and "Gian hàng số 24" not in first
    assert "Gian hàng số 24" in second and "Gian hàng số 29" in second and "Gian hàng số 23" not in second


@pytest.mark.parametrize("page", ["99", "abc"])
def test_a_page_past_the_end_or_not_a_number_still_answers(client, db, page):
    for number in range(30):
        StorefrontFactory(name=f"Gian hàng số {number:02d}")

    html = page_text(client, f"{LIST_URL}?page={page}")

    expected = "Gian hàng số 29" if page == "99" else "Gian hàng số 00"
    assert expected in html


def test_page_links_keep_the_filters(client, db):
    for number in range(25):
        stall_in("ca-mau", name=f"Gian hàng số {number:02d}")

    html = page_text(client, f"{LIST_URL}?province=ca-mau")

    assert "province=ca-mau&amp;page=2" in html


def test_stall_list_costs_the_same_queries_for_3_or_20_stalls(client, db, django_assert_max_num_queries):
    def stalls_with_products(count, province):
        for _ in range(count):
            ProductFactory.create_batch(2, storefront=stall_in(province))

    stalls_with_products(3, "ca-mau")
    with django_assert_max_num_queries(100) as few:
        page_text(client, f"{LIST_URL}?province=ca-mau")

    stalls_with_products(20, "hanoi")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page_text(client, f"{LIST_URL}?province=hanoi")
    assert html.count("Sản phẩm đang bán: 2") == 20


def test_a_suspended_stall_disappears_from_the_list(client, db, union_staff):
    stall = StorefrontFactory(name="Mật ong Bạc Liêu")
    assert "Mật ong Bạc Liêu" in page_text(client, LIST_URL)

    suspend_storefront(stall, union_staff, reason="Bán hàng không đúng mô tả.")

    assert "Mật ong Bạc Liêu" not in page_text(client, LIST_URL)


def test_stall_list_shows_english_names_under_en_with_vietnamese_fallback(client, db):
    StorefrontFactory(name_vi="Mật ong Bạc Liêu", name_en="Bac Lieu Honey")
    StorefrontFactory(name_vi="Gốm Bát Tràng", name_en="")

    html = page_text(client, "/en/stalls/")

    assert "Bac Lieu Honey" in html
    assert "Gốm Bát Tràng" in html


# --- One stall ---------------------------------------------------------------------------------------------------


@pytest.fixture
def stall(db):
    cooperative = CooperativeFactory(
        name="Hợp tác xã Ong mật Bạc Liêu",
        kind=Cooperative.Kind.AGRICULTURAL,
        province=Province.objects.get(slug="ca-mau"),
        commune="Xã Phong Thạnh",
        year_founded=2012,
        member_count=37,
        website="https://ongmatbaclieu.example.vn/",
        phone="0912345678",
        email="lienhe@ongmatbaclieu.example.vn",
    )
    return StorefrontFactory(
        cooperative=cooperative,
        slug="mat-ong-bac-lieu",
        name_vi="Mật ong Bạc Liêu",
        name_en="Bac Lieu Honey",
        tagline_vi="Ong nuôi giữa rừng tràm",
        about_vi="Dòng thứ nhất.\nDòng thứ hai.",
    )


def test_stall_page_shows_its_products_newest_first(client, stall):
    ProductFactory(storefront=stall, title="Mật ong tràm")
    ProductFactory(storefront=stall, title="Sáp ong")
    ProductFactory(storefront=stall, title="Phấn hoa ẩn", is_public=False)
    ProductFactory(title="Gốm Bát Tràng")

    html = page_text(client, "/vi/stalls/mat-ong-bac-lieu/")

    assert '<ol class="row list-unstyled">' in html
    assert html.index("Sáp ong") < html.index("Mật ong tràm")
    assert "Phấn hoa ẩn" not in html
    assert "Gốm Bát Tràng" not in html


def test_stall_page_shows_24_products_a_page(client, stall):
    for number in range(26):
        ProductFactory(storefront=stall, title=f"Sản phẩm số {number:02d}")

    first = page_text(client, "/vi/stalls/mat-ong-bac-lieu/")
    second = page_text(client, "/vi/stalls/mat-ong-bac-lieu/?page=2")

    assert "Sản phẩm số 25" in first and "Sản phẩm số 02" in first and "Sản phẩm số 01" not in first
    assert "Sản phẩm số 01" in second and "Sản phẩm số 00" in second and "Sản phẩm số 25" not in second


def test_stall_page_shows_the_cooperatives_facts(client, stall):
    html = page_text(client, "/vi/stalls/mat-ong-bac-lieu/")

    for fact in [
        "Hợp tác xã Ong mật Bạc Liêu",
        "Hợp tác xã nông nghiệp",
        "Xã Phong Thạnh, Cà Mau",
        "2012",
        "37",
        "0912345678",
        "mailto:lienhe@ongmatbaclieu.example.vn",
    ]:
        assert fact in html
    assert '<a href="https://ongmatbaclieu.example.vn/" rel="nofollow noopener"' in html


def test_stall_page_shows_tagline_and_about_with_line_breaks(client, stall):
    html = page_text(client, "/vi/stalls/mat-ong-bac-lieu/")

    assert "<title>Mật ong Bạc Liêu |" in html
    assert '<meta name="description" content="Ong nuôi giữa rừng tràm"' in html
    assert "Dòng thứ nhất.<br>Dòng thứ hai." in html


def test_stall_page_shows_banner_and_logo(client, stall):
    stall.banner = SimpleUploadedFile("banner.gif", GIF, content_type="image/gif")
    stall.logo = SimpleUploadedFile("logo.gif", GIF, content_type="image/gif")
    stall.save()

    html = page_text(client, "/vi/stalls/mat-ong-bac-lieu/")

    assert f'src="{stall.banner.url}"' in html
    assert f'src="{stall.logo.url}"' in html


def test_html_in_the_about_text_is_shown_as_text(client, stall):
    stall.about_vi = "<script>alert(1)</script>"
    stall.save()

    html = page_text(client, "/vi/stalls/mat-ong-bac-lieu/")

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_english_stall_page_shows_the_english_name_and_falls_back_to_vietnamese(client, stall):
    html = page_text(client, "/en/stalls/mat-ong-bac-lieu/")

    assert '<h1 class="mb-1">Bac Lieu Honey</h1>' in html
    assert "Ong nuôi giữa rừng tràm" in html  # no English tagline yet


@pytest.mark.parametrize("status", NOT_APPROVED)
def test_stall_page_is_not_found_unless_approved(client, db, status):
    StorefrontFactory(slug="gian-hang-an", status=status)

    assert client.get("/vi/stalls/gian-hang-an/").status_code == 404


def test_unknown_stall_is_not_found(client, db):
    assert client.get("/vi/stalls/khong-co/").status_code == 404
