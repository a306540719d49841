"""The Celery task that brings the search index up to date. Without a broker (the embedded default) it runs eagerly,
in the process that committed the change."""

from celery import shared_task

from catalog.search import indexing


@shared_task(ignore_result=True)
def update_products(product_ids):
    """Reindex (or remove) these products; scheduled by catalog.search.signals after a transaction commits."""
    return indexing.update_products(product_ids)
