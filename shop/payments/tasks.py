from celery import shared_task

from shop.payments.reconciliation import reconcile


@shared_task
def reconcile_payments():
    report = reconcile()
    return {"paid": report.marked_paid, "refunded": report.refunded, "cancelled": report.cancelled}
