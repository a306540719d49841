"""Paying for an order: the start (redirect or our own payment page), the buyer's return, and provider webhooks."""

import logging

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from oscar.core.loading import get_model

from shop.fulfilment.access import can_view
from shop.payments import services
from shop.payments.gateways import get_gateway
from shop.payments.gateways.base import GatewayError, InvalidNotification
from shop.payments.models import Payment

Order = get_model("order", "Order")
logger = logging.getLogger(__name__)


def order_url(order):
    return reverse("fulfilment:order", kwargs={"number": order.number})


def pay(request, number):
    """Send the buyer on to pay a placed order (again, after a failure), or to the order once it is paid."""
    order = get_object_or_404(Order, number=number)
    if not can_view(request, order):
        raise Http404
    payment = get_object_or_404(Payment, order=order)
    gateway = get_gateway(payment.method)
    if gateway is None or not gateway.online or payment.status not in (Payment.Status.PENDING, Payment.Status.FAILED):
        return redirect(order_url(order))
    # The page tells the buyer their last attempt failed; restarting puts the payment back to pending first.
    retrying = payment.status == Payment.Status.FAILED
    payment = services.restart(payment)
    try:
        start = gateway.start(payment, request)
    except GatewayError as error:
        return render(request, "payments/unavailable.html", {"order": order, "message": error.message}, status=502)
    if start.redirect_url:
        return redirect(start.redirect_url)
    context = {
        "order": order,
        "payment": payment,
        "gateway": gateway,
        "start": start,
        "retrying": retrying,
        **gateway.page_context(),
    }
    response = render(request, f"payments/{gateway.code}.html", context)
    response._csp_update = gateway.page_content_security()  # what django-csp's csp_update decorator sets
    return response


def payment_return(request, code):
    gateway = get_gateway(code)
    if gateway is None:
        raise Http404
    try:
        payment = gateway.handle_return(request)
    except InvalidNotification as error:
        logger.warning("Refused %s return: %s", code, error)
        return render(request, "payments/invalid_return.html", status=400)
    if payment.order is None or not can_view(request, payment.order):
        raise Http404
    return redirect(order_url(payment.order))


@csrf_exempt
@require_http_methods(["GET", "POST"])  # VNPay calls its IPN with GET, Stripe posts
def webhook(request, code):
    gateway = get_gateway(code)
    if gateway is None:
        raise Http404
    try:
        return gateway.handle_webhook(request)
    except InvalidNotification as error:
        logger.warning("Refused %s webhook: %s", code, error)
        return HttpResponseBadRequest(_("Thông báo thanh toán không hợp lệ."))
