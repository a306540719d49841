"""Union staff's orders screens inside the dashboard. Every view needs ``staff_orders.manage_orders`` (the union staff
group has it), never ``is_superuser``: a visitor who is not logged in goes to the dashboard's login page, anyone else
without the permission gets 403."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from shop.fulfilment import services
from shop.fulfilment.models import StallOrder
from shop.fulfilment.order_desk import related_or_none
from shop.staff_orders import queries
from shop.staff_orders.forms import CancelForm, OrderFilterForm
from shop.staff_orders.models import MANAGE_PERMISSION


class StaffOrdersMixin(PermissionRequiredMixin):
    permission_required = MANAGE_PERMISSION
    login_url = reverse_lazy("dashboard:login")


class OrderListView(StaffOrdersMixin, ListView):
    template_name = "staff_orders/list.html"
    context_object_name = "orders"
    paginate_by = 25

    def get(self, request, *args, **kwargs):
        self.filter_form = OrderFilterForm(request.GET)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return queries.filtered(queries.orders(), self.filter_form.filters())

    def paginate_queryset(self, queryset, page_size):
        """A page number past the end (or not a number) shows the nearest real page instead of an error."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        context = super().get_context_data(filter_form=self.filter_form, filter_query=query.urlencode(), **kwargs)
        names = queries.method_names()
        for order in context["orders"]:
            payment = related_or_none(order, "marketplace_payment")
            order.payment_name = names.get(payment.method, payment.method) if payment else ""
        return context


class OrderDetailMixin(StaffOrdersMixin):
    def render_order(self, number, cancel_forms=None, status=200):
        order = queries.order_whole(number)
        if order is None:
            raise Http404
        lines_by_partner = {}
        for line in order.lines.all():
            lines_by_partner.setdefault(line.partner_id, []).append(line)
        cancel_forms = cancel_forms or {}
        payment = related_or_none(order, "marketplace_payment")
        parts = [
            {
                "stall_order": stall_order,
                "lines": lines_by_partner.get(stall_order.storefront.partner_id, []),
                "cancel_form": cancel_forms.get(stall_order.pk, CancelForm(auto_id=f"id_{stall_order.pk}_%s")),
                "may_cancel": StallOrder.Status.CANCELLED in services.NEXT_STEPS[stall_order.status],
            }
            for stall_order in order.stall_orders.all()
        ]
        context = {
            "order": order,
            "parts": parts,
            "payment": payment,
            "payment_name": queries.method_names().get(payment.method, payment.method) if payment else "",
            "contact": related_or_none(order, "buyer_contact"),
            "refunds": queries.refunds_of(order),
            "status_label": services.OrderStatus.LABELS.get(order.status, order.status),
        }
        return render(self.request, "staff_orders/detail.html", context, status=status)


class OrderDetailView(OrderDetailMixin, View):
    def get(self, request, number):
        return self.render_order(number)


class CancelStallOrderView(OrderDetailMixin, View):
    """Staff cancel one stall's part with a reason; the buyer's share is refunded through the gateway (the stall's
    own cancellation service, so the event names the staff member)."""

    def post(self, request, number, pk):
        stall_order = get_object_or_404(StallOrder.objects.select_related("order"), pk=pk, order__number=number)
        form = CancelForm(request.POST, auto_id=f"id_{pk}_%s")
        if form.is_valid():
            try:
                services.cancel_stall_order(stall_order, request.user, form.cleaned_data["reason"])
            except services.TransitionError as error:
                form.add_error("reason", error.message)
                return self.render_order(number, {pk: form}, status=409)
            messages.success(request, _("Đã hủy phần đơn của %(stall)s.") % {"stall": stall_order.storefront.name})
            return redirect("staff-orders:detail", number=number)
        return self.render_order(number, {pk: form}, status=400)
