"""Oscar's analytics counters (views, basket additions, purchases of each product; each signed-in user's), kept as
Oscar keeps them, except for how a counter's first record is made.

Oscar creates it after an UPDATE finds none, and when another request has just created it the insert fails on the
unique key. Inside the request's transaction (ATOMIC_REQUESTS) that failure breaks the transaction, so the shoppers
who open a new product at the same moment as another got a server error instead of its page (PostgreSQL;
tests/shop/test_analytics_race.py). Here the insert runs in a savepoint, and losing the race counts on the winner's
record.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.dispatch import receiver
from oscar.apps.basket.signals import basket_addition
from oscar.apps.catalogue.signals import product_viewed
from oscar.apps.order.signals import order_placed
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_model

ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
UserRecord = get_model("analytics", "UserRecord")
UserSearch = get_model("analytics", "UserSearch")


def add_to(model, key, increments, values=None):
    """Adds ``increments`` ({field: amount}) to the record of ``key`` ({field: value}) and sets ``values``, making the
    record if there is none yet."""
    values = values or {}
    records = model.objects.filter(**key)
    changes = {field: F(field) + amount for field, amount in increments.items()} | values
    if records.update(**changes):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **increments, **values)
    except IntegrityError:  # another request made it first: count on it
        records.update(**changes)


@receiver(product_viewed)
def count_product_view(sender, product, user, **kwargs):
    if kwargs.get("raw", False):
        return
    add_to(ProductRecord, {"product": product}, {"num_views": 1})
    if user and user.is_authenticated:
        add_to(UserRecord, {"user": user}, {"num_product_views": 1})
        UserProductView.objects.create(product=product, user=user)


@receiver(user_search)
def keep_user_search(sender, query, user, **kwargs):
    if user and user.is_authenticated and not kwargs.get("raw", False):
        UserSearch._default_manager.create(user=user, query=query)


@receiver(basket_addition)
def count_basket_addition(sender, product, user, **kwargs):
    if kwargs.get("raw", False):
        return
    add_to(ProductRecord, {"product": product}, {"num_basket_additions": 1})
    if user and user.is_authenticated:
        add_to(UserRecord, {"user": user}, {"num_basket_additions": 1})


@receiver(order_placed)
def count_order(sender, order, user, **kwargs):
    if kwargs.get("raw", False):
        return
    for line in order.lines.all():
        add_to(ProductRecord, {"product_id": line.product_id}, {"num_purchases": line.quantity})
    if user and user.is_authenticated:
        add_to(
            UserRecord,
            {"user": user},
            {
                "num_orders": 1,
                "num_order_lines": order.num_lines,
                "num_order_items": order.num_items,
                "total_spent": order.total_incl_tax,
            },
            {"date_last_order": order.date_placed},
        )
