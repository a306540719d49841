"""A stall's orders: its own parts of buyers' orders, and the steps it takes on them. Nothing else is reachable."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import ListView

from catalog.seller_views import SellerMixin
from shop.fulfilment import services
from shop.fulfilment.forms import CancelForm, DeliverForm, ShipForm
from shop.fulfilment.models import StallOrder
from shop.payments.models import Payment
from storefronts import application

ACTIONS = {
    "confirm": (None, lambda so, user, data: services.confirm_stall_order(so, user)),
    "ship": (ShipForm, lambda so, user, data: services.ship_stall_order(so, user, data["tracking_number"])),
    "deliver": (DeliverForm, lambda so, user, data: services.deliver_stall_order(so, user, data["cash_collected"])),
    "cancel": (CancelForm, lambda so, user, data: services.cancel_stall_order(so, user, data["reason"])),
}


def transfer_awaiting_confirmation(order):
    """The order's bank transfer, while the stall may still press "money received" for it."""
    if order.status != services.OrderStatus.AWAITING_PAYMENT:
        return None
    return Payment.objects.filter(
        order=order, method="bank_transfer", status__in=[Payment.Status.PENDING, Payment.Status.FAILED]
    ).first()


class StallOrderMixin(SellerMixin):
    """Members of a stall that has sold (it has its partner), even while suspended: its buyers still wait for the
    orders it already took. A stall that never opened has no orders page."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.storefront = application.storefront_of(application.membership_for(request.user))
        if self.storefront is None or self.storefront.partner_id is None:
            return render(request, "catalogue/seller/not_approved.html", {"storefront": self.storefront}, status=403)
        return View.dispatch(self, request, *args, **kwargs)

    def stall_orders(self):
        return StallOrder.objects.filter(storefront=self.storefront).select_related("order")

    def get_stall_order(self, pk):
        return get_object_or_404(self.stall_orders(), pk=pk)

    def render_detail(self, pk, forms=None, status=200):
        stall_order = self.get_stall_order(pk)
        context = {
            "stall_order": stall_order,
            "order": stall_order.order,
            "lines": stall_order.lines(),
            "address": stall_order.order.shipping_address,
            "contact": getattr(stall_order.order, "buyer_contact", None),
            "events": stall_order.events.select_related("actor"),
            "next_steps": services.NEXT_STEPS[stall_order.status],
            "ship_form": ShipForm(),
            "cancel_form": CancelForm(),
            "deliver_form": DeliverForm(),
            "transfer_payment": transfer_awaiting_confirmation(stall_order.order),
            **(forms or {}),
        }
        return render(self.request, "fulfilment/seller/order_detail.html", context, status=status)


class StallOrderListView(StallOrderMixin, ListView):
    template_name = "fulfilment/seller/order_list.html"
    context_object_name = "stall_orders"
    paginate_by = 30

    def get_queryset(self):
        queryset = self.stall_orders().order_by("-order__date_placed")
        status = self.request.GET.get("status")
        if status in StallOrder.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=StallOrder.Status.choices, current_status=self.request.GET.get("status", ""), **kwargs
        )


class StallOrderDetailView(StallOrderMixin, View):
    def get(self, request, pk):
        return self.render_detail(pk)


class StallOrderActionView(StallOrderMixin, View):
    def post(self, request, pk, action):
        stall_order = self.get_stall_order(pk)
        if action not in ACTIONS:
            return redirect("fulfilment-seller:detail", pk=pk)
        form_class, step = ACTIONS[action]
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            return self.render_detail(pk, {f"{action}_form": form}, status=400)
        try:
            step(stall_order, request.user, form.cleaned_data if form else {})
        except services.TransitionError as error:
            messages.error(request, error.message)
            forms = {f"{action}_form": form} if form else {}
            return self.render_detail(pk, forms, status=409)
        messages.success(request, StallOrder.objects.get(pk=pk).get_status_display())
        return redirect("fulfilment-seller:detail", pk=pk)
