"""A complaint's life, one function per step, on ``shop.review``'s Workflow (legal steps, row lock, status log,
e-mails after commit):

    opened (buyer) → answered (stall) → settled (buyer accepts the answer)
    opened | answered → escalated (the stall at any time; the buyer once answered or once the deadline has passed)
    opened | answered | escalated → refunded | return accepted | rejected (union staff)

The buyer may be a guest without an account: the views check that the visitor may see the order
(``shop.fulfilment.access.can_view``) before calling a buyer's step, and the step records no user then.
A refund goes through the order's payment gateway (``shop.payments.services.refund``); for cash on delivery and bank
transfer the gateway sends nothing, so the refund is recorded as owed by hand for staff to pay from the bank.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.complaints import notifications
from shop.complaints.models import Complaint, ComplaintMessage, ComplaintPhoto, ComplaintStatusChange
from shop.fulfilment.models import StallOrder
from shop.locking import lock_one
from shop.payments.gateways.base import GatewayError
from shop.review.errors import IllegalTransition, ReviewError  # noqa: F401 (callers catch workflow.IllegalTransition)
from shop.review.models import NEW
from shop.review.workflow import Actor, Step, Workflow
from storefronts.workflow import is_member

Status = Complaint.Status
Party = ComplaintMessage.Party
DECIDE_PERMISSION = "complaints.decide_complaint"
BUYER = "buyer"  # a step the buyer takes (checked by the view, see the module docstring)
COMPLAINABLE = (StallOrder.Status.SHIPPED, StallOrder.Status.DELIVERED)
WAITING = (Status.OPEN, Status.ANSWERED, Status.ESCALATED)

OPEN = Step(Status.OPEN, (NEW,), by=BUYER)
ANSWER = Step(Status.ANSWERED, (Status.OPEN,), by=Actor.MEMBER)
SETTLE = Step(Status.SETTLED, (Status.ANSWERED,), by=BUYER)
BUYER_ESCALATES = Step(Status.ESCALATED, (Status.OPEN, Status.ANSWERED), by=BUYER)
STALL_ESCALATES = Step(Status.ESCALATED, (Status.OPEN, Status.ANSWERED), by=Actor.MEMBER)
REFUND = Step(Status.REFUNDED, WAITING, needs_reason=True)
ACCEPT_RETURN = Step(Status.RETURN_ACCEPTED, WAITING, needs_reason=True)
REJECT = Step(Status.REJECTED, WAITING, needs_reason=True)


class ComplaintErrorCode:
    NOT_COMPLAINABLE = "not_complainable"
    ALREADY_OPEN = "already_open"
    NOT_OVERDUE = "not_overdue"
    CLOSED = "closed"
    REFUND_FAILED = "refund_failed"
    EMPTY_MESSAGE = "empty_message"


class ComplaintRefused(ReviewError):
    """A complaint step refused for a reason of its own (see ComplaintErrorCode)."""


class ComplaintWorkflow(Workflow):
    model = Complaint
    log_model = ComplaintStatusChange
    subject_field = "complaint"
    permission = DECIDE_PERMISSION
    illegal_step_message = _("Không thể chuyển khiếu nại từ “%(from)s” sang “%(to)s”.")
    reason_required_message = _("Vui lòng ghi rõ lý do để người mua và gian hàng biết.")
    saved_fields = ("status", "updated_at")

    def is_member(self, user, complaint):
        return is_member(user, complaint.stall_order.storefront)

    def may_take(self, step, actor, subject):
        if step.by == BUYER:
            return True
        return super().may_take(step, actor, subject)

    def notify(self, complaint, record):
        notifications.status_changed(Complaint.objects.get(pk=complaint.pk), record)


COMPLAINTS = ComplaintWorkflow()


def answer_deadline(now=None):
    return (now or timezone.now()) + timedelta(days=settings.COMPLAINT_ANSWER_DAYS)


def may_complain(stall_order):
    """Whether the buyer may open a complaint about this part now (shipped or delivered, none opened yet)."""
    return stall_order.status in COMPLAINABLE and not Complaint.objects.filter(stall_order=stall_order).exists()


def open_complaint(stall_order, buyer, reason, wanted, description, photos=()):
    """The buyer's request about one stall's part: the complaint, its first message and its photos (cleaned
    ContentFiles), the log row; the stall's owners are told. ``buyer`` is None for a guest."""
    with transaction.atomic():
        stall_order = lock_one(StallOrder, stall_order.pk)
        if stall_order.status not in COMPLAINABLE:
            raise ComplaintRefused(
                _("Chỉ khiếu nại được phần đơn đã gửi đi hoặc đã giao."), code=ComplaintErrorCode.NOT_COMPLAINABLE
            )
        if Complaint.objects.filter(stall_order=stall_order).exists():
            raise ComplaintRefused(
                _("Bạn đã gửi khiếu nại về phần đơn này; hãy tiếp tục trong khiếu nại đó."),
                code=ComplaintErrorCode.ALREADY_OPEN,
            )
        complaint = Complaint.objects.create(
            stall_order=stall_order,
            buyer=buyer if buyer is not None and buyer.is_authenticated else None,
            reason=reason,
            wanted=wanted,
            answer_due=answer_deadline(),
        )
        message = ComplaintMessage.objects.create(
            complaint=complaint, party=Party.BUYER, author=complaint.buyer, body=description.strip()
        )
        for photo in photos:
            ComplaintPhoto.objects.create(complaint=complaint, image=photo)
        record = COMPLAINTS.record(complaint, NEW, OPEN.to_status, complaint.buyer)
        transaction.on_commit(lambda: notifications.opened(complaint, message, record))
    return complaint


