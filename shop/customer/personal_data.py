"""What the marketplace holds about one person, for "download my data" (Law 91/2025/QH15: the right of access).

``personal_data(user)`` gathers it as plain values: the account and its consents, the address book, the orders
(placed signed in, or as a guest with the account's confirmed address), the product reviews and the cooperatives the
person acts for. ``as_json`` and ``csv_rows`` write the same record, the CSV one line per value (section, field, value) so
that nested things (an order's lines) fit in one sheet; it goes out through shop/spreadsheet_export.py.
"""

import json

from django.db.models import Q
from oscar.core.loading import get_model

from shop.customer.models import PrivacyConsent
from storefronts.models import Membership

Order = get_model("order", "Order")
ProductReview = get_model("reviews", "ProductReview")
UserAddress = get_model("address", "UserAddress")

ADDRESS_FIELDS = ["first_name", "last_name", "line1", "line2", "line3", "line4", "state", "postcode"]


def orders_of(user):
    """The person's orders: placed while signed in, or as a guest with the address their account confirmed."""
    mine = Q(user=user)
    if user.email:
        mine |= Q(user__isnull=True, guest_email__iexact=user.email)
    return Order.objects.filter(mine)


def when(moment):
    return moment.isoformat() if moment else ""


def address_record(address):
    if address is None:
        return None
    record = {field: getattr(address, field) for field in ADDRESS_FIELDS}
    record["country"] = address.country.printable_name if address.country_id else ""
    record["phone_number"] = str(address.phone_number or "")
    record["notes"] = getattr(address, "notes", "")
    return record


def contact_record(order):
    contact = getattr(order, "buyer_contact", None)  # a missing reverse one-to-one raises an AttributeError
    return {"email": contact.email, "phone": contact.phone, "note": contact.note} if contact else None


def order_record(order):
    return {
        "number": order.number,
        "placed_at": when(order.date_placed),
        "status": order.status,
        "currency": order.currency,
        "total": str(order.total_incl_tax),
        "shipping_charge": str(order.shipping_incl_tax),
        "email": order.guest_email or (order.user.email if order.user_id else ""),
        "contact": contact_record(order),
        "shipping_address": address_record(order.shipping_address),
        "billing_address": address_record(order.billing_address),
        "lines": [
            {"product": line.title, "quantity": line.quantity, "price": str(line.line_price_incl_tax)}
            for line in order.lines.all()
        ],
    }


def personal_data(user):
    """Everything the site holds about ``user``, as JSON-ready values."""
    orders = (
        orders_of(user)
        .select_related("shipping_address__country", "billing_address__country", "user", "buyer_contact")
        .prefetch_related("lines")
        .order_by("date_placed", "pk")
    )
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
        },
        "privacy_consents": [
            {"policy_version": consent.policy_version, "language": consent.language, "at": when(consent.consented_at)}
            for consent in PrivacyConsent.objects.filter(user=user).order_by("consented_at", "pk")
        ],
        "addresses": [
            address_record(address)
            for address in UserAddress.objects.filter(user=user).select_related("country").order_by("pk")
        ],
        "orders": [order_record(order) for order in orders],
        "reviews": [
            {
                "product": review.product.get_title() if review.product_id else "",
                "score": review.score,
                "title": review.title,
                "body": review.body,
                "written_at": when(review.date_created),
            }
            for review in ProductReview.objects.filter(user=user).select_related("product").order_by("pk")
        ],
        "cooperatives": [
            {"cooperative": membership.cooperative.name, "role": membership.role, "since": when(membership.created_at)}
            for membership in Membership.objects.filter(user=user).select_related("cooperative").order_by("pk")
        ],
    }


def as_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2)


def flattened(value, path=""):
    """(path, value) for every plain value inside ``value``: "[2].lines[1].product" for a list's entries."""
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from flattened(inner, f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for number, inner in enumerate(value, start=1):
            yield from flattened(inner, f"{path}[{number}]")
    else:
        yield path, "" if value is None else value


def csv_rows(data):
    """One row per value: (section, field, value), e.g. ("orders", "[1].lines[2].product", "Mật ong rừng")."""
    for section, content in data.items():
        for path, value in flattened(content):
            yield section, path, value
