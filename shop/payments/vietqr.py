"""VietQR: the EMVCo merchant-presented QR that every Vietnamese banking app reads for a NAPAS 247 transfer.

The payload is a string of ID-length-value fields: who receives (bank BIN and account, under NAPAS's GUID
A000000727 and service code QRIBFTTA), how much (whole đồng, currency 704), the transfer content the buyer's app
fills in, and a CRC-16/CCITT-FALSE over everything before it. It is dynamic (point of initiation "12") because it
carries the amount of one order. The QR is drawn as inline SVG by segno, so the page makes no outside request.
"""

import re

import segno
from django.utils.safestring import mark_safe

NAPAS_GUID = "A000000727"
TRANSFER_TO_ACCOUNT = "QRIBFTTA"  # NAPAS 247 service: fast transfer to an account number
VND = "704"
MAX_PURPOSE = 25

# The banks most cooperatives hold accounts with, by NAPAS BIN; any other BIN is shown as the number alone.
BANKS = {
    "970403": "Sacombank",
    "970405": "Agribank",
    "970407": "Techcombank",
    "970415": "VietinBank",
    "970416": "ACB",
    "970418": "BIDV",
    "970422": "MB Bank",
    "970423": "TPBank",
    "970432": "VPBank",
    "970436": "Vietcombank",
}


def field(tag, value):
    if len(value) > 99:
        raise ValueError(f"VietQR field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16(data):
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) as EMVCo asks, 4 uppercase hex digits."""
    crc = 0xFFFF
    for byte in data.encode("ascii"):
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def transfer_content(order_number):
    """What the buyer types as the transfer's content, so staff can match the money to the order.

    Banks drop or mangle accents and most punctuation, so it is plain ASCII letters, digits and spaces.
    """
    content = re.sub(r"[^A-Za-z0-9 ]", "", f"CHOHTX {order_number}")
    return content[:MAX_PURPOSE]


def payload(bin_code, account, amount, purpose):
    """The VietQR string for a transfer of ``amount`` đồng to ``account`` at the bank ``bin_code``."""
    if not re.fullmatch(r"\d{6}", bin_code):
        raise ValueError("a NAPAS bank BIN has 6 digits")
    if not re.fullmatch(r"[A-Za-z0-9]{1,19}", account):
        raise ValueError("an account number has 1 to 19 letters or digits")
    if int(amount) <= 0:
        raise ValueError("the amount must be positive")
    if len(purpose) > MAX_PURPOSE or not purpose.isascii():
        raise ValueError("the transfer content must be ASCII and at most 25 characters")
    beneficiary = field("00", bin_code) + field("01", account)
    account_information = field("00", NAPAS_GUID) + field("01", beneficiary) + field("02", TRANSFER_TO_ACCOUNT)
    body = (
        field("00", "01")
        + field("01", "12")
        + field("38", account_information)
        + field("53", VND)
        + field("54", str(int(amount)))
        + field("58", "VN")
        + field("62", field("08", purpose))
        + "6304"
    )
    return body + crc16(body)


def qr_code(data):
    # Error correction M, as banks print their own VietQR codes; byte mode keeps the string exactly as built.
    return segno.make_qr(data, error="m", boost_error=False)


def svg(data, title=""):
    """The QR as an inline <svg> element (safe markup), with a title for screen readers."""
    # segno escapes the title; the rest is its own markup.
    return mark_safe(qr_code(data).svg_inline(scale=5, border=4, svgid="vietqr", title=title or None))