def post_message(complaint, party, author, body):
    """A message in the thread while the complaint is not closed; the other parties are told."""
    body = (body or "").strip()
    if not body:
        raise ComplaintRefused(_("Vui lòng nhập nội dung tin nhắn."), code=ComplaintErrorCode.EMPTY_MESSAGE)
    with transaction.atomic():
        locked = lock_one(Complaint, complaint.pk)
        if locked.is_closed:
            raise ComplaintRefused(
                _("Khiếu nại này đã được giải quyết; không gửi thêm tin nhắn được."), code=ComplaintErrorCode.CLOSED
            )
        message = ComplaintMessage.objects.create(
            complaint=locked, party=party, author=author if author and author.is_authenticated else None, body=body
        )
        transaction.on_commit(lambda: notifications.new_message(locked, message))
    return message


def answer_complaint(complaint, member, body):
    """The stall answers: its message, and the complaint counts as answered (the first time)."""
    if not COMPLAINTS.may_take(ANSWER, member, complaint):
        raise PermissionDenied
    with transaction.atomic():
        message = post_message(complaint, Party.STALL, member, body)
        if complaint.status == Status.OPEN:
            COMPLAINTS.change_status(complaint, ANSWER, member)
    return message


def settle_complaint(complaint, buyer):
    """The buyer accepts the stall's answer; the complaint is closed."""
    return COMPLAINTS.change_status(complaint, SETTLE, _user_or_none(buyer))


def escalate_by_buyer(complaint, buyer, reason):
    """The buyer asks union staff to decide: once the stall answered, or once its deadline passed unanswered."""
    if complaint.status == Status.OPEN and not complaint.is_overdue:
        raise ComplaintRefused(
            _("Gian hàng còn hạn trả lời tới %(due)s; bạn có thể nhờ Liên minh HTX giải quyết sau thời điểm đó.")
            % {"due": timezone.localtime(complaint.answer_due).strftime("%d/%m/%Y %H:%M")},
            code=ComplaintErrorCode.NOT_OVERDUE,
        )
    return COMPLAINTS.change_status(complaint, BUYER_ESCALATES, _user_or_none(buyer), reason)


def escalate_by_stall(complaint, member, reason):
    return COMPLAINTS.change_status(complaint, STALL_ESCALATES, member, reason)


def refund_complaint(complaint, staff, reason):
    """Staff decide the buyer gets the stall's share back (its goods and its shipping) through the order's payment
    gateway; for cash on delivery and bank transfer it is recorded as owed by hand. A gateway that refuses leaves
    the complaint as it was, with the gateway's message."""
    from shop.payments import services as payments
    from shop.payments.models import Payment

    with transaction.atomic():
        record = COMPLAINTS.change_status(complaint, REFUND, staff, reason)
        stall_order = complaint.stall_order
        payment = Payment.objects.filter(order_id=stall_order.order_id).first()
        refund = None
        if payment is not None and payment.status == Payment.Status.SUCCEEDED:
            try:
                refund = payments.refund(payment, stall_order.total, stall_order=stall_order, reason=reason)
            except GatewayError as error:
                raise ComplaintRefused(error.message, code=ComplaintErrorCode.REFUND_FAILED) from error
        Complaint.objects.filter(pk=complaint.pk).update(
            refund=refund,
            refund_amount=refund.amount if refund else stall_order.total,
            refund_by_hand=refund is None or not refund.reference,
        )
    complaint.refresh_from_db()
    return record


def accept_return(complaint, staff, reason):
    """Staff decide the buyer sends the goods back (the reason says how); the stall refunds once it has them."""
    return COMPLAINTS.change_status(complaint, ACCEPT_RETURN, staff, reason)


def reject_complaint(complaint, staff, reason):
    return COMPLAINTS.change_status(complaint, REJECT, staff, reason)


def _user_or_none(user):
    return user if user is not None and user.is_authenticated else None
