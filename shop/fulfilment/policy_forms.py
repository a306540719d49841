"""The stall's shipping settings form: fees typed the way people write đồng ("25.000", "25000 đ"), delivery abroad
and free shipping each switched on by a tick box with its amount beside it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.seller_forms import WholeNumberField
from shop.fulfilment.models import MAX_HANDOVER_DAYS

MAX_FEE = 10_000_000  # đồng: more than any parcel costs, less than a typing slip of three zeros too many
MAX_THRESHOLD = 999_999_999


def amount_field(label, help_text, maximum=MAX_FEE, **kwargs):
    return WholeNumberField(
        label=label,
        help_text=help_text,
        minimum=0,
        maximum=maximum,
        error_messages={
            "required": _("Hãy nhập số tiền (0 nếu miễn phí)."),
            "letters": _("Hãy nhập số tiền bằng đồng, ví dụ 25000 hoặc 25.000."),
            "decimal": _("Số tiền tính bằng đồng chẵn, không có phần lẻ."),
            "format": _("Không đọc được số tiền “%(value)s”: dấu chấm chỉ dùng để ngăn cách hàng nghìn, ví dụ 25.000."),
            "too_small": _("Số tiền không được âm."),
            "too_large": _("Số tiền tối đa là %(maximum)s đồng."),
        },
        **kwargs,
    )


class ShippingPolicyForm(forms.Form):
    rate_in_region = amount_field(
        _("Phí giao trong miền (đồng)"), _("Cho người mua ở cùng miền (Bắc, Trung, Nam) với hợp tác xã.")
    )
    rate_other_regions = amount_field(_("Phí giao liên miền (đồng)"), _("Cho người mua ở hai miền còn lại."))
    delivers_abroad = forms.BooleanField(label=_("Giao ra nước ngoài"), required=False)
    rate_abroad = amount_field(_("Phí giao ra nước ngoài (đồng)"), _("Một mức phí cho mọi nước."), required=False)
    free_shipping = forms.BooleanField(label=_("Miễn phí giao cho đơn lớn"), required=False)
    free_over = amount_field(
        _("Miễn phí giao khi tiền hàng từ (đồng)"),
        _("Tính trên tiền hàng của gian hàng trong đơn."),
        maximum=MAX_THRESHOLD,
        required=False,
    )
    allows_pickup = forms.BooleanField(label=_("Cho phép người mua nhận hàng tại hợp tác xã"), required=False)
    handover_days = forms.IntegerField(
        label=_("Số ngày chuẩn bị hàng"),
        min_value=0,
        max_value=MAX_HANDOVER_DAYS,
        help_text=_("Số ngày từ khi xác nhận đơn tới khi giao hàng cho đơn vị vận chuyển (0: trong ngày)."),
        error_messages={
            "required": _("Hãy nhập số ngày chuẩn bị hàng (0 nếu gửi trong ngày)."),
            "invalid": _("Số ngày chuẩn bị hàng phải là một số nguyên, ví dụ 2."),
            "min_value": _("Số ngày chuẩn bị hàng không được âm."),
            "max_value": _("Số ngày chuẩn bị hàng tối đa là %(limit_value)s."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, policy=None, **kwargs):
        if policy is not None and not args:
            kwargs.setdefault("initial", initial_values(policy))
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("delivers_abroad") and cleaned.get("rate_abroad") is None and "rate_abroad" not in self.errors:
            self.add_error("rate_abroad", _("Hãy nhập phí giao ra nước ngoài, hoặc bỏ chọn “Giao ra nước ngoài”."))
        if cleaned.get("free_shipping") and cleaned.get("free_over") is None and "free_over" not in self.errors:
            self.add_error("free_over", _("Hãy nhập mức tiền hàng được miễn phí giao, hoặc bỏ chọn miễn phí giao."))
        return cleaned

    def choices(self):
        """What the stall chose, as ShippingPolicy values (an amount whose box is not ticked is not kept)."""
        data = self.cleaned_data
        return {
            "rate_in_region": data["rate_in_region"],
            "rate_other_regions": data["rate_other_regions"],
            "rate_abroad": data["rate_abroad"] if data["delivers_abroad"] else None,
            "free_over": data["free_over"] if data["free_shipping"] else None,
            "allows_pickup": data["allows_pickup"],
            "handover_days": data["handover_days"],
        }

    def amount_fields(self):
        return [self["rate_in_region"], self["rate_other_regions"]]


def initial_values(policy):
    return {
        "rate_in_region": policy.rate_in_region,
        "rate_other_regions": policy.rate_other_regions,
        "delivers_abroad": policy.rate_abroad is not None,
        "rate_abroad": policy.rate_abroad,
        "free_shipping": policy.free_over is not None,
        "free_over": policy.free_over,
        "allows_pickup": policy.allows_pickup,
        "handover_days": policy.handover_days,
    }
