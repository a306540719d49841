"""The public stamp check: what a buyer sees after scanning a stamp or typing its serial, and the limit that keeps
serial-guessing scripts out."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ocop import serials, stamps, workflow
from ocop.models import OcopCertificate, Stamp
from storefronts.models import Storefront
from tests.factories import BatchFactory, OcopCertificateFactory, ProductFactory, StorefrontFactory

NOT_GENUINE = "Mã tem không hợp lệ – đây không phải tem chính hãng của Chợ HTX"
FIRST_CHECK = "Tem chính hãng – lần kiểm tra đầu tiên"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
VERIFY_FORM = reverse("ocop:verify-form")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """Each test starts with no lookups counted against any client."""
    cache.clear()
    yield
    cache.clear()


def verify_url(serial):
    return reverse("ocop:verify", kwargs={"serial": serial})


@pytest.fixture
def stall(db):
    return StorefrontFactory(name="Gian hàng Mật ong U Minh", cooperative__name="Hợp tác xã Ong mật U Minh Hạ")


@pytest.fixture
def honey(stall):
    return ProductFactory(storefront=stall, title="Mật ong rừng U Minh")


@pytest.fixture
def batch(honey):
    return BatchFactory(product=honey, lot_code="L2025-031", origin_area="Rừng tràm U Minh Hạ, xã Khánh An")


@pytest.fixture
def stamp(batch):
    stamps.generate_stamps(batch, 3)
    return batch.stamps.order_by("pk").first()


def mistyped(serial):
    """The serial with one symbol changed, as a buyer typing it might do."""
    replacement = "0" if serial[3] != "0" else "1"
    return serial[:3] + replacement + serial[4:]


# --- Genuine stamps ------------------------------------------------------------------------------------------------


def test_first_scan_of_a_real_stamp_says_it_is_genuine_and_shows_where_it_comes_from(client, stamp):
    response = client.get(verify_url(stamp.serial))

    page = response.content.decode()
    assert response.status_code == 200
    assert FIRST_CHECK in page
    for fact in (
        "Mật ong rừng U Minh",
        "Gian hàng Mật ong U Minh",
        "Hợp tác xã Ong mật U Minh Hạ",
        "L2025-031",
        "01/03/2025",
        "01/03/2027",
        "Rừng tràm U Minh Hạ, xã Khánh An",
        serials.display(stamp.serial),
    ):
        assert fact in page
    assert f'href="{stamp.batch.product.get_absolute_url()}"' in page
    stamp.refresh_from_db()
    assert stamp.check_count == 1
    assert stamp.first_checked_at is not None


def test_a_repeated_scan_warns_how_often_and_since_when_the_stamp_was_checked(client, stamp):
    first = datetime(2025, 3, 5, 9, 30, tzinfo=VIETNAM)
    stamps.check_stamp(stamp.serial, now=first)
    stamps.check_stamp(stamp.serial, now=first + timedelta(days=1))

    response = client.get(verify_url(stamp.serial))

    page = response.content.decode()
    assert response.status_code == 200
    assert FIRST_CHECK not in page
    assert "Tem này đã được kiểm tra 2 lần trước đây, lần đầu vào 09:30 05/03/2025." in page
    assert "tem có thể bị sao chép" in page
    stamp.refresh_from_db()
    assert stamp.check_count == 3
    assert stamp.first_checked_at == first


def test_a_second_scan_says_the_stamp_was_checked_once_before(client, stamp):
    client.get(verify_url(stamp.serial))

    page = client.get(verify_url(stamp.serial)).content.decode()

    assert "Tem này đã được kiểm tra 1 lần trước đây, lần đầu vào" in page


def test_a_typed_serial_in_lower_case_with_spaces_finds_the_stamp(client, stamp):
    typed = serials.display(stamp.serial).lower().replace("-", " ")

    response = client.get(VERIFY_FORM, {"serial": typed})

    assert response.status_code == 302
    assert response["Location"] == verify_url(stamp.serial)
    assert FIRST_CHECK in client.get(response["Location"]).content.decode()


def test_the_verify_form_is_a_plain_page_to_type_a_serial(client, db):
    response = client.get(VERIFY_FORM)

    assert response.status_code == 200
    assert 'name="serial"' in response.content.decode()


def test_the_verify_page_is_never_cached_nor_indexed(client, stamp):
    response = client.get(verify_url(stamp.serial))

    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_a_head_request_does_not_count_as_a_check(client, stamp):
    assert client.head(verify_url(stamp.serial)).status_code == 405

    stamp.refresh_from_db()
    assert stamp.check_count == 0


def test_the_product_is_not_linked_when_it_is_no_longer_on_sale(client, stamp, stall):
    Storefront.objects.filter(pk=stall.pk).update(status=Storefront.Status.SUSPENDED)

    page = client.get(verify_url(stamp.serial)).content.decode()

    assert "Mật ong rừng U Minh" in page
    assert f'href="{stamp.batch.product.get_absolute_url()}"' not in page


def test_the_check_is_shown_in_the_visitors_language(client, stamp):
    response = client.get(reverse("ocop:verify", kwargs={"serial": stamp.serial}).replace("/vi/", "/en/"))

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


# --- OCOP certificates on the verify page --------------------------------------------------------------------------


def test_only_a_valid_ocop_certificate_is_shown_on_the_verify_page(client, stamp, honey, union_staff):
    today = timezone.localdate()
    later, yesterday = today + timedelta(days=400), today - timedelta(days=1)
    verified = {"storefront": honey.storefront, "products": [honey], "status": OcopCertificate.Status.VERIFIED}
    OcopCertificateFactory(certificate_number="VALID-001/GCN", expiry_date=later, stars=4, **verified)
    OcopCertificateFactory(certificate_number="OLD-002/GCN", expiry_date=yesterday, stars=3, **verified)
    revoked = OcopCertificateFactory(certificate_number="REVOKED-003/GCN", expiry_date=later, **verified)
    workflow.revoke_certificate(revoked, union_staff, "Sản phẩm không còn đạt tiêu chuẩn.")
    OcopCertificateFactory(
        storefront=honey.storefront, products=[honey], certificate_number="WAITING-004/GCN", expiry_date=later
    )

    page = client.get(verify_url(stamp.serial)).content.decode()

    assert "VALID-001/GCN" in page
    assert (today + timedelta(days=400)).strftime("%d/%m/%Y") in page
    assert "4 sao" in page
    for hidden in ("OLD-002/GCN", "REVOKED-003/GCN", "WAITING-004/GCN"):
        assert hidden not in page


def test_a_product_without_a_valid_certificate_says_so(client, stamp):
    page = client.get(verify_url(stamp.serial)).content.decode()

    assert "Sản phẩm hiện không có giấy chứng nhận OCOP còn hiệu lực trên Chợ HTX." in page


# --- Stamps that are not ours --------------------------------------------------------------------------------------


def test_a_mistyped_serial_is_not_genuine_and_no_stamp_is_looked_up(client, stamp):
    wrong = mistyped(stamp.serial)
    assert serials.normalize(wrong) and not serials.is_well_formed(wrong)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(verify_url(wrong))

    assert response.status_code == 404
    assert NOT_GENUINE in response.content.decode()
    assert not [query for query in queries if "ocop_stamp" in query["sql"]]
    assert list(Stamp.objects.values_list("check_count", flat=True)) == [0, 0, 0]


def test_an_unknown_well_formed_serial_is_not_genuine(client, stamp):
    unknown = serials.new_serial()

    response = client.get(verify_url(unknown))

    assert response.status_code == 404
    assert NOT_GENUINE in response.content.decode()
    assert list(Stamp.objects.values_list("check_count", flat=True)) == [0, 0, 0]


@pytest.mark.parametrize("typed", ["abc", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "<img src=x onerror=alert(1)>"])
def test_a_serial_that_cannot_be_one_is_not_genuine(client, db, typed):
    response = client.get(verify_url(typed))

    page = response.content.decode()
    assert response.status_code == 404
    assert NOT_GENUINE in page
    assert "<img src=x" not in page


def test_the_form_refuses_what_cannot_be_a_serial_and_keeps_it(client, db):
    response = client.get(VERIFY_FORM, {"serial": "12345"})

    page = response.content.decode()
    assert response.status_code == 400
    assert NOT_GENUINE in page
    assert 'value="12345"' in page


def test_the_form_asks_for_a_serial_when_none_was_typed(client, db):
    response = client.get(VERIFY_FORM, {"serial": "  "})

    assert response.status_code == 400
    assert "Nhập mã tem in dưới mã QR." in response.content.decode()


# --- Rate limit ----------------------------------------------------------------------------------------------------


def test_the_thirty_first_check_within_ten_minutes_is_refused_and_not_counted(client, stamp):
    for _ in range(30):
        assert client.get(verify_url(stamp.serial)).status_code == 200

    response = client.get(verify_url(stamp.serial))

    assert response.status_code == 429
    assert "Bạn đã kiểm tra quá nhiều mã tem trong thời gian ngắn." in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 600
    assert "no-store" in response["Cache-Control"]
    stamp.refresh_from_db()
    assert stamp.check_count == 30
    assert client.get(VERIFY_FORM).status_code == 429


def test_malformed_serials_count_towards_the_limit_too(client, stamp):
    for _ in range(30):
        client.get(verify_url(mistyped(stamp.serial)))

    assert client.get(verify_url(stamp.serial)).status_code == 429


def test_another_client_is_not_affected_by_one_clients_limit(client, stamp):
    for _ in range(31):
        client.get(verify_url(stamp.serial), REMOTE_ADDR="203.0.113.7")

    response = client.get(verify_url(stamp.serial), REMOTE_ADDR="198.51.100.20")

    assert response.status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, stamp):
    for number in range(30):
        client.get(verify_url(stamp.serial), HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")

    response = client.get(verify_url(stamp.serial), HTTP_X_FORWARDED_FOR="10.0.0.99")

    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(client, stamp, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(31):
        client.get(verify_url(stamp.serial), HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7")

    assert client.get(verify_url(stamp.serial), HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert client.get(verify_url(stamp.serial), HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.20").status_code == 200


def test_the_limit_starts_afresh_in_the_next_window(rf, db):
    from ocop.ratelimit import STAMP_CHECKS

    request = rf.get("/", REMOTE_ADDR="203.0.113.7")
    start = 1_750_000_200  # the start of a ten-minute window
    decisions = [STAMP_CHECKS.hit(request, now=start + second) for second in range(31)]

    assert [decision.allowed for decision in decisions] == [True] * 30 + [False]
    assert decisions[-1].retry_after == 600 - 30
    assert STAMP_CHECKS.hit(request, now=start + 600).allowed
