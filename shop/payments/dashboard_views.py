"""Recording that a bank transfer arrived (/dashboard/payments/): no bank tells us, so a person does.

Union staff holding ``payments.confirm_transfer`` see the transfers waiting to be matched (and refunds to send back by
hand) and confirm any of them here; anyone else signed in gets 403 before any payment is looked up, so payment ids
reveal nothing. A member of a stall confirms the orders that hold its goods from the stall's own order desk
(/<lang>/my-stall/orders/<id>/transfer-received/, issue 17: members never use /dashboard/), through the same
``record_transfer``. Confirming ends in services.record_success, which marks the order paid and tells the stalls, and
records who confirmed in the payment's reference.
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from oscar.views.decorators import permissions_required

from shop.payments import services, vietqr
from shop.payments.models import Payment, Refund

CONFIRM_PERMISSION = "payments.confirm_transfer"
METHOD = "bank_transfer"
UNCONFIRMED = [Payment.Status.PENDING, Payment.Status.FAILED, Payment.Status.CANCELLED]


def next_url(request):
    url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse_lazy("payments-dashboard:transfers")


@permissions_required([CONFIRM_PERMISSION], login_url=reverse_lazy("dashboard:login"))
@require_POST
def confirm_transfer(request, pk):
    payment = get_object_or_404(Payment.objects.select_related("order").exclude(order=None), pk=pk, method=METHOD)
    url = next_url(request)
    # This URL has no language prefix: answer in the language of the page the button was on.
    with translation.override(translation.get_language_from_path(str(url)) or translation.get_language()):
        record_transfer(request, payment)
    return redirect(url)


def record_transfer(request, payment):
    """Record that the transfer's money arrived, and tell the person who pressed the button what happened."""
    if payment.status not in UNCONFIRMED:
        messages.info(request, _("Đơn hàng %(number)s đã được ghi nhận thanh toán trước đó.") % number(payment))
        return
    services.record_success(payment, payment.amount, reference=f"transfer-confirmed-by-{request.user.pk}")
    payment.refresh_from_db()
    if payment.status == Payment.Status.REFUNDED:
        messages.warning(
            request,
            _(
                "Đã ghi nhận tiền của đơn hàng %(number)s, nhưng đơn đã bị hủy trước đó: "
                "cần chuyển trả lại tiền cho người mua."
            )
            % number(payment),
        )
    else:
        messages.success(
            request,
            _("Đã xác nhận nhận tiền chuyển khoản cho đơn hàng %(number)s; các gian hàng có thể chuẩn bị hàng.")
            % number(payment),
        )


def number(payment):
    return {"number": payment.order_number}


class TransferListView(PermissionRequiredMixin, TemplateView):
    """Staff's list: transfers still waiting for their money, and refunds of transfers to send back by hand."""

    permission_required = CONFIRM_PERMISSION
    login_url = reverse_lazy("dashboard:login")
    template_name = "payments/dashboard/transfers.html"

    def get_context_data(self, **kwargs):
        waiting = (
            Payment.objects.filter(method=METHOD, status__in=[Payment.Status.PENDING, Payment.Status.FAILED])
            .exclude(order=None)
            .select_related("order")
            .order_by("created_at")
        )
        rows = [(payment, vietqr.transfer_content(payment.order_number)) for payment in waiting[:200]]
        refunds = Refund.objects.filter(payment__method=METHOD).select_related("payment").order_by("-created_at")
        return super().get_context_data(waiting=rows, refunds=refunds[:50], **kwargs)
