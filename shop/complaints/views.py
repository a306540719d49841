"""The buyer's side of a complaint, from their order page (/<lang>/checkout/orders/<number>/): open one about a stall's
part, read the thread, write, accept the stall's answer or ask union staff to decide; and the photos, for every
party who may see the complaint.

A buyer is whoever may see the order (shop.fulfilment.access.can_view), with or without an account; a complaint or
order they may not see answers 404 like one that does not exist.
"""

import mimetypes
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View

from shop.complaints import workflow
from shop.complaints.access import buyer_may_see, may_see
from shop.complaints.forms import EscalateForm, MessageForm, OpenComplaintForm
from shop.complaints.models import Complaint, ComplaintMessage, ComplaintPhoto
from shop.complaints.thread import complaints_with_thread, thread_context
from shop.fulfilment.access import LINK_KEY_PARAMETER, can_view, is_link_key, remember_order
from shop.fulfilment.models import StallOrder
from shop.private_files import private_file_response
from shop.review.errors import ReviewError


def private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


class OpenComplaintView(View):
    template_name = "complaints/open.html"

    def get_stall_order(self):
        stall_order = get_object_or_404(
            StallOrder.objects.select_related("order", "storefront"), pk=self.kwargs["stall_order_pk"]
        )
        if not can_view(self.request, stall_order.order):
            raise Http404
        return stall_order

    def get(self, request, stall_order_pk):
        stall_order = self.get_stall_order()
        if not workflow.may_complain(stall_order):
            return self.not_possible(stall_order)
        return self.render_form(stall_order, OpenComplaintForm())

    def post(self, request, stall_order_pk):
        stall_order = self.get_stall_order()
        form = OpenComplaintForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(stall_order, form, status=400)
        data = form.cleaned_data
        try:
            complaint = workflow.open_complaint(
                stall_order, request.user, data["reason"], data["wanted"], data["description"], data["photos"]
            )
        except workflow.ComplaintRefused as refused:
            form.add_error(None, refused.message)
            return self.render_form(stall_order, form, status=409)
        messages.success(request, _("Đã gửi khiếu nại tới gian hàng."))
        return redirect("complaints:detail", pk=complaint.pk)

    def not_possible(self, stall_order):
        existing = Complaint.objects.filter(stall_order=stall_order).first()
        if existing is not None:
            return redirect("complaints:detail", pk=existing.pk)
        messages.error(request=self.request, message=_("Chỉ khiếu nại được phần đơn đã gửi đi hoặc đã giao."))
        return redirect("fulfilment:order", number=stall_order.order.number)

    def render_form(self, stall_order, form, status=200):
        context = {
            "form": form,
            "stall_order": stall_order,
            "order": stall_order.order,
            "answer_days": settings.COMPLAINT_ANSWER_DAYS,
        }
        return private(render(self.request, self.template_name, context, status=status))


class BuyerComplaintMixin:
    def get_complaint(self):
        complaint = get_object_or_404(complaints_with_thread(), pk=self.kwargs["pk"])
        if not buyer_may_see(self.request, complaint):
            raise Http404
        return complaint

    def render_thread(self, complaint, status=200, **forms):
        context = {
            **thread_context(complaint),
            "message_form": MessageForm(),
            "escalate_form": EscalateForm(),
            "may_escalate": complaint.status == Complaint.Status.ANSWERED or complaint.is_overdue,
            **forms,
        }
        return private(render(self.request, "complaints/detail.html", context, status=status))


class ComplaintView(BuyerComplaintMixin, View):
    def get(self, request, pk):
        complaint = get_object_or_404(Complaint.objects.select_related("stall_order__order"), pk=pk)
        key = request.GET.get(LINK_KEY_PARAMETER, "")
        if key and is_link_key(complaint.stall_order.order, key):
            remember_order(request, complaint.stall_order.order)
            return redirect("complaints:detail", pk=pk)
        return self.render_thread(self.get_complaint())


class MessageView(BuyerComplaintMixin, View):
    def post(self, request, pk):
        complaint = self.get_complaint()
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                workflow.post_message(complaint, ComplaintMessage.Party.BUYER, request.user, form.cleaned_data["body"])
            except workflow.ComplaintRefused as refused:
                form.add_error("body", refused.message)
            else:
                messages.success(request, _("Đã gửi tin nhắn."))
                return redirect("complaints:detail", pk=pk)
        return self.render_thread(complaint, status=400, message_form=form)


class SettleView(BuyerComplaintMixin, View):
    def post(self, request, pk):
        complaint = self.get_complaint()
        try:
            workflow.settle_complaint(complaint, request.user)
        except ReviewError as refused:
            messages.error(request, refused.message)
            return self.render_thread(complaint, status=409)
        messages.success(request, _("Cảm ơn bạn, khiếu nại đã được đóng."))
        return redirect("complaints:detail", pk=pk)


class EscalateView(BuyerComplaintMixin, View):
    def post(self, request, pk):
        complaint = self.get_complaint()
        form = EscalateForm(request.POST)
        if form.is_valid():
            try:
                workflow.escalate_by_buyer(complaint, request.user, form.cleaned_data["reason"])
            except ReviewError as refused:
                form.add_error("reason", refused.message)
            else:
                messages.success(request, _("Đã chuyển khiếu nại tới Liên minh HTX."))
                return redirect("complaints:detail", pk=pk)
        return self.render_thread(complaint, status=400, escalate_form=form)


class PhotoView(View):
    """A complaint's photo, for the buyer, the stall and union staff only; never cached by a shared cache."""

    def get(self, request, pk, photo_pk):
        photo = get_object_or_404(
            ComplaintPhoto.objects.select_related(
                "complaint__stall_order__order", "complaint__stall_order__storefront"
            ),
            pk=photo_pk,
            complaint_id=pk,
        )
        if not may_see(request, photo.complaint) or not photo.image.storage.exists(photo.image.name):
            raise Http404
        filename = PurePath(photo.image.name).name
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"  # re-encoded when sent
        return private_file_response(photo.image, filename=filename, content_type=content_type, as_attachment=False)
