"""The buyer's checkout: one form, one review page with every stall's shipping, then the order and its payment.

No JavaScript is needed: the form posts, the review page shows the totals the server computed, and "Đặt hàng" posts
once more. What the buyer typed is kept in the session, so going back to the form loses nothing.
"""

from dataclasses import asdict

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from oscar.core.loading import get_model

from shop.fulfilment import lookup_limits, services
from shop.fulfilment.access import LINK_KEY_PARAMETER, can_view, is_link_key, remember_order
from shop.fulfilment.forms import CheckoutForm, OrderLookupForm, initial_from
from shop.fulfilment.models import BuyerContact
from shop.fulfilment.shipping import split_basket
from shop.payments.gateways import available_gateways, get_gateway
from shop.payments.models import Payment

Order = get_model("order", "Order")
SESSION_KEY = "checkout_details"
LAST_ORDER_KEY = "last_order"


def stored_details(request):
    data = request.session.get(SESSION_KEY)
    return services.CheckoutDetails(**data) if data else None


def default_initial(request):
    initial = {"country": "VN"}
    if request.user.is_authenticated:
        initial.update(email=request.user.email, name=request.user.get_full_name())
    return initial


@require_http_methods(["GET", "POST"])
def checkout(request):
    basket = request.basket
    if basket.is_empty:
        messages.info(request, _("Giỏ hàng của bạn đang trống."))
        return redirect("basket:summary")
    parcels = split_basket(basket)  # loads every line's product, stall and stock in a few queries
    blocked = [line for line in basket.all_lines() if not line.purchase_info.availability.is_available_to_buy]
    if blocked:
        for line in blocked:
            _allowed, reason = line.purchase_info.availability.is_purchase_permitted(line.quantity)
            messages.error(request, f"{line.product.get_title()}: {reason}")
        return redirect("basket:summary")
    details = stored_details(request)
    form_kwargs = {"parcels": parcels, "gateways": available_gateways()}
    if request.method == "POST":
        form = CheckoutForm(request.POST, **form_kwargs)
        if form.is_valid():
            request.session[SESSION_KEY] = asdict(form.details(get_language()))
            return redirect("fulfilment:review")
        status = 400
    else:
        form = CheckoutForm(initial=initial_from(details) if details else default_initial(request), **form_kwargs)
        status = 200
    return render(request, "fulfilment/checkout.html", {"form": form, "basket": basket}, status=status)


@require_http_methods(["GET", "POST"])
def review(request):
    basket = request.basket
    details = stored_details(request)
    if basket.is_empty and request.session.get(LAST_ORDER_KEY):
        # "Đặt hàng" pressed again after the order was made (a double tap, a retry on a slow network).
        return redirect("fulfilment:order", number=request.session[LAST_ORDER_KEY])
    if details is None or basket.is_empty:
        return redirect("fulfilment:checkout")
    gateway = get_gateway(details.method)
    if gateway is None:
        return redirect("fulfilment:checkout")
    parcels = services.quote_for(basket, details)
    context = {
        "basket": basket,
        "details": details,
        "province": details.province(),
        "gateway": gateway,
        "parcels": parcels,
        "shipping_total": sum(parcel.charge for parcel in parcels),
        "order_total": int(basket.total_incl_tax) + sum(parcel.charge for parcel in parcels),
    }
    if request.method == "GET":
        return render(request, "fulfilment/review.html", context)
    try:
        order, _created = services.place_order(basket.pk, request.user, details, gateway)
    except services.CheckoutError as error:
        # Out of stock is a conflict with another buyer (409); anything else is the buyer's to fix (400).
        status = 409 if error.code == services.FulfilmentErrorCode.OUT_OF_STOCK else 400
        return render(request, "fulfilment/review.html", {**context, "error": error.message}, status=status)
    remember_order(request, order)
    request.session.pop(SESSION_KEY, None)
    request.session[LAST_ORDER_KEY] = str(order.number)
    if order.status == services.OrderStatus.AWAITING_PAYMENT:
        return redirect("payments:pay", number=order.number)
    return redirect("fulfilment:order", number=order.number)


def order_detail(request, number):
    """One order, for whoever may see it (shop.fulfilment.access). An e-mailed link's key is remembered in the
    session and taken out of the address; an order that is not the visitor's and one that does not exist get the
    same answer (404, the lookup form), so the page tells nobody which numbers exist."""
    order = Order.objects.select_related("shipping_address", "shipping_address__country").filter(number=number).first()
    key = request.GET.get(LINK_KEY_PARAMETER, "")
    if order is not None and key and is_link_key(order, key):
        remember_order(request, order)
        return redirect("fulfilment:order", number=order.number)
    if order is None or not can_view(request, order):
        return order_unavailable(request, number)
    stall_orders = order.stall_orders.select_related("storefront", "complaint").prefetch_related("events")
    lines_by_partner = {}
    for line in order.lines.all():
        lines_by_partner.setdefault(line.partner_id, []).append(line)
    parts = [(stall_order, lines_by_partner.get(stall_order.storefront.partner_id, [])) for stall_order in stall_orders]
    payment = Payment.objects.filter(order=order).first()
    gateway = get_gateway(payment.method) if payment else None
    context = {
        "order": order,
        "parts": parts,
        "payment": payment,
        "gateway": gateway,
        "status_label": services.OrderStatus.LABELS.get(order.status, order.status),
        "can_pay": order.status == services.OrderStatus.AWAITING_PAYMENT
        and payment is not None
        and payment.status in (Payment.Status.PENDING, Payment.Status.FAILED),
    }
    return render(request, "fulfilment/order_detail.html", context)


def order_unavailable(request, number):
    form = OrderLookupForm(initial={"number": number[:128]})
    return render(request, "fulfilment/lookup.html", {"form": form, "unavailable": True}, status=404)


@require_http_methods(["GET", "POST"])
def order_lookup(request):
    """A guest finds their order by its number and the e-mail they gave; one message for any mismatch, and a limit
    on tries per client and per e-mail (shop.fulfilment.lookup_limits)."""
    form = OrderLookupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        decision = lookup_limits.count_lookup(request, email_given=form.is_valid())
        if not decision.allowed:
            return too_many_lookups(request, form, decision)
        if form.is_valid():
            number, email = form.cleaned_data["number"].strip(), form.cleaned_data["email"]
            contact = (
                BuyerContact.objects.select_related("order").filter(order__number=number, email__iexact=email).first()
            )
            if contact is not None:
                remember_order(request, contact.order)
                return redirect(reverse("fulfilment:order", kwargs={"number": number}))
            form.add_error(None, _("Không tìm thấy đơn hàng với mã và thư điện tử này."))
    status = 400 if form.errors else 200
    return render(request, "fulfilment/lookup.html", {"form": form}, status=status)


def too_many_lookups(request, form, decision):
    """429 with the form as typed and how long to wait."""
    message = _(
        "Bạn đã tra cứu đơn hàng quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau %(minutes)s phút."
    ) % {"minutes": lookup_limits.minutes(decision)}
    form.add_error(None, message)
    response = render(request, "fulfilment/lookup.html", {"form": form}, status=429)
    response["Retry-After"] = str(decision.retry_after)
    return response
