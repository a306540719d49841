"""Validators for Vietnamese business data: tax / registration numbers and phone numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGISTRATION_NUMBER = re.compile(r"^\d{10}(-\d{3})?$")
# Mobile: 03x, 05x, 07x, 08x, 09x + 7 digits. Landline: 02 + area code, 11 digits in all.
PHONE = re.compile(r"^(0[35789]\d{8}|02\d{9})$")


def normalize_phone(value):
    """Drop the spaces, dots and dashes people type, and turn +84 into the leading 0."""
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def validate_registration_number(value):
    if not REGISTRATION_NUMBER.match(value or ""):
        raise ValidationError(
            _(
                "Mã số hợp tác xã / mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (ví dụ 0101234567-001)."
            ),
            code="invalid_registration_number",
        )


def validate_phone(value):
    if not PHONE.match(normalize_phone(value)):
        raise ValidationError(
            _("Số điện thoại không hợp lệ. Ví dụ: 0912 345 678 hoặc 024 3825 1234."),
            code="invalid_phone",
        )
