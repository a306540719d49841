"""A buyer pays through VNPay: a signed redirect out, VNPay's signed IPN and the buyer's signed return back.

VNPay's side is played by this file: it signs the way VNPay's documentation and samples do (HMAC-SHA512 over the
sorted ``vnp_*`` parameters, each ``key=quote_plus(value)``), written out here rather than taken from our code.
"""

import hashlib
import hmac
import json
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, quote_plus, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments.models import Payment, ProviderEvent
from tests.shop.checkout.conftest import add_to_basket, check_out
from tests.shop.payments.conftest import new_order_recipients

Order = get_model("order", "Order")

TMN_CODE = "CHOHTX01"
HASH_SECRET = "VNPAYTESTSECRETCHOHTX0123456789AB"
TOTAL = 2 * 185_000 + 240_000 + 40_000 + 25_000  # 2 honey (Cà Mau) and 1 tea (Lào Cai) shipped to Hà Nội


def vnpay_signature(params, secret=HASH_SECRET):
    """VNPay's signature: its own two fields left out, the other vnp_* fields sorted and URL-encoded."""
    signed = {
        k: v for k, v in params.items() if k.startswith("vnp_") and k not in ("vnp_SecureHash", "vnp_SecureHashType")
    }
    data = "&".join(f"{key}={quote_plus(str(value))}" for key, value in sorted(signed.items()))
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


@pytest.fixture
def vnpay(settings):
    settings.VNPAY_TMN_CODE = TMN_CODE
    settings.VNPAY_HASH_SECRET = HASH_SECRET
    settings.VNPAY_PAYMENT_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"


@pytest.fixture
def vnpay_order(client, honey, tea, honey_owner, tea_owner, vnpay, django_capture_on_commit_callbacks):
    """A guest ordered 2 honey and 1 tea and chose VNPay; the order waits for the money."""
    add_to_basket(client, honey, 2)
    add_to_basket(client, tea)
    with django_capture_on_commit_callbacks(execute=True):
        placed = check_out(client, [honey.storefront, tea.storefront], method="vnpay")
    order = Order.objects.get()
    assert placed.url == reverse("payments:pay", kwargs={"number": order.number})
    return order


def vnpay_result(order, *, amount=TOTAL, response_code="00", transaction_no="14226112", secret=HASH_SECRET):
    """What VNPay sends back (to the IPN and, the same, to the return URL) after the buyer paid, signed."""
    params = {
        "vnp_Amount": str(amount * 100),
        "vnp_BankCode": "NCB",
        "vnp_BankTranNo": "VNP14226112",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": f"Thanh toan don hang {order.number}",
        "vnp_PayDate": "20250601103045",
        "vnp_ResponseCode": response_code,
        "vnp_TmnCode": TMN_CODE,
        "vnp_TransactionNo": transaction_no,
        "vnp_TransactionStatus": response_code,
        "vnp_TxnRef": str(order.number),
    }
    return {**params, "vnp_SecureHashType": "HmacSHA512", "vnp_SecureHash": vnpay_signature(params, secret)}


def send_ipn(client, params):
    return client.get(reverse("payments-webhooks:webhook", kwargs={"code": "vnpay"}), params)


def rsp_code(response):
    return json.loads(response.content)["RspCode"]


def unchanged(order):
    order.refresh_from_db()
    return order.status == "awaiting-payment" and Payment.objects.get(order=order).status == Payment.Status.PENDING


