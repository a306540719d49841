"""Keeping the search index true: every change that alters what a product's search record says (the product, its
stock records, pictures and categories, its stall and cooperative, a category's name, an OCOP certificate) schedules
the product for reindexing once the transaction commits, through the Celery task. The products touched in one
transaction are sent in one task. A stall leaving the approved status has its products removed from search straight
away on commit, without waiting for a worker.

Changes made with ``QuerySet.update()`` send no signal (Oscar allocates stock that way): code that does so calls
``reindex_on_commit(product_ids)`` itself.

Connected by catalog/apps.py (CatalogueConfig.ready).
"""

import logging
import threading
from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from catalog.search import indexing, tasks
from ocop.models import OcopCertificate
from storefronts.models import Cooperative, Storefront

logger = logging.getLogger(__name__)

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


class Batch:
    """Product ids waiting for the current transaction to commit; sent once, however many callbacks it has."""

    def __init__(self):
        self.ids = set()
        self.sent = False

    def send(self):
        if self.sent:
            return
        self.sent = True
        tasks.update_products.delay(sorted(self.ids))


class Pending(threading.local):
    batch = None


pending = Pending()


def reindex_on_commit(product_ids):
    """Reindex these products after the current transaction commits (at once outside a transaction)."""
    ids = {pk for pk in product_ids if pk}
    if not ids:
        return
    if pending.batch is None or pending.batch.sent:
        pending.batch = Batch()
    pending.batch.ids |= ids
    # A callback per call: a rolled-back savepoint drops its own callbacks, not those registered after it.
    transaction.on_commit(pending.batch.send, robust=True)


def remove_stall_now(stall_slug):
    """Take a stall's products out of search once the change commits, unless the stall is open again by then: a
    transaction that creates a stall as a draft and approves it (the demo loader), or suspends and reinstates it,
    would otherwise remove what its reindexing, run earlier in the same commit, had just indexed."""
    if Storefront.objects.filter(slug=stall_slug, status=Storefront.Status.APPROVED).exists():
        return
    try:
        indexing.remove_stall(stall_slug)
    except Exception:  # the task scheduled beside this removes them too; never fail the stall change for search
        logger.exception("Could not remove the products of stall %s from search", stall_slug)


@receiver(post_save, sender=Product)
@receiver(post_delete, sender=Product)
def product_changed(sender, instance, **kwargs):
    reindex_on_commit([instance.pk, instance.parent_id])


@receiver(post_save, sender=StockRecord)
def stock_record_saved(sender, instance, created, **kwargs):
    """A stock record changes the product's search entry only through its price and whether any is left: a checkout
    allocating a few of many units leaves the entry alone (every order used to rewrite every product's entry)."""
    shown = getattr(instance, "shown_in_search", None)
    instance.shown_in_search = instance.searched_as()
    if created or shown is None or shown != instance.shown_in_search:
        reindex_on_commit([instance.product_id])


@receiver(post_delete, sender=StockRecord)
@receiver(post_save, sender=ProductImage)
@receiver(post_delete, sender=ProductImage)
@receiver(post_save, sender=ProductCategory)
@receiver(post_delete, sender=ProductCategory)
def product_part_changed(sender, instance, **kwargs):
    reindex_on_commit([instance.product_id])


@receiver(m2m_changed, sender=Product.categories.through)
def product_categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        if action.startswith("post_"):
            reindex_on_commit([instance.pk])
    elif action == "pre_clear":  # a category emptied: its products, read before they go
        reindex_on_commit(instance.product_set.values_list("pk", flat=True))
    elif action.startswith("post_"):
        reindex_on_commit(pk_set or [])


@receiver(post_save, sender=Storefront)
def storefront_changed(sender, instance, **kwargs):
    if instance.status != Storefront.Status.APPROVED:
        transaction.on_commit(partial(remove_stall_now, instance.slug), robust=True)
    reindex_on_commit(instance.products.values_list("pk", flat=True))


@receiver(post_save, sender=Cooperative)
def cooperative_changed(sender, instance, **kwargs):
    reindex_on_commit(Product.objects.filter(storefront__cooperative=instance).values_list("pk", flat=True))


@receiver(post_save, sender=Category)
def category_changed(sender, instance, **kwargs):
    filed = ProductCategory.objects.filter(category__path__startswith=instance.path)
    reindex_on_commit(filed.values_list("product_id", flat=True))


@receiver(post_save, sender=OcopCertificate)
def certificate_changed(sender, instance, **kwargs):
    reindex_on_commit(instance.products.values_list("pk", flat=True))


@receiver(m2m_changed, sender=OcopCertificate.products.through)
def certificate_products_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse:  # a product's certificates changed
        if action.startswith("post_"):
            reindex_on_commit([instance.pk])
    elif action == "pre_clear":  # a certificate emptied: its products, read before they go
        reindex_on_commit(instance.products.values_list("pk", flat=True))
    elif action.startswith("post_"):
        reindex_on_commit(pk_set or [])
