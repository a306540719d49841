"""Traceability stamps seen by a member: production batches, generating stamps and printing their QR sheets."""

import io
import re
from datetime import date, timedelta

import pytest
import zxingcpp
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from ocop import serials, stamps
from ocop.models import Batch, Stamp
from storefronts.models import Storefront
from tests.factories import BatchFactory, DraftStorefrontFactory, MembershipFactory, ProductFactory, StorefrontFactory

BATCHES = reverse("ocop:member-batches")
NEW_BATCH = reverse("ocop:member-batch-create")


def batch_url(batch):
    return reverse("ocop:member-batch", kwargs={"pk": batch.pk})


def stamps_url(batch):
    return reverse("ocop:member-batch-stamps", kwargs={"pk": batch.pk})


def sheet_url(batch, page=1):
    return reverse("ocop:member-batch-sheet", kwargs={"pk": batch.pk}) + f"?page={page}"


@pytest.fixture
def stall(db):
    return StorefrontFactory(name="Gian hàng Mật ong U Minh")


@pytest.fixture
def member(client, stall):
    membership = MembershipFactory(cooperative=stall.cooperative)
    client.force_login(membership.user)
    return membership.user


@pytest.fixture
def honey(stall):
    return ProductFactory(storefront=stall, title="Mật ong rừng U Minh")


def batch_form(product, **fields):
    return {
        "product": product.pk,
        "lot_code": "L2025-031",
        "production_date": "2025-03-01",
        "expiry_date": "2027-03-01",
        "quantity": "500",
        "origin_area": "Rừng tràm U Minh Hạ, xã Khánh An",
        "notes": "",
        **fields,
    }


# --- Generating stamps ---------------------------------------------------------------------------------------------


def test_ten_thousand_stamps_for_one_batch_are_unique_well_formed_and_written_in_bulk(honey):
    batch = BatchFactory(product=honey, quantity=1000)

    with CaptureQueriesContext(connection) as queries:
        new = stamps.generate_stamps(batch, 10_000)

    stored = list(Stamp.objects.filter(batch=batch).values_list("serial", flat=True))
    assert len(new) == len(stored) == len(set(stored)) == 10_000
    assert all(serials.is_well_formed(serial) for serial in stored)
    # In batches, not a query per stamp (how long it takes is measured in bench/, not asserted here).
    assert len(queries) <= 100  # 69 today: batches of a few hundred


def test_more_than_ten_thousand_stamps_in_one_request_are_refused_with_a_message(honey):
    batch = BatchFactory(product=honey, quantity=5000)

    with pytest.raises(stamps.StampsRefused) as refused:
        stamps.generate_stamps(batch, 10_001)

    assert "tối đa 10.000 tem" in str(refused.value.message)
    assert not batch.stamps.exists()


def test_a_batch_never_gets_more_than_ten_stamps_per_unit(honey):
    batch = BatchFactory(product=honey, quantity=3)
    stamps.generate_stamps(batch, 25)

    with pytest.raises(stamps.StampsRefused) as refused:
        stamps.generate_stamps(batch, 6)

    assert "chỉ tạo thêm được 5 tem" in str(refused.value.message)
    assert batch.stamps.count() == 25
    stamps.generate_stamps(batch, 5)
    assert batch.stamps.count() == 30


def test_member_generates_stamps_and_sees_the_sheets_to_print(client, member, honey):
    batch = BatchFactory(product=honey, quantity=10)

    response = client.post(stamps_url(batch), {"count": "45"})

    assert response.status_code == 302
    assert batch.stamps.count() == 45
    page = client.get(batch_url(batch)).content.decode()
    assert "Lô có 45 tem, được tối đa 100 tem; còn tạo thêm được 55 tem." in page
    assert f'href="{sheet_url(batch, 1)}"' in page
    assert f'href="{sheet_url(batch, 2)}"' in page
    assert "Trang 2 (tem 41–45)" in page


