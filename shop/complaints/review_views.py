"""Union staff's complaint queue inside the dashboard (/dashboard/complaints/), on shop.review: escalated complaints
first by default, their deadlines with the overdue ones marked, each complaint whole with its thread, and the
decisions. The queue's list is also a CSV (shop.spreadsheet_export)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from shop import spreadsheet_export
from shop.complaints import workflow
from shop.complaints.forms import MessageForm
from shop.complaints.models import ComplaintMessage
from shop.complaints.review_forms import DECISIONS, ComplaintQueueFilterForm
from shop.complaints.thread import complaints_with_thread, thread_context
from shop.complaints.workflow import COMPLAINTS
from shop.review import views as review
from shop.review.errors import ReviewError


class ComplaintReview:
    workflow = COMPLAINTS
    namespace = "complaints-review"
    title = _("Khiếu nại")


def queue_queryset():
    return complaints_with_thread().order_by("answer_due", "pk")


class ComplaintQueueView(ComplaintReview, review.QueueView):
    template_name = "complaints/review/queue.html"
    context_object_name = "complaints"
    filter_form_class = ComplaintQueueFilterForm
    waiting_status = "escalated"
    queryset = queue_queryset()

    def get_context_data(self, **kwargs):
        return super().get_context_data(now=timezone.now(), **kwargs)


class ComplaintPageMixin(ComplaintReview, review.ReviewPageMixin):
    template_name = "complaints/review/detail.html"
    decisions = DECISIONS

    queryset = complaints_with_thread()

    def subject_name(self, complaint):
        return f"#{complaint.pk} – {complaint.stall_order.order.number}"

    message_form = None

    def subject_context(self, complaint):
        return {**thread_context(complaint), "message_form": self.message_form or MessageForm()}


class ComplaintPageView(ComplaintPageMixin, review.ReviewPageView):
    pass


class StaffMessageView(ComplaintPageMixin, View):
    """Union staff write in the thread (a question to either party) without deciding yet; POST only."""

    def post(self, request, pk):
        complaint = self.get_subject()
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                workflow.post_message(complaint, ComplaintMessage.Party.STAFF, request.user, form.cleaned_data["body"])
            except ReviewError as refused:
                form.add_error("body", refused.message)
            else:
                messages.success(request, _("Đã gửi tin nhắn."))
                return redirect("complaints-review:detail", pk=pk)
        self.message_form = form
        return self.render_page(complaint, status=400)


class ComplaintDecisionView(ComplaintPageMixin, review.DecisionView):
    pass


EXPORT_HEADER = [
    _("Mã khiếu nại"),
    _("Mã đơn"),
    _("Gian hàng"),
    _("Vấn đề"),
    _("Mong muốn"),
    _("Trạng thái"),
    _("Gửi lúc"),
    _("Hạn gian hàng trả lời"),
    _("Số tiền hoàn (đ)"),
]


class ComplaintExportView(ComplaintReview, review.ReviewerRequiredMixin, View):
    """The queue with its filter, as CSV."""

    def get(self, request):
        filters = ComplaintQueueFilterForm(request.GET)
        rows = (
            [
                complaint.pk,
                complaint.stall_order.order.number,
                complaint.stall_order.storefront.name,
                str(complaint.get_reason_display()),
                str(complaint.get_wanted_display()),
                str(complaint.get_status_display()),
                timezone.localtime(complaint.created_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(complaint.answer_due).strftime("%Y-%m-%d %H:%M"),
                complaint.refund_amount or "",
            ]
            for complaint in filters.filter(queue_queryset())
        )
        filename = f"khieu-nai-{timezone.localdate():%Y%m%d}.csv"
        return spreadsheet_export.csv_response(filename, [str(title) for title in EXPORT_HEADER], rows)
