"""A stall's complaints under /<lang>/my-stall/complaints/: the requests its buyers opened, each with its thread, the
answer box and "ask union staff to decide". Only the stall's own complaints are reachable (404 otherwise); a stall
that has sold keeps this screen while suspended, since its buyers still wait for answers."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from shop.complaints import workflow
from shop.complaints.forms import EscalateForm, MessageForm
from shop.complaints.thread import complaints_with_thread, thread_context
from shop.review.errors import ReviewError
from storefronts.access import StallMemberRequiredMixin


class StallComplaintMixin(StallMemberRequiredMixin):
    stall_access = "sold"

    def complaints(self):
        return complaints_with_thread().filter(stall_order__storefront=self.storefront)

    def get_complaint(self):
        return get_object_or_404(self.complaints(), pk=self.kwargs["pk"])

    def render_thread(self, complaint, status=200, **forms):
        context = {
            **thread_context(complaint),
            "storefront": self.storefront,
            "answer_form": MessageForm(),
            "escalate_form": EscalateForm(),
            **forms,
        }
        response = render(self.request, "complaints/seller/detail.html", context, status=status)
        patch_cache_control(response, private=True, no_store=True)
        return response


class StallComplaintListView(StallComplaintMixin, ListView):
    template_name = "complaints/seller/list.html"
    context_object_name = "complaints"
    paginate_by = 30

    def get_queryset(self):
        return self.complaints().order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(storefront=self.storefront, **kwargs)


class StallComplaintView(StallComplaintMixin, View):
    def get(self, request, pk):
        return self.render_thread(self.get_complaint())


class AnswerView(StallComplaintMixin, View):
    def post(self, request, pk):
        complaint = self.get_complaint()
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                workflow.answer_complaint(complaint, request.user, form.cleaned_data["body"])
            except ReviewError as refused:
                form.add_error("body", refused.message)
            else:
                messages.success(request, _("Đã gửi câu trả lời cho người mua."))
                return redirect("complaints-seller:detail", pk=pk)
        return self.render_thread(complaint, status=400, answer_form=form)


class StallEscalateView(StallComplaintMixin, View):
    def post(self, request, pk):
        complaint = self.get_complaint()
        form = EscalateForm(request.POST)
        if form.is_valid():
            try:
                workflow.escalate_by_stall(complaint, request.user, form.cleaned_data["reason"])
            except ReviewError as refused:
                form.add_error("reason", refused.message)
            else:
                messages.success(request, _("Đã chuyển khiếu nại tới Liên minh HTX."))
                return redirect("complaints-seller:detail", pk=pk)
        return self.render_thread(complaint, status=400, escalate_form=form)