def test_member_asking_for_too_many_stamps_reads_why_and_keeps_the_number(client, member, honey):
    batch = BatchFactory(product=honey, quantity=2)

    response = client.post(stamps_url(batch), {"count": "21"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Lô có 2 sản phẩm nên được tối đa 20 tem" in page
    assert 'value="21"' in page
    assert not batch.stamps.exists()


def test_generating_stamps_needs_a_post(client, member, honey):
    batch = BatchFactory(product=honey)

    assert client.get(stamps_url(batch)).status_code == 405
    assert not batch.stamps.exists()


# --- The printable sheet -------------------------------------------------------------------------------------------


def decoded(png):
    image = Image.open(io.BytesIO(png))
    return image, {barcode.text for barcode in zxingcpp.read_barcodes(image)}


def test_each_qr_code_on_the_sheet_opens_its_stamps_verify_page(client, member, honey):
    batch = BatchFactory(product=honey, quantity=10)
    stamps.generate_stamps(batch, 45)

    response = client.get(sheet_url(batch, 1))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image, texts = decoded(response.content)
    assert image.size == (1240, 1754)
    first_sheet = batch.stamps.order_by("pk")[:40]
    expected = {f"{settings.SITE_URL}/vi/verify/{stamp.serial}/" for stamp in first_sheet}
    assert texts == expected


def test_the_sheet_printed_from_the_english_pages_opens_the_english_verify_page(client, member, honey):
    batch = BatchFactory(product=honey)
    stamps.generate_stamps(batch, 1)
    stamp = batch.stamps.get()

    with translation.override("en"):
        url = sheet_url(batch, 1)
    _image, texts = decoded(client.get(url).content)

    assert texts == {f"{settings.SITE_URL}/en/verify/{stamp.serial}/"}


def test_the_second_sheet_holds_the_stamps_after_the_first_forty(client, member, honey):
    batch = BatchFactory(product=honey, quantity=10)
    stamps.generate_stamps(batch, 45)

    _image, texts = decoded(client.get(sheet_url(batch, 2)).content)

    last = batch.stamps.order_by("pk")[40:]
    assert texts == {stamps.verify_url(stamp.serial) for stamp in last}


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1"])
def test_a_sheet_page_that_does_not_exist_is_not_found(client, member, honey, page):
    batch = BatchFactory(product=honey, quantity=10)
    stamps.generate_stamps(batch, 45)

    response = client.get(reverse("ocop:member-batch-sheet", kwargs={"pk": batch.pk}), {"page": page})

    assert response.status_code == 404


# --- Batches ---------------------------------------------------------------------------------------------------------


def test_member_records_a_batch_of_their_own_product(client, member, honey):
    response = client.post(NEW_BATCH, batch_form(honey))

    batch = Batch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == batch_url(batch)
    assert (batch.product, batch.lot_code, batch.quantity) == (honey, "L2025-031", 500)
    assert batch.origin_area == "Rừng tràm U Minh Hạ, xã Khánh An"
    page = client.get(batch_url(batch)).content.decode()
    assert "Lô có 0 tem, được tối đa 5000 tem" in page


def test_batch_form_offers_only_the_stalls_own_products(client, member, honey):
    other = ProductFactory(title="Cà phê của gian hàng khác")

    page = client.get(NEW_BATCH).content.decode()

    assert "Mật ong rừng U Minh" in page
    assert other.title not in page


def test_member_cannot_record_a_batch_of_another_stalls_product(client, member, honey):
    other = ProductFactory()

    response = client.post(NEW_BATCH, batch_form(other))

    assert response.status_code == 400
    assert "Sản phẩm này không thuộc gian hàng của bạn." in response.content.decode()
    assert not Batch.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"production_date": str(date.today() + timedelta(days=2))}, "Ngày sản xuất không thể ở tương lai."),
        ({"expiry_date": "2025-02-01"}, "Hạn sử dụng phải sau ngày sản xuất."),
        ({"expiry_date": "2025-03-01"}, "Hạn sử dụng phải sau ngày sản xuất."),
        ({"quantity": "0"}, "Số lượng của lô phải lớn hơn 0."),
        ({"quantity": "nhiều"}, "Số lượng là một số nguyên, ví dụ 500."),
        ({"lot_code": ""}, "Nhập mã lô in trên bao bì."),
        ({"production_date": "32/13/2025"}, "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2024."),
    ],
)
def test_a_batch_with_a_broken_rule_is_not_saved_and_says_why(client, member, honey, fields, message):
    response = client.post(NEW_BATCH, batch_form(honey, **fields))

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Rừng tràm U Minh Hạ, xã Khánh An" in page  # what was typed is kept
    assert not Batch.objects.exists()


