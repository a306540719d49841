"""A buyer pays by bank transfer with VietQR; union staff or a stall in the order record the money when it arrives."""

import re

import pytest
import zxingcpp
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image, ImageDraw

from shop.fulfilment.models import StallOrder
from shop.payments.models import Payment, Refund
from tests.factories import MembershipFactory, StorefrontFactory, UserFactory
from tests.shop.checkout.conftest import add_to_basket, check_out
from tests.shop.payments.conftest import new_order_recipients
from tests.shop.payments.test_vietqr import fields

Order = get_model("order", "Order")

TOTAL = 2 * 185_000 + 240_000 + 40_000 + 25_000  # 2 honey (Cà Mau) and 1 tea (Lào Cai) shipped to Hà Nội


@pytest.fixture
def buyer(db):
    return UserFactory(email="lan@example.vn")


@pytest.fixture
def transfer_order(client, buyer, honey, tea, honey_owner, tea_owner, bank_account, django_capture_on_commit_callbacks):
    """A signed-in buyer ordered 2 honey and 1 tea, chose bank transfer, and is on the transfer page."""
    client.force_login(buyer)
    add_to_basket(client, honey, 2)
    add_to_basket(client, tea)
    with django_capture_on_commit_callbacks(execute=True):
        placed = check_out(client, [honey.storefront, tea.storefront], method="bank_transfer")
    order = Order.objects.get()
    assert placed.url == reverse("payments:pay", kwargs={"number": order.number})
    mail.outbox.clear()  # the buyer's "order received" e-mail; the tests look at what comes after
    return order


def confirm_url(order):
    return reverse("payments-dashboard:confirm-transfer", kwargs={"pk": Payment.objects.get(order=order).pk})


def svg_to_image(svg, pixels_per_module=8):
    """Draw segno's inline SVG (one path of horizontal strokes: M/m moves, h lines) as a picture a scanner reads."""
    scale = float(re.search(r"scale\(([\d.]+)\)", svg).group(1))
    size = round(float(re.search(r'width="([\d.]+)"', svg).group(1)) / scale)
    image = Image.new("L", (size * pixels_per_module, size * pixels_per_module), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, first, second in re.findall(r"([MmHh])(-?[\d.]+)(?: (-?[\d.]+))?", re.search(r' d="([^"]+)"', svg)[1]):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            length = float(first)
            row = int(y)
            draw.rectangle(
                [
                    x * pixels_per_module,
                    row * pixels_per_module,
                    (x + length) * pixels_per_module - 1,
                    (row + 1) * pixels_per_module - 1,
                ],
                fill=0,
            )
            x += length
    return image


def test_buyer_sees_the_account_amount_and_exact_transfer_content(client, transfer_order):
    page = client.get(reverse("payments:pay", kwargs={"number": transfer_order.number}))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Vietcombank" in html and "0071000123456" in html and "LIEN MINH HTX VIET NAM" in html
    assert "675.000\xa0₫" in html
    assert f'<strong id="transfer-content">CHOHTX {transfer_order.number}</strong>' in html
    assert "<svg" in html and "<script" not in html.split('id="vietqr-figure"')[1].split("</figure>")[0]
    assert transfer_order.status == "awaiting-payment"


def test_the_qr_on_the_page_scans_as_a_transfer_of_the_order_total_with_its_reference(client, transfer_order):
    html = client.get(reverse("payments:pay", kwargs={"number": transfer_order.number})).content.decode()
    svg = re.search(r'<svg[^>]*id="vietqr".*?</svg>', html, re.S).group(0)

    [barcode] = zxingcpp.read_barcodes(svg_to_image(svg))

    scanned = fields(barcode.text)
    assert scanned["54"] == str(TOTAL)
    assert fields(scanned["62"])["08"] == f"CHOHTX {transfer_order.number}"
    assert fields(fields(scanned["38"])["01"]) == {"00": "970436", "01": "0071000123456"}


def test_bank_transfer_is_not_offered_until_the_account_is_set(client, honey):
    add_to_basket(client, honey)

    page = client.get(reverse("fulfilment:checkout")).content.decode()

    assert "Chuyển khoản ngân hàng (VietQR)" not in page


def test_union_staff_confirm_the_money_and_both_stalls_are_told_to_prepare(
    client, transfer_order, union_staff, honey_owner, tea_owner, django_capture_on_commit_callbacks
):
    staff = Client()
    staff.force_login(union_staff)
    waiting = staff.get(reverse("payments-dashboard:transfers")).content.decode()
    assert f"CHOHTX {transfer_order.number}" in waiting

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(confirm_url(transfer_order), follow=True)

    assert response.status_code == 200
    assert "Đã xác nhận nhận tiền chuyển khoản" in response.content.decode()
    transfer_order.refresh_from_db()
    assert transfer_order.status == "placed"
    payment = Payment.objects.get(order=transfer_order)
    assert payment.status == Payment.Status.SUCCEEDED
    assert payment.reference == f"transfer-confirmed-by-{union_staff.pk}"
    assert new_order_recipients() == sorted([honey_owner.email, tea_owner.email])
    assert f"CHOHTX {transfer_order.number}" not in staff.get(reverse("payments-dashboard:transfers")).content.decode()
    buyer_page = client.get(reverse("fulfilment:order", kwargs={"number": transfer_order.number})).content.decode()
    assert "Đã thanh toán" in buyer_page and 'id="pay-now"' not in buyer_page


def test_stall_owner_confirms_from_their_order_page(
    client, transfer_order, honey_owner, django_capture_on_commit_callbacks
):
    stall = Client()
    stall.force_login(honey_owner)
    stall_order = StallOrder.objects.get(order=transfer_order, storefront__name="Mật ong U Minh")
    detail = reverse("fulfilment-seller:detail", kwargs={"pk": stall_order.pk})
    assert 'id="confirm-transfer"' in stall.get(detail).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = stall.post(reverse("fulfilment-seller:transfer-received", kwargs={"pk": stall_order.pk}))

    assert response.status_code == 302 and response.url == detail
    page = stall.get(detail).content.decode()
    assert "Đã xác nhận nhận tiền chuyển khoản" in page
    assert 'id="confirm-transfer"' not in page
    transfer_order.refresh_from_db()
    assert transfer_order.status == "placed"
    assert len(new_order_recipients()) == 2


def test_confirming_twice_tells_the_stalls_only_once(transfer_order, union_staff, django_capture_on_commit_callbacks):
    staff = Client()
    staff.force_login(union_staff)

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(confirm_url(transfer_order))
        second = staff.post(confirm_url(transfer_order), follow=True)

    assert "đã được ghi nhận thanh toán trước đó" in second.content.decode()
    assert len(new_order_recipients()) == 2


@pytest.fixture
def other_stall_owner(db):
    """The owner of a stall that has nothing in the order."""
    return MembershipFactory(
        cooperative=StorefrontFactory(name="Gạo ST25").cooperative, user__email="gao@example.vn"
    ).user


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 302),  # to the dashboard's login page
        ("buyer", 403),
        ("honey_owner", 403),  # a stall in the order confirms from its own desk, never through /dashboard/
        ("other_stall_owner", 403),
        ("staff_without_permission", 403),
    ],
)
def test_nobody_else_can_confirm_a_transfer_in_the_dashboard(who, status, request, transfer_order):
    intruder = Client()
    if who == "staff_without_permission":
        intruder.force_login(UserFactory(is_staff=True))
    elif who != "anonymous":
        intruder.force_login(request.getfixturevalue(who))

    response = intruder.post(confirm_url(transfer_order))

    assert response.status_code == status
    transfer_order.refresh_from_db()
    assert transfer_order.status == "awaiting-payment"
    assert Payment.objects.get(order=transfer_order).status == Payment.Status.PENDING
    assert mail.outbox == []