def test_buyer_is_sent_to_vnpay_with_a_signed_request_for_the_order_total(client, vnpay_order):
    response = client.get(reverse("payments:pay", kwargs={"number": vnpay_order.number}), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302
    url = urlsplit(response.url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    signed_part, _, signature = url.query.rpartition("&vnp_SecureHash=")
    params = dict(parse_qsl(url.query))
    assert hmac.compare_digest(signature, vnpay_signature(params))
    assert signed_part == "&".join(f"{k}={quote_plus(v)}" for k, v in sorted(params.items()) if k != "vnp_SecureHash")
    assert params["vnp_Amount"] == str(TOTAL * 100)
    assert params["vnp_TxnRef"] == str(vnpay_order.number)
    assert params["vnp_OrderInfo"] == f"Thanh toan don hang {vnpay_order.number}"
    assert params["vnp_ReturnUrl"] == "http://testserver/vi/checkout/pay/return/vnpay/"
    assert params["vnp_IpAddr"] == "203.0.113.7"
    assert params["vnp_Locale"] == "vn"
    assert {k: params[k] for k in ("vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_CurrCode", "vnp_OrderType")} == {
        "vnp_Version": "2.1.0",
        "vnp_Command": "pay",
        "vnp_TmnCode": TMN_CODE,
        "vnp_CurrCode": "VND",
        "vnp_OrderType": "other",
    }
    created = datetime.strptime(params["vnp_CreateDate"], "%Y%m%d%H%M%S")
    vietnam_now = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None)
    assert abs(vietnam_now - created) < timedelta(minutes=1)  # VNPay reads these times as Vietnam's (GMT+7)
    assert datetime.strptime(params["vnp_ExpireDate"], "%Y%m%d%H%M%S") - created == timedelta(minutes=15)


def test_english_speaking_buyer_sees_vnpay_in_english(client, vnpay_order):
    response = client.get(reverse("payments:pay", kwargs={"number": vnpay_order.number}).replace("/vi/", "/en/"))

    params = dict(parse_qsl(urlsplit(response.url).query))
    assert params["vnp_Locale"] == "en"
    assert params["vnp_ReturnUrl"] == "http://testserver/en/checkout/pay/return/vnpay/"


def test_signed_ipn_marks_the_order_paid_once_even_if_sent_five_times(
    client, vnpay_order, honey_owner, tea_owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [send_ipn(client, vnpay_result(vnpay_order)) for _ in range(5)]

    assert [response.status_code for response in answers] == [200] * 5
    assert [rsp_code(response) for response in answers] == ["00", "02", "02", "02", "02"]
    assert json.loads(answers[0].content)["Message"] == "Confirm Success"
    vnpay_order.refresh_from_db()
    assert vnpay_order.status == "placed"
    payment = Payment.objects.get(order=vnpay_order)
    assert payment.status == Payment.Status.SUCCEEDED and payment.reference == "14226112"
    assert new_order_recipients() == sorted([honey_owner.email, tea_owner.email])
    assert ProviderEvent.objects.filter(provider="vnpay").count() == 1


def test_ipn_with_a_tampered_amount_changes_nothing(client, vnpay_order):
    params = vnpay_result(vnpay_order)
    params["vnp_Amount"] = "100"  # 1 đ instead of the total, signature left as it was

    response = send_ipn(client, params)

    assert response.status_code == 400 and rsp_code(response) == "97"
    assert unchanged(vnpay_order)


@pytest.mark.parametrize("signature", ["missing", "wrong secret", "garbled"])
def test_ipn_without_a_valid_signature_changes_nothing(client, vnpay_order, signature):
    if signature == "wrong secret":
        params = vnpay_result(vnpay_order, secret="SOMEONE-ELSES-SECRET")
    else:
        params = vnpay_result(vnpay_order)
        if signature == "missing":
            del params["vnp_SecureHash"]
        else:
            params["vnp_SecureHash"] = params["vnp_SecureHash"][:-4] + "0000"

    response = send_ipn(client, params)

    assert response.status_code == 400 and rsp_code(response) == "97"
    assert unchanged(vnpay_order)
    assert not ProviderEvent.objects.exists()


def test_signed_ipn_with_a_different_amount_is_refused_with_04(client, vnpay_order):
    response = send_ipn(client, vnpay_result(vnpay_order, amount=TOTAL - 1000))

    assert rsp_code(response) == "04"
    assert unchanged(vnpay_order)


def test_ipn_for_an_unknown_order_answers_01(client, vnpay_order):
    params = vnpay_result(vnpay_order)
    params["vnp_TxnRef"] = "999999"
    params["vnp_SecureHash"] = vnpay_signature(params)

    response = send_ipn(client, params)

    assert response.status_code == 200 and rsp_code(response) == "01"
    assert unchanged(vnpay_order)


def test_failed_payment_lets_the_buyer_try_again(client, vnpay_order):
    response = send_ipn(client, vnpay_result(vnpay_order, response_code="24", transaction_no="0"))

    assert rsp_code(response) == "00"  # VNPay's notice was received; the payment itself failed
    assert Payment.objects.get(order=vnpay_order).status == Payment.Status.FAILED
    page = client.get(reverse("fulfilment:order", kwargs={"number": vnpay_order.number})).content.decode()
    assert 'id="pay-now"' in page
    again = client.get(reverse("payments:pay", kwargs={"number": vnpay_order.number}))
    assert again.status_code == 302 and again.url.startswith("https://sandbox.vnpayment.vn/")


def test_buyer_returning_from_a_successful_payment_sees_their_order_paid(
    client, vnpay_order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("payments:return", kwargs={"code": "vnpay"}), vnpay_result(vnpay_order))

    order_url = reverse("fulfilment:order", kwargs={"number": vnpay_order.number})
    assert response.status_code == 302 and response.url == order_url
    assert "Đã thanh toán" in client.get(order_url).content.decode()
    # VNPay's IPN arrives after the buyer: already done, nothing happens twice.
    assert rsp_code(send_ipn(client, vnpay_result(vnpay_order))) == "02"
    assert len(new_order_recipients()) == 2


def test_buyer_returning_with_a_tampered_result_is_refused(client, vnpay_order):
    params = vnpay_result(vnpay_order, response_code="24")
    params["vnp_ResponseCode"] = params["vnp_TransactionStatus"] = "00"

    response = client.get(reverse("payments:return", kwargs={"code": "vnpay"}), params)

    assert response.status_code == 400
    assert unchanged(vnpay_order)


def test_vnpay_is_not_offered_until_its_codes_are_set(client, honey):
    add_to_basket(client, honey)

    assert "VNPay" not in client.get(reverse("fulfilment:checkout")).content.decode()
