"""The orders list's filters, read from the query string, and the cancellation form.

The filters are lenient: a value that does not make sense (a date typed wrong, a stall that no longer exists) is
dropped with a message saying so, the other filters still apply, and the list is shown (never an error page).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.fulfilment.models import StallOrder
from shop.fulfilment.services import OrderStatus
from shop.visible_text import UserTextField
from storefronts.models import Province, Storefront

AWAITING_PAYMENT = OrderStatus.AWAITING_PAYMENT
STATUS_CHOICES = [("", _("Mọi trạng thái")), (AWAITING_PAYMENT, OrderStatus.LABELS[AWAITING_PAYMENT])]
STATUS_CHOICES += list(StallOrder.Status.choices)


class OrderFilterForm(forms.Form):
    q = forms.CharField(label=_("Mã đơn, tên hoặc thư điện tử người mua"), required=False, max_length=200)
    stall = forms.ModelChoiceField(
        label=_("Gian hàng"),
        queryset=Storefront.objects.exclude(partner=None).order_by("name"),
        required=False,
        empty_label=_("Mọi gian hàng"),
        error_messages={"invalid_choice": _("Không có gian hàng này; đang hiện đơn của mọi gian hàng.")},
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh/thành của gian hàng"),
        queryset=Province.objects.order_by("name"),
        required=False,
        empty_label=_("Mọi tỉnh/thành"),
        error_messages={"invalid_choice": _("Không có tỉnh/thành này; đang hiện đơn của mọi tỉnh/thành.")},
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=STATUS_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Trạng thái không hợp lệ; đang hiện đơn ở mọi trạng thái.")},
    )
    placed_from = forms.DateField(
        label=_("Đặt từ ngày"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("“Đặt từ ngày” không phải ngày hợp lệ (ví dụ 2026-12-01); đã bỏ qua.")},
    )
    placed_to = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("“Đến ngày” không phải ngày hợp lệ (ví dụ 2026-12-31); đã bỏ qua.")},
    )

    def __init__(self, query):
        super().__init__(query)
        self.notices = []
        self.is_valid()
        for name, errors in self.errors.items():
            self.notices.extend(errors)
            self.data = self.data.copy()
            self.data[name] = ""  # the form shows the filter actually applied

    def filters(self):
        """The valid filters only."""
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


class CancelForm(forms.Form):
    reason = UserTextField(
        label=_("Lý do hủy (người mua và gian hàng đều đọc được)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"required": _("Vui lòng cho người mua và gian hàng biết lý do hủy.")},
    )
