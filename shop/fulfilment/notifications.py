"""E-mails about orders, each in its reader's language: the buyer's (chosen at checkout) or each stall owner's."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from shop.fulfilment.access import order_link
from shop.tasks import send_email_on_commit
from storefronts.models import Membership


def send(template, context, language, recipients):
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_to_string(f"fulfilment/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"fulfilment/email/{template}_body.txt", context)
    send_email_on_commit(subject, body, recipients)


def buyer_of(order):
    contact = order.buyer_contact
    return contact.language, [contact.email]


def order_url(order, language):
    """The buyer's link to their order: with its key, so it opens in any browser (and only with it)."""
    with translation.override(language):
        return settings.SITE_URL + order_link(order)


def order_placed(order):
    language, recipients = buyer_of(order)
    stall_orders = order.stall_orders.select_related("storefront")
    context = {"order": order, "stall_orders": stall_orders, "order_url": order_url(order, language)}
    send("order_placed", context, language, recipients)


def stalls_have_new_order(order):
    for stall_order in order.stall_orders.select_related("storefront__cooperative"):
        owners = Membership.objects.filter(
            cooperative=stall_order.storefront.cooperative, role=Membership.Role.OWNER
        ).select_related("user")
        for owner in owners:
            with translation.override(owner.language):
                url = settings.SITE_URL + reverse("fulfilment-seller:detail", kwargs={"pk": stall_order.pk})
            context = {"stall_order": stall_order, "order": order, "lines": stall_order.lines(), "url": url}
            send("stall_new_order", context, owner.language, [owner.user.email])


def stall_order_changed(stall_order):
    order = stall_order.order
    language, recipients = buyer_of(order)
    context = {"stall_order": stall_order, "order": order, "order_url": order_url(order, language)}
    send("stall_order_changed", context, language, recipients)
