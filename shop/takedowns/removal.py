"""What taking a listing down (and restoring it) does to the market, in the one transaction of the decision:

- a product (and its variants) leaves sale: ``is_public`` off, so every list, its page (404), the stall page and the
  sitemap drop it; the stall cannot publish it again while the case is active (``publish_refusal``);
- a stall is suspended through the stall's own workflow (``storefronts.workflow.suspend_storefront``), which hides
  it and all its products the same way and e-mails its owners the suspension;
- lines of open baskets holding the listing are removed, and each basket remembers what went (``RemovedBasketLine``)
  to tell its buyer on their basket page (``basket_notices.py``);
- once the transaction commits the products leave search at once, without waiting for the Celery worker, and every
  page the anonymous page cache kept is stale (``shop.cache.invalidate_pages``).
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.search import indexing
from shop.cache import invalidate_pages
from shop.locking import for_update, lock_one
from shop.takedowns.models import RemovedBasketLine, Takedown
from storefronts import workflow as stall_workflow

logger = logging.getLogger(__name__)

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Product = get_model("catalogue", "Product")


def take_listing_down(takedown, actor, reason):
    if takedown.kind == Takedown.Kind.STALL:
        stall_workflow.suspend_storefront(takedown.storefront, actor, reason)
        stall = takedown.storefront
        product_ids = list(
            Product.objects.filter(Q(storefront=stall) | Q(parent__storefront=stall)).values_list("pk", flat=True)
        )
    else:
        product = for_update(Product).filter(pk=takedown.product_id).first()
        if product is None:  # deleted since it was reported: nothing left to hide
            return
        takedown.was_public = product.is_public
        takedown.save(update_fields=["was_public", "updated_at"])
        product_ids = set_on_sale(product, False)
    empty_baskets(takedown, product_ids)
    transaction.on_commit(partial(remove_from_search_now, product_ids), robust=True)
    transaction.on_commit(invalidate_pages, robust=True)


def restore_listing(takedown, actor):
    if takedown.kind == Takedown.Kind.STALL:
        stall_workflow.reinstate_storefront(takedown.storefront, actor)
    elif takedown.product_id is not None and takedown.was_public:
        set_on_sale(lock_one(Product, takedown.product_id), True)
    transaction.on_commit(invalidate_pages, robust=True)


def set_on_sale(product, public):
    """The product and its variants on or off sale (their saves reindex them once the change commits)."""
    family = [product, *product.children.all()]
    for each in family:
        each.is_public = public
        each.save()
    return [each.pk for each in family]


def empty_baskets(takedown, product_ids):
    """Remove the products' lines from every open basket, remembering for each basket what was removed."""
    lines = Line.objects.filter(basket__status=Basket.OPEN, product_id__in=product_ids).select_related("product")
    removed = [
        RemovedBasketLine(basket_id=line.basket_id, takedown=takedown, title=line.product.get_title()) for line in lines
    ]
    RemovedBasketLine.objects.bulk_create(removed)
    Line.objects.filter(pk__in=[line.pk for line in lines]).delete()
    return len(removed)


def remove_from_search_now(product_ids):
    """Take the products out of search straight away (the reindexing task scheduled beside this does it too)."""
    try:
        indexing.update_products(product_ids)
    except Exception:  # never fail a decision that has already committed because the search engine is down
        logger.exception("Could not remove taken-down products %s from search", product_ids)


def publish_refusal(product):
    """Why the stall may not put ``product`` back on sale, or None: a takedown case is active on it or its stall."""
    blocking = Takedown.objects.filter(status__in=Takedown.DOWN).filter(
        Q(kind=Takedown.Kind.PRODUCT, product_id=product.pk)
        | Q(kind=Takedown.Kind.STALL, storefront_id=product.storefront_id)
    )
    if blocking.exists():
        return _(
            "Sản phẩm đã bị cán bộ Liên minh HTX gỡ xuống: hãy sửa theo lý do đã nêu và gửi yêu cầu xem xét lại ở "
            "trang “Sản phẩm bị gỡ”."
        )
    return None
