"""Telling buyers what a takedown removed from their basket: on their next visit to the basket page (or the start
of checkout) each removed line becomes a message, once. Other pages cost nothing: the check runs only there."""

from django.contrib import messages
from django.utils.translation import gettext as _

from shop.takedowns.models import RemovedBasketLine

PAGES = {"basket:summary", "fulfilment:checkout"}


class RemovedLinesMiddleware:
    """After Oscar's BasketMiddleware (``request.basket``) and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in PAGES:
            return None
        basket = getattr(request, "basket", None)
        if basket is None or basket.id is None:
            return None
        removed = list(RemovedBasketLine.objects.filter(basket_id=basket.id).order_by("pk"))
        for line in removed:
            messages.warning(
                request,
                _("“%(title)s” đã bị gỡ khỏi chợ vì vi phạm quy định và đã được bỏ khỏi giỏ hàng của bạn.")
                % {"title": line.title},
            )
        if removed:
            RemovedBasketLine.objects.filter(pk__in=[line.pk for line in removed]).delete()
        return None
