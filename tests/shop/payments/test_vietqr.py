"""The VietQR string a banking app reads: EMVCo fields, NAPAS's account block, the CRC, and the QR that carries it."""

import io
import re

import pytest
import zxingcpp
from PIL import Image

from shop.payments import vietqr

# A transfer of 120 000 đ to VietinBank account 0011001932418, as printed by an independent VietQR encoder
# (github.com/subiz/vietqr, README), CRC included.
PUBLISHED_EXAMPLE = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
    "530370454061200005802VN62170813ung ho lu lut6304C15C"
)


def fields(data):
    """EMVCo ID-length-value fields as a dict (IDs are unique at each level of a VietQR payload)."""
    found = {}
    while data:
        tag, length = data[:2], int(data[2:4])
        found[tag] = data[4 : 4 + length]
        data = data[4 + length :]
    return found


def crc_ccitt_false(data):
    """CRC-16/CCITT-FALSE written out bit by bit, independently of the code under test."""
    crc = 0xFFFF
    for bit in "".join(f"{byte:08b}" for byte in data.encode()):
        top = (crc >> 15) & 1
        crc = (crc << 1) & 0xFFFF
        if top ^ int(bit):
            crc ^= 0x1021
    return f"{crc:04X}"


def test_payload_matches_a_published_vietqr_example():
    assert vietqr.payload("970415", "0011001932418", 120_000, "ung ho lu lut") == PUBLISHED_EXAMPLE


def test_payload_names_the_account_the_amount_in_dong_and_the_order_reference():
    data = vietqr.payload("970436", "0071000123456", 675_000, "CHOHTX 100001")

    root = fields(data)
    assert root["00"] == "01"
    assert root["01"] == "12"  # dynamic: it carries one order's amount
    assert root["53"] == "704"  # VND
    assert root["54"] == "675000"
    assert root["58"] == "VN"
    account = fields(root["38"])
    assert account["00"] == "A000000727"
    assert fields(account["01"]) == {"00": "970436", "01": "0071000123456"}
    assert account["02"] == "QRIBFTTA"
    assert fields(root["62"]) == {"08": "CHOHTX 100001"}
    assert list(root) == ["00", "01", "38", "53", "54", "58", "62", "63"]


def test_crc_covers_everything_before_it_including_its_own_tag():
    data = vietqr.payload("970436", "0071000123456", 675_000, "CHOHTX 100001")

    assert re.fullmatch(r".*6304[0-9A-F]{4}", data)
    assert data[-4:] == crc_ccitt_false(data[:-4])
    assert vietqr.crc16("123456789") == "29B1"  # the standard check value of CRC-16/CCITT-FALSE


def test_transfer_content_is_plain_ascii_that_banks_keep_intact():
    assert vietqr.transfer_content("100001") == "CHOHTX 100001"
    assert vietqr.transfer_content("1000/01-Đ") == "CHOHTX 100001"
    assert len(vietqr.transfer_content("9" * 40)) == 25


@pytest.mark.parametrize(
    ("bin_code", "account", "amount", "purpose"),
    [
        ("97043", "0071000123456", 1000, "CHOHTX 1"),  # a BIN has 6 digits
        ("970436", "", 1000, "CHOHTX 1"),
        ("970436", "0071000123456", 0, "CHOHTX 1"),
        ("970436", "0071000123456", 1000, "Thanh toán đơn"),  # accents do not survive bank transfers
        ("970436", "0071000123456", 1000, "X" * 26),
    ],
)
def test_payload_refuses_what_a_bank_would_reject(bin_code, account, amount, purpose):
    with pytest.raises(ValueError):
        vietqr.payload(bin_code, account, amount, purpose)


def test_the_qr_code_scans_back_to_the_exact_payload():
    data = vietqr.payload("970436", "0071000123456", 675_000, "CHOHTX 100001")
    png = io.BytesIO()
    vietqr.qr_code(data).save(png, kind="png", scale=6, border=4)

    [barcode] = zxingcpp.read_barcodes(Image.open(png))

    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert barcode.text == data
    assert fields(barcode.text)["54"] == "675000"
    assert fields(fields(barcode.text)["62"])["08"] == "CHOHTX 100001"