def test_a_lot_code_is_unique_per_product_whatever_its_letter_case(client, member, honey):
    BatchFactory(product=honey, lot_code="L2025-031")
    other_product = ProductFactory(storefront=honey.storefront)

    response = client.post(NEW_BATCH, batch_form(honey, lot_code="l2025-031"))

    assert response.status_code == 400
    assert "Sản phẩm này đã có lô mang mã “l2025-031”" in response.content.decode()
    assert client.post(NEW_BATCH, batch_form(other_product)).status_code == 302
    assert Batch.objects.count() == 2


def test_a_batch_produced_today_is_accepted(honey):
    batch = stamps.create_batch(honey, lot_code="HOMNAY", production_date=timezone.localdate(), quantity=1)

    assert batch.pk


def test_batch_list_shows_the_stalls_batches_with_their_stamp_counts(
    client, member, honey, django_assert_max_num_queries
):
    for number in range(30):
        BatchFactory(product=honey, lot_code=f"LO-{number:02d}", quantity=5)
    stamps.generate_stamps(Batch.objects.get(lot_code="LO-29"), 7)
    BatchFactory(product=ProductFactory(), lot_code="LO-KHAC")

    with django_assert_max_num_queries(25):
        response = client.get(BATCHES)

    assert response.status_code == 200
    first = lot_codes_listed(response)
    second = lot_codes_listed(client.get(BATCHES, {"page": "2"}))
    assert len(first) == 25
    assert first | second == {f"LO-{number:02d}" for number in range(30)}
    assert "LO-KHAC" not in first | second
    assert re.search(
        r"LO-29</a></td>.*?<td class=\"text-right\">5</td>\s*<td class=\"text-right\">7</td>",
        response.content.decode(),
        re.S,
    )


def lot_codes_listed(response):
    return set(re.findall(r'href="/vi/my-stall/batches/\d+/">([^<]+)</a>', response.content.decode()))


# --- Who may see batches -------------------------------------------------------------------------------------------


def test_member_of_another_stall_gets_404_on_every_batch_url(client, member, honey):
    theirs = BatchFactory(product=ProductFactory(), quantity=10)
    stamps.generate_stamps(theirs, 3)

    assert client.get(batch_url(theirs)).status_code == 404
    assert client.post(stamps_url(theirs), {"count": "5"}).status_code == 404
    assert client.get(sheet_url(theirs)).status_code == 404
    assert theirs.stamps.count() == 3


def test_member_of_a_stall_not_yet_approved_is_told_to_wait_for_approval(client, db):
    draft = DraftStorefrontFactory()
    membership = MembershipFactory(cooperative=draft.cooperative)
    client.force_login(membership.user)

    response = client.get(BATCHES)

    assert response.status_code == 403
    assert "Chỉ gian hàng đã được cán bộ Liên minh HTX duyệt mới khai báo được" in response.content.decode()


def test_a_suspended_stall_cannot_print_stamps(client, member, honey, stall):
    batch = BatchFactory(product=honey)
    Storefront.objects.filter(pk=stall.pk).update(status=Storefront.Status.SUSPENDED)

    assert client.get(sheet_url(batch)).status_code == 403


def test_a_visitor_who_is_not_signed_in_is_sent_to_log_in(client, honey):
    batch = BatchFactory(product=honey)

    response = client.get(batch_url(batch))

    assert response.status_code == 302
    assert reverse("customer:login") in response["Location"]
