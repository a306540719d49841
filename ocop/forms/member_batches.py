"""A member's forms of traceability stamps: a new production batch and a request for stamps of a batch.

The forms read what was typed; the rules of a batch and of its stamps live in ``ocop.stamps``, whose messages the
forms attach to their fields.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from ocop import stamps
from ocop.forms.dates import date_field
from ocop.models import Batch

Product = get_model("catalogue", "Product")


def batch_products(storefront):
    """The stall's own products a batch may be of (a variant's batch is recorded on its parent product)."""
    return Product.objects.filter(storefront=storefront).exclude(structure=Product.CHILD).order_by("title", "pk")


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, product):
        return product.get_title()


def model_field(name):
    return Batch._meta.get_field(name)


class BatchForm(forms.Form):
    """A production batch of one of the member's products; saved through ``stamps.create_batch``."""

    product = ProductChoiceField(
        label=model_field("product").verbose_name,
        queryset=Product.objects.none(),
        empty_label=_("— Chọn sản phẩm —"),
        error_messages={
            "required": _("Chọn sản phẩm của lô."),
            "invalid_choice": _("Sản phẩm này không thuộc gian hàng của bạn."),
        },
    )
    lot_code = forms.CharField(
        label=model_field("lot_code").verbose_name,
        max_length=model_field("lot_code").max_length,
        help_text=_("Mã lô in trên bao bì, ví dụ L2025-031. Mỗi lô của một sản phẩm có một mã riêng."),
        error_messages={
            "required": _("Nhập mã lô in trên bao bì."),
            "max_length": _("Mã lô dài tối đa %(limit_value)d ký tự; bạn đã nhập %(show_value)d ký tự."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    production_date = date_field(model_field("production_date").verbose_name)
    expiry_date = date_field(
        _("Hạn sử dụng đến"), required=False, help_text=_("Ngày hết hạn sử dụng in trên bao bì, nếu có.")
    )
    quantity = forms.IntegerField(
        label=model_field("quantity").verbose_name,
        min_value=1,
        help_text=_("Số sản phẩm (hũ, gói, chai…) trong lô. Mỗi sản phẩm được tối đa 10 tem."),
        error_messages={
            "required": _("Nhập số sản phẩm trong lô."),
            "invalid": _("Số lượng là một số nguyên, ví dụ 500."),
            "min_value": stamps.QUANTITY_TOO_SMALL,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    origin_area = forms.CharField(
        label=model_field("origin_area").verbose_name,
        max_length=model_field("origin_area").max_length,
        required=False,
        help_text=_("Nơi thu hoạch nguyên liệu của lô này, ví dụ rừng tràm U Minh Hạ, xã Khánh An."),
    )
    notes = forms.CharField(label=model_field("notes").verbose_name, required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, data=None, *, storefront, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["product"].queryset = batch_products(storefront)

    def save(self):
        """The new batch, or None with the broken rules attached to their fields."""
        try:
            return stamps.create_batch(**self.cleaned_data)
        except ValidationError as invalid:
            for name, messages in invalid.message_dict.items():
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
            return None


class GenerateStampsForm(forms.Form):
    count = forms.IntegerField(
        label=_("Số tem cần tạo"),
        min_value=1,
        help_text=_("Từ 1 đến 10.000 tem mỗi lần."),
        error_messages={
            "required": _("Nhập số tem cần tạo."),
            "invalid": _("Số tem là một số nguyên, ví dụ 200."),
            "min_value": _("Số tem cần tạo phải từ 1 trở lên."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def generate(self, batch):
        """The new serials, or None with the refusal attached to the count."""
        try:
            return stamps.generate_stamps(batch, self.cleaned_data["count"])
        except stamps.StampsRefused as refused:
            self.add_error("count", refused.message)
            return None
