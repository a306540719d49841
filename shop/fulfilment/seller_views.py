"""A stall's order desk: its own parts of buyers' orders, the steps it takes on them, packing slips, address labels
and spreadsheets. Nothing else is reachable: every id is looked up among the stall's own parts (404 otherwise)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from shop import spreadsheet_export
from shop.fulfilment import order_desk, services
from shop.fulfilment.forms import CancelForm, DeliverForm, ShipForm
from shop.fulfilment.models import StallOrder
from shop.fulfilment.seller_forms import DeskFilterForm
from shop.payments.dashboard_views import record_transfer
from shop.payments.models import Payment
from storefronts.access import StallMemberRequiredMixin

ACTIONS = {
    "confirm": (None, lambda so, user, data: services.confirm_stall_order(so, user)),
    "ship": (ShipForm, lambda so, user, data: services.ship_stall_order(so, user, data["tracking_number"])),
    "deliver": (DeliverForm, lambda so, user, data: services.deliver_stall_order(so, user, data["cash_collected"])),
    "cancel": (CancelForm, lambda so, user, data: services.cancel_stall_order(so, user, data["reason"])),
}
PRINT_KINDS = ("slip", "label")
PRINT_LIMIT = 100  # parts on one print-out; a stall that ships more prints them in turns


def transfer_awaiting_confirmation(order):
    """The order's bank transfer, while the stall may still press "money received" for it."""
    if order.status != services.OrderStatus.AWAITING_PAYMENT:
        return None
    return Payment.objects.filter(
        order=order, method="bank_transfer", status__in=[Payment.Status.PENDING, Payment.Status.FAILED]
    ).first()


class StallOrderMixin(StallMemberRequiredMixin):
    """Members of a stall that has sold (it has its partner), even while suspended: its buyers still wait for the
    orders it already took. A stall that never opened has no orders page."""

    stall_access = "sold"

    def stall_orders(self):
        return order_desk.stall_orders(self.storefront)

    def get_stall_order(self, pk):
        return get_object_or_404(self.stall_orders(), pk=pk)

    def render_detail(self, pk, forms=None, status=200):
        stall_order = self.get_stall_order(pk)
        parcel = order_desk.parcel(stall_order)
        context = {
            "stall_order": stall_order,
            "parcel": parcel,
            "order": stall_order.order,
            "lines": parcel.lines,
            "address": parcel.address,
            "contact": parcel.contact,
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
    """The desk: the stall's parts, filtered by status, cash on delivery and dates, each with its items and address.

    A filter that does not make sense (a date typed wrong) is shown with its error and the page answers 400; the
    other filters still apply and what was typed stays in the form."""

    template_name = "fulfilment/seller/order_list.html"
    context_object_name = "stall_orders"
    paginate_by = 30

    def get(self, request, *args, **kwargs):
        self.filter_form = DeskFilterForm(request.GET or None)
        response = super().get(request, *args, **kwargs)
        if self.filter_form.is_bound and not self.filter_form.is_valid():
            response.status_code = 400
        return response

    def get_queryset(self):
        filters = self.filter_form.filters() if self.filter_form.is_bound else {}
        return order_desk.filtered(self.stall_orders(), filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        context["parcels"] = [order_desk.parcel(stall_order) for stall_order in context["stall_orders"]]
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        return context


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


class TransferReceivedView(StallOrderMixin, View):
    """The stall saw the buyer's bank transfer arrive for an order holding its goods ("money received")."""

    def post(self, request, pk):
        stall_order = self.get_stall_order(pk)
        payment = transfer_awaiting_confirmation(stall_order.order)
        if payment is None:
            messages.info(request, _("Đơn hàng này không còn chờ xác nhận chuyển khoản."))
        else:
            record_transfer(request, payment)
        return redirect("fulfilment-seller:detail", pk=pk)


class PrintView(StallOrderMixin, View):
    """Packing slips or address labels for the parts ticked on the desk (``?ids=1&ids=2&kind=label``), laid out for
    the printer by print CSS. Any id that is not one of the stall's own parts makes the whole request 404."""

    def get(self, request):
        kind = request.GET.get("kind") if request.GET.get("kind") in PRINT_KINDS else "slip"
        try:
            ids = sorted({int(value) for value in request.GET.getlist("ids")})
        except ValueError:
            raise Http404 from None
        if not ids:
            messages.error(request, _("Hãy chọn ít nhất một đơn hàng để in."))
            return redirect("fulfilment-seller:list")
        if len(ids) > PRINT_LIMIT:
            messages.error(request, _("Mỗi lần in tối đa %(limit)d đơn hàng.") % {"limit": PRINT_LIMIT})
            return redirect("fulfilment-seller:list")
        stall_orders = list(self.stall_orders().filter(pk__in=ids).order_by("pk"))
        if len(stall_orders) != len(ids):
            raise Http404
        context = {
            "kind": kind,
            "parcels": [order_desk.parcel(stall_order) for stall_order in stall_orders],
            "storefront": self.storefront,
            "cooperative": self.storefront.cooperative,
        }
        return render(request, "fulfilment/seller/print.html", context)


class ExportView(StallOrderMixin, View):
    """The desk's orders (with its filters) as a spreadsheet, one row per line the stall sells."""

    def get(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        form = DeskFilterForm(request.GET or None)
        filters = form.filters() if form.is_bound else {}
        parcels = (order_desk.parcel(each) for each in order_desk.filtered(self.stall_orders(), filters))
        rows = order_desk.export_rows(parcels)
        filename = f"don-hang-{self.storefront.slug}-{timezone.localdate():%Y%m%d}.{fmt}"
        if fmt == "csv":
            return spreadsheet_export.csv_response(filename, order_desk.export_header(), rows)
        return spreadsheet_export.xlsx_response(filename, _("Đơn hàng"), order_desk.export_header(), rows)
