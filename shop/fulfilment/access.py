"""Who may see an order: its signed-in buyer, or the browser that placed it, looked it up, or opened its e-mail link.

Order numbers follow each other, so a number alone opens nothing. The links in our e-mails carry a key: an HMAC of
the order number under SECRET_KEY (Django's Signer, checked in constant time, with SECRET_KEY_FALLBACKS honoured), so
nobody can make one without the secret and a link keeps working as long as the e-mail is kept. A browser that brings
the right key, the right e-mail in the lookup form, or placed the order itself has the number remembered in its
session.
"""

from urllib.parse import urlencode

from django.core.signing import BadSignature, Signer
from django.urls import reverse

SESSION_KEY = "orders_seen"
LINK_KEY_PARAMETER = "key"
LINK_SALT = "shop.fulfilment.order-link"


def remember_order(request, order):
    numbers = request.session.get(SESSION_KEY, [])
    if str(order.number) not in numbers:
        request.session[SESSION_KEY] = [*numbers[-19:], str(order.number)]


def can_view(request, order):
    if order.user_id and request.user.is_authenticated and order.user_id == request.user.pk:
        return True
    return str(order.number) in request.session.get(SESSION_KEY, [])


def link_key(order):
    """The key an e-mailed link to this order carries."""
    return Signer(salt=LINK_SALT).signature(str(order.number))


def is_link_key(order, key):
    signer = Signer(salt=LINK_SALT)
    try:
        signer.unsign(f"{order.number}{signer.sep}{key}")
    except BadSignature:
        return False
    return True


def order_link(order):
    """The order page's path with its key, for e-mails (in the active language)."""
    path = reverse("fulfilment:order", kwargs={"number": order.number})
    return f"{path}?{urlencode({LINK_KEY_PARAMETER: link_key(order)})}"
