"""Union staff's review of stall applications: the queue's filters and the decisions a reviewer can take.

A decision is named by the slug in its URL (``approve``, ``request-changes``...). Which decisions are legal for a
stall comes from the workflow's own steps, so the page never offers a button the workflow would refuse.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.review.forms import Decision, QueueFilterForm, status_filter
from storefronts import workflow
from storefronts.models import Province, Storefront

Status = Storefront.Status


class StallQueueFilterForm(QueueFilterForm):
    """The queue's status and province filters; an unknown value falls back to "submitted" or to every province."""

    DEFAULTS = {"status": Status.SUBMITTED, "province": ""}

    status = status_filter(Status.choices, _("Không có trạng thái “%(value)s”; danh sách đang hiện hồ sơ chờ duyệt."))
    province = forms.ModelChoiceField(
        label=_("Tỉnh / thành phố"),
        queryset=Province.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tất cả tỉnh / thành phố"),
        error_messages={
            "invalid_choice": _("Không có tỉnh / thành phố “%(value)s”; bộ lọc tỉnh / thành phố đã được bỏ qua.")
        },
    )

    @property
    def applied_province(self):
        return self.cleaned_data.get("province")

    def filter(self, stalls):
        stalls = super().filter(stalls)
        if self.applied_province:
            stalls = stalls.filter(cooperative__province=self.applied_province)
        return stalls


DECISIONS = {
    decision.slug: decision
    for decision in (
        Decision(
            "approve",
            workflow.APPROVE,
            workflow.approve_storefront,
            _("Duyệt và mở gian hàng"),
            _("Đã duyệt gian hàng “%(name)s”. Hợp tác xã sẽ nhận thư báo."),
            "btn-success",
        ),
        Decision(
            "request-changes",
            workflow.REQUEST_CHANGES,
            workflow.request_changes,
            _("Yêu cầu bổ sung"),
            _("Đã gửi yêu cầu bổ sung hồ sơ cho gian hàng “%(name)s”."),
            "btn-warning",
        ),
        Decision(
            "reject",
            workflow.REJECT,
            workflow.reject_storefront,
            _("Từ chối"),
            _("Đã từ chối gian hàng “%(name)s”. Hợp tác xã sẽ nhận thư báo kèm lý do."),
            "btn-danger",
        ),
        Decision(
            "suspend",
            workflow.SUSPEND,
            workflow.suspend_storefront,
            _("Tạm ngừng gian hàng"),
            _("Đã tạm ngừng gian hàng “%(name)s”; sản phẩm của gian hàng không còn hiện trên chợ."),
            "btn-danger",
        ),
        Decision(
            "reinstate",
            workflow.REINSTATE,
            workflow.reinstate_storefront,
            _("Khôi phục gian hàng"),
            _("Đã khôi phục gian hàng “%(name)s”."),
            "btn-success",
        ),
    )
}