def test_confirming_needs_the_forms_csrf_token(transfer_order, union_staff):
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(union_staff)

    response = staff.post(confirm_url(transfer_order))

    assert response.status_code == 403
    assert Payment.objects.get(order=transfer_order).status == Payment.Status.PENDING


def test_confirming_is_a_post_not_a_link(transfer_order, union_staff):
    staff = Client()
    staff.force_login(union_staff)

    assert staff.get(confirm_url(transfer_order)).status_code == 405


def test_the_transfers_list_is_for_staff_with_the_permission(transfer_order, honey_owner):
    anonymous = Client().get(reverse("payments-dashboard:transfers"))
    member = Client()
    member.force_login(honey_owner)

    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("dashboard:login"))
    assert member.get(reverse("payments-dashboard:transfers")).status_code == 403


def test_a_stall_cancelling_a_paid_transfer_order_leaves_its_share_for_staff_to_send_back(
    transfer_order, union_staff, honey_owner, django_capture_on_commit_callbacks
):
    staff = Client()
    staff.force_login(union_staff)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(confirm_url(transfer_order))
    stall = Client()
    stall.force_login(honey_owner)
    honey_part = StallOrder.objects.get(order=transfer_order, storefront__name="Mật ong U Minh")

    with django_capture_on_commit_callbacks(execute=True):
        response = stall.post(
            reverse("fulfilment-seller:action", kwargs={"pk": honey_part.pk, "action": "cancel"}),
            {"reason": "Hết mật ong vụ này"},
        )

    assert response.status_code == 302
    refund = Refund.objects.get()
    assert refund.amount == 2 * 185_000 + 40_000
    assert refund.reference == ""  # nothing was sent by a provider: staff transfer it back by hand
    page = staff.get(reverse("payments-dashboard:transfers")).content.decode()
    refunds = page.split('id="transfer-refunds"')[1]
    assert transfer_order.number in refunds and "410.000\xa0₫" in refunds
