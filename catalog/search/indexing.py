"""Putting products into the search index and taking them out: the only functions that write to a backend."""

from django.utils import timezone
from oscar.core.loading import get_model

from catalog.search.backends import get_backend
from catalog.search.records import build_records, count_records


def with_parents(product_ids):
    """The ids and, for variants among them, their parent's (a variant's price and stock show on its parent)."""
    Product = get_model("catalogue", "Product")
    ids = {int(pk) for pk in product_ids if pk}
    parents = Product.objects.filter(pk__in=ids, parent__isnull=False).values_list("parent_id", flat=True)
    return ids | set(parents)


def update_products(product_ids):
    """Index these products as they are now: browsable ones (re)indexed, every other one (hidden, deleted, of a
    stall that is not approved) removed."""
    ids = with_parents(product_ids)
    if not ids:
        return 0
    backend = get_backend()
    records = list(build_records(ids))
    if records:
        backend.index(records)
    gone = ids - {record["id"] for record in records}
    if gone:
        backend.delete(gone)
    return len(records)


def remove_stall(stall_slug):
    """Take every product of a stall out of search at once (a suspended or closed stall)."""
    get_backend().delete_stall(stall_slug)


def rebuild(progress=None, batch_size=500):
    """Every browsable product into a new index, then swapped in. Products changed while it ran are indexed again
    afterwards, since their updates went to the index being replaced. ``progress(done, expected)`` is called as
    records go in. Returns (indexed, expected)."""
    Product = get_model("catalogue", "Product")
    started = timezone.now()
    expected = count_records()
    report = (lambda done: progress(done, expected)) if progress else None
    indexed = get_backend().rebuild(build_records(batch_size=batch_size), progress=report)
    changed = list(Product.objects.filter(date_updated__gte=started).values_list("pk", flat=True))
    if changed:
        update_products(changed)
    return indexed, expected
