"""Union staff's forms of the certificate review queue: the status filter and the decisions on a certificate."""

from django.utils.translation import gettext_lazy as _

from ocop import workflow
from ocop.models import OcopCertificate
from shop.review.forms import Decision, QueueFilterForm, status_filter

Status = OcopCertificate.Status


class CertificateQueueFilterForm(QueueFilterForm):
    """The queue's status filter, read from the query string; an unknown value falls back to "submitted"."""

    DEFAULTS = {"status": Status.SUBMITTED}

    status = status_filter(
        Status.choices, _("Không có trạng thái “%(value)s”; danh sách đang hiện giấy chứng nhận chờ xác minh.")
    )


DECISIONS = {
    decision.slug: decision
    for decision in (
        Decision(
            "verify",
            workflow.VERIFY,
            workflow.verify_certificate,
            _("Xác minh giấy chứng nhận"),
            _("Đã xác minh giấy chứng nhận số %(number)s. Hợp tác xã sẽ nhận thư báo."),
            "btn-success",
        ),
        Decision(
            "reject",
            workflow.REJECT,
            workflow.reject_certificate,
            _("Từ chối"),
            _("Đã từ chối giấy chứng nhận số %(number)s. Hợp tác xã sẽ nhận thư báo kèm lý do."),
            "btn-danger",
        ),
        Decision(
            "revoke",
            workflow.REVOKE,
            workflow.revoke_certificate,
            _("Thu hồi"),
            _("Đã thu hồi giấy chứng nhận số %(number)s; số sao không còn hiện trên sản phẩm."),
            "btn-danger",
        ),
    )
}
