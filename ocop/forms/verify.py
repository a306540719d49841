"""The public stamp lookup: the serial printed under a stamp's QR code, as a buyer types it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ocop import serials

NOT_GENUINE = _("Mã tem không hợp lệ – đây không phải tem chính hãng của Chợ HTX")


class StampLookupForm(forms.Form):
    """The serial printed under a stamp's QR code, as a buyer types it."""

    serial = forms.CharField(
        label=_("Mã tem"),
        max_length=40,
        help_text=_("11 ký tự in dưới mã QR, ví dụ 7K3M-Q9TD-2XC. Không cần gõ dấu gạch ngang."),
        error_messages={"required": _("Nhập mã tem in dưới mã QR."), "max_length": NOT_GENUINE},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "type": "search"}
        ),
    )

    def clean_serial(self):
        serial = serials.normalize(self.cleaned_data["serial"])
        if serial is None:
            raise ValidationError(NOT_GENUINE)
        return serial
