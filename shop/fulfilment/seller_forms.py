"""The order desk's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.fulfilment.models import StallOrder
from shop.fulfilment.order_desk import CASH_ON_DELIVERY


class DeskFilterForm(forms.Form):
    """What the desk lists: a status, cash on delivery only, the days the orders were placed (both included)."""

    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả"))] + list(StallOrder.Status.choices), required=False
    )
    payment = forms.ChoiceField(
        label=_("Thanh toán"),
        choices=[("", _("Mọi cách")), (CASH_ON_DELIVERY, _("Thu tiền khi giao hàng"))],
        required=False,
    )
    placed_from = forms.DateField(
        label=_("Đặt từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    placed_to = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"

    def clean(self):
        data = super().clean()
        start, end = data.get("placed_from"), data.get("placed_to")
        if start and end and start > end:
            self.add_error("placed_to", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
        return data

    def filters(self):
        """The filters that are valid; a bad field is left out (and shown with its error) instead of failing."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
