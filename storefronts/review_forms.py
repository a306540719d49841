"""Forms for union staff's review of stall applications: the queue's filters and one form per decision.

A decision is named by the slug in its URL (``approve``, ``request-changes``...). Which decisions are legal for a
stall comes from the workflow's own steps, so the page never offers a button the workflow would refuse.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from storefronts import workflow
from storefronts.models import Province, Storefront

Status = Storefront.Status

ALL_STATUSES = "all"


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string.

    A value the form does not know is dropped with a message (``notices``) and the field falls back to its default,
    so a stale or hand-edited link still shows a list.
    """

    DEFAULTS = {"status": Status.SUBMITTED, "province": ""}

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[(ALL_STATUSES, _("Tất cả trạng thái")), *Status.choices],
        required=False,
        error_messages={"invalid_choice": _("Không có trạng thái “%(value)s”; danh sách đang hiện hồ sơ chờ duyệt.")},
    )
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

    def __init__(self, query, **kwargs):
        data = query.copy()
        for name, default in self.DEFAULTS.items():
            if not data.get(name):
                data[name] = default
        super().__init__(data, **kwargs)
        self.notices = []
        self.is_valid()
        for name, errors in self.errors.items():
            self.notices.extend(errors)
            self.data[name] = self.DEFAULTS[name]  # the select shows the filter actually applied

    @property
    def applied_status(self):
        value = self.cleaned_data.get("status") or self.DEFAULTS["status"]
        return None if value == ALL_STATUSES else value

    @property
    def applied_province(self):
        return self.cleaned_data.get("province")

    def filter(self, stalls):
        if self.applied_status:
            stalls = stalls.filter(status=self.applied_status)
        if self.applied_province:
            stalls = stalls.filter(cooperative__province=self.applied_province)
        return stalls


@dataclass(frozen=True)
class Decision:
    """One thing a reviewer can decide about a stall, and the workflow function that carries it out."""

    slug: str
    step: workflow.Step
    perform: Callable
    label: str
    done_message: str
    button_class: str

    @property
    def needs_reason(self):
        return self.step.needs_reason

    def is_legal_for(self, storefront):
        return storefront.status in self.step.sources


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


def legal_decisions(storefront):
    return [decision for decision in DECISIONS.values() if decision.is_legal_for(storefront)]


class DecisionForm(forms.Form):
    """A reviewer's decision; refusals and suspensions carry the reason the cooperative will read."""

    reason = forms.CharField(
        label=_("Lý do (gửi cho hợp tác xã)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng ghi rõ lý do để hợp tác xã biết cần làm gì.")},
    )

    def __init__(self, decision, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{decision.slug}_%s")  # several decisions share one page
        super().__init__(*args, **kwargs)
        self.decision = decision
        if not decision.needs_reason:
            del self.fields["reason"]

    def decide(self, storefront, actor):
        """Carry the decision out; on refusal the workflow's message is attached to the form and None returned."""
        arguments = [self.cleaned_data["reason"]] if self.decision.needs_reason else []
        try:
            return self.decision.perform(storefront, actor, *arguments)
        except workflow.IllegalTransition as refused:
            self.add_error("reason" if self.decision.needs_reason else None, refused.message)
            return None
