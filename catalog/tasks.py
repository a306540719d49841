from celery import shared_task

from catalog.spreadsheet_import import run_import


@shared_task
def run_product_import(import_id):
    """Check and import a pending spreadsheet of products (see catalog/spreadsheet_import/); returns its status."""
    product_import = run_import(import_id)
    return product_import.status if product_import else None
