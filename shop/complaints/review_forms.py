"""Union staff's complaint queue: its filter and the decisions (refund, return, rejection)."""

from django.utils.translation import gettext_lazy as _

from shop.complaints import workflow
from shop.complaints.models import Complaint
from shop.review.forms import Decision, QueueFilterForm, status_filter


class ComplaintQueueFilterForm(QueueFilterForm):
    DEFAULTS = {"status": Complaint.Status.ESCALATED}

    status = status_filter(
        Complaint.Status.choices, _("Trạng thái khiếu nại không hợp lệ; đang hiện khiếu nại chờ quyết định.")
    )


DECISIONS = {
    "refund": Decision(
        "refund",
        workflow.REFUND,
        workflow.refund_complaint,
        _("Hoàn tiền cho người mua"),
        _("Đã hoàn tiền cho khiếu nại %(name)s."),
        "btn-success",
    ),
    "return": Decision(
        "return",
        workflow.ACCEPT_RETURN,
        workflow.accept_return,
        _("Chấp nhận trả hàng"),
        _("Đã chấp nhận trả hàng cho khiếu nại %(name)s."),
        "btn-primary",
    ),
    "reject": Decision(
        "reject",
        workflow.REJECT,
        workflow.reject_complaint,
        _("Từ chối khiếu nại"),
        _("Đã từ chối khiếu nại %(name)s."),
        "btn-danger",
    ),
}
